"""`raises` for contract suites, which ship in core and so cannot import pytest."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs


@attrs.define
class Raised:
    """The exception caught by `raises`, once the block has run."""

    value: BaseException | None = None


@contextmanager
def raises(expected: type[BaseException]) -> Iterator[Raised]:
    """Fail unless the block raises `expected` (or a subclass); keep it for checks."""
    raised = Raised()
    try:
        yield raised
    except expected as error:
        raised.value = error
        return
    raise AssertionError(f"{expected.__name__} was not raised")
