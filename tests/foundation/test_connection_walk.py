"""Every connection of the schema paged forward over 250 rows while another task inserts rows
around the cursor: each row that was there before returns exactly once, in the list's declared
default order (§2 Lists: opaque keyset cursors, stable under concurrent inserts)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from graphql import GraphQLNamedType, GraphQLObjectType, get_named_type
from strawberry import relay
from tortoise.transactions import in_transaction

from api.purchasing.loaders import RECEIPT_SOURCE
from api.schema import build_schema
from domain.accounts.models import Account, Contact
from domain.activities.models import Activity, ActivityKind
from domain.auth.models import ApiToken, Role
from domain.auth.services import create_token
from domain.billing.models import CreditNote, Invoice, Payment, PaymentAllocation
from domain.campaigns.models import Campaign
from domain.catalog.models import Product
from domain.currencies.models import ExchangeRate
from domain.imports.models import DataImport, FileFormat, ImportKind, ImportRow, ImportRowStatus
from domain.inventory.models import StockLevel, StockMove, Warehouse
from domain.jobs.models import JobKind, JobRun
from domain.ledger.models import (
    JournalEntry,
    JournalLine,
    JournalSource,
    LedgerAccount,
    LedgerAccountType,
)
from domain.lots.models import Lot
from domain.manufacturing.models import (
    BillOfMaterials,
    BomLine,
    MrpRun,
    PlannedOrder,
    PlannedOrderKind,
    WorkOrder,
    WorkOrderStatus,
)
from domain.orders.models import SalesOrder, Shipment
from domain.outbox.models import Event
from domain.payables.models import MatchStatus, SupplierPayment, VendorBill
from domain.pipeline.models import Lead, Opportunity
from domain.price_lists.models import PriceList, PriceListItem
from domain.purchasing.models import PurchaseOrder
from domain.quotes.models import Quote
from domain.returns.models import Return
from domain.segments.models import Segment
from domain.service.models import BusinessCalendar, Case, SlaPolicy
from domain.stock_counts.models import StockCount
from domain.users.models import User
from domain.webhooks.models import WebhookDelivery, WebhookSubscription

ROWS = 250
PAGE = 50
# Ranks give the declared order: the rows there before the walk have ranks 10, 20, … 2500;
# the rows inserted during it sit 5 before and 5 after the cursor's row.
STEP = 10
DAY = date(2026, 1, 1)
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def label(rank: int) -> str:
    return f"W{rank:06d}"


def ascending_id(rank: int) -> int:
    return 1_000_000 + rank


def descending_id(rank: int) -> int:
    return 9_000_000 - rank


def later_day(rank: int) -> date:
    return DAY + timedelta(days=rank)


def earlier_day(rank: int) -> date:
    return DAY - timedelta(days=rank)


def later(rank: int) -> datetime:
    return MOMENT + timedelta(minutes=rank)


def earlier(rank: int) -> datetime:
    return MOMENT - timedelta(minutes=rank)


class World:
    """The parents the listed rows need, each created once per test on first use."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    async def _once(self, name: str, make: Callable[[], Awaitable[Any]]) -> Any:
        if name not in self._made:
            self._made[name] = await make()
        return self._made[name]

    async def account(self) -> Account:
        return await self._once("account", lambda: Account.create(name="Parent", currency="USD"))

    async def sales_order(self) -> SalesOrder:
        async def make() -> SalesOrder:
            return await SalesOrder.create(
                number="SO-PARENT", account=await self.account(), currency="USD"
            )

        return await self._once("sales_order", make)

    async def invoice(self) -> Invoice:
        async def make() -> Invoice:
            rows = await invoices(await self.account(), await self.sales_order(), [0], DAY)
            return await Invoice.get(id=rows[0].id)

        return await self._once("invoice", make)

    async def journal_entry(self) -> JournalEntry:
        async def make() -> JournalEntry:
            async with in_transaction():
                entry = await JournalEntry.create(
                    number="JE-PARENT", date=DAY, memo="Parent", source=JournalSource.PAYMENT
                )
                await self.balance([entry.id], Decimal("1.00"))
            return entry

        return await self._once("journal_entry", make)

    async def balance(self, entry_ids: list[int], amount: Decimal) -> None:
        """Debits the parent ledger account and credits another one `amount` on each entry,
        in the caller's transaction: PostgreSQL refuses an entry that does not balance."""
        debited, credited = await self.ledger_account(), await self.other_ledger_account()
        await JournalLine.bulk_create(
            [
                line
                for entry_id in entry_ids
                for line in (
                    JournalLine(entry_id=entry_id, ledger_account=debited, debit=amount),
                    JournalLine(entry_id=entry_id, ledger_account=credited, credit=amount),
                )
            ]
        )

    async def product(self) -> Product:
        return await self._once("product", lambda: Product.create(sku="PARENT", name="Parent"))

    async def warehouse(self) -> Warehouse:
        return await self._once("warehouse", lambda: Warehouse.create(code="PARENT", name="Parent"))

    async def mrp_run(self) -> MrpRun:
        return await self._once("mrp_run", lambda: MrpRun.create(as_of=DAY, horizon_days=30))

    async def calendar(self) -> BusinessCalendar:
        return await self._once(
            "calendar", lambda: BusinessCalendar.create(name="Parent", timezone="UTC")
        )

    async def campaign(self) -> Campaign:
        return await self._once("campaign", lambda: Campaign.create(name="Parent", currency="USD"))

    async def import_run(self) -> JobRun:
        async def make() -> JobRun:
            stored = await DataImport.create(
                kind=ImportKind.ACCOUNTS, format=FileFormat.CSV, content="externalId,name\n"
            )
            return await JobRun.create(kind=JobKind.IMPORT, params={"import_id": stored.id})

        return await self._once("import_run", make)

    async def segment(self) -> Segment:
        # No rules: every (active) account is a member.
        return await self._once("segment", lambda: Segment.create(name="Parent", rules={}))

    async def viewer(self) -> User:
        return await self._once(
            "viewer",
            lambda: User.create(name="Viewer", email="viewer@example.com", role=Role.SALES),
        )

    async def opportunity(self) -> Opportunity:
        async def make() -> Opportunity:
            return await Opportunity.create(
                name="Parent", account=await self.account(), currency="USD"
            )

        return await self._once("opportunity", make)

    async def payment(self) -> Payment:
        async def make() -> Payment:
            return await Payment.create(
                number="PAY-PARENT",
                account=await self.account(),
                date=DAY,
                amount=Decimal("5.00"),
                currency="USD",
                journal_entry=await self.journal_entry(),
            )

        return await self._once("payment", make)

    async def ledger_account(self) -> LedgerAccount:
        return await self._once(
            "ledger_account",
            lambda: LedgerAccount.create(code="9999", name="Parent", type=LedgerAccountType.ASSET),
        )

    async def other_ledger_account(self) -> LedgerAccount:
        return await self._once(
            "other_ledger_account",
            lambda: LedgerAccount.create(code="9998", name="Other", type=LedgerAccountType.ASSET),
        )

    async def purchase_order(self) -> PurchaseOrder:
        async def make() -> PurchaseOrder:
            return await PurchaseOrder.create(
                number="PO-PARENT", supplier=await self.account(), currency="USD"
            )

        return await self._once("purchase_order", make)

    async def subscription(self) -> WebhookSubscription:
        return await self._once(
            "subscription",
            lambda: WebhookSubscription.create(url="https://hooks.example/p", secret="s" * 32),
        )

    async def price_list(self) -> PriceList:
        return await self._once(
            "price_list", lambda: PriceList.create(name="Parent", currency="USD")
        )


