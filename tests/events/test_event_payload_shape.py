"""Every event's `data` is its object in the API's own shape (§8): `node(id: data.id)`, asked
for the fields the data names, answers exactly the data's values; state changes carry their
`previous…` values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import graphql
import pytest
from graphql import GraphQLField, GraphQLObjectType, get_named_type

from api.schema import build_schema
from domain.accounts.services import archive_account, create_account, update_account
from domain.auth.models import Role
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.invoicing import invoice_order
from domain.billing.models import InvoiceLine
from domain.billing.payments import record_payment
from domain.catalog.models import Procurement, Product, ProductKind
from domain.clock import today
from domain.global_ids import global_id, parse_global_id
from domain.inventory.services import adjust_stock, default_warehouse
from domain.manufacturing.models import PlannedOrder
from domain.manufacturing.mrp import run_mrp
from domain.manufacturing.services import firm_planned_order
from domain.orders.models import InvoicePolicy, SalesOrderLine
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
from domain.pipeline.services import (
    convert_lead,
    create_lead,
    create_opportunity,
    lose_opportunity,
    move_opportunity_stage,
)
from domain.pipeline.stages import Stage
from domain.quotes.services import (
    accept_quote,
    create_quote,
    expire_quotes,
    reject_quote,
    send_quote,
)
from domain.service.escalation import escalate_overdue_cases
from domain.service.services import (
    SlaTargetDraft,
    WorkingHoursDraft,
    create_business_calendar,
    create_case,
    create_sla_policy,
    record_case_response,
    set_case_status,
)
from domain.service.sla_rules import CaseStatus, Priority
from domain.users.models import User

pytestmark = pytest.mark.usefixtures("database")

D = Decimal


@cache
def schema() -> graphql.GraphQLSchema:
    return graphql.build_schema(build_schema().as_str())


def _field(object_type: GraphQLObjectType, key: str) -> tuple[str, GraphQLField]:
    """The field a data key names: itself, or `x` for a reference `xId`."""
    if key in object_type.fields:
        return key, object_type.fields[key]
    name = key.removesuffix("Id")
    assert name != key and name in object_type.fields, f"{object_type.name} has no {key}"
    return name, object_type.fields[name]


def _object_type(field: GraphQLField) -> GraphQLObjectType | None:
    named = get_named_type(field.type)
    return named if isinstance(named, GraphQLObjectType) else None


def _node_type(object_type: GraphQLObjectType) -> GraphQLObjectType | None:
    """The row type when `object_type` is a Relay connection: the data lists its rows."""
    edges = object_type.fields.get("edges")
    edge = _object_type(edges) if edges else None
    return _object_type(edge.fields["node"]) if edge and "node" in edge.fields else None


def _sample(value: Any) -> Mapping[str, Any] | None:
    """The shape a nested value shows: the object itself or a list's first element."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, Mapping) else None


def _current(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if not key.startswith("previous")}


def _subselection(object_type: GraphQLObjectType, sample: Mapping[str, Any] | None) -> str:
    if sample:
        return selection(object_type, sample)
    return " ".join(
        n for n, f in object_type.fields.items() if _object_type(f) is None and not f.args
    )


def selection(object_type: GraphQLObjectType, data: Mapping[str, Any]) -> str:
    parts = []
    for key, value in _current(data).items():
        name, field = _field(object_type, key)
        inner = _object_type(field)
        if name != key:
            parts.append(f"{name} {{ id }}")
        elif inner is None:
            parts.append(key)
        elif (node := _node_type(inner)) is not None:
            rows = _subselection(node, _sample(value))
            parts.append(f"{key}(first: 100) {{ edges {{ node {{ {rows} }} }} }}")
        else:
            parts.append(f"{key} {{ {_subselection(inner, _sample(value))} }}")
    return " ".join(parts)


