"""Dataloaders of the billing area, including the account figures summed per batch of accounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import AccountFigureLoader, ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader
from domain.billing import listing, receivables
from domain.billing.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentAllocation,
)
from domain.querying import filter_given

InvoiceByIdLoader = by_id_loader(Invoice)
InvoiceLineByIdLoader = by_id_loader(InvoiceLine)
PaymentByIdLoader = by_id_loader(Payment)
CreditNoteByIdLoader = by_id_loader(CreditNote)


class InvoicesByAccountIdLoader(PagesByKeyLoader):
    """Keys: (account id, `listing.InvoiceFilter`)."""

    key = "account_id"

    def rows(self, flt: listing.InvoiceFilter) -> QuerySet[Any]:
        return listing.list_invoices(flt)


class InvoicesBySalesOrderIdLoader(PagesByKeyLoader):
    """Keys: (sales order id, `listing.InvoiceFilter`)."""

    key = "sales_order_id"

    def rows(self, flt: listing.InvoiceFilter) -> QuerySet[Any]:
        return listing.list_invoices(flt)


class InvoiceLinesByInvoiceIdLoader(ManyByKeyLoader):
    model = InvoiceLine
    key = "invoice_id"
    order_by = ("position", "id")


@dataclass(frozen=True)
class AllocationCriteria:
    """What a list of payment allocations narrows by."""

    payment_id: int | None = None
    invoice_id: int | None = None


class _AllocationsLoader(PagesByKeyLoader):
    def rows(self, flt: AllocationCriteria) -> QuerySet[Any]:
        return filter_given(
            PaymentAllocation.all(), payment_id=flt.payment_id, invoice_id=flt.invoice_id
        )


class PaymentAllocationsByPaymentIdLoader(_AllocationsLoader):
    """Keys: (payment id, `AllocationCriteria`)."""

    key = "payment_id"


class PaymentAllocationsByInvoiceIdLoader(_AllocationsLoader):
    """Keys: (invoice id, `AllocationCriteria`)."""

    key = "invoice_id"


@dataclass(frozen=True)
class CreditNoteCriteria:
    """What a list of credit notes narrows by."""

    account_id: int | None = None
    invoice_id: int | None = None


class CreditNotesByInvoiceIdLoader(PagesByKeyLoader):
    """Keys: (invoice id, `CreditNoteCriteria`)."""

    key = "invoice_id"

    def rows(self, flt: CreditNoteCriteria) -> QuerySet[Any]:
        return listing.list_credit_notes(account_id=flt.account_id, invoice_id=flt.invoice_id)


class CreditNoteLinesByCreditNoteIdLoader(ManyByKeyLoader):
    model = CreditNoteLine
    key = "credit_note_id"


class BalanceByAccountIdLoader(AccountFigureLoader):
    async def figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.balances(account_ids)


class LifetimeRevenueByAccountIdLoader(AccountFigureLoader):
    async def figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.lifetime_revenues(account_ids)


class UninvoicedOrderValueByAccountIdLoader(AccountFigureLoader):
    async def figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await receivables.uninvoiced_order_values(account_ids)
