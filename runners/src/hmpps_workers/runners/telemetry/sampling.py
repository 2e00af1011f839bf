"""Children of a dropped span are dropped at once, without asking the distro's sampler.

The distro's samplers (rate-limited by default, fixed-percentage on request) are not
parent-based: the SDK hands them no parent context, so each decides every span anew,
hashing its trace id and, for the rate limiter, counting it in the rate. Under a
worker batch whose trace was dropped that was most of what a task's span cost, for a
span that would not be kept: the exporter shows a child only with its parent's
operation, and a kept child of a dropped parent is an orphan dependency with no
request above it. So a span whose parent is in this process and not recorded is
dropped straight away; every other span (roots, spans continuing a remote parent,
children of recorded spans) goes to the distro's sampler exactly as before, so the
sampling rate is the distro's. The distro's sampler decides a child of a recorded
span anew too, so a kept trace can arrive without some of its children
(docs/telemetry-cost.md, "Trace shape and the sampler").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

from hmpps_workers.runners.telemetry.tracing import is_dropped_here

_FOLLOWING = "_hmpps_follows_dropped_parents"


def dropped_parent(parent_context: Context | None) -> SamplingResult | None:
    """The decision for a span beneath a dropped local span, else None (ask on)."""
    parent = trace.get_current_span(parent_context)
    if is_dropped_here(parent):
        return SamplingResult(
            Decision.DROP, None, parent.get_span_context().trace_state
        )
    return None


def follow_dropped_parents(provider: Any) -> None:  # noqa: ANN401 - the SDK's provider
    """Make `provider`'s sampler drop children of dropped spans, for every tracer.

    The distro's instrumentations took their tracers while it configured, and each SDK
    tracer calls the one sampler object it was given: so that object's `should_sample`
    is wrapped in place, calling the original for every span but those.
    """
    sampler = getattr(provider, "sampler", None)
    if not isinstance(sampler, Sampler) or getattr(sampler, _FOLLOWING, False):
        return
    original: Callable[..., SamplingResult] = sampler.should_sample

    def should_sample(  # noqa: PLR0917 - the SDK's signature
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        decided = dropped_parent(parent_context)
        if decided is not None:
            return decided
        return original(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    setattr(sampler, "should_sample", should_sample)  # noqa: B010 - a method's place
    setattr(sampler, _FOLLOWING, True)
