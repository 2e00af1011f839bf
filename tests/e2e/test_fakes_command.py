"""`hmpps-workers fakes` as a subprocess: every adapter works against it."""

from __future__ import annotations

import shlex
import signal
import subprocess
import sys
from datetime import date

import requests

from hmpps_workers.core.prison_visits.benefits import BenefitCheck, BenefitCheckResult
from hmpps_workers.core.prison_visits.distance import DistanceQuery
from hmpps_workers.core.prison_visits.email import EmailRequest, SendOutcome
from hmpps_workers.core.prison_visits.helpdesk import technical_help_ticket
from hmpps_workers.runners.prison_visits.integrations import build_integrations
from hmpps_workers.runners.prison_visits.integrations_config import IntegrationsConfig


def _read_environment(process: subprocess.Popen[str]) -> dict[str, str]:
    env = {}
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("# fakes ready"):
            return env
        if line.startswith("export "):
            name, _, value = line.removeprefix("export ").strip().partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    raise AssertionError("fakes exited before they were ready")


class TestFakesCommand:
    """A developer can run the worker's outside services locally."""

    def test_every_adapter_works_against_the_running_fakes(self):
        """Ping all five, then send, check, route, raise a ticket and store a file."""
        process = subprocess.Popen(
            [sys.executable, "-m", "hmpps_workers.runners", "fakes"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            env = _read_environment(process)
            integrations = build_integrations(IntegrationsConfig.from_env(env))
            assert set(integrations.ping_all().values()) == {"ok"}
            receipt = integrations.email.send(
                EmailRequest(
                    template_id="508b23b3-3f1c-45c2-bdc7-db90e3fae8b0",
                    email_address="visitor@example.com",
                    personalisation={"reference": "ABC1234"},
                    reference="IntSchema-1-submit",
                )
            )
            sent = requests.get(
                env["APVS_NOTIFY_API_URL"] + "/_fake/notifications", timeout=5
            ).json()["notifications"]
            assert (receipt.outcome, [n["reference"] for n in sent]) == (
                SendOutcome.SENT,
                ["IntSchema-1-submit"],
            )
            person = BenefitCheck(
                nino="QQ123456B", surname="X", date_of_birth=date(1990, 1, 1)
            )
            assert integrations.benefits.check(person) == BenefitCheckResult.NO
            assert integrations.distance is not None
            query = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")
            assert integrations.distance.driving_metres(query) == 117_500
            ticket = technical_help_ticket(
                external_id="IntSchema-2", name="N", email="n@example.com",
                issue="help", test_mode=True,
            )  # fmt: skip
            assert integrations.helpdesk.raise_ticket(ticket).created
            integrations.files.upload("payments/file.csv", b"a,b")
            assert integrations.files.download("payments/file.csv") == b"a,b"
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=20)
            if process.stdout is not None:
                process.stdout.close()
        assert code == 0
