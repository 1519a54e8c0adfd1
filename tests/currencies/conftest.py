"""Factories of the multi-currency tests: rates, customers and suppliers in their currency,
orders invoiced on their order date (§12)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account
from domain.billing.invoicing import invoice_order
from domain.billing.models import Invoice
from domain.catalog.models import Product, ProductKind
from domain.catalog.services import create_product
from domain.currencies.services import set_exchange_rate
from domain.ledger.models import JournalLine
from domain.orders.models import InvoicePolicy
from domain.orders.services import OrderLineDraft, confirm_sales_order, create_sales_order

D = Decimal


class World:
    def __init__(self) -> None:
        self._products = 0

    async def rate(self, currency: str, day: date, rate: str) -> None:
        await set_exchange_rate(currency, day, D(rate))

    async def customer(self, currency: str, name: str = "Müller GmbH", terms: int = 30) -> Account:
        return await create_account(
            {"name": name, "currency": currency, "payment_terms_days": terms}
        )

    async def product(self, price: str = "0", tax_rate: str = "0") -> Product:
        self._products += 1
        return await create_product(
            {
                "sku": f"FX-{self._products:03d}",
                "name": f"Service {self._products}",
                "kind": ProductKind.SERVICE,
                "list_price": D(price),
                "standard_cost": D(0),
                "tax_rate": D(tax_rate),
            }
        )

    async def invoice(
        self, account: Account, lines: Sequence[tuple[str, str, str]], issued: date
    ) -> Invoice:
        """Lines are (quantity, unit price, tax rate), ordered ON_ORDER and invoiced on
        `issued`."""
        drafts = []
        for quantity, unit_price, tax_rate in lines:
            product = await self.product("0", tax_rate)
            drafts.append(OrderLineDraft(product.id, D(quantity), unit_price=D(unit_price)))
        order = await create_sales_order(account.id, drafts, invoice_policy=InvoicePolicy.ON_ORDER)
        await confirm_sales_order(order.id)
        invoice = await invoice_order(order.id, issued)
        assert invoice is not None
        return invoice


async def entry_lines(entry_id: int | None) -> list[tuple[str, str, str, str, str, str]]:
    """(code, debit, credit, currency, amount, rate) of an entry's lines, in id order."""
    lines = await JournalLine.filter(entry_id=entry_id).prefetch_related("ledger_account")
    return [
        (
            line.ledger_account.code,
            str(line.debit),
            str(line.credit),
            str(line.currency),
            str(line.amount),
            str(Decimal(line.rate).normalize()),
        )
        for line in lines
    ]


@pytest.fixture
def world(database: str) -> World:
    return World()
