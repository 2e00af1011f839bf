"""Claim expense types: display names, and which are journeys (shown From and To)."""

from __future__ import annotations

import attrs


@attrs.frozen(kw_only=True)
class ExpenseType:
    """One ClaimExpense.ExpenseType value."""

    key: str
    display_value: str
    is_journey: bool


EXPENSE_TYPES: dict[str, ExpenseType] = {
    kind.key: kind
    for kind in (
        ExpenseType(key="car", display_value="Car journey", is_journey=True),
        ExpenseType(key="toll", display_value="Toll", is_journey=False),
        ExpenseType(
            key="parking charge", display_value="Parking Charge", is_journey=False
        ),
        ExpenseType(key="car hire", display_value="Car hire", is_journey=False),
        ExpenseType(key="parking", display_value="Parking Charge", is_journey=False),
        ExpenseType(key="hire", display_value="Car hire", is_journey=False),
        ExpenseType(key="bus", display_value="Bus journey", is_journey=True),
        ExpenseType(key="train", display_value="Train journey", is_journey=True),
        ExpenseType(key="taxi", display_value="Taxi journey", is_journey=True),
        ExpenseType(key="plane", display_value="Flight", is_journey=True),
        ExpenseType(key="ferry", display_value="Ferry", is_journey=True),
        ExpenseType(
            key="refreshment", display_value="Light Refreshment", is_journey=False
        ),
        ExpenseType(
            key="accommodation", display_value="Accommodation", is_journey=False
        ),
    )
}

DEDUCTION_TYPES: dict[str, str] = {"hc3": "HC3", "overpayment": "Overpayment"}