async def saved(model: Any, rows: list[Any]) -> list[int]:
    await model.bulk_create(rows)
    return [row.id for row in rows]


async def invoices(
    account: Account, order: SalesOrder, ranks: list[int], day: Callable[[int], date] | date
) -> list[Invoice]:
    rows = [
        Invoice(
            id=ascending_id(rank),
            account=account,
            sales_order=order,
            number=f"INV-{label(rank)}",
            issue_date=day if isinstance(day, date) else day(rank),
            due_date=DAY,
            currency="USD",
            subtotal=Decimal("10.00"),
            tax_total=Decimal("0.00"),
            total=Decimal("10.00"),
            amount_due=Decimal("10.00"),
        )
        for rank in ranks
    ]
    await Invoice.bulk_create(rows)
    return rows


async def events(ranks: list[int], ids: Callable[[int], int]) -> list[Event]:
    rows = [
        Event(
            id=ids(rank),
            uid=uuid.UUID(int=ids(rank)),
            type="account.updated",
            payload={},
            occurred_at=later(rank),
        )
        for rank in ranks
    ]
    await Event.bulk_create(rows)
    return rows


Make = Callable[[World, list[int]], Awaitable[list[int]]]


@dataclass(frozen=True)
class Walk:
    """How to make a list's rows so that their ranks are its default order, and, for a list on
    an object, the object whose list it is."""

    make: Make
    parent: Callable[[World], Awaitable[Any]] | None = None
    key: Callable[[dict[str, Any]], int] = lambda node: int(
        relay.GlobalID.from_id(node["id"]).node_id
    )
    # A type without an id shows one value of its own that the rows carry as their key.
    selection: str = "id"


async def make_accounts(world: World, ranks: list[int]) -> list[int]:
    rows = [Account(id=ascending_id(r), name=label(r), currency="USD") for r in ranks]
    return await saved(Account, rows)


