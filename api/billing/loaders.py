"""Dataloaders of the billing area, including the account figures summed per batch of accounts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from strawberry.dataloader import DataLoader

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.billing import receivables
from domain.billing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentAllocation,
)

InvoiceByIdLoader = by_id_loader(Invoice)
InvoiceLineByIdLoader = by_id_loader(InvoiceLine)
PaymentByIdLoader = by_id_loader(Payment)
CreditNoteByIdLoader = by_id_loader(CreditNote)


class InvoicesByAccountIdLoader(ManyByKeyLoader):
    model = Invoice
    key = "account_id"
    order_by = ("issue_date", "id")


class InvoicesBySalesOrderIdLoader(ManyByKeyLoader):
    model = Invoice
    key = "sales_order_id"
    order_by = ("issue_date", "id")


class InvoiceLinesByInvoiceIdLoader(ManyByKeyLoader):
    model = InvoiceLine
    key = "invoice_id"
    order_by = ("position", "id")


class PaymentAllocationsByPaymentIdLoader(ManyByKeyLoader):
    model = PaymentAllocation
    key = "payment_id"


class PaymentAllocationsByInvoiceIdLoader(ManyByKeyLoader):
    model = PaymentAllocation
    key = "invoice_id"


class CreditNotesByInvoiceIdLoader(ManyByKeyLoader):
    model = CreditNote
    key = "invoice_id"


class CreditNoteLinesByCreditNoteIdLoader(ManyByKeyLoader):
    model = CreditNoteLine
    key = "credit_note_id"


class _FigureLoader(DataLoader[int, Decimal]):
    """One grouped query per batch of accounts."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        raise NotImplementedError

    async def _load(self, account_ids: Sequence[int]) -> list[Decimal]:
        figures = await self._figures(sorted(set(account_ids)))
        return [figures[account_id] for account_id in account_ids]


class BalanceByAccountIdLoader(_FigureLoader):
    async def _figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.balances(account_ids)


class LifetimeRevenueByAccountIdLoader(_FigureLoader):
    async def _figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.lifetime_revenues(account_ids)


class UninvoicedOrderValueByAccountIdLoader(_FigureLoader):
    async def _figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.uninvoiced_order_values(account_ids)
