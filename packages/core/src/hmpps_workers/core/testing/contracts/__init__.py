"""Contract suites: one set of tests per port, run against the fake and every adapter.

Subclass a contract in a pytest module and provide its fixture; see each class. The
suites use plain asserts and `raises` below, so core needs no test framework.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def raises(expected: type[BaseException]) -> Iterator[None]:
    """Fail unless the block raises `expected` (a stdlib `pytest.raises`)."""
    try:
        yield
    except expected:
        return
    raise AssertionError(f"{expected.__name__} was not raised")