def in_data_shape(object_type: GraphQLObjectType, data: Mapping[str, Any], answer: Any) -> Any:
    """The API's answer under the data's keys: `x { id }` becomes `xId`, a connection the
    list of its rows."""
    shaped: dict[str, Any] = {}
    for key, value in _current(data).items():
        name, field = _field(object_type, key)
        got = answer[name]
        inner, sample = _object_type(field), _sample(value)
        if name != key:
            shaped[key] = got and got["id"]
            continue
        if inner is not None and got is not None and (node := _node_type(inner)) is not None:
            inner, got = node, [edge["node"] for edge in got["edges"]]
        if inner is None or sample is None or got is None:
            shaped[key] = got
        elif isinstance(got, list):
            shaped[key] = [in_data_shape(inner, sample, element) for element in got]
        else:
            shaped[key] = in_data_shape(inner, sample, got)
    return shaped


async def latest_data(event_type: str) -> dict[str, Any]:
    event = await Event.filter(type=event_type).order_by("-id").first()
    assert event is not None, f"no {event_type} event"
    return event.payload  # type: ignore[no-any-return]


async def assert_api_shape(gql: Any, event_type: str, **previous: Any) -> dict[str, Any]:
    """The latest `event_type` event's data against the API's answer for its object, now; its
    `previous…` values are exactly `previous`."""
    data = await latest_data(event_type)
    type_name, _ = parse_global_id(data["id"])
    object_type = schema().get_type(type_name)
    assert isinstance(object_type, GraphQLObjectType), type_name
    query = (
        f"query ($id: ID!) {{ node(id: $id) {{ ... on {type_name} "
        f"{{ {selection(object_type, data)} }} }} }}"
    )
    answer = await gql(query, {"id": data["id"]})
    assert "errors" not in answer, answer
    assert _current(data) == in_data_shape(object_type, data, answer["data"]["node"])
    assert {k: v for k, v in data.items() if k.startswith("previous")} == previous
    return data


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


async def a_product(sku: str, price: str = "100.00", tax_rate: str = "0", **fields: Any) -> Product:
    return await Product.create(
        sku=sku, name=sku.title(), list_price=D(price), tax_rate=D(tax_rate), **fields
    )


async def test_account_events_carry_the_account_and_its_changes(gql: Any) -> None:
    account = await create_account(
        {
            "name": "Acme Corp",
            "email": "billing@acme.example",
            "industry": "Rockets",
            "credit_limit": D("5000"),
            "billing_address": {"line1": "1 Desert Road", "city": "Tucson", "country": "US"},
        }
    )
    created = await assert_api_shape(gql, "account.created")
    assert created["id"] == global_id("Account", account.id)
    assert (created["lifecycle"], created["creditLimit"]) == ("PROSPECT", usd("5000.00"))
    assert created["billingAddress"]["postalCode"] is None

    await update_account(account.id, {"tier": "GOLD", "credit_limit": D("7500.5")})
    updated = await assert_api_shape(
        gql, "account.updated", previousTier=None, previousCreditLimit=usd("5000.00")
    )
    assert set(updated) == {"id", "name", "tier", "creditLimit", "previousTier",
                            "previousCreditLimit"}  # fmt: skip
    assert updated["creditLimit"] == usd("7500.50")

    await archive_account(account.id)
    archived = await assert_api_shape(
        gql, "account.updated", previousArchivedAt=None, previousLifecycle="PROSPECT"
    )
    assert archived["lifecycle"] == "FORMER"


async def test_lead_events_carry_the_lead_and_what_it_became(gql: Any) -> None:
    lead = await create_lead(
        {"company_name": "Globex", "contact_name": "Hank Scorpio", "email": "hank@globex.example",
         "source": "web"}
    )  # fmt: skip
    created = await assert_api_shape(gql, "lead.created")
    assert (created["id"], created["status"]) == (global_id("Lead", lead.id), "NEW")

    await convert_lead(lead.id, opportunity_name="Globex rollout", amount=D("1200"))
    converted = await assert_api_shape(gql, "lead.converted", previousStatus="NEW")
    assert converted["status"] == "CONVERTED"
    assert parse_global_id(converted["convertedOpportunityId"])[0] == "Opportunity"
    await assert_api_shape(gql, "opportunity.created")


