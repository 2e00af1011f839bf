"""HMPPS API answers of any shape give a named error, never a crash."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hmpps_workers.adapters.hmpps_apis.community_api import (
    HttpCommunityApi,
    HttpOffenderSearch,
)
from hmpps_workers.adapters.hmpps_apis.http import ApiClient, ApiResponseTooLargeError
from hmpps_workers.adapters.hmpps_apis.prison_api import HttpPrisonApi
from hmpps_workers.core.errors import RetryableError, WorkerError
from hmpps_workers.core.prison_to_probation.api import MatchRequest

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
BODIES = st.binary(max_size=200) | JSON.map(
    lambda v: httpx.Response(200, json=v).content
)


def _client(body: bytes) -> ApiClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    return ApiClient(
        service="api",
        base_url="http://api.test",
        credentials=None,
        http=httpx.Client(transport=transport),
        max_response_bytes=1024,
    )


CALLS = [
    lambda c: HttpPrisonApi(c).get_booking(1),
    lambda c: HttpPrisonApi(c).get_sentence_detail(1),
    lambda c: HttpPrisonApi(c).get_sentence_terms(1),
    lambda c: HttpPrisonApi(c).get_movement(1, 1),
    lambda c: HttpPrisonApi(c).get_merged_identifiers(1),
    lambda c: HttpPrisonApi(c).get_prisoners("A1234AA"),
    lambda c: HttpCommunityApi(c).get_convictions("X1"),
    lambda c: HttpCommunityApi(c).update_noms_number("X1", "A1234AA"),
    lambda c: HttpOffenderSearch(c).match(
        MatchRequest(
            first_name="a", surname="b", date_of_birth=None, noms_number="A1234AA"
        )
    ),
]


class TestApiParsers:
    """Every client call on arbitrary bytes or JSON."""

    @settings(max_examples=60, deadline=None)
    @given(body=BODIES, call=st.sampled_from(CALLS))
    def test_any_answer_parses_or_raises_a_named_error(self, body, call):
        """Arbitrary bytes or JSON give a result or a WorkerError, nothing else."""
        try:
            call(_client(body))
        except WorkerError as error:
            message = str(error)
        else:
            message = "parsed"
        assert message

    def test_deeply_nested_json_is_a_named_error(self):
        """JSON nested past the recursion limit is refused, not a RecursionError."""
        body = b"[" * 100_000 + b"]" * 100_000
        client = _client(body)
        client.max_response_bytes = len(body)
        with pytest.raises(WorkerError, match="not JSON"):
            HttpPrisonApi(client).get_booking(1)


class TestResponseCap:
    """Answers over the cap are refused while streaming."""

    def test_oversized_answer_is_refused_with_a_named_error(self):
        """A streamed answer past the cap raises ApiResponseTooLargeError."""
        chunks = (b"x" * 512 for _ in range(10_000))
        transport = httpx.MockTransport(
            lambda request: httpx.Response(200, content=chunks)
        )
        client = ApiClient(service="prison-api", base_url="http://api.test",
                           credentials=None, http=httpx.Client(transport=transport),
                           max_response_bytes=4096)  # fmt: skip
        with pytest.raises(ApiResponseTooLargeError, match="over 4096 bytes: refused"):
            HttpPrisonApi(client).get_booking(1)


BOOKING = {
    "bookingId": 1, "bookingNo": "38339A", "offenderNo": "A5089DY",
    "activeFlag": True, "agencyId": "MDI", "firstName": "Thaddeus",
    "lastName": "Wolstenholme", "dateOfBirth": "1966-04-19",
}  # fmt: skip


class TestBookingNeedsNamesAndDateOfBirth:
    """As the original's non-null Kotlin fields: no empty values reach /match."""

    @pytest.mark.parametrize("field", ["firstName", "lastName", "dateOfBirth"])
    @pytest.mark.parametrize("value", [None, "", "absent"])
    def test_booking_without_a_name_or_date_of_birth_fails_retryably(
        self, field, value
    ):
        """Missing, null or empty: the call fails naming no value, to be retried."""
        body = dict(BOOKING)
        if value == "absent":
            del body[field]
        else:
            body[field] = value
        client = _client(httpx.Response(200, json=body).content)
        with pytest.raises(RetryableError, match="get booking answer not understood"):
            HttpPrisonApi(client).get_booking(1)

    def test_complete_booking_parses(self):
        """The same answer with every field is a booking."""
        client = _client(httpx.Response(200, json=BOOKING).content)
        assert HttpPrisonApi(client).get_booking(1).booking_no == "38339A"
