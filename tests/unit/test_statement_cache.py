"""The compiled-statement cache finds kept statements without hashing their keys."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.statement_cache import StatementCache

TABLE = sa.table("t", sa.column("a"), sa.column("b"))
KEPT = sa.select(TABLE.c.a).where(TABLE.c.b == sa.bindparam("b"))


class _Counting(tuple[Any, ...]):
    """A cache key that counts how often it is hashed."""

    __slots__ = ()
    hashes = 0

    def __hash__(self) -> int:
        """Count, then hash as a tuple."""
        type(self).hashes += 1
        return super().__hash__()


def _key(cache_key: tuple[Any, ...], dialect: object = "d") -> tuple[Any, ...]:
    return (dialect, cache_key, ("b",), False, False)


class _Recording(StatementCache):
    """A StatementCache remembering every key SQLAlchemy looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[Any] = []

    def get(self, key: Any, default: Any = None) -> Any:
        self.keys.append(key)
        return super().get(key, default)


class TestStatementCache:
    """Kept statements by identity, others by their equal key, all as SQLAlchemy's."""

    def test_sqlalchemy_looks_up_with_the_key_layout_the_cache_expects(self):
        """Canary: a 5-tuple whose second item is the same object on every execute."""
        cache = _Recording()
        engine = create_database_engine("sqlite://")
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE t (a INTEGER, b INTEGER)")
            options = connection.execution_options(compiled_cache=cache)
            options.execute(KEPT, {"b": 1}).all()
            options.execute(KEPT, {"b": 2}).all()
        first, second = cache.keys
        expected = [(5, ("b",), False, False)] * 2 + [True]
        actual = [(len(k), *k[2:]) for k in cache.keys] + [first[1] is second[1]]
        assert expected == actual

    def test_a_kept_key_is_found_without_being_hashed_again(self):
        """The second lookup of the same key object hashes nothing."""
        cache = StatementCache()
        key = _key(_Counting((1, 2, 3)))
        cache[key] = "compiled"
        _Counting.hashes = 0
        expected = ("compiled", 0)
        actual = (cache.get(key), _Counting.hashes)
        assert expected == actual

    def test_an_equal_key_built_again_is_found_by_hashing(self):
        """A statement built per call has a new key object: found by equality."""
        cache = StatementCache()
        cache[_key((1, 2, 3))] = "compiled"
        expected = ("compiled", None, None)
        actual = (
            cache.get(_key((1, 2, 3))),
            cache.get(_key((1, 2, 4))),
            cache.get(_key((1, 2, 3), dialect="other")),
        )
        assert expected == actual

    def test_only_the_same_dialect_columns_and_flags_share_a_compiled_form(self):
        """The identity lookup still tells dialects, column keys and flags apart."""
        cache = StatementCache()
        statement_key = (1, 2, 3)
        cache[("d", statement_key, ("b",), False, False)] = "compiled"
        expected = [None, None, None, "compiled"]
        actual = [
            cache.get(("other", statement_key, ("b",), False, False)),
            cache.get(("d", statement_key, ("c",), False, False)),
            cache.get(("d", statement_key, ("b",), False, True)),
            cache.get(("d", statement_key, ("b",), False, False)),
        ]
        assert expected == actual

    def test_keys_of_another_shape_take_the_ordinary_lookup(self):
        """A layout SQLAlchemy might use one day still caches, by hashing."""
        cache = StatementCache()
        cache[("x", "y")] = "compiled"
        expected = ("compiled", 1)
        actual = (cache.get(("x", "y")), len(cache))
        assert expected == actual

    def test_the_identity_index_stays_bounded(self):
        """Keys built per call never grow the index beyond the cache's size."""
        cache = StatementCache(size=3)
        for n in range(10):
            cache[_key((n,))] = n
        expected = (True, True, 9)
        actual = (len(cache) < 10, cache.indexed <= 3, cache.get(_key((9,))))
        assert expected == actual
