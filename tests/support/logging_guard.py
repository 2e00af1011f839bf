"""A pytest plugin: no test leaves a logging handler on the root logger.

A handler left behind writes to the stream it was given, such as pytest's capture of
the test's stderr, which is closed once the test ends: every later test's logging
then fails there ("Logging error: I/O operation on closed file" in the unit tier's
captured stderr, from `cli.main`'s `configure` in one test).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


def _own_handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The logger's handlers but pytest's own (its capture changes with each phase)."""
    return [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]


@pytest.fixture(autouse=True)
def no_logging_handler_left_behind() -> Iterator[None]:
    """Fail any test that leaves a handler on the root logger; take it off again.

    A test that configures the runners' logging (`cli.main`) asks for
    `configured_logging`, which puts the root logger back as it was.
    """
    root = logging.getLogger()
    before = _own_handlers(root)
    yield
    left = [h for h in _own_handlers(root) if h not in before]
    for handler in left:
        root.removeHandler(handler)
    if left:
        pytest.fail(f"the test left logging handlers on the root logger: {left}")


@pytest.fixture
def configured_logging() -> Iterator[None]:
    """The root logger's handlers and level put back after a test configures them."""
    root = logging.getLogger()
    handlers, level = _own_handlers(root), root.level
    sqlalchemy = logging.getLogger("sqlalchemy")
    sqlalchemy_level = sqlalchemy.level
    try:
        yield
    finally:
        for handler in _own_handlers(root):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)
        sqlalchemy.setLevel(sqlalchemy_level)
