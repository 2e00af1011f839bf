"""Every fake at once, with the environment that points the worker at them.

S3 comes from moto's server when moto is installed (it is a test dependency); without
it the bundle runs the other four and says so. That server is `moto_server`'s, as the
test tiers': it takes DynamoDB requests one at a time, as DynamoDB writes an item.
"""

from __future__ import annotations

import importlib.util
from typing import Final, Self

import attrs

from hmpps_workers.adapters.testing.distance import FakeDistance
from hmpps_workers.adapters.testing.dwp import FakeDwp
from hmpps_workers.adapters.testing.http import FakeServer
from hmpps_workers.adapters.testing.moto_server import MotoServer
from hmpps_workers.adapters.testing.notify import FakeNotify
from hmpps_workers.adapters.testing.zendesk import FakeZendesk

BUCKET = "hwpv-local-documents"
REGION: Final = "eu-west-2"


@attrs.define
class FakeServices:
    """Fake Notify, DWP, distance, Zendesk and (with moto) S3 on loopback."""

    host: str = "127.0.0.1"
    with_s3: bool = True
    notify: FakeNotify = attrs.field(init=False)
    dwp: FakeDwp = attrs.field(init=False)
    distance: FakeDistance = attrs.field(init=False)
    zendesk: FakeZendesk = attrs.field(init=False)
    s3_url: str | None = attrs.field(init=False, default=None)
    _moto: MotoServer | None = attrs.field(init=False, default=None)

    def start(self) -> Self:
        """Start every fake on a free port."""
        self.notify = FakeNotify(host=self.host).start()
        self.dwp = FakeDwp(host=self.host).start()
        self.distance = FakeDistance(host=self.host).start()
        self.zendesk = FakeZendesk(host=self.host).start()
        if self.with_s3 and importlib.util.find_spec("moto") is not None:
            self._start_s3()
        return self

    def _start_s3(self) -> None:
        import boto3  # noqa: PLC0415

        self._moto = MotoServer(host=self.host).start()
        self.s3_url = self._moto.url
        boto3.Session(
            aws_access_key_id="fake",
            aws_secret_access_key="fake",  # noqa: S106 - moto
            region_name=REGION,
        ).client("s3", endpoint_url=self.s3_url).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )

    def servers(self) -> list[FakeServer]:
        """The four HTTP fakes."""
        return [self.notify, self.dwp, self.distance, self.zendesk]

    def stop(self) -> None:
        """Stop them all."""
        for server in self.servers():
            server.stop()
        if self._moto is not None:
            self._moto.stop()

    def __enter__(self) -> Self:
        """Start."""
        return self.start()

    def __exit__(self, *exc: object) -> None:
        """Stop."""
        self.stop()

    def _distance_environment(self) -> dict[str, str]:
        prefix = "APVS_DISTANCE_CALCULATION_"
        return {
            prefix + "DIRECTIONS_API_URL": self.distance.directions_url,
            prefix + "ROUTES_API_URL": self.distance.routes_url,
            prefix + "DIRECTIONS_API_KEY": self.distance.api_key,
        }

    def environment(self) -> dict[str, str]:
        """The variables that point the runners at these fakes."""
        env = {
            "APVS_NOTIFY_API_URL": self.notify.url,
            "APVS_NOTIFY_API_KEY": self.notify.api_key,
            "APVS_DWP_BENEFIT_CHECKER_ENABLED": "true",
            "APVS_DWP_BENEFIT_CHECKER_URL": self.dwp.endpoint,
            "APVS_DWP_BENEFIT_CHECKER_LSCSERVICENAME": "fake",
            "APVS_DWP_BENEFIT_CHECKER_CLIENTORGID": "fake",
            "APVS_DWP_BENEFIT_CHECKER_CLIENTUSERID": "fake",
            "APVS_DWP_BENEFIT_CHECKER_CLIENTREFERENCE": "fake",
            **self._distance_environment(),
            "APVS_ZENDESK_ENABLED": "true",
            "APVS_ZENDESK_API_URL": self.zendesk.url,
            "APVS_ZENDESK_EMAIL_ADDRESS": self.zendesk.email_address,
            "APVS_ZENDESK_API_KEY": self.zendesk.api_key,
        }
        if self.s3_url:
            env |= {
                "AWS_ENDPOINT_URL_S3": self.s3_url,
                "AWS_S3_BUCKET_NAME": BUCKET,
                "AWS_REGION": REGION,
                "AWS_ACCESS_KEY_ID": "fake",
                "AWS_SECRET_ACCESS_KEY": "fake",
            }
        return env
