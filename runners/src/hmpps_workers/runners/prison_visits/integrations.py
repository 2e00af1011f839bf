"""Build the five outside-service adapters from configuration, with overrides.

Like `bootstrap`, nothing is built at import time and any keyword replaces the adapter
built from configuration (tests pass the in-memory fakes). `ping_all` is the health
check: one line per service, never a secret.
"""

from __future__ import annotations

from typing import Protocol

import attrs
import boto3

from hmpps_workers.adapters.aws.s3 import S3FileStore, S3Settings
from hmpps_workers.adapters.distance import (
    DistanceSettings,
    GoogleDirectionsDistanceCalculator,
    GoogleDistanceMatrixDistanceCalculator,
    GoogleRoutesDistanceCalculator,
)
from hmpps_workers.adapters.dwp import BenefitCheckerSettings, ZeepBenefitChecker
from hmpps_workers.adapters.notify import NotifyEmailSender
from hmpps_workers.adapters.zendesk import ZendeskHelpdesk, ZendeskSettings
from hmpps_workers.core.errors import ConfigurationError, WorkerError
from hmpps_workers.core.prison_visits.benefits import (
    BenefitChecker,
    NotRunBenefitChecker,
)
from hmpps_workers.core.prison_visits.distance import DistanceCalculator
from hmpps_workers.core.prison_visits.documents import FileStore
from hmpps_workers.core.prison_visits.email import EmailSender
from hmpps_workers.core.prison_visits.helpdesk import DisabledHelpdesk, Helpdesk
from hmpps_workers.runners.prison_visits.integrations_config import (
    IntegrationsConfig,
    S3Config,
)


class Pingable(Protocol):
    """Anything with a health check."""

    def ping(self) -> None:
        """Raise if unhealthy."""
        ...


@attrs.define(kw_only=True)
class Integrations:
    """The adapters the prison-visits handlers use; `distance` is None when off."""

    config: IntegrationsConfig
    email: EmailSender
    benefits: BenefitChecker
    distance: DistanceCalculator | None
    helpdesk: Helpdesk
    files: FileStore

    def ping_all(self) -> dict[str, str]:
        """Ping each service: "ok", or the error's (secret-free) text."""
        services: dict[str, Pingable | None] = {
            "notify": self.email,
            "dwp": self.benefits,
            "distance": self.distance,
            "zendesk": self.helpdesk,
            "s3": self.files,
        }
        results = {}
        for name, service in services.items():
            if service is None:
                results[name] = "disabled"
                continue
            try:
                service.ping()
            except WorkerError as error:
                results[name] = f"failed: {error}"
            else:
                results[name] = "ok"
        return results


def email_sender(config: IntegrationsConfig) -> EmailSender:
    """Notify, which needs `APVS_NOTIFY_API_KEY`."""
    notify = config.notify
    if notify.api_key is None:
        raise ConfigurationError("APVS_NOTIFY_API_KEY is not set")
    return NotifyEmailSender.create(
        api_key=notify.api_key.value,
        base_url=notify.base_url,
        timeout=notify.timeout,
        do_not_send=notify.do_not_send,
        max_response_bytes=config.max_response_bytes,
    )


def benefit_checker(config: IntegrationsConfig) -> BenefitChecker:
    """The zeep checker, or one answering NOT-RUN when disabled."""
    dwp = config.benefit_checker
    if not dwp.enabled:
        return NotRunBenefitChecker()
    return ZeepBenefitChecker.create(
        BenefitCheckerSettings(
            url=dwp.url,
            lsc_service_name=dwp.lsc_service_name,
            client_org_id=dwp.client_org_id,
            client_user_id=dwp.client_user_id,
            client_reference=dwp.client_reference.value,
            timeout=dwp.timeout,
            max_response_bytes=config.max_response_bytes,
        )
    )


def distance_calculator(config: IntegrationsConfig) -> DistanceCalculator | None:
    """Directions, Distance Matrix or Routes; None when distance pricing is off."""
    distance = config.distance
    if not distance.enabled:
        return None
    settings = DistanceSettings(
        api_key=distance.api_key.value,
        url=distance.url,
        timeout=distance.timeout,
        max_response_bytes=config.max_response_bytes,
    )
    if distance.api == "routes":
        return GoogleRoutesDistanceCalculator(settings)
    if distance.api == "distance-matrix":
        return GoogleDistanceMatrixDistanceCalculator(settings)
    return GoogleDirectionsDistanceCalculator(settings)


def helpdesk(config: IntegrationsConfig) -> Helpdesk:
    """Zendesk, or a helpdesk that raises nothing when disabled."""
    zendesk = config.zendesk
    if not zendesk.enabled:
        return DisabledHelpdesk()
    return ZendeskHelpdesk(
        ZendeskSettings(
            url=zendesk.url,
            email_address=zendesk.email_address.value,
            api_key=zendesk.api_key.value,
            timeout=zendesk.timeout,
            max_response_bytes=config.max_response_bytes,
        )
    )


def s3_file_store(s3: S3Config) -> FileStore:
    """S3, which needs `AWS_S3_BUCKET_NAME`."""
    if not s3.bucket:
        raise ConfigurationError("AWS_S3_BUCKET_NAME is not set")
    session = None
    if s3.access_key_id and s3.secret_access_key:
        session = boto3.Session(
            aws_access_key_id=s3.access_key_id.value,
            aws_secret_access_key=s3.secret_access_key.value,
        )
    return S3FileStore.create(
        S3Settings(
            bucket=s3.bucket,
            region=s3.region,
            endpoint_url=s3.endpoint_url,
            timeout=s3.timeout,
        ),
        session=session,
    )


@attrs.define
class DeferredFileStore:
    """S3, built on first use: only the work that touches files needs a bucket."""

    s3: S3Config
    _store: FileStore | None = attrs.field(default=None, init=False)

    def _built(self) -> FileStore:
        if self._store is None:
            self._store = s3_file_store(self.s3)
        return self._store

    def upload(self, key: str, data: bytes) -> None:
        """Store `data` under `key`."""
        self._built().upload(key, data)

    def download(self, key: str) -> bytes:
        """Return the file under `key`."""
        return self._built().download(key)

    def delete(self, key: str) -> None:
        """Remove the file under `key`."""
        self._built().delete(key)

    def ping(self) -> None:
        """Check the bucket (building the client, so a missing bucket name says so)."""
        self._built().ping()


def build_integrations(
    config: IntegrationsConfig,
    *,
    email: EmailSender | None = None,
    benefits: BenefitChecker | None = None,
    distance: DistanceCalculator | None = None,
    helpdesk_service: Helpdesk | None = None,
    files: FileStore | None = None,
) -> Integrations:
    """Build every adapter; any keyword replaces the one built from configuration."""
    return Integrations(
        config=config,
        email=email or email_sender(config),
        benefits=benefits or benefit_checker(config),
        distance=distance or distance_calculator(config),
        helpdesk=helpdesk_service or helpdesk(config),
        files=files or DeferredFileStore(config.s3),
    )
