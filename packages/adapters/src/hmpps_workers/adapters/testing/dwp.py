"""A fake DWP/LAA benefit checker: SOAP 1.1 over HTTP, answering by rule.

It reads the request by local element names, so it accepts both the envelope the
original hand-built (children in the API namespace, lscServiceName first) and the
WSDL-conformant one zeep builds. It answers in the service's own response shape
(`ns2:benefitCheckerStatus`, which the original looked for), by `benefit_rule` or
per-NINO `answers`, and can be told to fault, fail, stall or talk nonsense, or to
answer the next check with any bytes at all (`answer_next`, for fuzzing).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response
from hmpps_workers.core.prison_visits.benefits.ports import BenefitCheckResult
from hmpps_workers.core.testing.benefits import benefit_rule

API_NS = "https://lsc.gov.uk/benefitchecker/service/1.0/API_1.0_Check"
DATA_NS = "http://lsc.gov.uk/benefitchecker/data/1.0"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
REQUIRED = ("lscServiceName", "clientOrgId", "clientUserId", "clientReference")
PERSON = ("nino", "surname", "dateOfBirth")
HOSTILE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
    b"<soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>"
)
_WORDING = {
    BenefitCheckResult.YES: "Yes",
    BenefitCheckResult.NO: "No",
    BenefitCheckResult.UNDETERMINED: "Undetermined",
    BenefitCheckResult.DECEASED: "Deceased",
}


def _envelope(body: str) -> bytes:
    return (
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}"><soapenv:Body>{body}'
        "</soapenv:Body></soapenv:Envelope>"
    ).encode()


def fault(code: str, text: str, message_code: str | None = None) -> Response:
    """A SOAP 1.1 fault, HTTP 500 as Axis sends it."""
    detail = ""
    if message_code:
        detail = (
            f'<detail><ns1:benefitCheckerFaultException xmlns:ns1="{API_NS}">'
            f'<ns2:MessageCode xmlns:ns2="{DATA_NS}">{message_code}</ns2:MessageCode>'
            f'<ns2:MessageText xmlns:ns2="{DATA_NS}">{escape(text)}</ns2:MessageText>'
            "</ns1:benefitCheckerFaultException></detail>"
        )
    body = (
        f"<soapenv:Fault><faultcode>soapenv:{code}</faultcode>"
        f"<faultstring>{escape(text)}</faultstring>{detail}</soapenv:Fault>"
    )
    return Response(status=500, body=_envelope(body), content_type="text/xml")


def _fields(body: bytes) -> dict[str, str]:
    if b"<!DOCTYPE" in body.upper():
        raise ValueError("DTD in request")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    root = etree.fromstring(body, parser=parser)
    return {
        etree.QName(element).localname: (element.text or "").strip()
        for element in root.iter()
        if isinstance(element.tag, str)
    }


class FakeDwp(FakeServer):
    """The benefit checker at `url + PATH`."""

    name = "dwp"
    PATH = "/lsx/lsc-services/benefitChecker"

    def __init__(
        self, *, slow_seconds: float = 2.0, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        """A fake that stalls `slow_seconds` when told to be slow."""
        super().__init__(host=host, port=port)
        self.slow_seconds = slow_seconds
        self.answers: dict[str, BenefitCheckResult] = {}
        self.checks: list[dict[str, str]] = []
        self._raw: list[Response] = []

    def answer_next(
        self, body: bytes, *, status: int = 200, content_type: str = "text/xml"
    ) -> None:
        """Answer the next check with exactly `body` and `status`."""
        with self._lock:
            self._raw.append(
                Response(status=status, body=body, content_type=content_type)
            )

    @property
    def endpoint(self) -> str:
        """The URL to configure as APVS_DWP_BENEFIT_CHECKER_URL."""
        return self.url + self.PATH

    def _raw_answer(self) -> Response | None:
        with self._lock:
            return self._raw.pop(0) if self._raw else None

    @staticmethod
    def _failed(failure: str | None) -> Response | None:
        """The answer for a queued failure, or None for none (or `slow`)."""
        if failure == "server-fault":
            return fault("Server", "Service unavailable")
        if failure == "client-fault":
            return fault("Client", "Invalid request", "LSCBC101")
        if failure == "http-error":
            return Response(status=503, body=b"<html>Service Unavailable</html>")
        if failure == "hostile":
            return Response(status=200, body=HOSTILE, content_type="text/xml")
        if failure == "malformed":
            return Response(
                status=200, body=b"<html><body>gateway", content_type="text/xml"
            )
        return None

    def handle(self, request: Request) -> Response:  # noqa: PLR0911 - SOAP outcomes
        """Answer a check, or the failure queued for it."""
        if request.path != self.PATH:
            return Response(status=404, body=b"Not Found", content_type="text/plain")
        if request.method == "GET":
            return Response(
                status=200, body=b"<h1>benefitChecker</h1>", content_type="text/html"
            )
        raw = self._raw_answer()
        if raw is not None:
            return raw
        failure = self.take_failure()
        failed = self._failed(failure)
        if failed is not None:
            return failed
        try:
            fields = _fields(request.body)
        except (etree.XMLSyntaxError, ValueError):
            return fault("Client", "Request is not well-formed XML", "LSCBC100")
        missing = [name for name in (*REQUIRED, *PERSON) if not fields.get(name)]
        if missing:
            return fault("Client", "Missing " + ", ".join(missing), "LSCBC102")
        self.checks.append(fields)
        nino = fields["nino"].upper()
        result = self.answers.get(nino) or benefit_rule(nino)
        body = (
            f'<ns1:benefitCheckerResponse xmlns:ns1="{API_NS}">'
            f'<ns2:originalClientRef xmlns:ns2="{DATA_NS}">'
            f"{escape(fields['clientReference'])}</ns2:originalClientRef>"
            f'<ns2:benefitCheckerStatus xmlns:ns2="{DATA_NS}">'
            f"{_WORDING[result]}</ns2:benefitCheckerStatus>"
            f'<ns2:confirmationRef xmlns:ns2="{DATA_NS}">T{len(self.checks):08d}'
            "</ns2:confirmationRef></ns1:benefitCheckerResponse>"
        )
        delay = self.slow_seconds if failure == "slow" else 0.0
        return Response(
            status=200, body=_envelope(body), content_type="text/xml", delay=delay
        )
