"""A won deal's fulfilment follows its order in the same transaction as each shipment,
invoice and payment, with `opportunity.fulfillment_changed` when a status moves; margins
planned and realized; `account.credit_exceeded` once per crossing of the credit limit (§9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from api.relay import encode_id
from domain.accounts.services import update_account
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import InvoiceLine
from domain.billing.payments import AllocationDraft, record_payment
from domain.catalog.models import ProductKind
from domain.credit.models import CreditWatch
from domain.errors import DomainError, ErrorCode
from domain.fulfillment.margin import planned_margin
from domain.fulfillment.models import OpportunityFulfillment
from domain.inventory.services import default_warehouse
from domain.orders.models import (
    DeliveryStatus,
    InvoicePolicy,
    InvoiceStatus,
    OrderStatus,
    PaymentStatus,
    SalesOrder,
    SalesOrderLine,
)
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    cancel_sales_order,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)
from domain.outbox.models import Event
from domain.pipeline.handover import win_opportunity
from domain.pipeline.services import create_opportunity
from domain.quotes.services import accept_quote, create_quote, send_quote
from tests.factories import make_account, make_product
from tests.quotes.conftest import Deal, add_stock

D = Decimal
PAID_ON = date(2026, 3, 10)


async def won_order(deal: Deal) -> SalesOrder:
    """The deal's quote accepted and its order confirmed, everything in stock."""
    await add_stock(deal.bike, "2")
    await add_stock(deal.helmet, "5")
    quote = await create_quote(deal.opportunity.id, {})
    await send_quote(quote.id)
    accepted = await accept_quote(quote.id)
    return await confirm_sales_order(accepted.sales_order_id or 0)


async def fulfillment(deal: Deal) -> tuple[Any, ...]:
    row = await OpportunityFulfillment.get(opportunity_id=deal.opportunity.id)
    return (
        row.delivery_status,
        row.invoice_status,
        row.payment_status,
        row.shipped_amount,
        row.invoiced_amount,
        row.paid_amount,
    )


async def changes() -> list[dict[str, Any]]:
    events = await Event.filter(type="opportunity.fulfillment_changed").order_by("id")
    return [event.payload for event in events]


async def ship(order: SalesOrder, *quantities: str) -> None:
    lines = await SalesOrderLine.filter(order_id=order.id).order_by("position")
    drafts = [
        ShipLineDraft(line.id, D(quantity))
        for line, quantity in zip(lines, quantities, strict=False)
        if D(quantity)
    ]
    await ship_sales_order(order.id, (await default_warehouse()).id, drafts)


