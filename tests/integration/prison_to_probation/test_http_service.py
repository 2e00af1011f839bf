"""The service's HTTP side on moto and the fakes: parameters, contract, health, metrics."""

from __future__ import annotations

import logging

import pytest

from support.p2p_http import ADMIN, REPORT

ACCESS_LOGGER = "hmpps_workers.runners.prison_to_probation.access"
BAD_PARAMETERS = [
    ("/report/not-matched?daysOld=abc", REPORT, "daysOld"),
    ("/report/not-matched?daysOld=3651", REPORT, "daysOld"),
    ("/report/match-summary?slaDays=-1", REPORT, "slaDays"),
    ("/report/processed?createdDateStartDateTime=yesterday", REPORT,
     "createdDateStartDateTime"),
    ("/report/processed?locationId=" + "M" * 65, REPORT, "locationId"),
    ("/queue-admin/get-dlq-messages/prison_to_probation_dlq?maxMessages=xyzzy", ADMIN,
     "maxMessages"),
    ("/queue-admin/get-dlq-messages/prison_to_probation_dlq?maxMessages=101", ADMIN,
     "maxMessages"),
    ("/queue-admin/parked?maxMessages=-5", ADMIN, "maxMessages"),
    ("/queue-admin/parked?maxMessages=lots", ADMIN, "maxMessages"),
    ("/queue-admin/parked?maxMessages=101", ADMIN, "maxMessages"),
]  # fmt: skip


class TestParameters:
    """Every query parameter is checked: 400 with the HMPPS body, never 500."""

    @pytest.mark.parametrize(("url", "role", "name"), BAD_PARAMETERS)
    def test_a_bad_value_is_a_400_naming_the_parameter(self, web, url, role, name):
        """The body names the parameter and does not echo the value."""
        answer = web.client.get(url, headers=web.bearer(role))
        body = answer.json()
        assert (answer.status_code, body["status"]) == (400, 400)
        assert name in body["userMessage"]
        assert name in body["developerMessage"]
        value = url.split("=", 1)[1]
        assert value not in body["userMessage"] + body["developerMessage"]

    def test_good_values_answer_200(self, web):
        """In-range values and ISO date-times, with or without an offset."""
        report = web.bearer(REPORT)
        urls = [
            "/report/not-matched?daysOld=0",
            "/report/match-summary?slaDays=3650&locationId=MDI",
            (
                "/report/processed?createdDateStartDateTime=2020-01-01T00:00:00"
                "&processedDateEndDateTime=2030-01-01T00:00:00Z"
            ),
        ]
        statuses = [web.client.get(url, headers=report).status_code for url in urls]
        listed = web.client.get(
            "/queue-admin/get-dlq-messages/prison_to_probation_dlq?maxMessages=100",
            headers=web.bearer(ADMIN),
        )
        assert (statuses, listed.status_code) == ([200, 200, 200], 200)

    def test_an_unknown_queue_is_a_404_with_the_hmpps_body(self, web):
        """Not one of ours: 404, in the same shape."""
        answer = web.client.put(
            "/queue-admin/purge-queue/someone-elses-queue", headers=web.bearer(ADMIN)
        )
        assert (answer.status_code, answer.json()["status"]) == (404, 404)

    def test_an_oversized_body_is_refused(self, web):
        """A declared body past the cap is a 413 before the route runs."""
        answer = web.client.put(
            "/queue-admin/retry-all-dlqs",
            headers=web.bearer(ADMIN),
            content=b"x" * (web.settings.max_body_bytes + 1),
        )
        assert answer.status_code == 413


class TestParked:
    """Parked messages listed and moved back, by the queue admin only, audited."""

    def test_parked_messages_are_listed_then_moved_back_with_who_asked(
        self, web, caplog
    ):
        """GET lists without moving; PUT moves them and logs who and how many."""
        sqs, names = web.services.dlq_sqs, web.services.config.aws
        parked = sqs.get_queue_url(QueueName=names.parking_queue)["QueueUrl"]
        for n in range(2):
            sqs.send_message(QueueUrl=parked, MessageBody=f'{{"n": {n}}}')
        admin = web.bearer(ADMIN, user_name="ops-person")
        listed = web.client.get("/queue-admin/parked?maxMessages=1", headers=admin)
        assert (listed.status_code, listed.json()["messagesFoundCount"],
                listed.json()["messagesReturnedCount"]) == (200, 2, 1)  # fmt: skip
        refused = web.client.put(
            "/queue-admin/retry-parked", headers=web.bearer(REPORT)
        )
        assert (refused.status_code, refused.json()["status"]) == (403, 403)
        with caplog.at_level(logging.INFO):
            moved = web.client.put("/queue-admin/retry-parked", headers=admin)
        assert (moved.status_code, moved.json()) == (200, {"moved": 2})
        (record,) = [
            r
            for r in caplog.records
            if r.getMessage() == "parked messages moved back to the queue"
        ]
        assert (record.by, record.moved) == ("ops-person", 2)
        queue = web.services.sqs.get_queue_url(QueueName=names.queue)["QueueUrl"]
        depth = web.services.sqs.get_queue_attributes(
            QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]["ApproximateNumberOfMessages"]
        assert depth == "2"


