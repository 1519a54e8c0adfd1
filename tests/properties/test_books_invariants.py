"""The books an accountant signs, under random sequences of every document kind (issue 17):
receipts, work order completions, shipments, adjustments, standard cost changes, invoices,
customer payments, vendor bills and supplier payments, each followed by the checks of §5.3,
§10 and §11 — trial balance zero, 1300 = stock at standard, 2050 = received not yet billed,
1200 − 2100 = Σ of the accounts' balances, and the balance sheet balances.

With foreign-currency documents (§12): a EUR customer and a JPY supplier whose rates change
between documents. The trial balance is zero in base after every step, and 1200 − 2100
(2000) equals Σ of the accounts' open documents each converted at the rate it was booked at."""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.accounts.models import Account
from domain.billing.invoicing import invoice_order
from domain.billing.models import OPEN_INVOICE_STATUSES, CreditNote, Invoice, Payment
from domain.billing.payments import record_payment
from domain.billing.receivables import balances as account_balances
from domain.catalog.models import Product
from domain.catalog.services import update_product
from domain.clock import today
from domain.closing.reports import balance_sheet_as_of, profit_and_loss_for
from domain.currencies.conversion import to_base
from domain.currencies.services import set_exchange_rate
from domain.errors import DomainError
from domain.inventory.models import StockMove, Warehouse
from domain.inventory.services import (
    OPENING_REASON,
    adjust_stock,
    create_warehouse,
    default_warehouse,
)
from domain.inventory.transfers import transfer_stock
from domain.ledger.models import LedgerAccount, LedgerAccountType
from domain.manufacturing.services import (
    BomLineDraft,
    complete_work_order,
    create_work_order,
    set_bom,
)
from domain.orders.models import SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)
from domain.payables.models import OPEN_BILL_STATUSES, VendorBill
from domain.payables.services import (
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import (
    PurchaseLineDraft,
    ReceiptLine,
    billed_by_line,
    create_purchase_order,
    receive_purchase_order,
)
from domain.returns.models import Return
from domain.returns.services import ReturnLineDraft, create_return, receive_return
from domain.stock_counts.services import (
    CountLineDraft,
    post_stock_count,
    record_stock_count,
    start_stock_count,
)
from tests.factories import make_account, make_item
from tests.ledger.books import assert_books_balance, balances

D = Decimal
ZERO = D("0")
WORLDS = itertools.count(1)

quantities = st.decimals(min_value=D("0.25"), max_value=D("40"), places=2)
costs = st.decimals(min_value=D("0.0042"), max_value=D("80"), places=4)
component = st.integers(min_value=0, max_value=2)
product = st.integers(min_value=0, max_value=3)  # the three components and the assembly
share = st.decimals(min_value=D("0.1"), max_value=D("1"), places=2)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("receive"), component, quantities, costs, share),
        st.tuples(st.just("complete"), st.decimals(min_value=1, max_value=4, places=1)),
        st.tuples(st.just("ship"), product, quantities),
        st.tuples(st.just("adjust"), product, quantities, st.booleans(), st.booleans()),
        st.tuples(st.just("cost"), product, costs),
        st.tuples(st.just("invoice")),
        st.tuples(st.just("collect"), st.decimals(min_value=1, max_value=500, places=2)),
        st.tuples(st.just("bill"), share, st.decimals(min_value=-5, max_value=5, places=1)),
        st.tuples(st.just("pay"), share),
        # §12: a new rate for today, a EUR order shipped (and invoiced by "invoice"), a EUR
        # payment, and a JPY supplier's receipt, bill and payment.
        st.tuples(
            st.just("rate"),
            st.sampled_from(("EUR", "JPY")),
            st.decimals(min_value=D("0.5"), max_value=D("2"), places=4),
        ),
        st.tuples(st.just("fx_ship"), product, quantities),
        st.tuples(st.just("fx_collect"), st.decimals(min_value=1, max_value=500, places=2)),
        st.tuples(st.just("fx_receive"), component, quantities, costs, share),
        st.tuples(st.just("fx_bill"), share, st.decimals(min_value=-5, max_value=5, places=1)),
        st.tuples(st.just("fx_pay"), share),
        # §15: transfers between two warehouses, a blind count posted with a move between its
        # snapshot and its posting, and a customer return of the latest order.
        st.tuples(st.just("transfer"), product, quantities, st.booleans()),
        st.tuples(st.just("count"), product, st.decimals(min_value=0, max_value=60, places=2)),
        st.tuples(st.just("return"), share, st.booleans()),
    ),
    min_size=1,
    max_size=20,
)