async def test_opportunity_events_carry_stage_changes_and_the_handover(gql: Any) -> None:
    account = await create_account({"name": "Initech"})
    widget = await a_product("WIDGET", "9.50")
    ada = await User.create(name="Ada", email="ada@example.com", role=Role.SALES)
    deal = await create_opportunity(
        {"account_id": account.id, "name": "Big deal", "expected_close_date": date(2026, 6, 30),
         "owner_id": ada.id, "lines": [{"product_id": widget.id, "quantity": D("3"),
                                    "discount_percent": D("10")}]}
    )  # fmt: skip
    created = await assert_api_shape(gql, "opportunity.created")
    assert (created["amount"], created["accountId"]) == (
        usd("25.65"),
        global_id("Account", account.id),
    )

    await move_opportunity_stage(deal.id, Stage.PROPOSAL)
    await assert_api_shape(
        gql, "opportunity.stage_changed", previousStage="PROSPECTING", previousProbability=10
    )

    await win_opportunity(deal.id)
    won = await assert_api_shape(
        gql,
        "opportunity.won",
        previousStage="PROPOSAL",
        previousProbability=50,
        previousStatus="OPEN",
    )
    assert (won["stage"], won["status"]) == ("CLOSED_WON", "WON")
    assert won["salesOrderId"] == (await latest_data("sales_order.created"))["id"]
    await assert_api_shape(gql, "account.updated", previousLifecycle="PROSPECT")

    other = await create_opportunity({"account_id": account.id, "name": "Small deal"})
    await lose_opportunity(other.id, "Too pricey")
    lost = await assert_api_shape(
        gql,
        "opportunity.lost",
        previousStage="PROSPECTING",
        previousProbability=10,
        previousStatus="OPEN",
    )
    assert lost["lostReason"] == "Too pricey"


async def test_sales_order_events_carry_lines_reservations_and_shipments(gql: Any) -> None:
    account = await create_account({"name": "Umbrella"})
    gear = await a_product("GEAR", "12.50", "8.25", kind=ProductKind.STOCKED)
    warehouse = await default_warehouse()
    await adjust_stock(
        product_id=gear.id, warehouse_id=warehouse.id, quantity=D("5"), reason="Opening stock"
    )
    order = await create_sales_order(
        account.id, [OrderLineDraft(product_id=gear.id, quantity=D("8"))]
    )
    created = await assert_api_shape(gql, "sales_order.created")
    assert (created["total"], created["status"]) == (usd("108.25"), "DRAFT")

    await confirm_sales_order(order.id)
    confirmed = await assert_api_shape(gql, "sales_order.confirmed", previousStatus="DRAFT")
    [line] = confirmed["lines"]
    assert (line["quantityReserved"], line["quantityBackordered"]) == ("5", "3")
    await assert_api_shape(gql, "account.updated", previousLifecycle="PROSPECT")

    [row] = await SalesOrderLine.filter(order_id=order.id)
    await ship_sales_order(order.id, warehouse.id, [ShipLineDraft(row.id, D("4.5"))])
    shipped = await assert_api_shape(
        gql,
        "sales_order.shipped",
        previousStatus="CONFIRMED",
        previousDeliveryStatus="NOT_SHIPPED",
    )
    assert (shipped["status"], shipped["lines"][0]["quantityShipped"]) == (
        "PARTIALLY_SHIPPED",
        "4.5",
    )
    assert [s["warehouseId"] for s in shipped["shipments"]] == [
        global_id("Warehouse", warehouse.id)
    ]

    draft = await create_sales_order(
        account.id, [OrderLineDraft(product_id=gear.id, quantity=D("1"))]
    )
    await cancel_sales_order(draft.id)
    cancelled = await assert_api_shape(gql, "sales_order.cancelled", previousStatus="DRAFT")
    assert cancelled["cancelledAt"] is not None


