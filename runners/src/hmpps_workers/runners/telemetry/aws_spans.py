"""AWS calls as dependencies, but no work for a call beneath a dropped span.

The contrib botocore instrumentation does its work for every call before the
sampler is asked: the call's context, its attributes (the endpoint parsed, each
service's extension), tracer and metrics looked up, a span started and made current,
HTTP instrumentation suppressed, the response's attributes copied. Beneath a span of
this process that was dropped (most SQS messages at the default sampling) every
child is dropped too (`sampling.follow_dropped_parents`), so all of that made
nothing: the P2P service paid it for every DynamoDB call of every message. Here
such a call goes straight to botocore. Every other call (beneath a recorded span,
continuing a remote parent, or outside any span, such as the consumer's
ReceiveMessage polls) is instrumented exactly as before, and botocore's requests
carry the X-Ray header as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from opentelemetry import trace
from opentelemetry.instrumentation.botocore import BotocoreInstrumentor

from hmpps_workers.runners.telemetry.tracing import is_dropped_here


class AwsSpans(BotocoreInstrumentor):
    """The botocore instrumentation, but nothing beneath a dropped span."""

    def __init__(self) -> None:
        """As the contrib's (an instrumentor is one per process)."""
        super().__init__()  # type: ignore[no-untyped-call]

    def _patched_api_call(
        self,
        original_func: Callable[..., Any],
        instance: object,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:  # noqa: ANN401 - botocore's answer, whatever the operation
        if is_dropped_here(trace.get_current_span()):
            return original_func(*args, **kwargs)
        return super()._patched_api_call(original_func, instance, args, kwargs)  # type: ignore[no-untyped-call]