async def make_activities(world: World, ranks: list[int]) -> list[int]:
    account = await world.account()
    rows = [
        Activity(
            id=ascending_id(r),
            account=account,
            kind=ActivityKind.NOTE,
            subject=label(r),
            created_at=earlier(r),
        )
        for r in ranks
    ]
    return await saved(Activity, rows)


async def make_audit_entries(world: World, ranks: list[int]) -> list[int]:
    return [row.uid.int for row in await events(ranks, descending_id)]


def event_key(node: dict[str, Any]) -> int:
    """An audit entry's id is its event's public id, `evt_<uuid hex>`."""
    return int(node["id"].removeprefix("evt_"), 16)


def cents_key(field: str) -> Callable[[dict[str, Any]], int]:
    """For rows without an id: their amount in cents is their id (see `amount_of`)."""
    return lambda node: int(Decimal(node[field]["amount"]) * 100)


def amount_of(row_id: int) -> Decimal:
    return Decimal(row_id) / 100


async def make_invoices(world: World, ranks: list[int]) -> list[int]:
    rows = await invoices(await world.account(), await world.sales_order(), ranks, earlier_day)
    return [row.id for row in rows]


async def make_payments(world: World, ranks: list[int]) -> list[int]:
    account, entry = await world.account(), await world.journal_entry()
    rows = [
        Payment(
            id=ascending_id(r),
            number=f"PAY-{label(r)}",
            account=account,
            date=earlier_day(r),
            amount=Decimal("5.00"),
            currency="USD",
            journal_entry=entry,
        )
        for r in ranks
    ]
    return await saved(Payment, rows)


def make_credit_notes(day: Callable[[int], date]) -> Make:
    async def make(world: World, ranks: list[int]) -> list[int]:
        account, invoice = await world.account(), await world.invoice()
        rows = [
            CreditNote(
                id=ascending_id(r),
                number=f"CN-{label(r)}",
                invoice=invoice,
                account=account,
                issue_date=day(r),
                subtotal=Decimal("1.00"),
                tax_total=Decimal("0.00"),
                total=Decimal("1.00"),
                applied_amount=Decimal("1.00"),
            )
            for r in ranks
        ]
        return await saved(CreditNote, rows)

    return make


async def make_products(world: World, ranks: list[int]) -> list[int]:
    rows = [Product(id=ascending_id(r), sku=label(r), name=label(r)) for r in ranks]
    return await saved(Product, rows)


async def make_price_lists(world: World, ranks: list[int]) -> list[int]:
    rows = [PriceList(id=descending_id(r), name=label(r), currency="USD") for r in ranks]
    return await saved(PriceList, rows)


async def make_exchange_rates(world: World, ranks: list[int]) -> list[int]:
    """One currency's rates: by currency, then newest date first (§12)."""
    rows = [
        ExchangeRate(id=ascending_id(r), currency="EUR", date=earlier_day(r), rate=Decimal(1))
        for r in ranks
    ]
    return await saved(ExchangeRate, rows)


async def make_price_list_items(world: World, ranks: list[int]) -> list[int]:
    """One product's quantity breaks: by product, then minQuantity."""
    price_list, product = await world.price_list(), await world.product()
    rows = [
        PriceListItem(
            id=descending_id(r),
            price_list=price_list,
            product=product,
            min_quantity=Decimal(r),
            unit_price=Decimal(1),
        )
        for r in ranks
    ]
    return await saved(PriceListItem, rows)


async def make_warehouses(world: World, ranks: list[int]) -> list[int]:
    rows = [Warehouse(id=ascending_id(r), code=label(r), name=label(r)) for r in ranks]
    return await saved(Warehouse, rows)


async def make_stock_levels(world: World, ranks: list[int]) -> list[int]:
    product = await world.product()
    warehouses = await make_warehouses(world, ranks)
    rows = [
        StockLevel(id=ascending_id(r), product=product, warehouse_id=warehouse)
        for r, warehouse in zip(ranks, warehouses, strict=True)
    ]
    return await saved(StockLevel, rows)


async def make_stock_moves(world: World, ranks: list[int]) -> list[int]:
    product, warehouse = await world.product(), await world.warehouse()
    rows = [
        StockMove(
            id=ascending_id(r),
            product=product,
            warehouse=warehouse,
            quantity=Decimal(1),
            reason=label(r),
            source="ADJUSTMENT",
            created_at=earlier(r),
        )
        for r in ranks
    ]
    return await saved(StockMove, rows)


async def make_job_runs(world: World, ranks: list[int]) -> list[int]:
    rows = [JobRun(id=descending_id(r), kind=JobKind.MRP) for r in ranks]
    return await saved(JobRun, rows)