async def test_billing_events_carry_money_in_the_invoice_currency(gql: Any) -> None:
    account = await create_account({"name": "Hooli", "payment_terms_days": 15})
    service = await a_product("CONSULTING", "100.00", "7")
    order = await create_sales_order(
        account.id,
        [OrderLineDraft(product_id=service.id, quantity=D("3"))],
        invoice_policy=InvoicePolicy.ON_ORDER,
    )
    await confirm_sales_order(order.id)
    invoice = await invoice_order(order.id, date(2026, 3, 2))
    assert invoice is not None
    posted = await assert_api_shape(gql, "invoice.posted")
    assert (posted["total"], posted["amountDue"], posted["dueDate"]) == (
        usd("321.00"),
        usd("321.00"),
        "2026-03-17",
    )

    [invoice_line] = await InvoiceLine.filter(invoice_id=invoice.id)
    await create_credit_note(invoice.id, [CreditLineDraft(invoice_line.id, D("1"))])
    credit = await assert_api_shape(gql, "credit_note.posted")
    assert (credit["total"], credit["invoiceId"]) == (usd("107.00"), posted["id"])

    await record_payment(account.id, D("250"), date(2026, 3, 10), reference="wire 42")
    payment = await assert_api_shape(gql, "payment.received")
    assert payment["allocations"] == [{"invoiceId": posted["id"], "amount": usd("214.00")}]
    assert payment["unappliedAmount"] == usd("36.00")
    paid = await assert_api_shape(gql, "invoice.paid", previousStatus="POSTED")
    assert (paid["status"], paid["amountDue"]) == ("PAID", usd("0.00"))


async def test_mrp_events_carry_the_run_and_the_firmed_plan(gql: Any) -> None:
    supplier = await create_account({"name": "Bolt Supplier"})
    customer = await create_account({"name": "Frame Buyer"})
    bolt = await a_product(
        "BOLT", "2.00", kind=ProductKind.STOCKED, procurement=Procurement.BUY, lead_time_days=2
    )
    order = await create_sales_order(
        customer.id,
        [OrderLineDraft(product_id=bolt.id, quantity=D("12.5"))],
        requested_date=date(2026, 12, 20),
    )
    await confirm_sales_order(order.id)

    await run_mrp(date(2026, 12, 2), 30)
    completed = await assert_api_shape(gql, "mrp_run.completed", previousStatus="RUNNING")
    assert (completed["status"], completed["asOf"], completed["itemsPlanned"]) == (
        "COMPLETED",
        "2026-12-02",
        1,
    )

    planned = await PlannedOrder.get(product_id=bolt.id)
    await firm_planned_order(planned.id, supplier_id=supplier.id)
    firmed = await assert_api_shape(gql, "planned_order.firmed")
    assert (firmed["kind"], firmed["quantity"], firmed["runId"]) == (
        "PURCHASE",
        "12.5",
        completed["id"],
    )
    assert firmed["firmedDocument"] is not None