@dataclass
class World:
    products: list[Product]  # three BUY components, then the MAKE assembly
    supplier: Account
    customer: Account
    eur_customer: Account
    jpy_supplier: Account
    warehouse_id: int
    sales_order_ids: list[int]
    references: itertools.count


async def make_world() -> World:
    n = next(WORLDS)
    parts = [
        await make_item(f"W{n}-PART-{i}", standard_cost=cost)
        for i, cost in enumerate(("2.50", "0.0042", "13.3333"))
    ]
    assembly = await make_item(f"W{n}-ASSEMBLY", "MAKE", standard_cost="41.27")
    await set_bom(
        assembly.id,
        [
            BomLineDraft(parts[0].id, D("2")),
            BomLineDraft(parts[1].id, D("7.5"), D("3")),
            BomLineDraft(parts[2].id, D("0.5"), D("12.5")),
        ],
    )
    warehouse_id = (await default_warehouse()).id
    # Base units per unit, from long ago; the "rate" step sets today's.
    await set_exchange_rate("EUR", date(2000, 1, 1), D("1.0850"))
    await set_exchange_rate("JPY", date(2000, 1, 1), D("0.0067"))
    for item, quantity in zip([*parts, assembly], ("60", "900", "25.5", "4"), strict=True):
        await adjust_stock(
            product_id=item.id,
            warehouse_id=warehouse_id,
            quantity=D(quantity),
            reason=OPENING_REASON,
        )
    return World(
        products=[*parts, assembly],
        supplier=await make_account(f"Supplier {n}", payment_terms_days=30),
        customer=await make_account(f"Customer {n}", payment_terms_days=14),
        eur_customer=await make_account(f"Kunde {n}", currency="EUR", payment_terms_days=14),
        jpy_supplier=await make_account(f"Shiiresaki {n}", currency="JPY", payment_terms_days=30),
        warehouse_id=warehouse_id,
        sales_order_ids=[],
        references=itertools.count(1),
    )


async def run(world: World, step: tuple) -> None:
    kind, *args = step
    supplier, customer = world.supplier, world.customer
    if kind.startswith("fx_"):
        kind = kind.removeprefix("fx_")
        supplier, customer = world.jpy_supplier, world.eur_customer
    if kind == "rate":
        currency, rate = args
        # JPY in the hundredths of a cent: 0.5 … 2 → 0.005 … 0.02 dollars a yen.
        await set_exchange_rate(currency, today(), rate if currency == "EUR" else rate / 100)
    elif kind == "receive":
        index, quantity, unit_cost, part = args
        order = await create_purchase_order(
            supplier.id,
            [PurchaseLineDraft(world.products[index].id, quantity, unit_cost)],
        )
        line = await PurchaseOrderLine.get(order_id=order.id)
        received = max(D("0.01"), (quantity * part).quantize(D("0.01")))
        await receive_purchase_order(order.id, [ReceiptLine(line.id, received)])
    elif kind == "complete":
        (quantity,) = args
        work_order = await create_work_order(world.products[3].id, quantity)
        await complete_work_order(work_order.id, quantity)
    elif kind == "ship":
        index, quantity = args
        order = await create_sales_order(
            customer.id,
            [
                OrderLineDraft(
                    world.products[index].id, quantity, D("49.50"), D("33.3333"), D("8.875")
                )
            ],
        )
        await confirm_sales_order(order.id)
        world.sales_order_ids.append(order.id)
        line = await SalesOrderLine.get(order_id=order.id)
        await ship_sales_order(order.id, world.warehouse_id, [ShipLineDraft(line.id, quantity)])
    elif kind == "adjust":
        index, quantity, outgoing, opening = args
        await adjust_stock(
            product_id=world.products[index].id,
            warehouse_id=world.warehouse_id,
            quantity=-quantity if outgoing else quantity,
            reason=OPENING_REASON if opening else "Cycle count",
        )
    elif kind in ("transfer", "count", "return"):
        await run_warehouse_step(world, kind, *args)
    elif kind == "cost":
        index, new_cost = args
        await update_product(world.products[index].id, {"standard_cost": new_cost})
    elif kind == "invoice":
        for order_id in world.sales_order_ids:
            await invoice_order(order_id, today())
    elif kind == "collect":
        (amount,) = args
        await record_payment(customer.id, amount, today())
    elif kind == "bill":
        await bill_the_latest_receipt(world, supplier, *args)
    elif kind == "pay":
        (part,) = args
        owed = sum(
            (
                D(bill.amount_due)
                for bill in await VendorBill.filter(
                    supplier_id=supplier.id, status__in=list(OPEN_BILL_STATUSES)
                )
            ),
            ZERO,
        )
        # To the supplier currency's minor units: whole yen for JPY.
        amount = (owed * part).quantize(D("1") if supplier.currency == "JPY" else D("0.01"))
        if amount > 0:
            await record_supplier_payment(supplier.id, amount, today())


