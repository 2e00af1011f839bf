"""Which handler runs which task type; handlers get their ports by construction."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Protocol, runtime_checkable

import attrs

from hmpps_workers.core.errors import UnknownTaskTypeError
from hmpps_workers.core.tasks.model import Completed, Task

log = logging.getLogger(__name__)


class Handler(Protocol):
    """Does the work of one task; raises RetryableError or PermanentError on failure.

    It returns `Completed.IN_TRANSACTION` when its own transaction marked the task
    COMPLETE (raising LeaseLostError, and writing nothing, if the lease was lost).
    """

    def __call__(self, task: Task) -> Completed | None:
        """Do the work of `task`."""
        ...


@runtime_checkable
class FailureFallback(Protocol):
    """A handler whose task must not end FAILED without leaving the claim moving.

    The engine calls `on_failure` once it has decided a task is FAILED (a permanent
    error, retries used up, an unexpected exception); the handler does what keeps the
    claim's journey going and returns the reason to record, saying what it did.
    """

    def on_failure(self, task: Task, reason: str) -> str:
        """Do the fallback for `task`; return the reason to record."""
        ...


def fallback(handler: Handler, task: Task, reason: str) -> str:
    """The reason to record, after the handler's failure fallback if it has one."""
    if not isinstance(handler, FailureFallback):
        return reason
    try:
        return handler.on_failure(task, reason)
    except Exception as error:
        log.exception("task failure fallback raised", extra={"task": task.describe()})
        return (
            f"{reason}; its fallback failed too ({type(error).__name__}):"
            " retry the task (hmpps-workers tasks retry)"
        )


def _copy(handlers: Mapping[str, Handler]) -> dict[str, Handler]:
    return dict(handlers)


@attrs.frozen
class HandlerRegistry(Mapping[str, Handler]):
    """An immutable map from task type (the Task column's exact string) to handler."""

    _handlers: Mapping[str, Handler] = attrs.field(factory=dict, converter=_copy)

    def with_handler(self, task_type: str, handler: Handler) -> HandlerRegistry:
        """Return a registry with one more handler; a type is registered only once."""
        if task_type in self._handlers:
            raise ValueError(f"a handler for {task_type!r} is already registered")
        return HandlerRegistry({**self._handlers, task_type: handler})

    def handler_for(self, task: Task) -> Handler:
        """Return the handler for `task`, or raise UnknownTaskTypeError."""
        try:
            return self._handlers[task.task]
        except KeyError:
            raise UnknownTaskTypeError(
                f"no handler is registered for task type {task.task[:100]!r}"
            ) from None

    def __getitem__(self, task_type: str) -> Handler:
        """Return the handler registered for `task_type`."""
        return self._handlers[task_type]

    def __iter__(self) -> Iterator[str]:
        """Iterate over the registered task types."""
        return iter(self._handlers)

    def __len__(self) -> int:
        """Count the registered task types."""
        return len(self._handlers)