def new_york(day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC instant in January 2026; the calendar below works 09:00–17:00 New York time."""
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


async def test_case_events_carry_the_sla_clocks_in_utc(gql: Any) -> None:
    calendar = await create_business_calendar(
        name="New York office",
        timezone="America/New_York",
        hours=[WorkingHoursDraft(day, "09:00", "17:00") for day in range(1, 6)],
    )
    await create_sla_policy(
        name="Standard",
        calendar_id=calendar.id,
        targets=[SlaTargetDraft(Priority.NORMAL, 60, 240)],
        at_risk_percent=80,
        is_default=True,
    )
    account = await create_account({"name": "Wayne Enterprises"})
    case = await create_case(
        account_id=account.id, subject="Printer on fire", opened_at=new_york(12, 14)
    )
    created = await assert_api_shape(gql, "case.created")
    assert (created["firstResponseDueAt"], created["resolutionDueAt"]) == (
        "2026-01-12T15:00:00+00:00",
        "2026-01-12T18:00:00+00:00",
    )

    await escalate_overdue_cases(new_york(12, 14, 48))
    at_risk = await assert_api_shape(gql, "case.sla_at_risk", previousEscalationLevel=0)
    assert at_risk["escalationLevel"] == 1

    await escalate_overdue_cases(new_york(12, 15))
    breached = await assert_api_shape(
        gql, "case.sla_breached", previousEscalationLevel=1, previousPriority="NORMAL"
    )
    assert (breached["priority"], [e["level"] for e in breached["escalations"]]) == (
        "HIGH",
        [1, 2],
    )
    assert breached["escalations"][1]["reason"] == (
        "First response was due at 2026-01-12T15:00:00+00:00."
    )

    await record_case_response(case.id, new_york(12, 15, 30))
    await set_case_status(case.id, CaseStatus.RESOLVED, new_york(12, 16))
    resolved = await assert_api_shape(gql, "case.resolved", previousStatus="OPEN")
    assert resolved["resolvedAt"] == "2026-01-12T16:00:00+00:00"


async def test_quote_events_carry_the_quote_its_lines_and_its_order(gql: Any) -> None:
    account = await create_account({"name": "Soylent", "credit_limit": D("10000")})
    gear = await a_product("GEAR", "12.50", "8", kind=ProductKind.STOCKED)
    await adjust_stock(
        product_id=gear.id,
        warehouse_id=(await default_warehouse()).id,
        quantity=D("10"),
        reason="Opening stock",
    )
    deal = await create_opportunity(
        {"account_id": account.id, "name": "Gears", "lines": [
            {"product_id": gear.id, "quantity": D("4"), "unit_price": D("12.3456")}]}
    )  # fmt: skip
    quote = await create_quote(deal.id, {})
    await send_quote(quote.id)
    sent = await assert_api_shape(gql, "quote.sent", previousStatus="DRAFT")
    # 4 × 12.3456 = 49.3824 → 49.38, tax 8 % → 3.95
    assert (sent["number"], sent["status"], sent["total"]) == (quote.number, "SENT", usd("53.33"))
    assert (sent["lines"][0]["unitPrice"], sent["lines"][0]["priceSource"]) == (
        usd("12.3456"),
        "OPPORTUNITY_LINE",
    )

    await accept_quote(quote.id, "PO-9")
    accepted = await assert_api_shape(gql, "quote.accepted", previousStatus="SENT")
    created = await assert_api_shape(gql, "sales_order.created")
    assert (accepted["salesOrderId"], created["customerReference"]) == (created["id"], "PO-9")

    order_id = parse_global_id(created["id"])[1]
    await confirm_sales_order(order_id)
    [line] = await SalesOrderLine.filter(order_id=order_id)
    await ship_sales_order(
        order_id, (await default_warehouse()).id, [ShipLineDraft(line.id, D("1"))]
    )
    zero = usd("0.00")
    changed = await assert_api_shape(
        gql,
        "opportunity.fulfillment_changed",
        previousFulfillment={"deliveryStatus": "NOT_SHIPPED", "invoiceStatus": "NOT_INVOICED",
                             "paymentStatus": "UNPAID", "shippedAmount": zero,
                             "invoicedAmount": zero, "paidAmount": zero},
    )  # fmt: skip
    # 1 × 12.3456 = 12.35 + 8 % = 0.99
    assert changed["fulfillment"]["shippedAmount"] == usd("13.34")

    later = await create_opportunity({"account_id": account.id, "name": "More gears"})
    rejected_quote = await create_quote(
        later.id, {"lines": [{"product_id": gear.id, "quantity": D("1")}]}
    )
    await send_quote(rejected_quote.id)
    await reject_quote(rejected_quote.id, "Not now")
    rejected = await assert_api_shape(gql, "quote.rejected", previousStatus="SENT")
    assert rejected["rejectReason"] == "Not now"

    lapsing = await create_quote(
        later.id,
        {"valid_until": today(), "lines": [{"product_id": gear.id, "quantity": D("1")}]},
    )
    await send_quote(lapsing.id)
    await expire_quotes(today() + timedelta(days=1))
    expired = await assert_api_shape(gql, "quote.expired", previousStatus="SENT")
    assert expired["status"] == "EXPIRED"


async def test_credit_exceeded_carries_the_limit_and_the_exposure(gql: Any) -> None:
    account = await create_account({"name": "Tyrell", "credit_limit": D("500")})
    hours = await a_product("HOURS", "100.00")
    order = await create_sales_order(
        account.id, [OrderLineDraft(product_id=hours.id, quantity=D("4"))]
    )
    await confirm_sales_order(order.id)

    await update_account(account.id, {"credit_limit": D("350.5")})

    exceeded = await assert_api_shape(gql, "account.credit_exceeded")
    assert (exceeded["creditExposure"], exceeded["creditAvailable"]) == (
        usd("400.00"),
        usd("-49.50"),
    )
