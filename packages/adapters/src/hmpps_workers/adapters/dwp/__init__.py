"""The DWP/LAA benefit checker over SOAP, through zeep and the project's own WSDL."""

from hmpps_workers.adapters.dwp.checker import (
    BenefitCheckerSettings,
    ZeepBenefitChecker,
)

__all__ = ["BenefitCheckerSettings", "ZeepBenefitChecker"]
