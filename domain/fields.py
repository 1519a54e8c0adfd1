"""Column kinds shared by every area, so money and quantities have one precision everywhere."""

from __future__ import annotations

from typing import Any

from tortoise import fields


def money_field(**kwargs: Any) -> Any:
    """An amount in the account currency, stored to the cent."""
    return fields.DecimalField(max_digits=18, decimal_places=2, **kwargs)


def unit_cost_field(**kwargs: Any) -> Any:
    """A unit price or cost: more precision than invoices; amounts are rounded where §5.4 says."""
    return fields.DecimalField(max_digits=18, decimal_places=4, **kwargs)


def quantity_field(**kwargs: Any) -> Any:
    """A quantity of a product; four decimals cover scrap-adjusted dependent demand (§6)."""
    return fields.DecimalField(max_digits=18, decimal_places=4, **kwargs)


def percent_field(**kwargs: Any) -> Any:
    """A percentage such as a discount, tax rate or probability (0–100)."""
    return fields.DecimalField(max_digits=7, decimal_places=4, **kwargs)