async def test_fulfilment_after_partial_ship_invoice_and_payments(deal_factory):
    deal: Deal = await deal_factory()
    order = await won_order(deal)
    assert await fulfillment(deal) == (
        DeliveryStatus.NOT_SHIPPED,
        InvoiceStatus.NOT_INVOICED,
        PaymentStatus.UNPAID,
        D("0"),
        D("0"),
        D("0"),
    )
    row = await OpportunityFulfillment.get(opportunity_id=deal.opportunity.id)
    assert (row.sales_order_id, row.promised_date) == (order.id, date(2026, 3, 2))

    await ship(order, "1")
    # 1 × 1 200.00 × 0.9 = 1 080.00 + 8 % = 1 166.40
    assert await fulfillment(deal) == (
        DeliveryStatus.PARTIAL,
        InvoiceStatus.NOT_INVOICED,
        PaymentStatus.UNPAID,
        D("1166.40"),
        D("0"),
        D("0"),
    )

    first = await invoice_order(order.id, date(2026, 3, 3))
    assert first is not None and first.total == D("1166.40")
    assert (await fulfillment(deal))[1:5] == (
        InvoiceStatus.PARTIAL,
        PaymentStatus.UNPAID,
        D("1166.40"),
        D("1166.40"),
    )

    await record_payment(deal.account.id, D("500"), PAID_ON)
    await record_payment(deal.account.id, D("100"), PAID_ON)  # amounts only: no event
    assert (await fulfillment(deal))[2:] == (
        PaymentStatus.PARTIAL,
        D("1166.40"),
        D("1166.40"),
        D("600.00"),
    )

    await ship(order, "1", "5")
    second = await invoice_order(order.id, date(2026, 3, 4))
    # the rest: 1 166.40 + 5 × 49.90 = 249.50 + 19.96 → 1 435.86; in all 2 602.26
    assert second is not None and second.total == D("1435.86")
    await record_payment(
        deal.account.id,
        D("2002.26"),
        PAID_ON,
        allocations=[
            AllocationDraft(first.id, D("566.40")),
            AllocationDraft(second.id, D("1435.86")),
        ],
    )

    assert await fulfillment(deal) == (
        DeliveryStatus.SHIPPED,
        InvoiceStatus.INVOICED,
        PaymentStatus.PAID,
        D("2602.26"),
        D("2602.26"),
        D("2602.26"),
    )
    assert (await SalesOrder.get(id=order.id)).status == OrderStatus.CLOSED
    moves = [
        (
            change["fulfillment"]["deliveryStatus"],
            change["fulfillment"]["invoiceStatus"],
            change["fulfillment"]["paymentStatus"],
        )
        for change in await changes()
    ]
    assert moves == [
        ("PARTIAL", "NOT_INVOICED", "UNPAID"),
        ("PARTIAL", "PARTIAL", "UNPAID"),
        ("PARTIAL", "PARTIAL", "PARTIAL"),
        ("SHIPPED", "PARTIAL", "PARTIAL"),
        ("SHIPPED", "INVOICED", "PARTIAL"),
        ("SHIPPED", "INVOICED", "PAID"),
    ]
    last = (await changes())[-1]
    assert (last["fulfillment"]["paidAmount"], last["previousFulfillment"]["paidAmount"]) == (
        {"amount": "2602.26", "currency": "USD"},
        {"amount": "600.00", "currency": "USD"},
    )


async def test_a_credit_note_keeps_the_fulfilment_in_step(deal_factory):
    deal: Deal = await deal_factory()
    order = await won_order(deal)
    await ship(order, "2", "5")
    invoice = await invoice_order(order.id, date(2026, 3, 3))
    assert invoice is not None
    helmets = await InvoiceLine.get(invoice_id=invoice.id, position=1)

    await create_credit_note(invoice.id, [CreditLineDraft(helmets.id, D("5"))])
    await record_payment(deal.account.id, D("2332.80"), PAID_ON)

    # The helmets' 269.46 credited, the bikes' 2 332.80 paid: nothing due, PAID.
    assert (await fulfillment(deal))[2:] == (
        PaymentStatus.PAID,
        D("2602.26"),
        D("2602.26"),
        D("2332.80"),
    )


async def test_a_refused_shipment_leaves_the_fulfilment_as_it_was(deal_factory):
    deal: Deal = await deal_factory()
    order = await won_order(deal)
    await ship(order, "2")
    before = await fulfillment(deal)

    with pytest.raises(DomainError) as caught:
        await ship(order, "1")
    assert caught.value.code == ErrorCode.INVALID
    assert await fulfillment(deal) == before


async def test_a_deal_won_without_a_quote_is_promised_its_requested_date(deal_factory):
    deal: Deal = await deal_factory()

    won = await win_opportunity(deal.opportunity.id, requested_date=date(2026, 4, 1))

    row = await OpportunityFulfillment.get(opportunity_id=won.id)
    assert (row.sales_order_id, row.promised_date) == (won.sales_order_id, date(2026, 4, 1))


async def test_an_accepted_quote_promises_its_latest_line(deal_factory):
    deal: Deal = await deal_factory()  # no stock: the bikes come in 10 days
    quote = await create_quote(deal.opportunity.id, {"requested_date": date(2026, 3, 5)})
    await send_quote(quote.id)

    await accept_quote(quote.id)

    row = await OpportunityFulfillment.get(opportunity_id=deal.opportunity.id)
    assert row.promised_date == date(2026, 3, 12)