async def run_warehouse_step(world: World, kind: str, *args: Any) -> None:
    """The stock moves of §15: none may break 1300 = stock at standard."""
    east = await Warehouse.get_or_none(code="EAST") or await create_warehouse("EAST", "East")
    if kind == "transfer":
        index, quantity, outward = args
        main_id = world.warehouse_id
        source, target = (main_id, east.id) if outward else (east.id, main_id)
        await transfer_stock(
            product_id=world.products[index].id,
            from_warehouse_id=source,
            to_warehouse_id=target,
            quantity=quantity,
        )
    elif kind == "count":
        index, counted = args
        product_id = world.products[index].id
        count = await start_stock_count(world.warehouse_id, [product_id])
        # A move between the snapshot and the posting: the variance must account for it.
        await adjust_stock(
            product_id=product_id,
            warehouse_id=world.warehouse_id,
            quantity=D("1"),
            reason="Found on the shelf",
        )
        await record_stock_count(count.id, [CountLineDraft(product_id, counted)])
        await post_stock_count(count.id, may_approve=True)
    elif kind == "return":
        part, restock = args
        if not world.sales_order_ids:
            return
        line = await SalesOrderLine.get(order_id=world.sales_order_ids[-1])
        quantity = (D(line.quantity_shipped) * part).quantize(D("0.01"))
        if quantity <= 0:
            return
        rma = await create_return(line.order_id, [ReturnLineDraft(line.id, quantity, restock)])
        await receive_return(rma.id)


async def bill_the_latest_receipt(
    world: World, supplier: Account, part: Decimal, price_change: Decimal
) -> None:
    """Bills part of what the supplier's latest received PO line still has unbilled, at its
    PO cost moved by `price_change` percent (an exception over 2 %, approved by FINANCE)."""
    lines = await PurchaseOrderLine.filter(
        order__supplier_id=supplier.id, quantity_received__gt=0
    ).order_by("-id")
    if not lines:
        return
    line = lines[0]
    billed = (await billed_by_line([line.id])).get(line.id, ZERO)
    open_quantity = D(line.quantity_received) - billed
    quantity = (open_quantity * part).quantize(D("0.01"))
    if quantity <= 0:
        return
    unit_cost = (D(line.unit_cost) * (1 + price_change / 100)).quantize(D("0.0001"))
    bill = await create_vendor_bill(
        supplier.id,
        f"INV-{supplier.id}-{next(world.references)}",
        today(),
        [BillLineDraft(line.id, quantity, unit_cost, D("7.25"))],
    )
    await post_vendor_bill(bill.id, approve_exceptions=True, may_approve=True)


async def assert_receivables_match() -> None:
    """1200 − 2100 = Σ of the accounts' balances (§3), each open document converted at the
    rate it was booked at (§12): in the base currency those are the balances themselves."""
    books = await balances()
    base_ids = list(await Account.filter(currency="USD").values_list("id", flat=True))
    in_base = sum((await account_balances(base_ids)).values(), ZERO)
    assert in_base == sum(
        (
            to_base(D(due), D(rate), "USD")
            for due, rate in await Invoice.filter(
                account_id__in=base_ids, status__in=list(OPEN_INVOICE_STATUSES)
            ).values_list("amount_due", "exchange_rate")
        ),
        ZERO,
    ) - await _credits_in_base(base_ids)
    every_id = list(await Account.all().values_list("id", flat=True))
    due = sum(
        (
            to_base(D(due), D(rate), "USD")
            for due, rate in await Invoice.filter(
                account_id__in=every_id, status__in=list(OPEN_INVOICE_STATUSES)
            ).values_list("amount_due", "exchange_rate")
        ),
        ZERO,
    )
    owed = due - await _credits_in_base(every_id)
    assert books.get("1200", ZERO) + books.get("2100", ZERO) == owed


