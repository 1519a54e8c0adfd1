"""Checking and pricing opportunity lines: products, quantities, prices and discounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.billing.pricing import line_net
from domain.catalog.models import Product
from domain.errors import DomainError, ErrorCode, not_found
from domain.money import ZERO

LINE_FIELDS = frozenset({"product_id", "quantity", "unit_price", "discount_percent", "description"})


@dataclass(frozen=True)
class DealLine:
    """A checked line, priced: unit price defaults to the product's list price."""

    product_id: int
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    description: str | None

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price, self.discount_percent)


def decimal_value(
    value: Any,
    field: str | tuple[str, ...],
    *,
    places: int,
    minimum: Decimal | None = ZERO,
    maximum: Decimal | None = None,
    positive: bool = False,
) -> Decimal:
    """A Decimal within bounds and with at most `places` decimals (what the column stores)."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not a number.", field) from None
    name = field if isinstance(field, str) else field[-1]
    if not number.is_finite():
        raise DomainError(ErrorCode.INVALID, f"{name} must be a finite number.", field)
    if positive and number <= 0:
        raise DomainError(ErrorCode.INVALID, f"{name} must be greater than zero.", field)
    if minimum is not None and number < minimum:
        raise DomainError(ErrorCode.INVALID, f"{name} must be at least {minimum}.", field)
    if maximum is not None and number > maximum:
        raise DomainError(ErrorCode.INVALID, f"{name} must be at most {maximum}.", field)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise DomainError(
            ErrorCode.INVALID, f"{name} has more than {places} decimal places.", field
        )
    return number


async def check_lines(lines: Sequence[Mapping[str, Any]]) -> list[DealLine]:
    """Validates every line (paths like ("lines", "0", "quantity")), then prices them with
    one product query."""
    drafts: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        path = ("lines", str(index))
        unknown = set(line) - LINE_FIELDS
        if unknown:
            raise DomainError(ErrorCode.INVALID, f"Unknown line fields {sorted(unknown)}.", path)
        if line.get("product_id") is None:
            raise DomainError(ErrorCode.REQUIRED, "productId is required.", (*path, "product_id"))
        if line.get("quantity") is None:
            raise DomainError(ErrorCode.REQUIRED, "quantity is required.", (*path, "quantity"))
        quantity = decimal_value(line["quantity"], (*path, "quantity"), places=4, positive=True)
        unit_price = line.get("unit_price")
        if unit_price is not None:
            unit_price = decimal_value(unit_price, (*path, "unit_price"), places=4)
        discount = line.get("discount_percent")
        discount = (
            ZERO
            if discount is None
            else decimal_value(
                discount, (*path, "discount_percent"), places=4, maximum=Decimal(100)
            )
        )
        description = line.get("description")
        if description is not None and len(description) > 255:
            raise DomainError(
                ErrorCode.INVALID,
                "description is longer than 255 characters.",
                (*path, "description"),
            )
        drafts.append(
            {
                "product_id": int(line["product_id"]),
                "quantity": quantity,
                "unit_price": unit_price,
                "discount_percent": discount,
                "description": (description or "").strip() or None,
            }
        )
    products = (
        {p.id: p for p in await Product.filter(id__in={d["product_id"] for d in drafts})}
        if drafts
        else {}
    )
    checked: list[DealLine] = []
    for index, draft in enumerate(drafts):
        product = products.get(draft["product_id"])
        if product is None:
            raise not_found("Product", draft["product_id"], ("lines", str(index), "product_id"))
        if product.archived_at is not None:
            raise DomainError(
                ErrorCode.INVALID,
                f"Product {product.sku} is archived.",
                ("lines", str(index), "product_id"),
            )
        if draft["unit_price"] is None:
            draft["unit_price"] = Decimal(product.list_price)
        checked.append(DealLine(**draft))
    return checked


def lines_amount(lines: Sequence[DealLine]) -> Decimal:
    """§4.1: the amount of an opportunity with lines is the sum of their rounded nets."""
    return sum((line.net for line in lines), ZERO)