async def test_orders_entered_directly_have_no_fulfilment(deal_factory):
    deal: Deal = await deal_factory()
    await add_stock(deal.helmet, "1")
    order = await create_sales_order(
        deal.account.id, [OrderLineDraft(product_id=deal.helmet.id, quantity=D("1"))]
    )
    await confirm_sales_order(order.id)

    await ship(order, "1")

    assert await OpportunityFulfillment.all().count() == 0
    assert await changes() == []


async def test_the_fulfilment_reads_through_graphql(gql: Any, deal_factory: Any) -> None:
    deal: Deal = await deal_factory()
    order = await won_order(deal)
    await ship(order, "1")

    answer = await gql(
        """query ($id: ID!) { opportunity(id: $id) { fulfillment {
            deliveryStatus invoiceStatus paymentStatus shippedAmount { amount currency }
            invoicedAmount { amount } paidAmount { amount } promisedDate } } }""",
        {"id": encode_id("Opportunity", deal.opportunity.id)},
    )

    assert answer["data"]["opportunity"]["fulfillment"] == {
        "deliveryStatus": "PARTIAL",
        "invoiceStatus": "NOT_INVOICED",
        "paymentStatus": "UNPAID",
        "shippedAmount": {"amount": "1166.40", "currency": "USD"},
        "invoicedAmount": {"amount": "0.00"},
        "paidAmount": {"amount": "0.00"},
        "promisedDate": "2026-03-02",
    }


# --- margins --------------------------------------------------------------------------------


def test_the_planned_cost_is_rounded_once_over_the_lines():
    # 3 × 0.3333 + 1 × 0.0042 = 1.0041 → 1.00; revenue 2.00 → margin 1.00, 50 %
    margin = planned_margin([(D("3"), D("1.50"), D("0.3333")), (D("1"), D("0.50"), D("0.0042"))])

    assert (margin.revenue, margin.cost, margin.margin, margin.percent) == (
        D("2.00"),
        D("1.00"),
        D("1.00"),
        D("50.00"),
    )
    assert planned_margin([]).percent is None


MARGINS = """query ($order: ID!, $deal: ID!) {
  salesOrder(id: $order) {
    margin { revenue { amount } cost { amount } margin { amount } percent }
    realizedMargin { revenue { amount } cost { amount } margin { amount } percent } }
  opportunity(id: $deal) { margin { revenue { amount } cost { amount } percent } } }"""


async def test_planned_and_realized_margins_of_an_order(gql: Any, deal_factory: Any) -> None:
    deal: Deal = await deal_factory()
    order = await won_order(deal)
    await ship(order, "1")
    invoice = await invoice_order(order.id, date(2026, 3, 3))
    assert invoice is not None
    ids = {
        "order": encode_id("SalesOrder", order.id),
        "deal": encode_id("Opportunity", deal.opportunity.id),
    }

    answer = await gql(MARGINS, ids, role="FINANCE")

    assert answer["data"] == {
        # 2 409.50 − (2 × 700.00 + 5 × 18.25 = 1 491.25) = 918.25, 38.11 %
        "salesOrder": {
            "margin": {
                "revenue": {"amount": "2409.50"},
                "cost": {"amount": "1491.25"},
                "margin": {"amount": "918.25"},
                "percent": "38.11",
            },
            # invoiced 1 080.00 net against the one bike shipped at 700.00: 35.19 %
            "realizedMargin": {
                "revenue": {"amount": "1080.00"},
                "cost": {"amount": "700.00"},
                "margin": {"amount": "380.00"},
                "percent": "35.19",
            },
        },
        "opportunity": {
            "margin": {"revenue": {"amount": "2409.50"}, "cost": {"amount": "1491.25"},
                       "percent": "38.11"}
        },
    }  # fmt: skip
    refused = await gql(MARGINS, ids, role="SALES")
    assert sorted(tuple(e["path"]) for e in refused["errors"]) == [
        ("opportunity", "margin"),
        ("salesOrder", "margin"),
        ("salesOrder", "realizedMargin"),
    ]