async def make_journal_entries(world: World, ranks: list[int]) -> list[int]:
    rows = [
        JournalEntry(
            id=ascending_id(r),
            number=f"JE-{label(r)}",
            date=earlier_day(r),
            memo=label(r),
            source=JournalSource.STOCK_ADJUSTMENT,
        )
        for r in ranks
    ]
    async with in_transaction():
        ids = await saved(JournalEntry, rows)
        await world.balance(ids, Decimal("1.00"))
    return ids


async def make_import_rows(world: World, ranks: list[int]) -> list[int]:
    run = await world.import_run()
    import_id = int(run.params["import_id"])
    rows = [
        ImportRow(data_import_id=import_id, line=ascending_id(r), status=ImportRowStatus.CREATED)
        for r in ranks
    ]
    await ImportRow.bulk_create(rows)
    return [ascending_id(r) for r in ranks]


async def make_lots(world: World, ranks: list[int]) -> list[int]:
    product = await world.product()
    rows = [Lot(id=ascending_id(r), product=product, code=label(r)) for r in ranks]
    return await saved(Lot, rows)


async def make_returns(world: World, ranks: list[int]) -> list[int]:
    order = await world.sales_order()
    rows = [Return(id=descending_id(r), number=f"RMA-{label(r)}", order=order) for r in ranks]
    return await saved(Return, rows)


async def make_stock_counts(world: World, ranks: list[int]) -> list[int]:
    warehouse = await world.warehouse()
    rows = [
        StockCount(id=descending_id(r), number=f"SC-{label(r)}", warehouse=warehouse) for r in ranks
    ]
    return await saved(StockCount, rows)


async def make_work_orders(world: World, ranks: list[int]) -> list[int]:
    product = await world.product()
    rows = [
        WorkOrder(
            id=descending_id(r),
            number=f"WO-{label(r)}",
            product=product,
            quantity=Decimal(1),
            start_date=DAY,
            due_date=DAY,
            status=WorkOrderStatus.RELEASED,
        )
        for r in ranks
    ]
    return await saved(WorkOrder, rows)


async def make_planned_orders(world: World, ranks: list[int]) -> list[int]:
    run, product = await world.mrp_run(), await world.product()
    rows = [
        PlannedOrder(
            id=ascending_id(r),
            run=run,
            reference=label(r),
            product=product,
            kind=PlannedOrderKind.PURCHASE,
            quantity=Decimal(1),
            due_date=later_day(r),
            release_date=later_day(r),
        )
        for r in ranks
    ]
    return await saved(PlannedOrder, rows)


def make_sales_orders(number: Callable[[int], str]) -> Make:
    async def make(world: World, ranks: list[int]) -> list[int]:
        account = await world.account()
        rows = [
            SalesOrder(id=ascending_id(r), number=number(r), account=account, currency="USD")
            for r in ranks
        ]
        return await saved(SalesOrder, rows)

    return make


async def make_leads(world: World, ranks: list[int]) -> list[int]:
    rows = [
        Lead(id=ascending_id(r), company_name=label(r), contact_name="Lee", created_at=earlier(r))
        for r in ranks
    ]
    return await saved(Lead, rows)


async def make_campaigns(world: World, ranks: list[int]) -> list[int]:
    rows = [Campaign(id=ascending_id(r), name=label(r), currency="USD") for r in ranks]
    return await saved(Campaign, rows)


async def make_campaign_leads(world: World, ranks: list[int]) -> list[int]:
    campaign = await world.campaign()
    rows = [
        Lead(
            id=ascending_id(r),
            company_name=label(r),
            contact_name="Lee",
            created_at=earlier(r),
            campaign=campaign,
        )
        for r in ranks
    ]
    return await saved(Lead, rows)


async def make_campaign_opportunities(world: World, ranks: list[int]) -> list[int]:
    account, campaign = await world.account(), await world.campaign()
    rows = [
        Opportunity(
            id=ascending_id(r), name=label(r), account=account, currency="USD", campaign=campaign
        )
        for r in ranks
    ]
    return await saved(Opportunity, rows)


async def make_my_activities(world: World, ranks: list[int]) -> list[int]:
    account, viewer = await world.account(), await world.viewer()
    rows = [
        Activity(
            id=ascending_id(r),
            account=account,
            kind=ActivityKind.TASK,
            subject=label(r),
            due_at=later(r),
            assignee=viewer,
        )
        for r in ranks
    ]
    return await saved(Activity, rows)


async def make_my_cases(world: World, ranks: list[int]) -> list[int]:
    account, viewer = await world.account(), await world.viewer()
    rows = [
        Case(
            id=ascending_id(r),
            number=f"CASE-{label(r)}",
            subject=label(r),
            account=account,
            opened_at=MOMENT,
            resolution_due_at=later(r),
            assignee=viewer,
        )
        for r in ranks
    ]
    return await saved(Case, rows)


