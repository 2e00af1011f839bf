"""Tasks as the existing ExtSchema.Task and IntSchema.Task rows describe them."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from hmpps_workers.core.clock import require_aware

MAX_REASON_LENGTH = 1000


class Schema(enum.StrEnum):
    """The two task queues, in the order a run drains them."""

    EXT = "ExtSchema"
    INT = "IntSchema"


class TaskStatus(enum.StrEnum):
    """The statuses the worker reads and writes; others are left alone."""

    PENDING = "PENDING"
    IN_PROGRESS = "IN-PROGRESS"
    COMPLETE = "COMPLETE"
    FAILED = "FAILED"


def _check_aware(name: str, value: object) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime")
    require_aware(value)


def _aware_or_none(
    _: object, attribute: attrs.Attribute[datetime | None], value: datetime | None
) -> None:
    if value is not None:
        _check_aware(attribute.name, value)


def _aware(_: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    _check_aware(attribute.name, value)


@attrs.frozen(kw_only=True)
class NewTask:
    """A task to enqueue; the store assigns the id, creation time and PENDING status."""

    task: str = attrs.field(validator=attrs.validators.min_len(1))
    reference: str | None = None
    eligibility_id: int | None = None
    claim_id: int | None = None
    additional_data: str | None = None
    schema: Schema = Schema.INT
    not_before: datetime | None = attrs.field(default=None, validator=_aware_or_none)


@attrs.frozen(kw_only=True)
class Task:
    """A claimed (or listed) task row, with the retry columns this project adds."""

    task_id: int
    schema: Schema
    task: str
    reference: str | None = None
    eligibility_id: int | None = None
    claim_id: int | None = None
    additional_data: str | None = None
    status: TaskStatus | str = TaskStatus.PENDING
    date_created: datetime = attrs.field(validator=_aware)
    date_processed: datetime | None = attrs.field(
        default=None, validator=_aware_or_none
    )
    attempts: int = 0
    next_attempt: datetime | None = attrs.field(default=None, validator=_aware_or_none)
    lease_expires: datetime | None = attrs.field(default=None, validator=_aware_or_none)
    lease_owner: str | None = None
    last_error: str | None = None
    unreadable: str | None = None
    """Why the row could not be read whole (a column that did not decode): the
    engine fails the task with this reason instead of running it."""

    @property
    def key(self) -> tuple[Schema, int]:
        """Identify the task across both schemas (ids repeat between them)."""
        return (self.schema, self.task_id)

    def describe(self) -> str:
        """Name the task for logs: schema, id and type, never its payload."""
        return f"{self.schema}.Task {self.task_id} ({self.task})"


class Completed(enum.Enum):
    """A handler's answer when its own transaction already marked the task COMPLETE.

    A handler whose work is database writes completes its task in the same
    transaction (guarded by status and lease owner), so committed work never leaves an
    uncompleted task behind; it returns `IN_TRANSACTION` so the engine writes nothing.
    """

    IN_TRANSACTION = "in-transaction"


@attrs.frozen(kw_only=True)
class Failure:
    """A claimed task to be marked FAILED with a reason."""

    task: Task
    reason: str


@attrs.frozen(kw_only=True)
class Retry:
    """A claimed task to be put back to PENDING until `not_before`."""

    task: Task
    not_before: datetime = attrs.field(validator=_aware)
    reason: str


@attrs.frozen(kw_only=True)
class Outcomes:
    """What a batch came to, recorded together: one guarded write per kind."""

    completed: tuple[Task, ...] = ()
    failed: tuple[Failure, ...] = ()
    retried: tuple[Retry, ...] = ()

    def __bool__(self) -> bool:
        """True when there is anything to record."""
        return bool(self.completed or self.failed or self.retried)

    def tasks(self) -> list[Task]:
        """Every task named, completed first."""
        return [
            *self.completed,
            *(f.task for f in self.failed),
            *(r.task for r in self.retried),
        ]


@attrs.frozen(kw_only=True)
class TaskFilter:
    """What an operator asks to see or retry."""

    schema: Schema | None = None
    statuses: tuple[str, ...] = ()
    task_types: tuple[str, ...] = ()
    task_ids: tuple[int, ...] = ()
    older_than: timedelta | None = None
    limit: int = attrs.field(default=100, validator=attrs.validators.ge(1))


def clip_reason(reason: str) -> str:
    """Fit a failure reason into the LastError column."""
    reason = " ".join(reason.split())
    if len(reason) <= MAX_REASON_LENGTH:
        return reason
    return reason[: MAX_REASON_LENGTH - 1] + "…"
