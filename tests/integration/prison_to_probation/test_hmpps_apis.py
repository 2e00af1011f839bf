"""The HMPPS API clients against the fake servers serving the original's responses."""

from __future__ import annotations

import json
from datetime import date, timedelta

import httpx
import pytest

from hmpps_workers.adapters.hmpps_apis.auth import (
    AuthRejectedError,
    AuthUnavailableError,
    ClientCredentials,
)
from hmpps_workers.adapters.hmpps_apis.community_api import (
    HttpCommunityApi,
    HttpOffenderSearch,
)
from hmpps_workers.adapters.hmpps_apis.http import (
    ApiClient,
    ApiRejectedError,
    ApiUnavailableError,
)
from hmpps_workers.adapters.hmpps_apis.prison_api import HttpPrisonApi
from hmpps_workers.core.prison_to_probation.api import (
    Conviction,
    Custody,
    KeyDatesNotFound,
    MatchRequest,
    Movement,
    OffenderIds,
    OffenderMatches,
    ReplaceCustodyKeyDates,
    SentenceDetail,
)
from hmpps_workers.core.prison_to_probation.errors import NotFoundError
from hmpps_workers.core.testing.prison_to_probation import world
from support.hmpps import hmpps_fakes


@pytest.fixture
def http():
    """One connection pool for every client of a test, closed afterwards."""
    with httpx.Client() as client:
        yield client


@pytest.fixture
def fakes(samples_dir, http):
    """Auth and the three APIs with the project's sample mappings loaded."""
    with hmpps_fakes(samples_dir) as started:
        started.http = http
        yield started


@pytest.fixture
def originals(shared_dir, http):
    """Auth and the three APIs with the original's WireMock mappings loaded."""
    with hmpps_fakes(shared_dir) as started:
        started.http = http
        yield started


@pytest.fixture
def bare(http):
    """Auth and the three APIs with no mappings."""
    with hmpps_fakes(None) as started:
        started.http = http
        yield started


def _credentials(fakes, **kwargs):
    return ClientCredentials(
        base_url=fakes.auth.base_url,
        client_id=fakes.auth.client_id,
        client_secret=fakes.auth.client_secret,
        http=fakes.http,
        **kwargs,
    )


def _clients(fakes, timeout=timedelta(seconds=5)):
    credentials = _credentials(fakes)

    def api(service, server):
        return ApiClient(
            service=service, base_url=server.url, credentials=credentials,
            timeout=timeout, http=fakes.http,
        )  # fmt: skip

    return (
        HttpPrisonApi(api("prison-api", fakes.prison)),
        HttpOffenderSearch(api("offender-search", fakes.search)),
        HttpCommunityApi(api("community-api", fakes.community)),
    )


def _only(server, method):
    calls = server.calls(method)
    assert len(calls) == 1
    return calls[0]


class TestClientCredentials:
    """Tokens come from Auth once and are refreshed before they expire."""

    def test_token_is_fetched_with_basic_auth_and_cached(self, bare):
        """The token is fetched once with HTTP basic auth, then reused."""
        credentials = _credentials(bare)
        first = credentials.token()
        assert (first, bare.auth.tokens_issued) == (credentials.token(), 1)
        request = bare.auth.requests[0]
        assert (request.path, request.body) == (
            "/auth/oauth/token",
            b"grant_type=client_credentials&scope=read",
        )

    def test_token_is_refreshed_a_minute_before_expiry(self, bare):
        """A cached token is refreshed once less than a minute of it is left."""
        clock = [0.0]
        credentials = _credentials(bare, monotonic=lambda: clock[0])
        credentials.token()
        clock[0] = bare.auth.token_lifetime - 61
        credentials.token()
        clock[0] = bare.auth.token_lifetime - 59
        credentials.token()
        assert bare.auth.tokens_issued == 2

    def test_wrong_secret_is_a_permanent_refusal(self, bare):
        """A wrong client secret is a permanent refusal, not retried."""
        credentials = ClientCredentials(
            base_url=bare.auth.base_url,
            client_id="someone",
            client_secret="wrong",
            http=bare.http,
        )
        with pytest.raises(AuthRejectedError):
            credentials.token()

    def test_auth_outage_is_retryable(self, bare):
        """An auth server error is retryable."""
        bare.auth.fail_next("server-error")
        with pytest.raises(AuthUnavailableError):
            _credentials(bare).token()

    def test_every_api_call_carries_the_token(self, fakes):
        """Every API call carries a bearer token the auth server issued."""
        prison, _, _ = _clients(fakes)
        prison.get_booking(1200835)
        header = fakes.prison.calls("GET")[0].headers["authorization"]
        assert fakes.auth.verifies(header.removeprefix("Bearer "))


