"""The current span read in one context look-up: asked for every statement and task.

OpenTelemetry's `trace.get_current_span()` goes through the context API (`get_value`,
`get_current` twice, the runtime context) and an ABC `isinstance` check: six Python
calls, made for every SQL statement (`sql_spans`), every task (`tracing`) and every
custom event (`events`), although at the default sampling the answer is nearly always
"a dropped span" or "no span". Here the current context is read straight from the
runtime context's `ContextVar` (OpenTelemetry's own `get_current` returns the same
object), and a missing or non-recording span is answered from it; any other value
takes OpenTelemetry's path, so every answer is the API's (`tests/unit/telemetry/
test_current_span.py` compares them for every kind of current span).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context.contextvars_context import ContextVarsRuntimeContext
from opentelemetry.trace import INVALID_SPAN_CONTEXT, NonRecordingSpan, SpanContext
from opentelemetry.trace.propagation import _SPAN_KEY


def _context_reader() -> Callable[[], Mapping[str, object]]:
    """The runtime context's `ContextVar.get`, or the API's `get_current` if other."""
    runtime = getattr(otel_context, "_RUNTIME_CONTEXT", None)
    variable = getattr(runtime, "_current_context", None)
    if type(runtime) is ContextVarsRuntimeContext and isinstance(variable, ContextVar):
        return variable.get
    return otel_context.get_current


_current: Callable[[], Mapping[str, object]] = _context_reader()
# For a hook that inlines `recording`'s first test (`sql_spans`, once a statement).
current_context = _current
SPAN_KEY = _SPAN_KEY


def recording() -> bool:
    """`trace.get_current_span().is_recording()`."""
    span = _current().get(_SPAN_KEY)
    if span is None or type(span) is NonRecordingSpan:
        return False
    return trace.get_current_span().is_recording()


def dropped_here() -> bool:
    """The current span is of this process and its sampler dropped it.

    `tracing.is_dropped_here(trace.get_current_span())`.
    """
    span = _current().get(_SPAN_KEY)
    if span is None:
        return False
    if type(span) is NonRecordingSpan:
        found = span.get_span_context()
        return found.is_valid and not found.is_remote
    current = trace.get_current_span()
    found = current.get_span_context()
    return found.is_valid and not found.is_remote and not current.is_recording()


def span_context() -> SpanContext:
    """`trace.get_current_span().get_span_context()`."""
    span = _current().get(_SPAN_KEY)
    if span is None:
        return INVALID_SPAN_CONTEXT
    if type(span) is NonRecordingSpan:
        return span.get_span_context()
    return trace.get_current_span().get_span_context()
