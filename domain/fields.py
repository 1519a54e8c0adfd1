"""Column kinds shared by every area, so money and quantities have one precision everywhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tortoise import fields

from domain.validation import EXCHANGE_RATE, PERCENT, QUANTITY, STORED_MONEY, UNIT_PRICE, Scale


def _decimal_field(scale: Scale, **kwargs: Any) -> Any:
    return fields.DecimalField(max_digits=scale.digits, decimal_places=scale.places, **kwargs)


class MoneyField(fields.DecimalField):
    """An amount column: three decimals stored (KWD, §12), read back with two unless the third
    carries a digit, so an amount in cents reads as it always did (12.50, never 12.500)."""

    skip_to_python_if_native = False

    def to_python_value(self, value: Any) -> Decimal | None:
        # Runs for every amount of every row read: one quantize to the column's places, one
        # to cents (PostgreSQL hands a Decimal already; SQLite the stored text).
        if value is None:
            return None
        number = (value if value.__class__ is Decimal else Decimal(value)).quantize(self.quant)
        cents = number.quantize(_CENT)
        return cents if cents == number else number


_CENT = Decimal("0.01")


def money_field(**kwargs: Any) -> Any:
    """An amount in the document's currency, stored to its minor units (§12)."""
    return MoneyField(max_digits=STORED_MONEY.digits, decimal_places=STORED_MONEY.places, **kwargs)


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


def exchange_rate_field(**kwargs: Any) -> Any:
    """Base-currency units per unit of a currency (§12)."""
    return _decimal_field(EXCHANGE_RATE, **kwargs)