class TestHttpPrisonApi:
    """prison-api paths and the original's responses."""

    def test_booking_path_query_and_fields(self, fakes):
        """get_booking asks for the original path and query and maps its fields."""
        prison, _, _ = _clients(fakes)
        booking = prison.get_booking(1200835)
        call = _only(fakes.prison, "GET")
        assert (call.path, call.param("basicInfo"), call.param("extraInfo")) == (
            "/api/bookings/1200835", "false", "true")  # fmt: skip
        assert (booking.booking_no, booking.offender_no, booking.agency_id,
                booking.active_flag, booking.date_of_birth) == (
            "38339A", "A5089DY", "MDI", True, world.booking().date_of_birth)  # fmt: skip

    def test_missing_booking_raises_not_found(self, bare):
        """A 404 for a booking raises NotFoundError."""
        prison, _, _ = _clients(bare)
        with pytest.raises(NotFoundError):
            prison.get_booking(1)

    def test_sentence_detail_and_terms(self, fakes):
        """Sentence detail and sentence terms are parsed into their dates."""
        prison, _, _ = _clients(fakes)
        detail = prison.get_sentence_detail(1200835)
        terms = prison.get_sentence_terms(1200835)
        assert detail == SentenceDetail(
            sentence_start_date=date(2020, 2, 11),
            conditional_release_date=date(2022, 11, 26),
            licence_expiry_date=date(2025, 9, 10),
            sentence_expiry_date=date(2025, 9, 10),
            release_date=date(2022, 11, 26),
        )
        assert [(t.start_date, t.consecutive_to) for t in terms][:2] == [
            (date(2020, 2, 11), None), (date(2020, 11, 21), 61)]  # fmt: skip

    def test_movement_and_missing_movement(self, fakes):
        """A movement is parsed; a movement the API does not have is None."""
        prison, _, _ = _clients(fakes)
        assert prison.get_movement(1200835, 1) == Movement(
            offender_no="A5089DY", movement_type="ADM", from_agency="ABRYCT",
            to_agency="MDI", direction_code="IN")  # fmt: skip
        assert prison.get_movement(1200835, 2) is None

    def test_merged_identifiers_and_prisoners(self, fakes):
        """Merged identifiers are asked for by type MERGED; prisoners are parsed."""
        prison, _, _ = _clients(fakes)
        merged = prison.get_merged_identifiers(1200835)
        prisoners = prison.get_prisoners("A5089DY")
        assert [i.value for i in merged] == ["A9999DY"]
        assert fakes.prison.calls("GET")[0].param("type") == "MERGED"
        assert [(p.offender_no, p.pnc_number, p.latest_location) for p in prisoners] == [
            ("A5089DY", None, "Moorland (HMP & YOI)")]  # fmt: skip

    def test_server_errors_are_retryable_and_other_refusals_permanent(self, bare):
        """Server errors are retryable; other refusals, such as a 400, are permanent."""
        prison, _, _ = _clients(bare)
        bare.prison.fail_next("server-error")
        with pytest.raises(ApiUnavailableError):
            prison.get_sentence_detail(1)
        bare.prison.stub("GET", "/api/bookings/1/sentenceDetail", status=400,
                         json_body={})  # fmt: skip
        with pytest.raises(ApiRejectedError):
            prison.get_sentence_detail(1)

    def test_every_call_has_a_timeout(self, bare):
        """A slow answer times out as a retryable ApiUnavailableError."""
        prison, _, _ = _clients(bare, timeout=timedelta(seconds=0.5))
        bare.prison.fail_next("slow")
        with pytest.raises(ApiUnavailableError, match="timed out"):
            prison.get_sentence_detail(1)


class TestHttpOffenderSearch:
    """POST /match: the request body and the matches."""

    def test_match_body_and_crns(self, fakes):
        """The match request body has the original fields and the CRNs come back."""
        _, search, _ = _clients(fakes)
        found = search.match(
            MatchRequest(
                first_name="TEST",
                surname="PERSON",
                date_of_birth=date(1970, 1, 1),
                noms_number="A5089DY",
                cro_number="1/2",
            )
        )
        assert found == OffenderMatches(
            matched_by="EXTERNAL_KEY", crns=("X142620", "X181002")
        )
        assert _only(fakes.search, "POST").json() == {
            "firstName": "TEST", "surname": "PERSON", "dateOfBirth": "1970-01-01",
            "nomsNumber": "A5089DY", "activeSentence": True, "pncNumber": None,
            "croNumber": "1/2"}  # fmt: skip


