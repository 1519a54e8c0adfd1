"""Column kinds shared by every area, so money and quantities have one precision everywhere."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from domain.validation import MONEY, PERCENT, QUANTITY, UNIT_PRICE, Scale


def _decimal_field(scale: Scale, **kwargs: Any) -> Any:
    return fields.DecimalField(max_digits=scale.digits, decimal_places=scale.places, **kwargs)


def money_field(**kwargs: Any) -> Any:
    """An amount in the account currency, stored to the cent."""
    return _decimal_field(MONEY, **kwargs)


def unit_cost_field(**kwargs: Any) -> Any:
    """A unit price or cost: more precision than invoices; amounts are rounded where §5.4 says."""
    return _decimal_field(UNIT_PRICE, **kwargs)


def quantity_field(**kwargs: Any) -> Any:
    """A quantity of a product; four decimals cover scrap-adjusted dependent demand (§6)."""
    return _decimal_field(QUANTITY, **kwargs)


def percent_field(**kwargs: Any) -> Any:
    """A percentage such as a discount, tax rate or probability (0–100)."""
    return _decimal_field(PERCENT, **kwargs)


def external_id_field() -> Any:
    """Another system's id for the record (§14): unique per type, up to 100 characters."""
    return fields.CharField(max_length=100, null=True, unique=True)


def metadata_field() -> Any:
    """A JSON object of text values (§14); `{}` when none."""
    return fields.JSONField(default=dict)
