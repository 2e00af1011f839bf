"""The fake HMPPS Auth and API servers, loaded with the original's WireMock mappings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import attrs

from hmpps_workers.adapters.testing.hmpps_apis import (
    FakeCommunityApiServer,
    FakeOffenderSearchServer,
    FakePrisonApiServer,
)
from hmpps_workers.adapters.testing.hmpps_auth import FakeHmppsAuth

FIXTURES = "fixtures/prison-to-probation"


@attrs.define
class HmppsFakes:
    """Auth plus the three APIs."""

    auth: FakeHmppsAuth
    prison: FakePrisonApiServer
    search: FakeOffenderSearchServer
    community: FakeCommunityApiServer
    http: object = None

    def environment(self) -> dict[str, str]:
        """The original's variables pointing at the fakes."""
        return {
            "OAUTH_ENDPOINT_URL": self.auth.base_url,
            "OAUTH_CLIENT_ID": self.auth.client_id,
            "OAUTH_CLIENT_SECRET": self.auth.client_secret,
            "PRISON_ENDPOINT_URL": self.prison.url,
            "OFFENDER_SEARCH_ENDPOINT_URL": self.search.url,
            "COMMUNITY_ENDPOINT_URL": self.community.url,
        }


@contextmanager
def hmpps_fakes(shared: Path | None) -> Iterator[HmppsFakes]:
    """Start the fakes; with `shared`, every mapping on every API (as the original)."""
    with ExitStack() as stack:
        auth = stack.enter_context(FakeHmppsAuth())
        apis = [
            stack.enter_context(kind(auth=auth))
            for kind in (
                FakePrisonApiServer,
                FakeOffenderSearchServer,
                FakeCommunityApiServer,
            )
        ]
        if shared is not None:
            for api in apis:
                api.load_wiremock([shared / FIXTURES / "api-responses"])
        yield HmppsFakes(auth, *apis)  # type: ignore[arg-type]
