"""The quick-start demo runs submitted claims through every prison-visits step."""

from __future__ import annotations

from support import runner


class TestClaimsDemo:
    """`hmpps-workers demo` prints each claim's journey, with no personal data."""

    def test_the_demo_approves_one_claim_and_asks_another_for_evidence(self, tmp_path):
        """Journeys, statuses, events and emails appear; the run exits 0."""
        result = runner.run(["demo"], {}, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "APPR001  claim 4 (repeat): AUTO-APPROVED" in out
        assert "emails: SUBMIT_CLAIM, ACCEPTED_CLAIM_BANK" in out
        assert "DEMO001  claim 1 (first-time): REQUEST-INFORMATION" in out
        assert "0 failed" in out
