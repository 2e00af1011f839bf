"""The composition root: builds every service from configuration, with overrides.

Nothing is built at import time; tests and library users pass keyword overrides for
whatever they want to replace (a fake store, a fixed clock, another engine).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema, schema_exists
from hmpps_workers.adapters.sql.startup import (
    DatabaseStartupError,
    check_connection,
    describe,
)
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import Clock, SystemClock
from hmpps_workers.core.tasks import HandlerRegistry, TaskStore, TaskWorker
from hmpps_workers.runners.config import DatabaseConfig, WorkerConfig

if TYPE_CHECKING:
    from hmpps_workers.runners.integrations import Integrations


def worker_id() -> str:
    """Name this process in leases: host (pod) name and pid."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


@attrs.define(kw_only=True)
class Services:
    """What the runners use, built once per process."""

    config: WorkerConfig
    engine: sa.Engine
    clock: Clock
    task_store: TaskStore
    environ: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    integrations: Integrations | None = None

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()


def bootstrap(
    config: WorkerConfig | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    engine: sa.Engine | None = None,
    clock: Clock | None = None,
    task_store: TaskStore | None = None,
    integrations: Integrations | None = None,
) -> Services:
    """Build the services; any keyword replaces the one built from configuration.

    The outside services (`integrations`) are built from `environ` when a registry
    first needs them, so operator commands run without their settings.
    """
    environ = dict(os.environ if environ is None else environ)
    config = config or WorkerConfig.from_env(environ)
    engine = engine or open_engine(config.database)
    if config.database.embedded and not schema_exists(engine):
        create_schema(engine)
    return Services(
        config=config,
        engine=engine,
        clock=clock or SystemClock(),
        task_store=task_store or SqlTaskStore(engine),
        environ=environ,
        integrations=integrations,
    )


def open_engine(database: DatabaseConfig) -> sa.Engine:
    """The engine with the configured timeouts; a driver failing to load is one line."""
    try:
        return create_database_engine(
            database.sqlalchemy_url(),
            login_timeout=database.login_timeout,
            query_timeout=database.query_timeout,
        )
    except ImportError as error:
        raise DatabaseStartupError(describe(error, database.target())) from None


def check_database(services: Services) -> None:
    """Connect once before any work: exit with one line if the database is unusable."""
    check_connection(services.engine, services.config.database.target())


RegistryFactory = Callable[[Services], HandlerRegistry]


def build_worker(
    services: Services, registry: HandlerRegistry, *, batch_size: int | None = None
) -> TaskWorker:
    """A task worker wired to the services."""
    config = services.config
    return TaskWorker(
        store=services.task_store,
        registry=registry,
        clock=services.clock,
        owner=worker_id(),
        batch_size=batch_size or config.batch_size,
        lease=config.lease,
        retry_policy=config.retry_policy,
    )