class TestHttpCommunityApi:
    """community-api paths, bodies and 404/409 semantics (section 8.4)."""

    def test_convictions_keep_custody_and_start_dates(self, fakes):
        """Convictions keep their custodial flag, active flag and sentence start date."""
        _, _, community = _clients(fakes)
        convictions = community.get_convictions("X142620")
        assert convictions[0] == Conviction(
            sentence_start_date=date(2020, 2, 11), custodial=True, active=True
        )
        assert [c.custodial for c in convictions] == [True, False, False]

    def test_noms_number_set_on_a_crn(self, fakes):
        """Setting a NOMS number on a CRN sends the original path and body."""
        _, _, community = _clients(fakes)
        ids = community.update_noms_number("X142620", "A5089DY")
        call = _only(fakes.community, "PUT")
        assert (ids, call.path, call.json()) == (
            OffenderIds(crn="X142620", noms_number="A5089DY"),
            "/secure/offenders/crn/X142620/nomsNumber",
            {"nomsNumber": "A5089DY"},
        )

    @pytest.mark.parametrize("status", [404, 409])
    def test_noms_number_on_a_crn_raises_on_404_and_409(self, bare, status):
        """Setting a NOMS number on a CRN raises on 404 and 409 alike."""
        _, _, community = _clients(bare)
        bare.community.stub("PUT", "/secure/offenders/crn/X1/nomsNumber",
                            status=status, json_body={})  # fmt: skip
        with pytest.raises((NotFoundError, ApiRejectedError)):
            community.update_noms_number("X1", "A5089DY")

    def test_book_number_body_and_404(self, fakes):
        """Updating the booking number sends the original body; 404 gives None."""
        _, _, community = _clients(fakes)
        custody = community.update_booking_number(
            "A5089DY", sentence_start_date="2020-02-11", booking_number="38339A"
        )
        call = _only(fakes.community, "PUT")
        assert (custody, call.json()) == (
            Custody(booking_number="38339A", institution_description="A test prison"),
            {"sentenceStartDate": "2020-02-11", "bookingNumber": "38339A"},
        )
        assert (
            community.update_booking_number(
                "NOBODY", sentence_start_date="2020-02-11", booking_number="1"
            )
            is None
        )

    def test_custody_location_body_and_404(self, fakes):
        """Updating the custody location sends the prison code; 404 gives None."""
        _, _, community = _clients(fakes)
        community.update_custody_location("A5089DY", "38339A", prison_code="MDI")
        call = _only(fakes.community, "PUT")
        assert (call.path, call.json()) == (
            "/secure/offenders/nomsNumber/A5089DY/custody/bookingNumber/38339A",
            {"nomsPrisonInstitutionCode": "MDI"},
        )
        assert (
            community.update_custody_location("A5089DY", "X", prison_code="MDI") is None
        )

    def test_key_dates_body_sends_nulls_and_404_keeps_the_text(self, fakes):
        """Key dates are sent with explicit nulls; a 404 keeps Delius's text."""
        _, _, community = _clients(fakes)
        dates = ReplaceCustodyKeyDates(sentence_expiry_date=date(2025, 9, 10))
        community.replace_key_dates("A5089DY", "38339A", dates)
        assert _only(fakes.community, "POST").json() == {
            "conditionalReleaseDate": None, "licenceExpiryDate": None,
            "hdcEligibilityDate": None, "paroleEligibilityDate": None,
            "sentenceExpiryDate": "2025-09-10", "expectedReleaseDate": None,
            "postSentenceSupervisionEndDate": None}  # fmt: skip
        fakes.community.stub(
            "POST",
            "/secure/offenders/nomsNumber/A1/bookingNumber/B1/custody/keyDates",
            status=404,
            text="no conviction with bookingNumber B1",
        )
        assert community.replace_key_dates("A1", "B1", dates) == KeyDatesNotFound(
            body="no conviction with bookingNumber B1"
        )

    @pytest.mark.parametrize("status", [404, 409])
    def test_replacing_a_merged_noms_number_tolerates_404_and_409(self, fakes, status):
        """Replacing a merged NOMS number returns the offender ids; 404 and 409 are tolerated."""
        _, _, community = _clients(fakes)
        assert community.replace_noms_number("A9999DY", "A5089DY") == (
            OffenderIds(crn="X142620", noms_number="A5089DY"),)  # fmt: skip
        assert _only(fakes.community, "PUT").json() == {"nomsNumber": "A5089DY"}
        fakes.community.stub("PUT", "/secure/offenders/nomsNumber/A9999DY/nomsNumber",
                             status=status, json_body={})  # fmt: skip
        assert community.replace_noms_number("A9999DY", "A5089DY") is None

    def test_pings_need_no_token(self, bare):
        """Health pings carry no token, and a failing ping is retryable."""
        _, _, community = _clients(bare)
        assert community.api.ping() == 200
        assert "authorization" not in bare.community.requests[0].headers
        bare.community.fail_next("ping-down")
        with pytest.raises(ApiUnavailableError):
            community.api.ping()


class TestFixtureMappings:
    """Every shared WireMock mapping is served back byte for byte in meaning."""

    def test_each_mapping_answers_its_request(self, originals, shared_dir):
        """Each shared prison-api mapping is answered by the fake as the fixture records."""
        fakes = originals
        token = fakes.auth.issue()
        folder = shared_dir / "fixtures/prison-to-probation/api-responses"
        for file in sorted(folder.glob("*.json")):
            mapping = json.loads(file.read_text())
            request = mapping["request"]
            url = fakes.prison.url + (request.get("urlPath") or request["url"])
            response = httpx.request(request["method"], url, timeout=5,
                                     headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            expected = mapping["response"]
            assert response.status_code == expected["status"], file.name
            if "jsonBody" in expected:
                assert response.json() == expected["jsonBody"], file.name
