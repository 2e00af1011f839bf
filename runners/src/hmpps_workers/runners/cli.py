"""The `hmpps-workers` command: runners for the CronJobs and tools for operators.

The one place the process's environment is taken: the logging variables are read
and checked once here, then each service's commands read only their own settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata

from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.core.errors import ConfigurationError, WorkerError
from hmpps_workers.runners import logging as runner_logging
from hmpps_workers.runners.failures import aws_failure, unexpected_failure
from hmpps_workers.runners.prison_to_probation import cli as p2p_cli
from hmpps_workers.runners.prison_to_probation import service_cli as p2p_service
from hmpps_workers.runners.prison_visits import EMBEDDED
from hmpps_workers.runners.prison_visits import cli as visits_cli

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


def installed_version() -> str:
    """The installed hmpps-workers-runners version (core and adapters are the same)."""
    try:
        return metadata.version("hmpps-workers-runners")
    except metadata.PackageNotFoundError:  # running from a source tree, uninstalled
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with --help at every level."""
    parser = argparse.ArgumentParser(
        prog="hmpps-workers",
        description="Runners and operator tools for the HMPPS back-office workers.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {installed_version()}",
        help="print the released version (the three distributions move together)",
    )
    parser.add_argument(
        "--embedded",
        action="store_true",
        help=f"with no database configured, use the embedded SQLite database and"
        f" in-process fakes (the same as {EMBEDDED}=true)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    visits_cli.add_parsers(commands)
    demo = commands.add_parser(
        "demo", help="seed sample work in a fresh SQLite file and run the workers"
    )
    demo.add_argument(
        "--database",
        default="hmpps-workers-demo.db",
        help="SQLite file to (re)create (default hmpps-workers-demo.db)",
    )
    p2p_service.add_actions(p2p_cli.add_parser(commands))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, configure, run; map errors to exit codes with a clear message."""
    args = build_parser().parse_args(argv)
    env: Mapping[str, str] = os.environ
    if args.embedded:
        env = {**os.environ, EMBEDDED: "true"}
    try:
        return _dispatch(args, env)
    except ConfigurationError as error:
        print(f"hmpps-workers: configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except WorkerError as error:
        print(f"hmpps-workers: {error}", file=sys.stderr)
        return EXIT_FAILURES
    except (BotoCoreError, ClientError) as error:
        print(f"hmpps-workers: {aws_failure(error)}", file=sys.stderr)
        return EXIT_FAILURES
    except Exception as error:  # noqa: BLE001 - the last resort: one line, never a traceback
        print(f"hmpps-workers: {unexpected_failure(error)}", file=sys.stderr)
        return EXIT_FAILURES


def _dispatch(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Set up logging once, then hand over to the service the command belongs to."""
    if args.command == "demo":
        from hmpps_workers.runners.demo import run_demo  # noqa: PLC0415

        return run_demo(args.database)
    settings = runner_logging.LogSettings.from_env(env)
    runner_logging.configure(settings.level, settings.format)
    if args.command == "p2p":
        if p2p_service.handles(args):
            return p2p_service.run(args, env)
        return p2p_cli.run(args)
    return visits_cli.run(args, env)


if __name__ == "__main__":
    sys.exit(main())
