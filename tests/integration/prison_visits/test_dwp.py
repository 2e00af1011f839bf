"""ZeepBenefitChecker against the fake DWP over loopback: contract, WSDL, XML safety."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
import requests
import zeep
from lxml import etree

from hmpps_workers.adapters.dwp import BenefitCheckerSettings, ZeepBenefitChecker
from hmpps_workers.adapters.dwp.checker import BINDING, secure_settings
from hmpps_workers.adapters.testing.dwp import FakeDwp
from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitCheckResult,
    BenefitCheckUnavailableError,
)
from hmpps_workers.core.testing.contracts.benefits import BenefitCheckerContract

PERSON = BenefitCheck(
    nino="QQ123456A", surname="Zebedee", date_of_birth=date(1980, 2, 29)
)
# The Axis WSDL uses prefixes it never declares; these are the ones it means.
_DECLARATIONS = (
    ' xmlns="http://www.w3.org/2001/XMLSchema"'
    ' xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"'
    ' xmlns:wsdlsoap="http://schemas.xmlsoap.org/wsdl/soap/"'
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
    ' xmlns:impl="https://lsc.gov.uk/benefitchecker/service/1.0"'
    ' xmlns:tns1="http://lsc.gov.uk/benefitchecker/data/1.0"'
    ' xmlns:tns2="https://lsc.gov.uk/benefitchecker/service/1.0/API_1.0_Check"'
)


@pytest.fixture
def fake_dwp() -> Iterator[FakeDwp]:
    """A fake benefit checker on a free loopback port."""
    with FakeDwp(slow_seconds=2.0) as fake:
        yield fake


def _checker(url: str, timeout: float = 0.5) -> ZeepBenefitChecker:
    return ZeepBenefitChecker.create(
        BenefitCheckerSettings(
            url=url,
            lsc_service_name="HwPV",
            client_org_id="ORG",
            client_user_id="USER",
            client_reference="REF",
            timeout=timedelta(seconds=timeout),
        )
    )


@attrs.define
class DwpEnv:
    """The zeep checker and the fake it talks to."""

    checker: ZeepBenefitChecker
    fake: FakeDwp

    def fail_next(self, failure: str) -> None:
        self.fake.fail_next(failure)


class TestZeepBenefitChecker(BenefitCheckerContract):
    """The zeep adapter keeps the benefit checker contract against the fake."""

    @pytest.fixture
    def benefit_env(self, fake_dwp: FakeDwp) -> DwpEnv:
        return DwpEnv(_checker(fake_dwp.endpoint), fake_dwp)

    def test_the_request_carries_the_configured_fields_and_soap_action(
        self, benefit_env
    ):
        """Service name, org, user and reference are sent; SOAPAction is the URL."""
        benefit_env.checker.check(PERSON)
        (fields,) = benefit_env.fake.checks
        assert (fields["lscServiceName"], fields["clientOrgId"], fields["nino"]) == (
            "HwPV",
            "ORG",
            "QQ123456A",
        )
        assert (fields["surname"], fields["dateOfBirth"]) == ("ZEBEDEE", "19800229")
        soap_action = benefit_env.fake.requests[-1].headers["soapaction"]
        assert soap_action == benefit_env.fake.endpoint

    def test_an_answer_with_a_dtd_is_refused_and_retryable(self, benefit_env):
        """An entity-laden reply (XXE) is never parsed."""
        benefit_env.fake.fail_next("hostile")
        with pytest.raises(BenefitCheckUnavailableError, match="DTDForbidden"):
            benefit_env.checker.check(PERSON)

    def test_unreachable_checker_is_retryable(self):
        """Nothing listening is a transient failure."""
        with pytest.raises(BenefitCheckUnavailableError, match="unreachable"):
            _checker("http://127.0.0.1:9/x").check(PERSON)


class TestWsdlCompatibility:
    """The project's WSDL and the service's own produce the same request."""

    def test_both_wsdls_build_the_same_request_xml(self, shared_dir: Path, tmp_path):
        """Canonical XML of the check request is identical from either WSDL."""
        original = (shared_dir / "fixtures/dwp/BenefitChecker.wsdl").read_text()
        declared = re.sub(
            r"<wsdl:definitions ",
            f"<wsdl:definitions{_DECLARATIONS} ",
            original,
            count=1,
        )
        (tmp_path / "original.wsdl").write_text(declared)
        ours = _checker("http://127.0.0.1:9/x")
        theirs = zeep.Client(
            str(tmp_path / "original.wsdl"), settings=secure_settings()
        )
        values = ours.request_values(PERSON)

        def request_xml(client: zeep.Client) -> bytes:
            service = client.create_service(BINDING, "http://127.0.0.1:9/x")
            message = client.create_message(service, "check", **values)
            return etree.tostring(message, method="c14n")

        assert request_xml(theirs) == request_xml(ours.client)
        assert b"ZEBEDEE" in request_xml(ours.client)


class TestFakeDwp:
    """The fake understands the envelope the original worker built by hand."""

    def test_the_originals_hand_built_envelope_is_answered(self, fake_dwp):
        """Children in the API namespace, lscServiceName first, still work."""
        envelope = (
            '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"'
            ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>'
            '<benefitCheckerRequest xmlns="https://lsc.gov.uk/benefitchecker/service/'
            '1.0/API_1.0_Check"><lscServiceName>S</lscServiceName><clientOrgId>O'
            "</clientOrgId><clientUserId>U</clientUserId><clientReference>R"
            "</clientReference><nino>QQ123456B</nino><surname>X</surname>"
            "<dateOfBirth>19800229</dateOfBirth><dateOfAward></dateOfAward>"
            "</benefitCheckerRequest></soapenv:Body></soapenv:Envelope>"
        )
        response = requests.post(
            fake_dwp.endpoint,
            data=envelope,
            headers={"SOAPAction": fake_dwp.endpoint, "content-type": "text/xml"},
            timeout=5,
        )
        assert b"<ns2:benefitCheckerStatus" in response.content
        assert b">No</ns2:benefitCheckerStatus>" in response.content


class TestDwpFailuresKeepPersonalDataOut:
    """No failing path logs or raises the NINO, surname or date of birth."""

    def test_no_person_in_logs_or_errors(self, fake_dwp, caplog):
        """Every failure kind, captured at DEBUG, zeep's own loggers included."""
        caplog.set_level(logging.DEBUG)
        checker = _checker(fake_dwp.endpoint)
        checker.check(PERSON)
        errors = []
        kinds = ("server-fault", "client-fault", "http-error", "malformed", "slow")
        for failure in (*kinds, "hostile"):
            fake_dwp.fail_next(failure)
            with pytest.raises(Exception) as raised:  # noqa: PT011 - either kind
                checker.check(PERSON)
            errors.append(str(raised.value))
        text = caplog.text + "\n".join(errors)
        assert [
            s for s in ("QQ123456A", "ZEBEDEE", "Zebedee", "19800229") if s in text
        ] == []
        assert len(errors) == 6


def test_results_are_upper_cased_from_the_services_wording(fake_dwp):
    """'Deceased' from the service is DECEASED, as the original stores it."""
    fake_dwp.answers["QQ123456A"] = BenefitCheckResult.DECEASED
    assert _checker(fake_dwp.endpoint).check(PERSON) == BenefitCheckResult.DECEASED
