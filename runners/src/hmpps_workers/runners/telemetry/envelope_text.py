"""Plain envelopes as JSON text, each shape's fixed parts rendered once.

The exporter's client serializes its batch with `json.dumps`: for a custom event's
envelope (about 30 strings, 800 bytes) that cost about 13 us of the export thread,
as much as building the envelope, under the interpreter lock the worker thread
needs (docs/telemetry-cost.md, "Issue 18g"). An event's envelope differs from the next
one of its shape (the same property keys) only in its operation ids, time, name and
property values. So each shape is rendered once by `json.dumps` with a placeholder
in each of those places and split there; an event fills in its values, each escaped
by the function `json.dumps` itself uses for strings (`encode_basestring_ascii`).
The text is what `json.dumps` gives the envelope's dict, and a batch's body is its
texts joined as `json.dumps` joins a list's items: the canaries
(`tests/integration/telemetry/test_event_text_wire.py`, `test_event_wire.py`)
compare the posted bodies with the library's, byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring_ascii
from typing import Any

_SLOT = "@@hmpps-workers-slot-{}@@"
_SLOTS = re.compile(r'"@@hmpps-workers-slot-(\d+)@@"')
# The values that are not properties, in slot order.
_FIXED = ("operation", "parent", "time", "name")
# Shapes are the services' event types; a bound keeps a stray caller from growing it.
MAX_SHAPES = 256

Build = Callable[[str, Mapping[str, str], str, str, str], dict[str, Any]]
Encode = Callable[[Any], str]


class EnvelopeTexts:
    """JSON text of plain envelopes, from one split rendering per shape."""

    def __init__(self, build: Build) -> None:
        """`build(name, properties, operation, parent, time)` makes the dict."""
        self._build = build
        self._formats: dict[tuple[str, ...], list[str] | None] = {}

    def forget(self) -> None:
        """The envelope's fixed parts changed (another resource): render anew."""
        self._formats.clear()

    def text(
        self,
        name: str,
        properties: Mapping[str, str],
        operation: str,
        parent: str,
        time: str,
    ) -> str:
        """What `json.dumps(build(name, properties, operation, parent, time))` gives."""
        keys = tuple(properties)
        try:
            skeleton = self._formats[keys]
        except KeyError:
            # Past the bound a shape is not split at all: `json.dumps` renders it.
            full = len(self._formats) >= MAX_SHAPES
            skeleton = None if full else self._skeleton(keys)
        if skeleton is None:  # not a shape a template can hold
            return json.dumps(self._build(name, properties, operation, parent, time))
        encode = encode_basestring_ascii
        parts = skeleton.copy()
        parts[1::2] = (
            encode(operation),
            encode(parent),
            encode(time),
            encode(name),
            *map(encode, properties.values()),
        )
        return "".join(parts)

    def _skeleton(self, keys: tuple[str, ...]) -> list[str] | None:
        """The shape's text split at its values: literal, value, ..., literal."""
        slots = [_SLOT.format(index) for index in range(len(_FIXED) + len(keys))]
        operation, parent, time, name, *values = slots
        properties = dict(zip(keys, values, strict=True))
        sample = json.dumps(self._build(name, properties, operation, parent, time))
        parts = _SLOTS.split(sample)
        # Usable when each value appears once, in the order `text` fills them in.
        found = [int(index) for index in parts[1::2]]
        skeleton = parts if found == list(range(len(slots))) else None
        self._formats[keys] = skeleton
        return skeleton


def batch_body(items: Iterable[Any], encode: Encode) -> bytes:
    """A batch as `json.dumps` writes a list: texts as they are, the rest encoded."""
    texts = (item if type(item) is str else encode(item) for item in items)
    return ("[" + ", ".join(texts) + "]").encode("ascii")
