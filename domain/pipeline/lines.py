"""Checking and pricing opportunity lines: products, quantities, prices and discounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.accounts.models import Account
from domain.billing.pricing import line_net
from domain.catalog.models import Product
from domain.clock import today
from domain.errors import DomainError, ErrorCode, not_found
from domain.money import ZERO
from domain.price_lists.services import resolve_prices
from domain.validation import (
    UNIT_PRICE,
    Checks,
    computed_amount,
    optional_decimal,
    optional_text,
    valid_percent,
    valid_quantity,
)

LINE_FIELDS = frozenset({"product_id", "quantity", "unit_price", "discount_percent", "description"})


@dataclass(frozen=True)
class DealLine:
    """A checked line, priced: a line given without a unit price takes the §9 price of its
    account on the day it is created, frozen here."""

    product_id: int
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    description: str | None

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price, self.discount_percent)


def _check_line(checks: Checks, line: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(line) - LINE_FIELDS
    if unknown:
        checks.add(DomainError(ErrorCode.INVALID, f"Unknown line fields {sorted(unknown)}.", path))
    product_id = line.get("product_id")
    if product_id is None:
        checks.add(DomainError(ErrorCode.REQUIRED, "productId is required.", (*path, "product_id")))
    discount = line.get("discount_percent")
    # An omitted discount stays None until pricing: the price list may give one (§9).
    return {
        "product_id": None if product_id is None else int(product_id),
        "quantity": checks(
            valid_quantity, line.get("quantity"), (*path, "quantity"), positive=True
        ),
        "unit_price": checks(
            optional_decimal, line.get("unit_price"), (*path, "unit_price"), UNIT_PRICE
        ),
        "discount_percent": None
        if discount is None
        else checks(valid_percent, discount, (*path, "discount_percent")),
        "description": checks(optional_text, line.get("description"), (*path, "description")),
    }


async def _price_unpriced(
    drafts: Sequence[dict[str, Any]], products: Mapping[int, Product], account_id: int
) -> None:
    """§9: a line without a unit price takes the account's price today (its price list's,
    the default list's, else listPrice) and that price's discount unless it gives one."""
    unpriced = [d for d in drafts if d["unit_price"] is None]
    if unpriced:
        account = await Account.get_or_none(id=account_id)
        if account is None:
            raise not_found("Account", account_id, "account_id")
        prices = await resolve_prices(
            account,
            [(d["product_id"], d["quantity"]) for d in unpriced],
            today(),
            {p.id: Decimal(p.list_price) for p in products.values()},
        )
        for draft, price in zip(unpriced, prices, strict=True):
            draft["unit_price"] = price.unit_price
            if draft["discount_percent"] is None:
                draft["discount_percent"] = price.discount_percent
    for draft in drafts:
        if draft["discount_percent"] is None:
            draft["discount_percent"] = ZERO


async def check_lines(lines: Sequence[Mapping[str, Any]], account_id: int) -> list[DealLine]:
    """Validates every line (paths like ("lines", "0", "quantity")), then prices those
    without a unit price for the account (§9) in a bounded number of queries; every line's
    refusal is reported at once."""
    checks = Checks()
    drafts = [_check_line(checks, line, ("lines", str(index))) for index, line in enumerate(lines)]
    checks.raise_if_any()
    products = (
        {p.id: p for p in await Product.filter(id__in={d["product_id"] for d in drafts})}
        if drafts
        else {}
    )
    sellable: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    for index, draft in enumerate(drafts):
        path = ("lines", str(index))
        product = products.get(draft["product_id"])
        if product is None:
            checks.add(not_found("Product", draft["product_id"], (*path, "product_id")))
        elif product.archived_at is not None:
            checks.add(
                DomainError(
                    ErrorCode.INVALID, f"Product {product.sku} is archived.", (*path, "product_id")
                )
            )
        else:
            sellable.append((path, draft))
    try:
        await _price_unpriced([draft for _, draft in sellable], products, account_id)
    except DomainError as error:
        checks.add(error)
        checks.raise_if_any()
    checked: list[DealLine] = []
    for line_path, draft in sellable:
        with checks.collecting():
            computed_amount(
                draft["quantity"] * draft["unit_price"], line_path, "quantity × unitPrice"
            )
            checked.append(DealLine(**draft))
    checks.raise_if_any()
    computed_amount(lines_amount(checked), "lines", "The opportunity amount")
    return checked


def lines_amount(lines: Sequence[DealLine]) -> Decimal:
    """§4.1: the amount of an opportunity with lines is the sum of their rounded nets."""
    return sum((line.net for line in lines), ZERO)
