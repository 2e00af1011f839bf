"""Bearer tokens as HMPPS Auth issues them: accepted in its shape, refused nine ways."""

from __future__ import annotations

import jwt
import pytest

from hmpps_workers.adapters.testing.hmpps_auth import new_key
from support.p2p_http import ADMIN, REPORT, http_world

REPORT_PATH = "/report/in-progress"
ADMIN_PATH = "/queue-admin/retry-all-dlqs"


def _unsigned(auth):
    """The fake's claim set, signed with nothing (`alg: none`)."""
    claims = jwt.decode(auth.issue(roles=[REPORT, ADMIN]),
                        options={"verify_signature": False})  # fmt: skip
    return jwt.encode(claims, None, algorithm="none", headers={"kid": auth.kid})


REFUSALS = {
    "missing": (lambda auth: None, 401),
    "malformed": (lambda auth: "not-a.jwt", 401),
    "expired": (lambda auth: auth.issue(roles=[REPORT, ADMIN], lifetime=-600), 401),
    "wrongly-signed": (
        lambda auth: auth.issue(roles=[REPORT, ADMIN], key=new_key()),
        401,
    ),
    "wrong-role": (lambda auth: auth.issue(roles=["ROLE_OTHER"]), 403),
    "alg-none": (_unsigned, 401),
    "wrong-issuer": (
        lambda auth: auth.issue(
            roles=[REPORT, ADMIN], issuer="https://elsewhere/issuer"
        ),
        401,
    ),
    "unknown-kid": (
        lambda auth: auth.issue(roles=[REPORT, ADMIN], key=new_key(), kid="stranger"),
        401,
    ),
}


def _call(world, method, path, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return world.client.request(method, path, headers=headers)


class TestTokens:
    """Reports and queue admin take HMPPS Auth's tokens and nothing else."""

    def test_a_token_in_hmpps_auths_shape_is_accepted(self, web):
        """`aud: oauth2-resource`, `kid`, its issuer and claim set: 200."""
        claims = jwt.decode(web.fakes.auth.issue(), options={"verify_signature": False})
        assert {"client_id", "grant_type", "scope", "authorities", "jti", "iss",
                "exp", "aud"} <= set(claims)  # fmt: skip
        assert claims["aud"] == ["oauth2-resource"]
        report = web.client.get(REPORT_PATH, headers=web.bearer(REPORT))
        admin = web.client.put(ADMIN_PATH, headers=web.bearer(ADMIN))
        assert (report.status_code, admin.status_code) == (200, 200)

    @pytest.mark.parametrize("kind", sorted(REFUSALS))
    def test_each_kind_of_bad_token_is_refused_with_the_hmpps_body(self, web, kind):
        """401 or 403 with `status`, `userMessage` and `developerMessage`."""
        make, status = REFUSALS[kind]
        token = make(web.fakes.auth)
        for method, path in (("GET", REPORT_PATH), ("PUT", ADMIN_PATH)):
            answer = _call(web, method, path, token)
            body = answer.json()
            assert (path, answer.status_code, body["status"]) == (path, status, status)
            assert body["userMessage"]
            assert body["developerMessage"]

    def test_a_configured_audience_refuses_tokens_for_another(self, aws_env, hmpps):
        """With OAUTH_AUDIENCE set, `aud` must name it."""
        with http_world(hmpps, {"OAUTH_AUDIENCE": "prison-to-probation"}) as world:
            other = world.client.get(REPORT_PATH, headers=world.bearer(REPORT))
            ours = world.client.get(
                REPORT_PATH,
                headers=world.bearer(REPORT, audience="prison-to-probation"),
            )
        assert (other.status_code, ours.status_code) == (401, 200)

    def test_the_key_set_is_fetched_once_not_per_request(self, web):
        """Many requests, one JWKS fetch."""
        for _ in range(5):
            web.client.get(REPORT_PATH, headers=web.bearer(REPORT))
        fetches = [r for r in web.fakes.auth.requests if r.path.endswith("jwks.json")]
        assert len(fetches) == 1

    def test_a_rotated_key_is_picked_up_with_one_refresh(self, web):
        """A token under a new `kid` makes one fetch of the key set, then passes."""
        assert (
            web.client.get(REPORT_PATH, headers=web.bearer(REPORT)).status_code == 200
        )
        web.fakes.auth.rotate()
        answer = web.client.get(REPORT_PATH, headers=web.bearer(REPORT))
        fetches = [r for r in web.fakes.auth.requests if r.path.endswith("jwks.json")]
        assert (answer.status_code, len(fetches)) == (200, 2)
