"""The row-count guards of a write transaction, checked at once or when settled."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from hmpps_workers.adapters.sql.pipeline import Guards


class _MovedOnError(Exception):
    pass


def _result(rowcount):
    """A statement's result as a guard reads it, at once or after the sync."""
    return SimpleNamespace(
        rowcount=rowcount,
        context=SimpleNamespace(cursor=SimpleNamespace(rowcount=rowcount)),
    )


class TestGuards:
    """`expect` wants an exact count; `expect_some` only refuses none."""

    @pytest.mark.parametrize("deferred", [False, True])
    @pytest.mark.parametrize(("rowcount", "holds"), [(0, False), (1, True), (-1, True)])
    def test_some_rows_refuses_only_none(self, deferred, rowcount, holds):
        """A driver that cannot count (-1) passes, as the `== 0` checks let it."""
        guards = Guards(deferred=deferred)
        try:
            guards.expect_some(_result(rowcount), _MovedOnError)
            guards.settle()
        except _MovedOnError:
            held = False
        else:
            held = True
        assert held == holds

    @pytest.mark.parametrize("deferred", [False, True])
    @pytest.mark.parametrize(
        ("rowcount", "holds"), [(0, False), (1, True), (-1, False)]
    )
    def test_exact_rows_refuses_any_other_count(self, deferred, rowcount, holds):
        """The task's lease guard holds only for its one row."""
        guards = Guards(deferred=deferred)
        try:
            guards.expect(_result(rowcount), 1, _MovedOnError)
            guards.settle()
        except _MovedOnError:
            held = False
        else:
            held = True
        assert held == holds

    def test_the_first_unmet_guard_made_is_the_one_raised(self):
        """Settled in the order made: the lease's error wins over the claim's."""
        guards = Guards(deferred=True)
        guards.expect(_result(0), 1, lambda: LookupError("lease"))
        guards.expect_some(_result(0), _MovedOnError)
        with pytest.raises(LookupError, match="lease"):
            guards.settle()