async def make_my_opportunities(world: World, ranks: list[int]) -> list[int]:
    account, viewer = await world.account(), await world.viewer()
    rows = [
        Opportunity(
            id=ascending_id(r),
            name=label(r),
            account=account,
            currency="USD",
            # Long past (closing within 30 days of today includes the overdue ones).
            expected_close_date=date(2019, 1, 1) + timedelta(days=r),
            owner=viewer,
        )
        for r in ranks
    ]
    return await saved(Opportunity, rows)


async def make_opportunities(world: World, ranks: list[int]) -> list[int]:
    account = await world.account()
    rows = [
        Opportunity(id=ascending_id(r), name=label(r), account=account, currency="USD")
        for r in ranks
    ]
    return await saved(Opportunity, rows)


async def make_quotes(world: World, ranks: list[int]) -> list[int]:
    """Newest first by creation and by version alike."""
    opportunity = await world.opportunity()
    rows = [
        Quote(
            id=ascending_id(r),
            number=f"QT-{label(r)}",
            version=descending_id(r),
            opportunity=opportunity,
            account_id=opportunity.account_id,
            valid_until=DAY,
            requested_date=DAY,
            currency="USD",
            created_at=earlier(r),
        )
        for r in ranks
    ]
    return await saved(Quote, rows)


async def make_purchase_orders(world: World, ranks: list[int]) -> list[int]:
    supplier = await world.account()
    rows = [
        PurchaseOrder(
            id=descending_id(r), number=f"PO-{label(r)}", supplier=supplier, currency="USD"
        )
        for r in ranks
    ]
    return await saved(PurchaseOrder, rows)


async def make_vendor_bills(world: World, ranks: list[int]) -> list[int]:
    supplier = await world.account()
    rows = [
        VendorBill(
            id=descending_id(r),
            number=f"BILL-{label(r)}",
            supplier=supplier,
            supplier_reference=label(r),
            bill_date=DAY,
            due_date=DAY,
            currency="USD",
            subtotal=Decimal("5.00"),
            tax_total=Decimal("0.00"),
            total=Decimal("5.00"),
            amount_due=Decimal("5.00"),
            match_status=MatchStatus.MATCHED,
        )
        for r in ranks
    ]
    return await saved(VendorBill, rows)


async def make_supplier_payments(world: World, ranks: list[int]) -> list[int]:
    supplier, entry = await world.account(), await world.journal_entry()
    rows = [
        SupplierPayment(
            id=ascending_id(r),
            number=f"SPAY-{label(r)}",
            supplier=supplier,
            date=earlier_day(r),
            amount=Decimal("5.00"),
            currency="USD",
            journal_entry=entry,
        )
        for r in ranks
    ]
    return await saved(SupplierPayment, rows)


async def make_cases(world: World, ranks: list[int]) -> list[int]:
    account = await world.account()
    rows = [
        Case(
            id=ascending_id(r),
            number=f"CASE-{label(r)}",
            subject=label(r),
            account=account,
            opened_at=earlier(r),
        )
        for r in ranks
    ]
    return await saved(Case, rows)


async def make_calendars(world: World, ranks: list[int]) -> list[int]:
    rows = [BusinessCalendar(id=ascending_id(r), name=label(r), timezone="UTC") for r in ranks]
    return await saved(BusinessCalendar, rows)


async def make_policies(world: World, ranks: list[int]) -> list[int]:
    calendar = await world.calendar()
    rows = [SlaPolicy(id=ascending_id(r), name=label(r), calendar=calendar) for r in ranks]
    return await saved(SlaPolicy, rows)


async def make_tokens(world: World, ranks: list[int]) -> list[int]:
    rows = [
        ApiToken(
            id=descending_id(r),
            name=label(r),
            role=Role.READONLY,
            token_hash=f"{r:064d}",
            prefix=label(r)[:12],
        )
        for r in ranks
    ]
    return await saved(ApiToken, rows)


async def make_segments(world: World, ranks: list[int]) -> list[int]:
    rows = [Segment(id=ascending_id(r), name=label(r), rules={}) for r in ranks]
    return await saved(Segment, rows)


async def make_users(world: World, ranks: list[int]) -> list[int]:
    rows = [
        User(id=ascending_id(r), name=label(r), email=f"{label(r)}@example.com", role=Role.SALES)
        for r in ranks
    ]
    return await saved(User, rows)


async def make_subscriptions(world: World, ranks: list[int]) -> list[int]:
    rows = [
        WebhookSubscription(id=ascending_id(r), url=f"https://hooks.example/{r}", secret="s" * 32)
        for r in ranks
    ]
    return await saved(WebhookSubscription, rows)


async def make_deliveries(world: World, ranks: list[int]) -> list[int]:
    subscription = await world.subscription()
    deliveries = [
        WebhookDelivery(
            id=ascending_id(r),
            event_id=event.id,
            subscription=subscription,
            created_at=earlier(r),
        )
        for r, event in zip(ranks, await events(ranks, ascending_id), strict=True)
    ]
    return await saved(WebhookDelivery, deliveries)


