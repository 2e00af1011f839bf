"""The `hmpps-workers p2p` commands as subprocesses."""

from __future__ import annotations

import subprocess
import sys

from hmpps_workers.core.testing.prison_to_probation.world import envelope
from support.personal_data import leaks


def p2p(*args, cwd):
    """Run `hmpps-workers p2p ...` and capture its output, checked for personal data."""
    result = subprocess.run(
        [sys.executable, "-m", "hmpps_workers.runners", "p2p", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )
    assert leaks(result.stdout + result.stderr) == []
    return result


class TestP2pDemo:
    """The demo replays a few bookings through the embedded pipeline."""

    def test_demo_prints_each_booking_outcome_and_succeeds(self, tmp_path):
        """The demo prints an outcome line per booking, refuses the bad line and exits 0."""
        result = p2p("demo", "--database", str(tmp_path / "p2p.db"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "1200835  IMPRISONMENT_STATUS-CHANGED        COMPLETED" in result.stdout
        assert "NO_MATCH" in result.stdout
        assert "refused line 11: SNS envelope has no eventType" in result.stdout


class TestP2pReplay:
    """Replaying a JSON-lines file of SNS envelopes."""

    def test_replay_processes_the_file_and_reports_malformed_lines(self, tmp_path):
        """Replay processes the good lines, names the malformed one and exits 1."""
        events = tmp_path / "events.jsonl"
        events.write_text(
            "\n".join(
                [
                    envelope("IMPRISONMENT_STATUS-CHANGED", bookingId=1200835),
                    envelope("SENTENCE_DATES-CHANGED", bookingId="x"),
                    "",
                ]
            ),
            encoding="utf-8",
        )
        result = p2p("replay", str(events), cwd=tmp_path)
        assert result.returncode == 1
        assert "line 2: refused: event bookingId is not a whole number" in result.stdout
        assert "COMPLETED" in result.stdout
