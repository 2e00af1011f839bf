"""HTTP service requests become server spans; probes and query strings do not."""

from __future__ import annotations

from wsgiref.util import setup_testing_defaults

from opentelemetry.trace import SpanKind

from hmpps_workers.runners.telemetry.web import traced_wsgi


def _app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _call(app, path, query=""):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    return b"".join(app(environ, lambda status, headers: None))


class TestTracedWsgi:
    """Which requests are traced, and what their spans record."""

    def test_a_report_request_is_a_server_span_without_its_query(self, exported):
        """One server span; no attribute holds the query string's value."""
        body = _call(traced_wsgi(_app), "/report/processed", "name=Valentina")
        (span,) = exported.get_finished_spans()
        values = " ".join(str(v) for v in span.attributes.values())
        assert (body, span.kind, "Valentina" in values) == (
            b"ok",
            SpanKind.SERVER,
            False,
        )

    def test_probes_and_scrapes_are_not_traced(self, exported):
        """/health, /health/ping, /prometheus and /info answer with no span."""
        app = traced_wsgi(_app)
        for path in ("/health", "/health/ping", "/prometheus", "/info"):
            _call(app, path)
        assert exported.get_finished_spans() == ()
