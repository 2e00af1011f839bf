"""One in-memory tracer provider for the process, privacy processor ahead of export."""

from __future__ import annotations

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hmpps_workers.runners.telemetry.privacy import PrivacySpanProcessor

_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="session")
def _provider():
    provider = TracerProvider()
    provider.add_span_processor(PrivacySpanProcessor())
    provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    trace.set_tracer_provider(provider)
    return provider


@pytest.fixture
def exported(_provider):
    """The spans finished during the test, as the exporter received them."""
    _EXPORTER.clear()
    return _EXPORTER