class TestContract:
    """The OpenAPI 3.1 document and Swagger UI, as springdoc offered."""

    def test_the_document_lists_every_operation_with_its_parameters(self, web):
        """Every path has an operation; the reports and admin need the bearer scheme."""
        document = web.client.get("/v3/api-docs").json()
        assert document["openapi"].startswith("3.1")
        operations = {
            (method.upper(), path): operation
            for path, item in document["paths"].items()
            for method, operation in item.items()
        }
        assert len(operations) == 16
        secured = {key for key, op in operations.items() if op.get("security")}
        assert secured == {
            key for key in operations if key[1].startswith(("/report", "/queue-admin"))
        }
        schemes = document["components"]["securitySchemes"]
        assert schemes["hmpps-auth"] == {
            "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
            "description": "A token from HMPPS Auth (client credentials or a user's)",
        }  # fmt: skip
        params = [
            p["name"] for p in operations["GET", "/report/processed"]["parameters"]
        ]
        assert "createdDateStartDateTime" in params
        assert not any("422" in op["responses"] for op in operations.values())

    def test_swagger_ui_is_served(self, web):
        """An HTML page pointing at /v3/api-docs."""
        answer = web.client.get("/swagger-ui.html")
        assert (answer.status_code, "/v3/api-docs" in answer.text) == (200, True)


class TestHealthAndMetrics:
    """/health from the adapters' pings; Prometheus with the HTTP and queue meters."""

    def test_health_has_every_component_up(self, web):
        """The original's component names, each UP on moto and the fakes."""
        answer = web.client.get("/health")
        body = answer.json()
        assert (answer.status_code, body["status"]) == (200, "UP")
        assert set(body["components"]) == {
            "healthInfo", "OAuthApiHealth", "prisonApiHealth", "communityApiHealth",
            "searchApiHealth", "messageTable", "scheduleTable",
            "prisonEventsQueueHealth", "HMPPSEventsQueueHealth"}  # fmt: skip
        queue = body["components"]["prisonEventsQueueHealth"]["details"]
        assert (queue["dlqStatus"], queue["MessagesOnDLQ"]) == ("UP", 0)
        events = body["components"]["HMPPSEventsQueueHealth"]["details"]
        assert (events["queueName"], events["dlqStatus"]) == (
            "prison_to_probation_hmpps_queue", "UP")  # fmt: skip

    def test_prometheus_has_process_python_http_and_queue_meters(self, web):
        """Process and Python collectors, requests by route template, queue depths."""
        web.client.get("/health/ping")
        web.client.get("/report/not-matched?daysOld=3", headers=web.bearer(REPORT))
        text = web.client.get("/prometheus").text
        for expected in (
            "process_cpu_seconds_total",
            "python_info",
            (
                'http_server_requests_seconds_count{method="GET",status="200",'
                'uri="/health/ping"}'
            ),
            (
                'http_server_requests_seconds_bucket{le="10.0",method="GET",'
                'status="200",uri="/report/not-matched"}'
            ),
            'ptpu_queue_messages{kind="dlq",queue="prison_to_probation_dlq"} 0.0',
            'ptpu_queue_messages{kind="queue",queue="prison_to_probation_hmpps_queue"}',
            'ptpu_statusChangeCounter_total{type="success"}',
        ):
            assert expected in text

    def test_one_access_line_per_request_without_query_or_token(self, web, caplog):
        """Method, route template, status and duration; no query string, no token."""
        headers = web.bearer(REPORT)
        token = headers["Authorization"].removeprefix("Bearer ")
        with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
            web.client.get(
                "/report/not-matched?daysOld=12345&note=zz-query", headers=headers
            )
            web.client.get("/queue-admin/get-dlq-messages/zz-unknown", headers=headers)
        lines = [r for r in caplog.records if r.name == ACCESS_LOGGER]
        assert [(r.method, r.route, r.status) for r in lines] == [
            ("GET", "/report/not-matched", 400),
            ("GET", "/queue-admin/get-dlq-messages/{dlqName}", 403),
        ]
        assert all(isinstance(r.duration_ms, float) for r in lines)
        text = " ".join(str(vars(r)) for r in lines)
        # Markers, not digits: a record's times and thread ids can hold any digits.
        assert ("daysOld" in text, "zz-query" in text, token in text,
                "zz-unknown" in text) == (False, False, False, False)  # fmt: skip