async def make_contacts(world: World, ranks: list[int]) -> list[int]:
    account = await world.account()
    rows = [
        Contact(id=ascending_id(r), account=account, first_name="Cy", last_name=label(r))
        for r in ranks
    ]
    return await saved(Contact, rows)


async def make_account_invoices(world: World, ranks: list[int]) -> list[int]:
    rows = await invoices(await world.account(), await world.sales_order(), ranks, later_day)
    return [row.id for row in rows]


def make_timeline(anchor: str) -> Make:
    """Activities in timeline order: by due time (else when logged)."""

    async def make(world: World, ranks: list[int]) -> list[int]:
        account = await world.account()
        opportunity = await world.opportunity() if anchor == "opportunity" else None
        rows = [
            Activity(
                id=ascending_id(r),
                account=account,
                opportunity=opportunity,
                kind=ActivityKind.TASK,
                subject=label(r),
                due_at=later(r),
            )
            for r in ranks
        ]
        return await saved(Activity, rows)

    return make


async def make_allocations(world: World, ranks: list[int]) -> list[int]:
    payment, invoice = await world.payment(), await world.invoice()
    rows = [
        PaymentAllocation(
            id=ascending_id(r), payment=payment, invoice=invoice, amount=amount_of(ascending_id(r))
        )
        for r in ranks
    ]
    return await saved(PaymentAllocation, rows)


async def make_journal_lines(world: World, ranks: list[int]) -> list[int]:
    """Debits on the parent account, balanced by one credit on another account."""
    entry, account = await world.journal_entry(), await world.ledger_account()
    rows = [
        JournalLine(
            id=descending_id(r),
            entry=entry,
            ledger_account=account,
            debit=amount_of(descending_id(r)),
        )
        for r in ranks
    ]
    async with in_transaction():
        ids = await saved(JournalLine, rows)
        await JournalLine.create(
            entry=entry,
            ledger_account=await world.other_ledger_account(),
            credit=sum((row.debit for row in rows), Decimal(0)),
        )
    return ids


async def make_product_stock_levels(world: World, ranks: list[int]) -> list[int]:
    return await make_stock_levels(world, ranks)  # one product, by warehouse


async def make_where_used(world: World, ranks: list[int]) -> list[int]:
    """One BOM line per assembly, each BOM with the parent product as its component."""
    component = await world.product()
    assemblies = await make_products(world, ranks)
    boms = [
        BillOfMaterials(id=ascending_id(r), product_id=product)
        for r, product in zip(ranks, assemblies, strict=True)
    ]
    await BillOfMaterials.bulk_create(boms)
    rows = [
        BomLine(id=ascending_id(r), bom_id=bom.id, component=component, quantity_per=Decimal(1))
        for r, bom in zip(ranks, boms, strict=True)
    ]
    return await saved(BomLine, rows)


async def make_receipts(world: World, ranks: list[int]) -> list[int]:
    order, product, warehouse = (
        await world.purchase_order(),
        await world.product(),
        await world.warehouse(),
    )
    rows = [
        StockMove(
            id=ascending_id(r),
            product=product,
            warehouse=warehouse,
            quantity=Decimal(1),
            reason=label(r),
            source=RECEIPT_SOURCE,
            reference=order.number,
            created_at=later(r),
        )
        for r in ranks
    ]
    return await saved(StockMove, rows)


async def make_order_invoices(world: World, ranks: list[int]) -> list[int]:
    return await make_account_invoices(world, ranks)  # all of the parent order


async def make_shipments(world: World, ranks: list[int]) -> list[int]:
    order, warehouse = await world.sales_order(), await world.warehouse()
    rows = [
        Shipment(
            id=ascending_id(r),
            number=f"SH-{label(r)}",
            order=order,
            warehouse=warehouse,
            shipped_on=DAY,
        )
        for r in ranks
    ]
    return await saved(Shipment, rows)


async def the_account(world: World) -> Account:
    return await world.account()


async def the_opportunity(world: World) -> Opportunity:
    return await world.opportunity()


async def the_campaign(world: World) -> Campaign:
    return await world.campaign()


async def the_import_run(world: World) -> JobRun:
    return await world.import_run()


async def the_segment(world: World) -> Segment:
    return await world.segment()


async def the_viewer(world: World) -> User:
    return await world.viewer()


async def the_subscription(world: World) -> WebhookSubscription:
    return await world.subscription()


async def the_mrp_run(world: World) -> MrpRun:
    return await world.mrp_run()


async def the_invoice(world: World) -> Invoice:
    return await world.invoice()


async def the_payment(world: World) -> Payment:
    return await world.payment()


async def the_ledger_account(world: World) -> LedgerAccount:
    return await world.ledger_account()


async def the_product(world: World) -> Product:
    return await world.product()


