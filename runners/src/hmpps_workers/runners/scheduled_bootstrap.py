"""The scheduled runners' composition root: SQL stores, S3, ADI journal, overrides.

`bootstrap_scheduled` builds on `bootstrap` (database, clock) and adds what the daily,
auto-approval and payment runs need. S3 and the archive database are only reached
when a job uses them, so a job that cannot get them fails alone.

Two environment variables exist only for tests and are never set in a deployment:
`HMPPS_WORKERS_NOW` freezes the clock at an ISO 8601 instant with an offset, and
`HMPPS_WORKERS_KILL_AT` names a point at which the process SIGKILLs itself
(`batch-recorded`, `upload-1` to `upload-3`, `half-marked`), to prove recovery.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Mapping
from datetime import datetime

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.archive import SqlClaimArchive
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.documents.ports import FileStore
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.runners.bootstrap import Services, bootstrap
from hmpps_workers.runners.integrations import DeferredFileStore
from hmpps_workers.runners.integrations_config import S3Config
from hmpps_workers.runners.scheduled_config import ScheduledConfig

log = logging.getLogger(__name__)

ENV_NOW = "HMPPS_WORKERS_NOW"
ENV_KILL_AT = "HMPPS_WORKERS_KILL_AT"
Checkpoint = Callable[[str], None]


def clock_from_env(env: Mapping[str, str]) -> Clock | None:
    """A clock stopped at `HMPPS_WORKERS_NOW` if it is set, else None."""
    raw = env.get(ENV_NOW, "").strip()
    if not raw:
        return None
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        raise ConfigurationError(f"{ENV_NOW} must be an ISO 8601 instant") from None
    if instant.utcoffset() is None:
        raise ConfigurationError(f"{ENV_NOW} needs an offset, e.g. 2026-07-06T23:05Z")
    return FakeClock(instant)


def checkpoint_from_env(env: Mapping[str, str]) -> Checkpoint:
    """Kill this process at the point `HMPPS_WORKERS_KILL_AT` names (tests only)."""
    target = env.get(ENV_KILL_AT, "").strip()

    def checkpoint(point: str) -> None:
        if target and point == target:
            log.warning("test hook: killing the runner", extra={"point": point})
            os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


@attrs.define
class CheckpointFiles:
    """A file store that passes `upload-<n>` to the checkpoint after each upload."""

    inner: FileStore
    checkpoint: Checkpoint
    uploads: int = 0

    def upload(self, key: str, data: bytes) -> None:
        """Upload, then report the point."""
        self.inner.upload(key, data)
        self.uploads += 1
        self.checkpoint(f"upload-{self.uploads}")

    def download(self, key: str) -> bytes:
        """Delegate."""
        return self.inner.download(key)

    def delete(self, key: str) -> None:
        """Delegate."""
        self.inner.delete(key)

    def ping(self) -> None:
        """Delegate."""
        self.inner.ping()


def archive_url(env: Mapping[str, str], main: sa.URL) -> sa.URL | None:
    """`APVS_ARCHIVE_DATABASE_URL`, or `APVS_ARCHIVE_DATABASE` on the main server."""
    url = env.get("APVS_ARCHIVE_DATABASE_URL", "").strip()
    if url:
        try:
            return sa.make_url(url)
        except sa.exc.ArgumentError:
            raise ConfigurationError(
                "APVS_ARCHIVE_DATABASE_URL is not a database URL"
            ) from None
    name = env.get("APVS_ARCHIVE_DATABASE", "").strip()
    if name and main.get_backend_name() == "mssql":
        return main.set(database=name)
    return None


@attrs.define(kw_only=True)
class ScheduledServices:
    """What the scheduled runners use, built once per run."""

    services: Services
    config: ScheduledConfig
    files: FileStore
    checkpoint: Checkpoint
    archive: SqlClaimArchive | None = None
    archive_engine: sa.Engine | None = None

    @property
    def engine(self) -> sa.Engine:
        """The main database."""
        return self.services.engine

    @property
    def clock(self) -> Clock:
        """The clock (frozen by the test hook, else the system's)."""
        return self.services.clock

    def close(self) -> None:
        """Release the connection pools."""
        self.services.close()
        if self.archive_engine is not None:
            self.archive_engine.dispose()


def bootstrap_scheduled(
    *,
    environ: Mapping[str, str] | None = None,
    engine: sa.Engine | None = None,
    clock: Clock | None = None,
    files: FileStore | None = None,
    archive_engine: sa.Engine | None = None,
    checkpoint: Checkpoint | None = None,
) -> ScheduledServices:
    """Build the services; any keyword replaces the one built from configuration."""
    env = os.environ if environ is None else environ
    config = ScheduledConfig.from_env(env)
    services = bootstrap(environ=env, engine=engine, clock=clock or clock_from_env(env))
    if services.config.database.embedded:
        create_schema(services.engine)  # adds tables a newer release brought
    checkpoint = checkpoint or checkpoint_from_env(env)
    s3 = S3Config.from_env(env)
    store = files or DeferredFileStore(s3)
    if archive_engine is None:
        url = archive_url(env, services.engine.url)
        if url is not None:
            archive_engine = create_database_engine(url, schemas=(INT_SCHEMA,))
    archive = (
        None
        if archive_engine is None
        else SqlClaimArchive(services.engine, archive_engine)
    )
    return ScheduledServices(
        services=services,
        config=config,
        files=CheckpointFiles(store, checkpoint),
        checkpoint=checkpoint,
        archive=archive,
        archive_engine=archive_engine,
    )