async def _credits_in_base(account_ids: list[int]) -> Decimal:
    """Unapplied payments at their rates, unapplied credit notes at their invoices'."""
    paid_ahead = sum(
        (
            to_base(D(amount), D(rate), "USD")
            for amount, rate in await Payment.filter(
                account_id__in=account_ids, unapplied_amount__gt=0
            ).values_list("unapplied_amount", "exchange_rate")
        ),
        ZERO,
    )
    credited = sum(
        (
            to_base(D(amount), D(rate), "USD")
            for amount, rate in await CreditNote.filter(
                account_id__in=account_ids, unapplied_amount__gt=0
            ).values_list("unapplied_amount", "invoice__exchange_rate")
        ),
        ZERO,
    )
    return paid_ahead + credited


async def assert_payables_match() -> None:
    """2000 = Σ of the suppliers' open bills, each at the rate it was posted at (§12)."""
    books = await balances()
    owed = sum(
        (
            to_base(D(due), D(rate), "USD")
            for due, rate in await VendorBill.filter(
                status__in=list(OPEN_BILL_STATUSES)
            ).values_list("amount_due", "exchange_rate")
        ),
        ZERO,
    )
    assert -books.get("2000", ZERO) == owed


async def assert_balance_sheet_balances() -> None:
    """assets = liabilities + equity, the assets being the ASSET accounts' balances, and the
    retained earnings the net income of every period to date (§11)."""
    books = await balances()
    sheet = await balance_sheet_as_of(today())
    assert sheet.assets == sheet.liabilities + sheet.equity
    asset_codes = await LedgerAccount.filter(type=LedgerAccountType.ASSET).values_list(
        "code", flat=True
    )
    assert sheet.assets == sum((books.get(code, ZERO) for code in asset_codes), ZERO)
    earnings = await profit_and_loss_for(date(1900, 1, 1), today())
    assert sheet.retained_earnings == earnings.net_income


@pytest.mark.usefixtures("database")
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
async def test_the_books_hold_after_every_step(steps: list[tuple]) -> None:
    world = await make_world()
    for step in steps:
        # A refusal (not enough stock, …) writes nothing; the books must hold either way.
        with contextlib.suppress(DomainError):
            await run(world, step)
        await assert_books_balance()
        await assert_receivables_match()
        await assert_payables_match()
        await assert_balance_sheet_balances()


@pytest.mark.usefixtures("database")
async def test_foreign_documents_move_7000_and_the_books_hold() -> None:
    """A fixed run through every foreign-currency step, none refused: EUR sales invoiced,
    paid after the rate moved; a JPY supplier received, billed and paid after its rate
    moved; the checks hold after each step and 7000 carries the exchange differences."""
    world = await make_world()
    for step in [
        ("fx_ship", 0, D("3")),
        ("invoice",),
        ("rate", "EUR", D("1.1234")),
        ("fx_collect", D("100.00")),
        ("fx_receive", 0, D("10"), D("2.5000"), D("1")),
        ("fx_bill", D("1"), D("0")),
        ("rate", "JPY", D("0.75")),
        ("fx_pay", D("1")),
        ("fx_collect", D("500.00")),
    ]:
        await run(world, step)
        await assert_books_balance()
        await assert_receivables_match()
        await assert_payables_match()
        await assert_balance_sheet_balances()
    assert await Invoice.filter(account_id=world.eur_customer.id).count() == 1
    assert await VendorBill.filter(supplier_id=world.jpy_supplier.id, status="PAID").count() == 1
    assert (await balances()).get("7000", ZERO) != ZERO


@pytest.mark.usefixtures("database")
async def test_transfers_counts_and_returns_keep_the_books() -> None:
    """A fixed run through every warehouse step of §15, none refused: transfers both ways, a
    count with a move between snapshot and post, returns of an invoiced order restocked and
    not; the checks hold after each step."""
    world = await make_world()
    for step in [
        ("transfer", 0, D("12.5"), True),
        ("transfer", 0, D("2.25"), False),
        ("count", 1, D("873.33")),
        ("ship", 0, D("6")),
        ("invoice",),
        ("return", D("0.5"), True),
        ("return", D("0.5"), False),
        ("count", 3, D("0")),
    ]:
        await run(world, step)
        await assert_books_balance()
        await assert_receivables_match()
        await assert_payables_match()
        await assert_balance_sheet_balances()
    assert await StockMove.filter(source="TRANSFER").count() == 4
    assert await StockMove.filter(source="RETURN").count() == 1
    assert await Return.filter(status="RECEIVED").count() == 2
    assert await CreditNote.filter(invoice__account_id=world.customer.id).count() == 2