async def the_purchase_order(world: World) -> PurchaseOrder:
    return await world.purchase_order()


async def the_sales_order(world: World) -> SalesOrder:
    return await world.sales_order()


async def the_price_list(world: World) -> PriceList:
    return await world.price_list()


WALKS: dict[str, Walk] = {
    # Root lists, in their declared default orders.
    "Query.accounts": Walk(make_accounts),  # name
    "Query.activities": Walk(make_activities),  # most recently logged first
    "Query.auditLog": Walk(make_audit_entries, key=event_key),  # newest first
    "Query.invoices": Walk(make_invoices),  # newest issue date first
    "Query.payments": Walk(make_payments),  # newest date first
    "Query.creditNotes": Walk(make_credit_notes(earlier_day)),  # newest issue date first
    "Query.products": Walk(make_products),  # SKU
    "Query.warehouses": Walk(make_warehouses),  # code
    "Query.stockLevels": Walk(make_stock_levels),  # product, then warehouse
    "Query.stockMoves": Walk(make_stock_moves),  # newest first
    "Query.lots": Walk(make_lots),  # oldest first
    "Query.returns": Walk(make_returns),  # newest first
    "Query.stockCounts": Walk(make_stock_counts),  # newest first
    "Query.jobRuns": Walk(make_job_runs),  # newest first
    "Query.journalEntries": Walk(make_journal_entries),  # newest date first
    "Query.workOrders": Walk(make_work_orders),  # newest first
    "Query.plannedOrders": Walk(make_planned_orders),  # release date, then product
    "Query.salesOrders": Walk(make_sales_orders(lambda r: f"SO-{label(r)}")),  # number
    "Query.leads": Walk(make_leads),  # newest first
    "Query.opportunities": Walk(make_opportunities),  # oldest first
    "Query.purchaseOrders": Walk(make_purchase_orders),  # newest first
    "Query.vendorBills": Walk(make_vendor_bills),  # newest first
    "Query.supplierPayments": Walk(make_supplier_payments),  # newest date first
    "Query.cases": Walk(make_cases),  # most recently opened first
    "Query.businessCalendars": Walk(make_calendars),  # name
    "Query.slaPolicies": Walk(make_policies),  # name
    "Query.apiTokens": Walk(make_tokens),  # newest first
    "Query.users": Walk(make_users),  # name
    "Query.webhookSubscriptions": Walk(make_subscriptions),  # oldest first
    "Query.webhookDeliveries": Walk(make_deliveries),  # newest first
    "Query.priceLists": Walk(make_price_lists),  # name
    "Query.exchangeRates": Walk(make_exchange_rates),  # currency, newest date first
    "Query.quotes": Walk(make_quotes),  # newest first
    "Query.campaigns": Walk(make_campaigns),  # name
    "Query.segments": Walk(make_segments),  # name
    # Lists on an object.
    "Account.contacts": Walk(make_contacts, the_account),  # last name, first name
    "Account.opportunities": Walk(make_opportunities, the_account),  # oldest first
    "Account.salesOrders": Walk(make_sales_orders(lambda r: f"SO-{label(r)}"), the_account),
    "Account.invoices": Walk(make_account_invoices, the_account),  # oldest issue date first
    "Account.cases": Walk(make_cases, the_account),  # most recently opened first
    "Account.activities": Walk(make_timeline("account"), the_account),  # due time
    "Opportunity.activities": Walk(make_timeline("opportunity"), the_opportunity),
    "Opportunity.quotes": Walk(make_quotes, the_opportunity),  # newest version first
    "Campaign.leads": Walk(make_campaign_leads, the_campaign),  # newest first
    "Segment.accounts": Walk(make_accounts, the_segment),  # name: every account, no rules
    "Campaign.opportunities": Walk(make_campaign_opportunities, the_campaign),  # oldest first
    # The viewer's work (the parent is the user the token is issued for): by due time.
    "MyWork.activities": Walk(make_my_activities, the_viewer),
    "MyWork.cases": Walk(make_my_cases, the_viewer),  # resolution due time
    "MyWork.opportunities": Walk(make_my_opportunities, the_viewer),  # expected close date
    "JobRun.importRows": Walk(  # file order
        make_import_rows, the_import_run, lambda node: int(node["line"]), "line"
    ),
    "WebhookSubscription.deliveries": Walk(make_deliveries, the_subscription),
    "MrpRun.plannedOrders": Walk(make_planned_orders, the_mrp_run),
    "Invoice.creditNotes": Walk(make_credit_notes(later_day), the_invoice),  # oldest first
    "Invoice.payments": Walk(  # as applied
        make_allocations, the_invoice, cents_key("amount"), "amount { amount }"
    ),
    "Payment.allocations": Walk(  # as applied
        make_allocations, the_payment, cents_key("amount"), "amount { amount }"
    ),
    "LedgerAccount.journalLines": Walk(  # last posted first
        make_journal_lines, the_ledger_account, cents_key("debit"), "debit { amount }"
    ),
    "Product.stockLevels": Walk(make_product_stock_levels, the_product),  # by warehouse
    "Product.whereUsed": Walk(make_where_used, the_product),  # BOM, then position
    "PurchaseOrder.receipts": Walk(make_receipts, the_purchase_order),  # oldest first
    "SalesOrder.invoices": Walk(make_order_invoices, the_sales_order),  # oldest first
    "SalesOrder.shipments": Walk(make_shipments, the_sales_order),  # oldest first
    "PriceList.items": Walk(make_price_list_items, the_price_list),  # product, minQuantity
}


