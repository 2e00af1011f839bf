"""`hmpps-workers fakes`: run every fake outside service until stopped.

Prints `export` lines for a shell (or `--env-file` writes them), so a developer or the
demo can run the whole worker with no outside service at all.
"""

from __future__ import annotations

import argparse
import shlex
import threading
from pathlib import Path
from typing import Any

from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.runners.process import on_stop


def add_parser(commands: Any) -> None:  # noqa: ANN401 - argparse's private type
    """Add the `fakes` subcommand."""
    parser = commands.add_parser(
        "fakes",
        help="run fake Notify, DWP, distance, Zendesk and S3 servers on loopback",
        description="Start every fake outside service on free loopback ports, print"
        " the environment that points the worker at them, and serve until SIGTERM.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind")
    parser.add_argument("--env-file", type=Path, help="also write the variables here")


def run(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or Ctrl-C."""
    stop = threading.Event()
    on_stop(stop.set)
    with FakeServices(host=args.host) as fakes:
        lines = [f"export {k}={shlex.quote(v)}" for k, v in fakes.environment().items()]
        if args.env_file:
            args.env_file.write_text("\n".join(lines) + "\n")
        if not fakes.s3_url:
            lines.append("# S3: moto is not installed, so no fake S3")
        print("\n".join(lines))
        print("# fakes ready; stop with Ctrl-C", flush=True)
        stop.wait()
    return 0
