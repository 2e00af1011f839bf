"""procrastinate with no-op tasks on the same PostgreSQL, for comparison."""

from __future__ import annotations

import logging

import procrastinate  # imported before the harness's starting gun, as ours.py does
import sqlalchemy as sa


def _conninfo(url: str) -> str:
    parsed = sa.make_url(url)
    return f"host={parsed.host} port={parsed.port or 5432} user={parsed.username} dbname={parsed.database}"


def _app(url: str):  # noqa: ANN202 - procrastinate is a bench-only dependency
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=_conninfo(url))
    )

    @app.task(name="noop")
    def noop() -> None:
        return None

    return app


def seed(url: str, count: int) -> None:
    """Apply procrastinate's schema and defer `count` no-op jobs."""
    app = _app(url)
    with app.open():
        app.schema_manager.apply_schema()
        task = app.tasks["noop"]
        for start in range(0, count, 1000):
            task.batch_defer(*[{}] * min(1000, count - start))


def run(url: str, batch_size: int) -> int:
    """One procrastinate worker process until its queue is empty."""
    del batch_size  # procrastinate fetches one job at a time
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    app = _app(url)
    with app.open():
        app.run_worker(
            wait=False,
            concurrency=1,
            install_signal_handlers=False,
            listen_notify=False,
            delete_jobs="never",
        )
    return 0


def succeeded(url: str) -> int:
    """How many jobs have succeeded."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        count = connection.exec_driver_sql(
            "SELECT count(*) FROM procrastinate_jobs WHERE status = 'succeeded'"
        ).scalar_one()
    engine.dispose()
    return int(count)