def connection_fields() -> list[str]:
    """`Type.field` of every connection reachable from the Query root."""
    schema = build_schema()._schema
    found: list[str] = []
    seen: set[str] = set()
    pending: list[GraphQLNamedType] = [schema.query_type]
    while pending:
        named = pending.pop()
        if named.name in seen or not isinstance(named, GraphQLObjectType):
            continue
        seen.add(named.name)
        for name, field in named.fields.items():
            target = get_named_type(field.type)
            if target.name.endswith("Connection") and "after" in field.args:
                found.append(f"{named.name}.{name}")
            pending.append(target)
    return sorted(found)


CONNECTIONS = connection_fields()


def page_query(coordinate: str, selection: str) -> str:
    type_name, field = coordinate.split(".")
    page = (
        f"{field}(first: {PAGE}, after: $after) {{ edges {{ node {{ {selection} }} }} "
        "pageInfo { hasNextPage endCursor } }"
    )
    if type_name == "Query":
        return f"query($after: String) {{ {page} }}"
    if type_name == "MyWork":
        return f"query($after: String) {{ myWork {{ {page} }} }}"
    return (
        f"query($after: String, $parent: ID!) {{ node(id: $parent) {{ "
        f"... on {type_name} {{ {page} }} }} }}"
    )


def test_the_walk_covers_the_main_lists_and_names_no_list_that_is_gone() -> None:
    assert sorted(set(WALKS) - set(CONNECTIONS)) == []
    assert {
        "Query.accounts",
        "Query.invoices",
        "Query.salesOrders",
        "Account.contacts",
        "Account.invoices",
        "Account.activities",
    } <= set(CONNECTIONS)


@pytest.mark.parametrize("coordinate", CONNECTIONS)
async def test_paging_forward_while_rows_are_inserted_returns_each_row_once_in_order(
    gql: Any, client: Any, coordinate: str
) -> None:
    walk = WALKS.get(coordinate)
    if walk is None:
        pytest.fail(f"{coordinate} is a connection with no walk: add one to WALKS")
    world = World()
    ranks = [STEP * n for n in range(1, ROWS + 1)]
    before = await walk.make(world, ranks)
    rank_of = dict(zip(before, ranks, strict=True))
    variables: dict[str, Any] = {"after": None}
    query = page_query(coordinate, walk.selection)
    type_name, field = coordinate.split(".")
    run = gql
    if type_name == "MyWork":  # the viewer's lists: a token issued for the parent user
        _, secret = await create_token("viewer", Role.SALES, user_id=(await world.viewer()).id)

        async def run(query: str, variables: dict[str, Any]) -> dict[str, Any]:
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {secret}"},
            )
            return response.json()  # type: ignore[no-any-return]

    elif walk.parent is not None:
        parent = await walk.parent(world)
        variables["parent"] = str(relay.GlobalID(coordinate.split(".")[0], str(parent.id)))

    async def insert_around(rank: int) -> None:
        around = [r for r in (rank - STEP // 2, rank + STEP // 2) if r > 0 and r not in taken]
        taken.update(around)
        rank_of.update(zip(await walk.make(world, around), around, strict=True))

    taken: set[int] = set()
    returned: list[int] = []
    cursor_rank = 0
    while True:
        body, _ = await asyncio.gather(run(query, variables), insert_around(cursor_rank))
        assert "errors" not in body, body["errors"]
        data = body["data"]
        if type_name != "Query":
            data = data["myWork" if type_name == "MyWork" else "node"]
        page = data[field]
        ids = [walk.key(edge["node"]) for edge in page["edges"]]
        returned += ids
        mine = [rank_of[i] for i in ids if i in rank_of]
        cursor_rank = mine[-1] if mine else cursor_rank
        if not page["pageInfo"]["hasNextPage"]:
            break
        variables["after"] = page["pageInfo"]["endCursor"]

    counts = Counter(returned)
    assert [row for row in before if counts[row] != 1] == []
    walked = [rank_of[row] for row in returned if row in rank_of]
    assert walked == sorted(walked), "the rows came out of the list's order"
    assert len(set(walked)) == len(walked)
