"""GraphQL types of accounts payable: vendor bills, supplier payments, AP aging (§10).

Read by ADMIN, FINANCE and OPERATIONS only (api/permissions.py): bills carry what is paid
for goods."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import payload
from api.ledger.loaders import JournalEntryByIdLoader
from api.payables.enums import MatchExceptionKind, MatchStatus, VendorBillStatus
from api.payables.loaders import (
    SupplierPaymentAllocationsByPaymentIdLoader,
    VendorBillByIdLoader,
    VendorBillLinesByBillIdLoader,
)
from api.purchasing.loaders import PurchaseOrderLineByIdLoader
from api.relay import ModelNode, node_type_of, to_node, to_optional_node
from api.scalars import Money, money, unit_money
from domain.billing.receivables import AgingReport, AgingRow
from domain.payables import models
from domain.purchasing.models import PurchaseOrderLine as PurchaseOrderLineRow
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.catalog.types import Product
    from api.ledger.types import JournalEntry
    from api.purchasing.types import PurchaseOrderLine

AccountType = Annotated["Account", strawberry.lazy("api.accounts.types")]
ProductType = Annotated["Product", strawberry.lazy("api.catalog.types")]
JournalEntryType = Annotated["JournalEntry", strawberry.lazy("api.ledger.types")]
PurchaseOrderLineType = Annotated["PurchaseOrderLine", strawberry.lazy("api.purchasing.types")]

IN_CURRENCY = "In the bill's currency (the supplier's), to the cent."
LEDGER_ONLY = " ADMIN, FINANCE and OPERATIONS only."


async def _journal_entry(info: Info, entry_id: int | None) -> Any:
    if entry_id is None:
        return None
    return to_optional_node(await info.context.loaders[JournalEntryByIdLoader].load(entry_id))


@strawberry.type(
    description="One line of a vendor bill: a quantity of a purchase order line at the "
    "supplier's price (§10). Amounts are in the bill's currency."
)
class VendorBillLine(ModelNode):
    model_class = models.VendorBillLine

    # The bill's currency, handed down by the bill (or loaded for node(id:)).
    currency: strawberry.Private[str]

    id: strawberry.relay.NodeID[int]
    position: int = strawberry.field(description="1, 2, … in the order the lines were given.")
    quantity: Decimal = strawberry.field(
        description="Billed, in the product's `uom`; no trailing zeros."
    )

    @strawberry.field(
        description="The supplier's price per unit: cents, or up to the 4 decimals it was "
        "billed with."
    )
    def unit_cost(self) -> Money:
        return unit_money(self.record.unit_cost, self.currency)

    tax_rate: Decimal = strawberry.field(description="Input tax in percent; no trailing zeros.")

    @strawberry.field(description="round_half_up(quantity × unitCost, 2). " + IN_CURRENCY)
    def net_amount(self) -> Money:
        return money(self.record.net_amount, self.currency)

    @strawberry.field(description="round_half_up(netAmount × taxRate/100, 2). " + IN_CURRENCY)
    def tax_amount(self) -> Money:
        return money(self.record.tax_amount, self.currency)

    @strawberry.field(description="The purchase order line billed.")
    async def purchase_order_line(self, info: Info) -> PurchaseOrderLineType:
        row = await info.context.loaders[PurchaseOrderLineByIdLoader].load(
            self.record.purchase_order_line_id
        )
        # A bill is in its supplier's currency, as the supplier's orders are.
        return node_type_of(PurchaseOrderLineRow).from_model(row, currency=self.currency)

    @strawberry.field(description="The product billed (the PO line's).")
    async def product(self, info: Info) -> ProductType:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @classmethod
    async def nodes_of_rows(cls, info: Info, rows: Sequence[Any | None]) -> list[Any | None]:
        bills = await info.context.loaders[VendorBillByIdLoader].load_many(
            sorted({row.bill_id for row in rows if row is not None})
        )
        currency = {bill.id: bill.currency for bill in bills}
        return [
            None if row is None else cls.from_model(row, currency=currency[row.bill_id])
            for row in rows
        ]


@strawberry.type(description="Why one line of a vendor bill fails the three-way match (§10).")
class VendorBillMatchException:
    position: int = strawberry.field(description="The failing line's `position`.")
    kind: MatchExceptionKind = strawberry.field(description="QUANTITY or PRICE.")
    message: str = strawberry.field(description="The figures, in a sentence for a person.")


@strawberry.type(
    description="A supplier's bill (§10), numbered BILL-YYYY-NNNNNN: DRAFT → POSTED → "
    "PARTIALLY_PAID → PAID. Matched line by line against the purchase orders and what was "
    "received of them." + LEDGER_ONLY
)
class VendorBill(ModelNode):
    model_class = models.VendorBill

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(
        description="BILL-YYYY-NNNNNN: gapless per year of the bill date."
    )
    supplier_reference: str = strawberry.field(
        description="The supplier's own number for the bill; unique per supplier."
    )
    status: VendorBillStatus = strawberry.field(description="Where it stands.")
    bill_date: date = strawberry.field(description="The bill's date; it posts on this day.")
    due_date: date = strawberry.field(
        description="billDate + the supplier's paymentTermsDays: AP aging counts from it."
    )
    currency: str = strawberry.field(
        description="ISO 4217 code of every amount of the bill: the supplier's currency."
    )
    exchange_rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency` the bill was posted at: the "
        "latest rate dated on or before billDate (§12; 1 in the base currency, and on a "
        "DRAFT)."
    )
    match_status: MatchStatus = strawberry.field(
        description="MATCHED, or EXCEPTION when a line fails the match (as last matched: on "
        "creation, and again when posted)."
    )

    @strawberry.field(description="The lines that fail the match, in line order; empty when "
                      "MATCHED.")  # fmt: skip
    def match_exceptions(self) -> list[VendorBillMatchException]:
        return [
            VendorBillMatchException(
                position=item["position"],
                kind=MatchExceptionKind(item["kind"]),
                message=item["message"],
            )
            for item in self.record.match_exceptions
        ]

    exceptions_approved: bool = strawberry.field(
        description="True when it was posted with approveExceptions over match exceptions."
    )
    posted_at: datetime | None = strawberry.field(description="When it was posted.")
    created_at: datetime = strawberry.field(description="When it was entered.")

    @strawberry.field(description="The supplier billing (an Account with paymentTermsDays).")
    async def supplier(self, info: Info) -> AccountType:
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.record.supplier_id))

    @strawberry.field(description="The bill's lines, in position order.")
    async def lines(self, info: Info) -> list[VendorBillLine]:
        rows = await info.context.loaders[VendorBillLinesByBillIdLoader].load(self.record.id)
        return [VendorBillLine.from_model(row, currency=self.currency) for row in rows]

    @strawberry.field(description="Σ line net amounts. " + IN_CURRENCY)
    def subtotal(self) -> Money:
        return money(self.record.subtotal, self.currency)

    @strawberry.field(description="Σ line tax amounts. " + IN_CURRENCY)
    def tax_total(self) -> Money:
        return money(self.record.tax_total, self.currency)

    @strawberry.field(description="subtotal + taxTotal. " + IN_CURRENCY)
    def total(self) -> Money:
        return money(self.record.total, self.currency)

    @strawberry.field(description="What supplier payments settled. " + IN_CURRENCY)
    def amount_paid(self) -> Money:
        return money(self.record.amount_paid, self.currency)

    @strawberry.field(description="total − amountPaid. " + IN_CURRENCY)
    def amount_due(self) -> Money:
        return money(self.record.amount_due, self.currency)

    @strawberry.field(
        description="The posting: Dr 2050 at the PO unit costs, the price difference to 5200, "
        "Dr 1400 tax / Cr 2000 total on the supplier (§10); null while DRAFT." + LEDGER_ONLY
    )
    async def journal_entry(self, info: Info) -> JournalEntryType | None:
        return await _journal_entry(info, self.record.journal_entry_id)


@strawberry.type(description="The part of a supplier payment that settled one bill.")
class SupplierPaymentAllocation:
    record: strawberry.Private[models.SupplierPaymentAllocation]
    currency: strawberry.Private[str]

    @strawberry.field(description="What was applied. " + IN_CURRENCY)
    def amount(self) -> Money:
        return money(self.record.amount, self.currency)

    @strawberry.field(description="The bill settled.")
    async def vendor_bill(self, info: Info) -> VendorBill:
        row = await info.context.loaders[VendorBillByIdLoader].load(self.record.bill_id)
        return VendorBill.from_model(row)


@strawberry.type(
    description="Money paid to a supplier (supplierPaymentRecord, §10), numbered "
    "SPAY-YYYY-NNNNNN: Dr 2000 / Cr 1000, settling posted bills." + LEDGER_ONLY
)
class SupplierPayment(ModelNode):
    model_class = models.SupplierPayment

    id: strawberry.relay.NodeID[int]
    number: str = strawberry.field(description="SPAY-YYYY-NNNNNN: gapless per year.")
    date: date = strawberry.field(description="The day it was paid.")
    reference: str | None = strawberry.field(description="Our reference for the transfer.")
    currency: str = strawberry.field(description="ISO 4217 code, the supplier's currency.")
    exchange_rate: Decimal = strawberry.field(
        description="Base-currency units per unit of `currency` on the payment date (§12); the "
        "bills it settles leave 2000 at theirs, the difference on 7000."
    )

    @strawberry.field(description="What was paid. " + IN_CURRENCY)
    def amount(self) -> Money:
        return money(self.record.amount, self.currency)

    created_at: datetime = strawberry.field(description="When it was recorded.")

    @strawberry.field(description="The supplier paid (an Account).")
    async def supplier(self, info: Info) -> AccountType:
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.record.supplier_id))

    @strawberry.field(description="The bills it settled and how much of each, by bill.")
    async def allocations(self, info: Info) -> list[SupplierPaymentAllocation]:
        rows = await info.context.loaders[SupplierPaymentAllocationsByPaymentIdLoader].load(
            self.record.id
        )
        return [SupplierPaymentAllocation(record=row, currency=self.currency) for row in rows]

    @strawberry.field(description="The posting: Dr 2000 on the supplier / Cr 1000." + LEDGER_ONLY)
    async def journal_entry(self, info: Info) -> JournalEntryType | None:
        return await _journal_entry(info, self.record.journal_entry_id)


AGING_MONEY = (
    "Σ still due: a supplier's row in its currency, the total in the base currency at the "
    "rates the bills were posted at (§12)."
)


@strawberry.type(
    description="What is owed to suppliers by days past due on the report's day (§10): day 0 "
    "and before is current."
)
class ApAgingBuckets:
    current: Money = strawberry.field(description="Not yet past due. " + AGING_MONEY)
    d1_30: Money = strawberry.field(name="d1_30", description="1–30 days past due. " + AGING_MONEY)
    d31_60: Money = strawberry.field(
        name="d31_60", description="31–60 days past due. " + AGING_MONEY
    )
    d61_90: Money = strawberry.field(
        name="d61_90", description="61–90 days past due. " + AGING_MONEY
    )
    over90: Money = strawberry.field(description="More than 90 days past due. " + AGING_MONEY)
    total: Money = strawberry.field(description="Σ of the buckets. " + AGING_MONEY)


@strawberry.type(description="One supplier's open bills by days past due.")
class ApAgingAccount(ApAgingBuckets):
    account_id: strawberry.Private[int]

    @strawberry.field(description="The supplier (an Account).")
    async def account(self, info: Info) -> AccountType:
        return to_node(await info.context.loaders[AccountByIdLoader].load(self.account_id))


@strawberry.type(
    description="Accounts payable aging as of a day (§10, mirroring arAging): bills dated "
    "after it are left out, supplier payments dated after it not yet subtracted."
)
class ApAging:
    as_of: date = strawberry.field(description="The day the report is as of.")
    accounts: list[ApAgingAccount] = strawberry.field(
        description="One row per supplier with something due, by account id."
    )
    total: ApAgingBuckets = strawberry.field(description="All suppliers together.")


def _buckets(row: AgingRow) -> dict[str, Money]:
    # A supplier's row in its currency, the total in base (§12).
    currency = row.currency or get_settings().currency
    return {
        name: money(getattr(row, name), currency)
        for name in ("current", "d1_30", "d31_60", "d61_90", "over90", "total")
    }


def ap_aging(report: AgingReport) -> ApAging:
    return ApAging(
        as_of=report.as_of,
        accounts=[
            ApAgingAccount(account_id=row.account_id, **_buckets(row))
            for row in report.accounts
            if row.account_id is not None
        ],
        total=ApAgingBuckets(**_buckets(report.total)),
    )


@payload("vendor_bill", VendorBill, key_description="The new DRAFT bill; null when refused.")
class VendorBillCreatePayload: ...


@payload("vendor_bill", VendorBill, key_description="The posted bill; null when refused.")
class VendorBillPostPayload: ...


@payload(
    "supplier_payment",
    SupplierPayment,
    key_description="The payment as recorded and applied; null when refused.",
)
class SupplierPaymentRecordPayload: ...