async def test_a_deal_without_lines_has_no_margin(gql: Any, database: str) -> None:
    account = await make_account("Initech")
    opportunity = await create_opportunity(
        {"account_id": account.id, "name": "Gut feeling", "amount": D("900")}
    )

    answer = await gql(
        "query ($id: ID!) { opportunity(id: $id) { margin { percent } } }",
        {"id": encode_id("Opportunity", opportunity.id)},
    )

    assert answer["data"] == {"opportunity": {"margin": None}}


# --- credit exposure ------------------------------------------------------------------------


async def _exceeded() -> list[dict[str, Any]]:
    events = await Event.filter(type="account.credit_exceeded").order_by("id")
    return [event.payload for event in events]


async def test_credit_exceeded_fires_once_per_crossing(gql: Any, database: str) -> None:
    account = await make_account("Umbrella", credit_limit=D("1000"))
    hours = await make_product("HOURS", "100.00", kind=ProductKind.SERVICE)
    order = await create_sales_order(
        account.id,
        [OrderLineDraft(product_id=hours.id, quantity=D("8"))],
        invoice_policy=InvoicePolicy.ON_ORDER,
    )
    await confirm_sales_order(order.id)  # exposure 800.00, within 1 000.00
    assert await _exceeded() == []

    await update_account(account.id, {"credit_limit": D("700")})  # 800.00 > 700.00: crossed
    await update_account(account.id, {"credit_limit": D("650")})  # still over: no event
    invoice = await invoice_order(order.id, date(2026, 3, 3))  # 800.00 billed: unchanged
    assert invoice is not None
    await record_payment(account.id, D("300"), PAID_ON)  # 500.00 ≤ 650.00: within again
    await update_account(account.id, {"credit_limit": D("400")})  # crossed a second time

    exceeded = await _exceeded()
    assert [(e["creditLimit"]["amount"], e["creditExposure"]["amount"]) for e in exceeded] == [
        ("700.00", "800.00"),
        ("400.00", "500.00"),
    ]
    assert exceeded[0]["creditAvailable"] == {"amount": "-100.00", "currency": "USD"}
    assert (await CreditWatch.get(account_id=account.id)).over_limit is True
    answer = await gql(
        "query ($id: ID!) { account(id: $id) { "
        "creditExposure { amount } creditAvailable { amount } } }",
        {"id": encode_id("Account", account.id)},
    )
    assert answer["data"]["account"] == {
        "creditExposure": {"amount": "500.00"},
        "creditAvailable": {"amount": "-100.00"},
    }


async def test_cancelling_an_order_brings_the_exposure_back_within_the_limit(database: str):
    account = await make_account("Wayne", credit_limit=D("1000"))
    hours = await make_product("HOURS", "100.00", kind=ProductKind.SERVICE)
    order = await create_sales_order(
        account.id, [OrderLineDraft(product_id=hours.id, quantity=D("9"))]
    )
    await confirm_sales_order(order.id)
    await update_account(account.id, {"credit_limit": D("800")})

    await cancel_sales_order(order.id)

    assert (await CreditWatch.get(account_id=account.id)).over_limit is False
    assert len(await _exceeded()) == 1


async def test_accounts_without_a_limit_are_never_over(database: str):
    account = await make_account("Hooli")
    hours = await make_product("HOURS", "100.00", kind=ProductKind.SERVICE)
    order = await create_sales_order(
        account.id, [OrderLineDraft(product_id=hours.id, quantity=D("90"))]
    )

    await confirm_sales_order(order.id)

    assert (await CreditWatch.all().count(), await _exceeded()) == (0, [])
