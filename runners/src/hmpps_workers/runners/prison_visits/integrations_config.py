"""Configuration of the five outside services, from the original's variable names.

A service with an off switch (DWP, distance, Zendesk) must be fully configured when
switched on; Notify and S3 are checked when first built, so a worker running only
diagnostic tasks needs neither. Errors name the variable and never echo a secret.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta

import attrs

from hmpps_workers.adapters.bounded_http import DEFAULT_MAX_RESPONSE_BYTES
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.email.ports import DEFAULT_DO_NOT_SEND
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.runners.env import Env, Secret

NOTIFY_URL = "https://api.notifications.service.gov.uk"
DIRECTIONS_URL = "https://maps.googleapis.com/maps/api/directions/json"
DISTANCE_MATRIX_URL = "https://maps.googleapis.com/maps/api/distancematrix/json"
ROUTES_URL = "https://routes.googleapis.com/distanceMatrix/v2:computeRouteMatrix"
_UUID_LENGTH = 36
NO_SECRET = Secret("")


def _text(env: Mapping[str, str], name: str, default: str = "") -> str:
    return Env(env).text(name, default)


def _bool(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    return Env(env).boolean(name, default=default)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    return Env(env).integer(name, default, low, high)


def _required(env: Mapping[str, str], names: tuple[str, ...], because: str) -> None:
    Env(env).required(*names, because=because)


def _seconds(env: Mapping[str, str], name: str, default: int) -> timedelta:
    return Env(env).seconds(name, default, 1, 300)


@attrs.frozen(kw_only=True)
class NotifyConfig:
    """GOV.UK Notify: key, URL, suppression address and the 15 template ids."""

    api_key: Secret | None
    base_url: str = NOTIFY_URL
    do_not_send: str = DEFAULT_DO_NOT_SEND
    templates: Mapping[Template, str] = attrs.field(factory=dict)
    timeout: timedelta = timedelta(seconds=10)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> NotifyConfig:
        """`APVS_NOTIFY_*`; a bare secret plus `APVS_NOTIFY_CLIENT_ID` also works."""
        key = _text(env, "APVS_NOTIFY_API_KEY")
        client_id = _text(env, "APVS_NOTIFY_CLIENT_ID")
        if key and len(key) == _UUID_LENGTH and client_id:
            # the original passed service id and secret separately (old Node client)
            key = f"hwpv-{client_id}-{key}"
        templates = {}
        for template in Template:
            value = _text(env, template.env_var, template.default_id)
            try:
                uuid.UUID(value)
            except ValueError:
                raise ConfigurationError(
                    f"{template.env_var} must be a Notify template id (a UUID)"
                ) from None
            templates[template] = value
        return cls(
            api_key=Secret(key) if key else None,
            base_url=_text(env, "APVS_NOTIFY_API_URL", NOTIFY_URL),
            do_not_send=_text(
                env, "APVS_NOTIFY_DO_NOT_SEND_EMAIL", DEFAULT_DO_NOT_SEND
            ),
            templates=templates,
            timeout=_seconds(env, "APVS_NOTIFY_TIMEOUT_SECONDS", 10),
        )


@attrs.frozen(kw_only=True)
class BenefitCheckerConfig:
    """The DWP/LAA benefit checker; off unless `APVS_DWP_BENEFIT_CHECKER_ENABLED`."""

    enabled: bool = False
    url: str = ""
    lsc_service_name: str = ""
    client_org_id: str = ""
    client_user_id: str = ""
    client_reference: Secret = NO_SECRET
    timeout: timedelta = timedelta(seconds=30)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> BenefitCheckerConfig:
        """`APVS_DWP_BENEFIT_CHECKER_*`."""
        prefix = "APVS_DWP_BENEFIT_CHECKER_"
        enabled = _bool(env, prefix + "ENABLED", default=False)
        if enabled:
            _required(
                env,
                tuple(
                    prefix + suffix
                    for suffix in (
                        "URL",
                        "LSCSERVICENAME",
                        "CLIENTORGID",
                        "CLIENTUSERID",
                        "CLIENTREFERENCE",
                    )
                ),
                f"{prefix}ENABLED is true",
            )
        return cls(
            enabled=enabled,
            url=_text(env, prefix + "URL"),
            lsc_service_name=_text(env, prefix + "LSCSERVICENAME"),
            client_org_id=_text(env, prefix + "CLIENTORGID"),
            client_user_id=_text(env, prefix + "CLIENTUSERID"),
            client_reference=Secret(_text(env, prefix + "CLIENTREFERENCE")),
            timeout=_seconds(env, prefix + "TIMEOUT_SECONDS", 30),
        )


_DISTANCE_URLS = {
    "directions": ("DIRECTIONS_API_URL", DIRECTIONS_URL),
    "distance-matrix": ("DISTANCE_MATRIX_API_URL", DISTANCE_MATRIX_URL),
    "routes": ("ROUTES_API_URL", ROUTES_URL),
}


@attrs.frozen(kw_only=True)
class DistanceConfig:
    """Distance pricing: which Google API, its URL and key."""

    enabled: bool = True
    api: str = "directions"
    url: str = DIRECTIONS_URL
    api_key: Secret = NO_SECRET
    timeout: timedelta = timedelta(seconds=10)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DistanceConfig:
        """`APVS_DISTANCE_CALCULATION_*`; `_API` picks the Google API."""
        prefix = "APVS_DISTANCE_CALCULATION_"
        enabled = _bool(env, prefix + "ENABLED", default=True)
        api = _text(env, prefix + "API", "directions").lower()
        if api not in _DISTANCE_URLS:
            raise ConfigurationError(
                f"{prefix}API must be directions, distance-matrix or routes"
            )
        if enabled:
            _required(env, (prefix + "DIRECTIONS_API_KEY",), f"{prefix}ENABLED is true")
        variable, default_url = _DISTANCE_URLS[api]
        url = _text(env, prefix + variable, default_url)
        return cls(
            enabled=enabled,
            api=api,
            url=url,
            api_key=Secret(_text(env, prefix + "DIRECTIONS_API_KEY")),
            timeout=_seconds(env, prefix + "TIMEOUT_SECONDS", 10),
        )


@attrs.frozen(kw_only=True)
class ZendeskConfig:
    """Zendesk; off unless `APVS_ZENDESK_ENABLED`; test mode tags tickets "Test"."""

    enabled: bool = False
    test_mode: bool = True
    url: str = ""
    email_address: Secret = NO_SECRET
    api_key: Secret = NO_SECRET
    timeout: timedelta = timedelta(seconds=10)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ZendeskConfig:
        """`APVS_ZENDESK_*`; `_PROD_ENVIRONMENT` (later name) wins over `_TEST_`."""
        prefix = "APVS_ZENDESK_"
        enabled = _bool(env, prefix + "ENABLED", default=False)
        if _text(env, prefix + "PROD_ENVIRONMENT"):
            test_mode = not _bool(env, prefix + "PROD_ENVIRONMENT", default=False)
        else:
            test_mode = _bool(env, prefix + "TEST_ENVIRONMENT", default=True)
        if enabled:
            _required(
                env,
                (prefix + "API_URL", prefix + "EMAIL_ADDRESS", prefix + "API_KEY"),
                f"{prefix}ENABLED is true",
            )
        return cls(
            enabled=enabled,
            test_mode=test_mode,
            url=_text(env, prefix + "API_URL"),
            email_address=Secret(_text(env, prefix + "EMAIL_ADDRESS")),
            api_key=Secret(_text(env, prefix + "API_KEY")),
            timeout=_seconds(env, prefix + "TIMEOUT_SECONDS", 10),
        )


@attrs.frozen(kw_only=True)
class S3Config:
    """The documents bucket: `AWS_S3_BUCKET_NAME`, `AWS_REGION`, endpoint override."""

    bucket: str | None = None
    region: str = "eu-west-2"
    endpoint_url: str | None = None
    access_key_id: Secret | None = None
    secret_access_key: Secret | None = None
    timeout: timedelta = timedelta(seconds=10)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> S3Config:
        """The original's key pair if given, else boto3's own chain (IRSA)."""
        key_id = _text(env, "AWS_ACCESS_KEY_ID")
        secret = _text(env, "AWS_SECRET_ACCESS_KEY")
        if bool(key_id) != bool(secret):
            raise ConfigurationError(
                "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither"
            )
        endpoint = _text(env, "AWS_ENDPOINT_URL_S3") or _text(env, "AWS_ENDPOINT_URL")
        return cls(
            bucket=_text(env, "AWS_S3_BUCKET_NAME") or None,
            region=_text(env, "AWS_REGION", "eu-west-2"),
            endpoint_url=endpoint or None,
            access_key_id=Secret(key_id) if key_id else None,
            secret_access_key=Secret(secret) if secret else None,
            timeout=_seconds(env, "AWS_S3_TIMEOUT_SECONDS", 10),
        )


@attrs.frozen(kw_only=True)
class IntegrationsConfig:
    """All five services."""

    notify: NotifyConfig
    benefit_checker: BenefitCheckerConfig
    distance: DistanceConfig
    zendesk: ZendeskConfig
    s3: S3Config
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> IntegrationsConfig:
        """Read and check every variable."""
        return cls(
            max_response_bytes=_int(
                env,
                "APVS_HTTP_MAX_RESPONSE_BYTES",
                DEFAULT_MAX_RESPONSE_BYTES,
                1024,
                1 << 30,
            ),
            notify=NotifyConfig.from_env(env),
            benefit_checker=BenefitCheckerConfig.from_env(env),
            distance=DistanceConfig.from_env(env),
            zendesk=ZendeskConfig.from_env(env),
            s3=S3Config.from_env(env),
        )
