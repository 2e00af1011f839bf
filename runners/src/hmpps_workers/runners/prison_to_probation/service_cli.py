"""`hmpps-workers p2p serve | run-job | bootstrap-aws | parked`: the service on AWS.

`serve` runs the listeners, scheduler, retry tiers and HTTP endpoints until SIGTERM;
`run-job` runs one scheduled job once (a CronJob's entry point); `bootstrap-aws`
creates the queues, topic and tables on whatever endpoint the AWS variables name and
backfills the index keys on the original's items, printing its progress; `parked`
lists the parking queue or moves it back to the queue (logged with who asked).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hmpps_workers.runners.prison_to_probation.service import JOBS

if TYPE_CHECKING:
    from hmpps_workers.adapters.aws.p2p_backfill import BackfillProgress
    from hmpps_workers.runners.prison_to_probation.config import (
        AwsBootstrapConfig,
        P2pConfig,
    )

# Each action imports what it uses when it runs: FastAPI and uvicorn only for
# `serve`, boto3 and the service's wiring only for the actions that reach AWS, so
# the parser every command builds costs none of them (docs/development.md).

ACTIONS = ("serve", "run-job", "bootstrap-aws", "parked")
EXIT_OK, EXIT_FAILURES = 0, 1


def add_actions(actions: Any) -> None:  # noqa: ANN401 - argparse's private type
    """Add the service actions to the `p2p` group."""
    actions.add_parser(
        "serve", help="run the service: SQS listener, scheduler, retries, HTTP"
    )
    job = actions.add_parser("run-job", help="run one scheduled job once (CronJob)")
    job.add_argument("job", choices=JOBS)
    boot = actions.add_parser(
        "bootstrap-aws", help="create the queues, topic and tables (idempotent)"
    )
    boot.add_argument(
        "--no-indexes", action="store_true", help="the original's table, no indexes"
    )
    parked = actions.add_parser("parked", help="list parked messages or move them back")
    parked.add_argument("parked_action", choices=("list", "retry"))
    parked.add_argument("--max", type=int, default=100, help="list at most this many")
    parked.add_argument(
        "--by", default=os.environ.get("USER", "cli"), help="who asks (for the log)"
    )


def handles(args: argparse.Namespace) -> bool:
    """True for the actions this module runs."""
    return getattr(args, "p2p_command", None) in ACTIONS


def _serve(config: P2pConfig, env: Mapping[str, str]) -> int:
    from hmpps_workers.runners.heap import freeze_startup_heap  # noqa: PLC0415
    from hmpps_workers.runners.prison_to_probation.bootstrap import (  # noqa: PLC0415
        bootstrap,
    )
    from hmpps_workers.runners.prison_to_probation.http_api.app import (  # noqa: PLC0415
        build_app,
    )
    from hmpps_workers.runners.prison_to_probation.http_api.server import (  # noqa: PLC0415
        serve,
    )
    from hmpps_workers.runners.prison_to_probation.http_api.settings import (  # noqa: PLC0415
        HttpSettings,
    )
    from hmpps_workers.runners.prison_to_probation.service import (  # noqa: PLC0415
        Service,
    )
    from hmpps_workers.runners.process import on_stop  # noqa: PLC0415

    settings = HttpSettings.from_env(env, oauth_url=config.oauth_url, port=config.port)
    services = bootstrap(config, wait_seconds=config.sqs_wait_seconds)
    freeze_startup_heap()
    # uvicorn takes SIGTERM itself while serving and raises it again once stopped;
    # this handler then only logs it, so the process ends normally (exit status 0)
    on_stop(lambda: None)
    try:
        serve(
            build_app(services, settings=settings, service=Service(services)), settings
        )
    finally:
        services.close()
    return EXIT_OK


def run(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Run one of the service actions, each reading only the variables it needs."""
    from hmpps_workers.runners.prison_to_probation.bootstrap import (  # noqa: PLC0415
        bootstrap,
    )
    from hmpps_workers.runners.prison_to_probation.config import (  # noqa: PLC0415
        AwsBootstrapConfig,
        P2pConfig,
    )
    from hmpps_workers.runners.prison_to_probation.service import (  # noqa: PLC0415
        run_job,
    )

    if args.p2p_command == "bootstrap-aws":
        config = AwsBootstrapConfig.from_env(env)
        return _bootstrap(config, indexes=not args.no_indexes)
    service_config = P2pConfig.from_env(env)
    if args.p2p_command == "parked":
        return _parked(service_config, args)
    if args.p2p_command == "serve":
        return _serve(service_config, env)
    services = bootstrap(service_config, wait_seconds=0)
    try:
        reports = run_job(services, args.job)
    finally:
        services.close()
    for report in reports:
        print(report)
    return EXIT_OK


def _bootstrap(config: AwsBootstrapConfig, *, indexes: bool) -> int:
    from hmpps_workers.runners.prison_to_probation.bootstrap import (  # noqa: PLC0415
        bootstrap_aws,
    )

    started = time.monotonic()

    def progress(done: BackfillProgress) -> None:
        print(f"backfill: {done.scanned} items read, {done.marked} marked", flush=True)

    topic, done = bootstrap_aws(config, indexes=indexes, on_page=progress)
    seconds = max(time.monotonic() - started, 1e-9)
    print(f"resources ready; topic {topic}")
    if indexes:
        print(
            f"backfill done: {done.scanned} read, {done.marked} marked in"
            f" {seconds:.1f} s ({done.scanned / seconds:.0f} items/s);"
            f" capacity {done.read_units:.1f} RCU, {done.write_units:.1f} WCU"
        )
    return EXIT_OK


def _parked(config: P2pConfig, args: argparse.Namespace) -> int:
    from hmpps_workers.runners.prison_to_probation.bootstrap import (  # noqa: PLC0415
        bootstrap,
    )

    services = bootstrap(config, wait_seconds=0)
    try:
        if args.parked_action == "list":
            print(json.dumps(services.queue_admin.list_parked(args.max), indent=2))
        else:
            moved = services.queue_admin.retry_parked(by=args.by)
            print(f"{moved} parked messages moved back to {config.aws.queue}")
    finally:
        services.close()
    return EXIT_OK
