"""Rows for the segment tests, written straight to their tables: membership reads what is
stored, so the tests build exactly the invoices, orders and cases each rule looks at."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.accounts.models import Account, Lifecycle
from domain.billing.models import CreditNote, Invoice
from domain.orders.models import OrderStatus, SalesOrder
from domain.service.models import Case
from domain.service.sla_rules import CaseStatus
from domain.users.models import User

_numbers: dict[str, int] = {}


def _number(prefix: str) -> str:
    _numbers[prefix] = _numbers.get(prefix, 0) + 1
    return f"{prefix}-T-{_numbers[prefix]:06d}"


async def user(name: str) -> User:
    return await User.create(name=name.title(), email=f"{name}@example.com", role="SALES")


async def account(name: str, **fields: Any) -> Account:
    fields.setdefault("lifecycle", Lifecycle.CUSTOMER)
    fields.setdefault("currency", "USD")
    return await Account.create(name=name, **fields)


async def order(
    customer: Account,
    confirmed_at: datetime | None,
    status: OrderStatus = OrderStatus.CONFIRMED,
) -> SalesOrder:
    return await SalesOrder.create(
        number=_number("SO"),
        account_id=customer.id,
        currency="USD",
        status=status if confirmed_at is not None else OrderStatus.DRAFT,
        confirmed_at=confirmed_at,
    )


async def invoice(customer: Account, subtotal: str, rate: str = "1") -> Invoice:
    so = await order(customer, datetime(2025, 6, 1, tzinfo=UTC), OrderStatus.CLOSED)
    amount = Decimal(subtotal)
    return await Invoice.create(
        number=_number("INV"),
        account_id=customer.id,
        sales_order_id=so.id,
        issue_date=date(2025, 6, 1),
        due_date=date(2025, 7, 1),
        currency=customer.currency,
        exchange_rate=Decimal(rate),
        subtotal=amount,
        tax_total=Decimal(0),
        total=amount,
        amount_due=Decimal(0),
    )


async def credit_note(inv: Invoice, subtotal: str) -> CreditNote:
    amount = Decimal(subtotal)
    return await CreditNote.create(
        number=_number("CN"),
        invoice_id=inv.id,
        account_id=inv.account_id,
        issue_date=date(2025, 7, 1),
        subtotal=amount,
        tax_total=Decimal(0),
        total=amount,
        applied_amount=amount,
    )


async def case(customer: Account, status: CaseStatus) -> Case:
    return await Case.create(
        number=_number("CASE"),
        subject="Help",
        account_id=customer.id,
        status=status,
        opened_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


@pytest.fixture
def rows(database: str) -> Callable[..., Awaitable[Any]]:
    """Depending on `database` makes sure the ORM is up before a test writes rows."""

    async def nothing() -> None:
        return None

    return nothing
