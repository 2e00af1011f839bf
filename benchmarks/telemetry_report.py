"""Telemetry's cost as rows: rates off and on, two ratios, the verdict, the JSON.

Each round runs every mode once, in rotating order, each in a fresh process, so a
round's "off" and "on" ran seconds apart on the same machine. A row gives two
figures: the ratio of the medians (on's median rate over off's) and the median of
the rounds' own ratios (each round's "on" over the same round's "off") with their
spread. The rounds' ratios cancel what the shared machine does to a whole round;
the spread says how far one round can be trusted. The verdict takes the lower of
the two, so neither way of reading the runs can flatter "on".
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import attrs

RESULTS = Path("bench-results")
TARGET = 0.9
BARE = "bare distro bound, "  # the platform's least: see telemetry._bare_child
EVERY = "every trace"  # the "on" mode keeping every trace, as the originals sampled


@attrs.frozen(kw_only=True)
class Run:
    """One child's result: items done, seconds, its CPU seconds, events arrived."""

    done: int
    seconds: float
    cpu: float = 0.0
    events: int = 0


@attrs.frozen(kw_only=True)
class Row:
    """One scenario and sampling: rates off and on over the same rounds."""

    scenario: str
    sampling: str
    items: int
    off_rates: tuple[float, ...]
    on_rates: tuple[float, ...]
    events: tuple[int, ...]
    events_expected: int
    off_cpu: tuple[float, ...] = ()
    on_cpu: tuple[float, ...] = ()

    @property
    def off(self) -> float:
        """Median items per second with telemetry off."""
        return statistics.median(self.off_rates)

    @property
    def on(self) -> float:
        """Median items per second with telemetry on."""
        return statistics.median(self.on_rates)

    @property
    def ratio(self) -> float:
        """Throughput with telemetry on over throughput with it off (medians)."""
        return self.on / self.off if self.off else 0.0

    @property
    def round_ratios(self) -> tuple[float, ...]:
        """Each round's "on" over the same round's "off"."""
        return tuple(
            on / off if off else 0.0
            for on, off in zip(self.on_rates, self.off_rates, strict=True)
        )

    @property
    def round_ratio(self) -> float:
        """The median of the rounds' own ratios."""
        return statistics.median(self.round_ratios)

    @property
    def cpu_ratio(self) -> float:
        """Off's median CPU a run over on's: the ratio if the process were CPU-bound.

        The measuring process's own CPU (every thread, the final flush included)
        moves far less than its wall time when other work shares the machine; it
        leaves out what "on" waits for (the ingestion endpoint's answers).
        """
        on = statistics.median(self.on_cpu) if self.on_cpu else 0.0
        return statistics.median(self.off_cpu) / on if on else 0.0

    @property
    def verdict_ratio(self) -> float:
        """The lower of the two readings: what the target is judged on."""
        return min(self.ratio, self.round_ratio)


def rows(
    scenario: str,
    items: int,
    runs: dict[str, list[Run]],
    events_expected: int,
    off: str,
) -> list[Row]:
    """A row for each "on" mode, against the `off` mode's runs of the same rounds."""
    return [
        Row(
            scenario=scenario,
            sampling=mode,
            items=items,
            off_rates=tuple(items / run.seconds for run in runs[off]),
            on_rates=tuple(items / run.seconds for run in runs[mode]),
            events=tuple(run.events for run in runs[mode]),
            events_expected=events_expected,
            off_cpu=tuple(run.cpu for run in runs[off]),
            on_cpu=tuple(run.cpu for run in runs[mode]),
        )
        for mode in runs
        if mode != off
    ]


def _spread(values: tuple[float, ...], form: str = ".0f") -> str:
    return f"{min(values):{form}}-{max(values):{form}}"


def render(found: list[Row]) -> str:
    """The table: medians, spreads, both ratios against the target, events."""
    head = f"{'scenario':<36} {'sampling':<37} {'off/s':>7} {'(spread)':>13}"
    head += f" {'on/s':>7} {'(spread)':>13} {'on/off':>6} {'rounds':>6}"
    lines = [f"{head} {'(spread)':>11} {'cpu':>5}  events"]
    for row in found:
        events = (
            f"{min(row.events)}/{row.events_expected}" if row.events_expected else "-"
        )
        lines.append(
            f"{row.scenario:<36} {row.sampling:<37} {row.off:>7.0f}"
            f" {_spread(row.off_rates):>13} {row.on:>7.0f}"
            f" {_spread(row.on_rates):>13} {row.ratio:>6.2f}"
            f" {row.round_ratio:>6.2f} {_spread(row.round_ratios, '.2f'):>11}"
            f" {row.cpu_ratio:>5.2f}  {events}"
        )
    for bound in (row for row in found if row.sampling.startswith(BARE)):
        (mine,) = [
            row
            for row in found
            if row.scenario == bound.scenario
            and row.sampling == bound.sampling.removeprefix(BARE)
        ]
        lines.append(
            f"{bound.scenario} ({mine.sampling}): ours {mine.ratio:.2f} of off,"
            f" the bare distro's bound {bound.ratio:.2f}; ours / bound"
            f" {mine.on / bound.on:.2f}"
        )
    lines.append(
        "on/off: the ratio of the medians; rounds: the median of each round's own"
        " ratio (spread); cpu: off's median CPU a run over on's."
        f" Target {TARGET} on the lower of the two."
    )
    ours = [row for row in found if not row.sampling.startswith(BARE)]
    # Production runs the distro's default sampling; every trace is an opt-in
    # (docs/operations.md), so the two are judged on separate lines.
    for label, group in (
        ("default sampling (production)", [r for r in ours if r.sampling != EVERY]),
        ("every trace (opt-in)", [r for r in ours if r.sampling == EVERY]),
    ):
        if group:
            lines.append(_verdict(label, group))
    return "\n".join(lines)


def _verdict(label: str, group: list[Row]) -> str:
    met = [row for row in group if row.verdict_ratio >= TARGET]
    missed = "".join(
        f"; {r.scenario} {r.verdict_ratio:.2f}" for r in group if r not in met
    )
    return f"{label}: met by {len(met)} of {len(group)} rows{missed}"


def write(found: list[Row]) -> None:
    """bench-results/telemetry.json: every row with its rates and both ratios."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "telemetry.json").write_text(
        json.dumps(
            [
                {
                    **attrs.asdict(row),
                    "off": row.off,
                    "on": row.on,
                    "ratio": row.ratio,
                    "round_ratios": row.round_ratios,
                    "round_ratio": row.round_ratio,
                    "cpu_ratio": row.cpu_ratio,
                    "target": TARGET,
                    "judged_on": row.verdict_ratio,
                }
                for row in found
            ],
            indent=2,
        )
    )
