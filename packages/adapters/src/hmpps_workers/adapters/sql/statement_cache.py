"""SQLAlchemy's compiled-statement cache, found by the cache key's identity first.

Before every execute SQLAlchemy looks the statement's compiled form up in a cache
keyed by the statement's cache key: a tuple describing the whole statement, hashed
again on every lookup (CPython does not keep a tuple's hash). For the claim head's
90 labelled columns and joins that is ~11 µs, a third of SQLAlchemy's Python on
that read. Our hot statements are built once and kept, and SQLAlchemy keeps each
one's cache key with it, so the key tuple handed to the cache is the same object
every time: `StatementCache` finds it by `id()` (checked with `is`) before falling
back to the ordinary hashed lookup, which statements built per call still take.

It is installed through the `compiled_cache` execution option, which SQLAlchemy
documents as a mapping it calls `get` and `__setitem__` on. The lookup key's layout
(`(dialect, cache key, column keys, schema map used, executemany)`) is SQLAlchemy's
own; a key of any other shape takes the ordinary lookup, and
`tests/unit/test_statement_cache.py` fails if the layout changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.util import LRUCache

CACHE_SIZE = 500
"""Compiled statements kept, as SQLAlchemy's default `query_cache_size`."""
_KEY_LENGTH = 5


class StatementCache:
    """A `compiled_cache` that finds a kept statement without hashing its key."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        """An empty cache of up to `size` compiled statements."""
        self._size = size
        self._hashed: LRUCache[Any, Any] = LRUCache(size)
        # id(cache key tuple) -> (that tuple, {(dialect, rest of key): compiled})
        self._known: dict[int, tuple[object, dict[tuple[Any, ...], Any]]] = {}

    def get(self, key: Any, default: Any = None) -> Any:  # noqa: ANN401 - SQLAlchemy's
        """The compiled form for `key`, or `default`."""
        if type(key) is tuple and len(key) == _KEY_LENGTH:
            known = self._known.get(id(key[1]))
            if known is not None and known[0] is key[1]:
                found = known[1].get((key[0], *key[2:]))
                if found is not None:
                    return found
        found = self._hashed.get(key)
        if found is None:
            return default
        self._remember(key, found)
        return found

    def __setitem__(self, key: Any, value: Any) -> None:  # noqa: ANN401 - SQLAlchemy's
        """Keep `value`, the compiled form for `key`."""
        self._hashed[key] = value
        self._remember(key, value)

    def __len__(self) -> int:
        """How many compiled forms the ordinary cache holds."""
        return len(self._hashed)

    @property
    def indexed(self) -> int:
        """How many cache keys the identity index holds (at most the size)."""
        return len(self._known)

    def _remember(self, key: Any, value: Any) -> None:  # noqa: ANN401 - SQLAlchemy's
        if type(key) is not tuple or len(key) != _KEY_LENGTH:
            return
        if len(self._known) >= self._size:
            # Statements built per call would otherwise pile up here: start again.
            self._known.clear()
        known = self._known.get(id(key[1]))
        if known is None or known[0] is not key[1]:
            known = self._known[id(key[1])] = (key[1], {})
        known[1][(key[0], *key[2:])] = value
