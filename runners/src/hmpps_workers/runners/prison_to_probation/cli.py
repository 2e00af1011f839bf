"""`hmpps-workers p2p`: the prison-to-probation demo and replays of SNS event files."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from hmpps_workers.core.prison_to_probation import (
    InterestedPrisons,
    PipelineSettings,
)
from hmpps_workers.core.testing import FakeClock

EXIT_OK, EXIT_FAILURES = 0, 1


def add_parser(commands: Any) -> Any:  # noqa: ANN401 - argparse's private type
    """Add the `p2p` command group; return its actions for other modules to extend."""
    p2p = commands.add_parser("p2p", help="prison to probation: demo and replays")
    actions = p2p.add_subparsers(dest="p2p_command", required=True, metavar="ACTION")
    demo = actions.add_parser("demo", help="a few bookings through the pipeline")
    demo.add_argument("--database", help="SQLite file (default: in memory)")
    again = actions.add_parser(
        "replay",
        help="replay a JSON-lines file of SNS envelopes (fake APIs)",
        description="Each line is one SQS body. Events are validated and stored, then"
        " processed as if the hold-back had passed, against the demo's fake APIs"
        " (the HTTP adapters for the real ones come with the AWS runner).",
    )
    again.add_argument("file", type=Path, help="JSON-lines file of SNS envelopes")
    again.add_argument("--database", help="SQLite file (default: in memory)")
    again.add_argument(
        "--only-prisons", default="", help="comma list of prison codes (default all)"
    )
    return actions


def run(args: argparse.Namespace) -> int:
    """Run the chosen `p2p` action."""
    from hmpps_workers.runners.prison_to_probation.demo import (  # noqa: PLC0415
        START,
        _rows,
        demo_world,
        run_p2p_demo,
    )
    from hmpps_workers.runners.prison_to_probation.embedded import (  # noqa: PLC0415 - SQLAlchemy only for these actions
        embedded_pipeline,
        replay,
        sqlite_engine,
    )
    from hmpps_workers.runners.tables import print_table  # noqa: PLC0415

    if args.p2p_command == "demo":
        return run_p2p_demo(args.database)
    world = demo_world()
    clock = FakeClock(START)
    engine = sqlite_engine(args.database)
    settings = PipelineSettings(prisons=InterestedPrisons.parse(args.only_prisons))
    pipeline = embedded_pipeline(
        engine,
        prison_api=world.prison_api,
        search=world.search,
        community_api=world.community_api,
        telemetry=world.telemetry,
        clock=clock,
        settings=settings,
    )
    try:
        received, rejected = replay(pipeline, args.file)
        clock.advance(settings.hold_back + timedelta(seconds=1))
        while pipeline.process_ready().processed:
            pass
        for refused in rejected:
            print(f"line {refused.line}: refused: {refused.reason}")
        for item in received:
            if item.reason:
                print(f"{item.event_type}: ignored: {item.reason}")
        messages = list(pipeline.store.find_all(now=clock.now()))
        header = ["booking", "event", "status", "retries", "CRNs", "state"]
        print_table(header, _rows(messages))
    finally:
        engine.dispose()
    return EXIT_FAILURES if rejected else EXIT_OK
