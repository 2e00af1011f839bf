"""The task engine: claim batches of Task rows, run them, complete, fail or retry."""

from hmpps_workers.core.tasks.engine import BatchOutcome, RunReport, TaskWorker
from hmpps_workers.core.tasks.model import (
    Completed,
    Failure,
    NewTask,
    Outcomes,
    Retry,
    Schema,
    Task,
    TaskFilter,
    TaskStatus,
)
from hmpps_workers.core.tasks.ports import TaskStore
from hmpps_workers.core.tasks.registry import Handler, HandlerRegistry
from hmpps_workers.core.tasks.retry import RetryPolicy

__all__ = [
    "BatchOutcome",
    "Completed",
    "Failure",
    "Handler",
    "HandlerRegistry",
    "NewTask",
    "Outcomes",
    "Retry",
    "RetryPolicy",
    "RunReport",
    "Schema",
    "Task",
    "TaskFilter",
    "TaskStatus",
    "TaskStore",
    "TaskWorker",
]
