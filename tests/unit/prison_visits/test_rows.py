"""Rows to claim values: SQLAlchemy rows, mappings and dicts give the same value."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.rows import from_row, to_values
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense

EXPENSE = {
    "ClaimExpenseId": 7,
    "EligibilityId": 3,
    "ClaimId": 5,
    "Reference": "ABC1234",
    "ExpenseType": "car",
    "Cost": Decimal("12.50"),
    "From": "Here",
    "To": "There",
    "IsEnabled": True,
}


def _rows(statement: sa.Select[tuple[object, ...]]) -> list[sa.Row[object]]:
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        return list(connection.execute(statement))


def _select(columns: dict[str, object]) -> sa.Select[tuple[object, ...]]:
    return sa.select(*(sa.literal(v).label(k) for k, v in columns.items()))


class TestFromRow:
    """`from_row` reads each kind of row alike, whatever its columns' order."""

    def test_a_row_a_mapping_and_a_dict_give_the_same_value(self):
        """The same ClaimExpense from a Row, its RowMapping and a plain dict."""
        (row,) = _rows(_select({"x_Ignored": 1} | EXPENSE))
        expected = from_row(ClaimExpense, EXPENSE)
        actual = (from_row(ClaimExpense, row), from_row(ClaimExpense, row._mapping))
        assert (expected, expected) == actual
        assert expected.travel_from == "Here"

    def test_results_of_different_shapes_do_not_share_a_plan(self):
        """Two results with the same columns in other orders map each right."""
        reordered = dict(reversed(list(EXPENSE.items())))
        first = from_row(ClaimExpense, _rows(_select(EXPENSE))[0])
        second = from_row(ClaimExpense, _rows(_select(reordered))[0])
        expected = (7, 5, Decimal("12.50"))
        assert (expected, expected) == (
            (first.claim_expense_id, first.claim_id, first.cost),
            (second.claim_expense_id, second.claim_id, second.cost),
        )

    def test_a_prefix_takes_only_its_columns(self):
        """`x_` columns fill the value; unprefixed ones of the same name do not."""
        prefixed = {f"x_{k}": v for k, v in EXPENSE.items()}
        (row,) = _rows(_select({"ClaimExpenseId": 99} | prefixed))
        actual = from_row(ClaimExpense, row._mapping, "x_")
        expected = from_row(ClaimExpense, EXPENSE)
        assert expected == actual


class TestToValues:
    """`to_values` gives a record's columns by name, as `from_row` reads them."""

    def test_a_value_read_back_from_its_columns_is_the_same_value(self):
        """Every field with a column goes out; `without` leaves columns out."""
        expense = from_row(ClaimExpense, EXPENSE)
        table = INT.claim_expense
        values = to_values(table, expense)
        without = to_values(table, expense, without=frozenset({"ClaimExpenseId"}))
        expected = (expense, [c.name for c in table.columns], "ClaimExpenseId")
        actual = (
            from_row(ClaimExpense, values),
            list(values),
            set(values) - set(without),
        )
        assert expected[:2] == actual[:2]
        assert {expected[2]} == actual[2]
