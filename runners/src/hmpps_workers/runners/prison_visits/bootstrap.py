"""The prison-visits composition root: one `bootstrap` that builds, owns and closes.

Nothing is built at import time and nothing reaches the network while wiring; tests,
the demo and library users pass keyword overrides for whatever they replace (a fake
store, a fixed clock, another engine). `close` releases only what bootstrap built.
S3 and the outside services are built on first use, so a command that never touches
them needs none of their variables.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.archive import SqlClaimArchive
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.startup import (
    DatabaseStartupError,
    check_connection,
    describe,
)
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import Clock, SystemClock
from hmpps_workers.core.prison_visits.documents.ports import FileStore
from hmpps_workers.core.tasks import HandlerRegistry, TaskStore, TaskWorker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig
from hmpps_workers.runners.prison_visits.hooks import Checkpoint, CheckpointFiles
from hmpps_workers.runners.prison_visits.integrations import DeferredFileStore
from hmpps_workers.runners.prison_visits.integrations_config import S3Config
from hmpps_workers.runners.process import worker_id
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings
from hmpps_workers.runners.telemetry.setup import Disabled, Runtime
from hmpps_workers.runners.telemetry.wiring import traced_worker

if TYPE_CHECKING:
    from hmpps_workers.runners.prison_visits.integrations import Integrations


@attrs.define(kw_only=True)
class Services:
    """What the prison-visits commands use, built once per process."""

    config: WorkerConfig
    engine: sa.Engine
    clock: Clock
    task_store: TaskStore
    checkpoint: Checkpoint
    environ: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    telemetry: Runtime = attrs.field(factory=Disabled)
    integrations: Integrations | None = None
    archive_engine: sa.Engine | None = None
    _files: FileStore | None = attrs.field(default=None, alias="files")
    _owned: list[Callable[[], None]] = attrs.field(factory=list, alias="owned")

    @property
    def files(self) -> FileStore:
        """The documents bucket (read from `AWS_S3_*` on first use), checkpointed."""
        if self._files is None:
            store = DeferredFileStore(S3Config.from_env(self.environ))
            self._files = CheckpointFiles(store, self.checkpoint)
        return self._files

    def archive(self) -> SqlClaimArchive | None:
        """The archive database, when one is configured."""
        if self.archive_engine is None:
            return None
        return SqlClaimArchive(self.engine, self.archive_engine)

    def close(self) -> None:
        """Release what bootstrap built (connection pools), newest first."""
        while self._owned:
            self._owned.pop()()


def bootstrap(
    config: WorkerConfig | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    engine: sa.Engine | None = None,
    clock: Clock | None = None,
    task_store: TaskStore | None = None,
    integrations: Integrations | None = None,
    files: FileStore | None = None,
    archive_engine: sa.Engine | None = None,
    checkpoint: Checkpoint | None = None,
    telemetry: Runtime | None = None,
) -> Services:
    """Build the services; any keyword replaces the one built from configuration.

    Telemetry to Application Insights starts first when configured (and is flushed
    last by `close`), so the SQL and HTTP instrumentations see every engine and client.
    """
    environ = dict(os.environ if environ is None else environ)
    config = config or WorkerConfig.from_env(environ)
    owned: list[Callable[[], None]] = []
    if telemetry is None:
        telemetry = setup.start(telemetry_settings(environ, Service.PRISON_VISITS))
        owned.append(telemetry.shutdown)
    if engine is None:
        engine = open_engine(config.database)
        owned.append(engine.dispose)
    if config.database.embedded:
        create_schema(engine)  # also adds tables a newer release brought
    if archive_engine is None and config.archive_url is not None:
        archive_engine = create_database_engine(
            config.archive_url.value, schemas=config.archive_schemas
        )
        owned.append(archive_engine.dispose)
    checkpoint = checkpoint or _no_checkpoint
    return Services(
        config=config,
        engine=engine,
        clock=clock or SystemClock(),
        task_store=task_store or SqlTaskStore(engine),
        checkpoint=checkpoint,
        environ=environ,
        telemetry=telemetry,
        integrations=integrations,
        archive_engine=archive_engine,
        files=None if files is None else CheckpointFiles(files, checkpoint),
        owned=owned,
    )


def open_engine(database: DatabaseConfig) -> sa.Engine:
    """The engine with the configured timeouts; a driver failing to load is one line."""
    try:
        return create_database_engine(
            database.sqlalchemy_url(),
            login_timeout=database.login_timeout,
            query_timeout=database.query_timeout,
            sqlite_synchronous=database.sqlite_synchronous,
        )
    except ImportError as error:
        raise DatabaseStartupError(describe(error, database.target())) from None


def check_database(services: Services) -> None:
    """Connect once before any work: exit with one line if the database is unusable."""
    check_connection(services.engine, services.config.database.target())


RegistryFactory = Callable[[Services], HandlerRegistry]


def _no_checkpoint(point: str) -> None:
    """No test hook: every point passes."""
    del point


def build_worker(
    services: Services, registry: HandlerRegistry, *, batch_size: int | None = None
) -> TaskWorker:
    """A task worker wired to the services."""
    config = services.config
    worker = TaskWorker(
        store=services.task_store,
        registry=registry,
        clock=services.clock,
        owner=worker_id(),
        batch_size=batch_size or config.batch_size,
        lease=config.lease,
        retry_policy=config.retry_policy,
    )
    return traced_worker(worker, services.telemetry)
