"""ZeepBenefitChecker: the benefit checker port on SOAP, safe against hostile XML.

The client is built from the WSDL shipped in this package (never fetched), with zeep
settings that refuse DTDs, entities and external references. Every failure becomes a
retryable or permanent error naming the kind of failure only: SOAP bodies, faults and
transport messages can echo the NINO, surname or date of birth, so none is quoted.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from importlib import resources
from typing import Any

import attrs
import requests
import zeep
import zeep.exceptions
from zeep.transports import Transport

from hmpps_workers.adapters import logsafety
from hmpps_workers.adapters.bounded_http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ResponseTooLargeError,
    bounded_session,
)
from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitCheckRejectedError,
    BenefitCheckResult,
    BenefitCheckUnavailableError,
)

log = logging.getLogger(__name__)

BINDING = "{https://lsc.gov.uk/benefitchecker/service/1.0}benefitCheckerSoapBinding"
_CLIENT_FAULT_CODES = ("client", "sender")
_UNREADABLE = (
    zeep.exceptions.Error,
    ValueError,
    LookupError,
    AttributeError,
    TypeError,
    RecursionError,
)


def wsdl_path() -> str:
    """The packaged WSDL's file path."""
    return str(resources.files("hmpps_workers.adapters.dwp") / "BenefitChecker.wsdl")


def secure_settings() -> zeep.Settings:
    """Strict parsing; no DTDs, entities or external references (XXE, SSRF)."""
    return zeep.Settings(
        strict=True, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )


@attrs.frozen(kw_only=True)
class BenefitCheckerSettings:
    """The `APVS_DWP_BENEFIT_CHECKER_*` values the request carries."""

    url: str
    lsc_service_name: str
    client_org_id: str
    client_user_id: str
    client_reference: str = attrs.field(repr=False)
    timeout: timedelta = timedelta(seconds=30)
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES, validator=attrs.validators.ge(1)
    )


def _fault_kind(fault: zeep.exceptions.Fault) -> str:
    code = str(fault.code or "").rsplit(":", 1)[-1].lower()
    return "client" if code in _CLIENT_FAULT_CODES else "server"


def _message_code(fault: zeep.exceptions.Fault) -> str:
    detail = fault.detail
    if detail is None or isinstance(detail, bytes | str):
        return "none"  # zeep puts a non-XML error body here
    for element in detail.iter():
        if isinstance(element.tag, str) and element.tag.endswith("MessageCode"):
            return (element.text or "none").strip()[:40]
    return "none"


@attrs.define
class ZeepBenefitChecker:
    """The benefit checker port on zeep."""

    settings: BenefitCheckerSettings
    client: zeep.Client
    service: Any

    @classmethod
    def create(cls, settings: BenefitCheckerSettings) -> ZeepBenefitChecker:
        """A client from the packaged WSDL, pointed at `settings.url`."""
        logsafety.install()
        seconds = settings.timeout.total_seconds()
        zeep_settings = secure_settings()
        # The original sends the endpoint URL as SOAPAction (the WSDL says ""), and
        # production is known to accept that, so keep it.
        zeep_settings.extra_http_headers = {"SOAPAction": settings.url}
        client = zeep.Client(  # type: ignore[no-untyped-call]
            wsdl_path(),
            settings=zeep_settings,
            transport=Transport(  # type: ignore[no-untyped-call]
                session=bounded_session(settings.max_response_bytes),
                timeout=seconds,
                operation_timeout=seconds,
            ),
        )
        return cls(
            settings=settings,
            client=client,
            service=client.create_service(  # type: ignore[no-untyped-call]
                BINDING, settings.url
            ),
        )

    def request_values(self, person: BenefitCheck) -> dict[str, str]:
        """The request fields, in the WSDL's order."""
        return {
            "clientOrgId": self.settings.client_org_id,
            "clientUserId": self.settings.client_user_id,
            "clientReference": self.settings.client_reference,
            "lscServiceName": self.settings.lsc_service_name,
            "nino": person.nino,
            "surname": person.surname,
            "dateOfBirth": person.date_of_birth_text,
            "dateOfAward": "",
        }

    def check(self, person: BenefitCheck) -> BenefitCheckResult:
        """Ask the checker; map every failure to a retryable or permanent error."""
        try:
            response = self.service.check(**self.request_values(person))
        except zeep.exceptions.Fault as fault:
            kind, code = _fault_kind(fault), _message_code(fault)
            log.warning("benefit checker fault", extra={"fault": kind, "code": code})
            if kind == "client":
                raise BenefitCheckRejectedError(
                    f"benefit checker refused the request (client fault, code {code})"
                ) from None
            raise BenefitCheckUnavailableError(
                f"benefit checker failed (server fault, code {code})"
            ) from None
        except ResponseTooLargeError as error:
            raise BenefitCheckRejectedError(f"benefit checker {error}") from None
        except zeep.exceptions.TransportError as error:
            log.warning(
                "benefit checker HTTP error", extra={"status": error.status_code}
            )
            raise BenefitCheckUnavailableError(
                f"benefit checker answered HTTP {error.status_code}"
            ) from None
        except requests.Timeout:
            raise BenefitCheckUnavailableError("benefit checker timed out") from None
        except requests.RequestException as error:
            raise BenefitCheckUnavailableError(
                f"benefit checker unreachable ({type(error).__name__})"
            ) from None
        except _UNREADABLE as error:
            # XMLSyntaxError, DTDForbidden, EntitiesForbidden, XMLParseError,
            # ValidationError: the answer was not the checker's XML. zeep also raises
            # IndexError on an empty SOAP body, and fuzzing found no other kinds.
            raise BenefitCheckUnavailableError(
                f"benefit checker answer unreadable ({type(error).__name__})"
            ) from None
        status = getattr(response, "benefitCheckerStatus", None)
        if not isinstance(status, str):
            raise BenefitCheckUnavailableError(
                "benefit checker answer has no benefitCheckerStatus"
            )
        return BenefitCheckResult.parse(status)

    def ping(self) -> None:
        """Check the endpoint answers HTTP at all (the service has no ping call)."""
        session: requests.Session = self.client.transport.session
        try:
            response = session.get(
                self.settings.url,
                timeout=self.settings.timeout.total_seconds(),
            )
        except ResponseTooLargeError as error:
            raise BenefitCheckRejectedError(f"benefit checker {error}") from None
        except requests.RequestException as error:
            raise BenefitCheckUnavailableError(
                f"benefit checker unreachable ({type(error).__name__})"
            ) from None
        if response.status_code >= 500:  # noqa: PLR2004 - server errors
            raise BenefitCheckUnavailableError(
                f"benefit checker answered HTTP {response.status_code}"
            )
