"""Fuzzing the DWP checker's answer handling: any answer gives a result or a named error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmpps_workers.adapters.dwp import BenefitCheckerSettings, ZeepBenefitChecker
from hmpps_workers.adapters.testing.dwp import (
    API_NS,
    DATA_NS,
    HOSTILE,
    SOAP_NS,
    FakeDwp,
)
from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitCheckRejectedError,
    BenefitCheckResult,
    BenefitCheckUnavailableError,
)

PERSON = BenefitCheck(
    nino="QQ123456A", surname="Zebedee", date_of_birth=date(1980, 2, 29)
)
VALID = (
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body>'
    f'<ns1:benefitCheckerResponse xmlns:ns1="{API_NS}">'
    f'<ns2:originalClientRef xmlns:ns2="{DATA_NS}">REF</ns2:originalClientRef>'
    f'<ns2:benefitCheckerStatus xmlns:ns2="{DATA_NS}">Yes</ns2:benefitCheckerStatus>'
    f'<ns2:confirmationRef xmlns:ns2="{DATA_NS}">T1</ns2:confirmationRef>'
    "</ns1:benefitCheckerResponse></soapenv:Body></soapenv:Envelope>"
)
FRAGMENTS = [
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<!DOCTYPE x [<!ENTITY e "boom">]>',
    "&e;",
    "&amp;",
    "&#0;",
    "<![CDATA[",
    "]]>",
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}">',
    "</soapenv:Envelope>",
    "<soapenv:Body>",
    "</soapenv:Body>",
    "<soapenv:Fault>",
    "</soapenv:Fault>",
    "<faultcode>soapenv:Client</faultcode>",
    "<faultcode>:</faultcode>",
    "<faultstring>x</faultstring>",
    "<detail>",
    "</detail>",
    f'<ns1:benefitCheckerResponse xmlns:ns1="{API_NS}">',
    "</ns1:benefitCheckerResponse>",
    f'<ns2:benefitCheckerStatus xmlns:ns2="{DATA_NS}">',
    "</ns2:benefitCheckerStatus>",
    f'<ns2:MessageCode xmlns:ns2="{DATA_NS}">',
    "</ns2:MessageCode>",
    "Yes",
    "No",
    "Deceased",
    '<x xmlns:y="urn:y" y:z="1"/>',
    "<a>",
    "</a>",
    "<",
    ">",
    '"',
]
XMLISH = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25
).map("".join)
IN_ENVELOPE = XMLISH.map(
    lambda body: (
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body>'
        f"{body}</soapenv:Body></soapenv:Envelope>"
    )
)
MUTATED = st.tuples(
    st.integers(0, len(VALID)), st.integers(0, len(VALID)), st.text(max_size=20)
).map(lambda cut: VALID[: cut[0]] + cut[2] + VALID[cut[1] :])
_EMPTY = (
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body/></soapenv:Envelope>'
)
EMPTY_BODIES = [_EMPTY, '<?xml-stylesheet href="http://x"?>' + _EMPTY]
STATUSES = st.sampled_from([200, 200, 200, 400, 500, 503])
EXPECTED = (BenefitCheckUnavailableError, BenefitCheckRejectedError)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def fake_dwp() -> Iterator[FakeDwp]:
    """One fake benefit checker for the module's examples."""
    with FakeDwp() as fake:
        yield fake


@pytest.fixture(scope="module")
def checker(fake_dwp: FakeDwp) -> ZeepBenefitChecker:
    """A checker pointed at the fake."""
    return ZeepBenefitChecker.create(
        BenefitCheckerSettings(
            url=fake_dwp.endpoint,
            lsc_service_name="HwPV",
            client_org_id="ORG",
            client_user_id="USER",
            client_reference="REF",
            timeout=timedelta(seconds=5),
        )
    )


def _outcome(checker: ZeepBenefitChecker) -> BenefitCheckResult | None:
    """The result, or None for a named error; anything else escapes and fails."""
    try:
        return checker.check(PERSON)
    except EXPECTED as error:
        text = str(error)
        assert "QQ123456A" not in text
        assert "Zebedee" not in text
        return None


class TestZeepBenefitCheckerAnswers:
    """Whatever the checker answers, the adapter gives a result or a named error."""

    @FUZZ
    @given(body=st.binary(max_size=2048), status=STATUSES)
    def test_arbitrary_bytes_give_a_result_or_a_named_error(
        self, fake_dwp, checker, body, status
    ):
        """Any bytes under any status: BenefitCheckResult or Unavailable/Rejected."""
        fake_dwp.answer_next(body, status=status)
        _outcome(checker)

    @FUZZ
    @given(text=st.one_of(XMLISH, IN_ENVELOPE), status=STATUSES)
    def test_xml_like_text_gives_a_result_or_a_named_error(
        self, fake_dwp, checker, text, status
    ):
        """SOAP fragments, DTDs, entities, faults: a result or a named error."""
        fake_dwp.answer_next(text.encode(), status=status)
        _outcome(checker)

    @FUZZ
    @given(text=MUTATED, status=STATUSES)
    def test_a_damaged_valid_answer_gives_a_result_or_a_named_error(
        self, fake_dwp, checker, text, status
    ):
        """A valid answer cut and spliced: a result or a named error."""
        fake_dwp.answer_next(text.encode(), status=status)
        _outcome(checker)

    def test_the_valid_answer_is_read(self, fake_dwp, checker):
        """The unmutated answer the fuzzing starts from is a YES."""
        fake_dwp.answer_next(VALID.encode())
        assert _outcome(checker) == BenefitCheckResult.YES

    @pytest.mark.parametrize("body", EMPTY_BODIES)
    def test_an_empty_soap_body_is_a_named_error(self, fake_dwp, checker, body):
        """An empty Body (zeep's IndexError) is BenefitCheckUnavailableError."""
        fake_dwp.answer_next(body.encode())
        with pytest.raises(BenefitCheckUnavailableError, match="unreadable"):
            checker.check(PERSON)

    def test_a_dtd_is_a_named_error(self, fake_dwp, checker):
        """An answer carrying a DTD and an external entity is refused by name."""
        fake_dwp.answer_next(HOSTILE)
        assert _outcome(checker) is None
