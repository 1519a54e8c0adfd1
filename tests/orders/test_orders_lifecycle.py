"""Sales orders end to end through GraphQL: create, update, confirm, ship, cancel (§5.2)."""

from __future__ import annotations

from decimal import Decimal

from domain.accounts.models import Account, Lifecycle
from domain.clock import today
from domain.inventory.models import StockLevel, StockMove
from domain.inventory.services import default_warehouse
from domain.ledger.models import JournalEntry, JournalLine
from domain.orders.models import SalesOrder, SalesOrderLine, Shipment
from domain.outbox.models import Event
from tests.factories import gid

ORDER_FIELDS = """
    id number status deliveryStatus invoiceStatus paymentStatus invoicePolicy requestedDate
    currency subtotal { amount currency } taxTotal { amount } total { amount }
    account { name }
    lines { id product { sku } quantity unitPrice { amount } discountPercent taxRate
            netAmount { amount } taxAmount { amount }
            quantityReserved quantityShipped quantityInvoiced quantityBackordered }
    shipments { totalCount edges { node {
      number warehouse { code } lines { product { sku } quantity } } } }
"""

CREATE = f"""
mutation($input: SalesOrderCreateInput!) {{
  salesOrderCreate(input: $input) {{
    salesOrder {{ {ORDER_FIELDS} }}
    errors {{ field code message }}
  }}
}}"""

UPDATE = f"""
mutation($input: SalesOrderUpdateInput!) {{
  salesOrderUpdate(input: $input) {{
    salesOrder {{ {ORDER_FIELDS} }}
    errors {{ field code message }}
  }}
}}"""

CONFIRM = f"""
mutation($id: ID!) {{
  salesOrderConfirm(input: {{id: $id}}) {{
    salesOrder {{ {ORDER_FIELDS} }}
    errors {{ field code message }}
  }}
}}"""

SHIP = f"""
mutation($input: SalesOrderShipInput!) {{
  salesOrderShip(input: $input) {{
    salesOrder {{ {ORDER_FIELDS} }}
    shipment {{
      number costTotal {{ amount }} lines {{ quantity stockMove {{ quantity source }} }}
    }}
    errors {{ field code message }}
  }}
}}"""

CANCEL = f"""
mutation($id: ID!) {{
  salesOrderCancel(input: {{id: $id}}) {{
    salesOrder {{ {ORDER_FIELDS} }}
    errors {{ field code message }}
  }}
}}"""


async def line_ids(order: SalesOrder) -> list[str]:
    rows = await SalesOrderLine.filter(order_id=order.id).order_by("position")
    return [gid("SalesOrderLine", row.id) for row in rows]


async def level_of(product_id: int) -> tuple[Decimal, Decimal]:
    main = await default_warehouse()
    level = await StockLevel.get(product_id=product_id, warehouse_id=main.id)
    return level.on_hand, level.reserved


async def event_types() -> list[str]:
    return [e.type for e in await Event.all().order_by("id")]


async def entry_lines(reference: str) -> list[tuple[str, Decimal, Decimal]]:
    entry = await JournalEntry.get(reference=reference)
    lines = await JournalLine.filter(entry_id=entry.id).prefetch_related("ledger_account")
    return [(line.ledger_account.code, line.debit, line.credit) for line in lines]


async def test_create_prices_lines_with_the_one_rounding_rule(gql, make_account, make_product):
    account = await make_account(credit_limit=None)
    widget = await make_product("WIDGET", list_price="10.00", tax_rate="8.25")
    gadget = await make_product("GADGET", list_price="24.99")

    result = await gql(
        CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "requestedDate": "2026-03-15",
                "notes": "Leave at the back door",
                "lines": [
                    {
                        "productId": gid("Product", widget.id),
                        "quantity": "3",
                        "discountPercent": "10",
                    },
                    {"productId": gid("Product", gadget.id), "quantity": "2", "unitPrice": "20.00"},
                ],
            }
        },
        role="SALES",
    )

    payload = result["data"]["salesOrderCreate"]
    assert payload["errors"] == []
    order = payload["salesOrder"]
    assert order["number"] == f"SO-{today().year}-000001"
    assert (order["status"], order["deliveryStatus"], order["invoiceStatus"]) == (
        "DRAFT",
        "NOT_SHIPPED",
        "NOT_INVOICED",
    )
    assert order["invoicePolicy"] == "ON_DELIVERY"
    assert order["requestedDate"] == "2026-03-15"
    assert order["subtotal"] == {"amount": "67.00", "currency": "USD"}
    assert order["taxTotal"] == {"amount": "2.23"}
    assert order["total"] == {"amount": "69.23"}
    first, second = order["lines"]
    assert first["unitPrice"] == {"amount": "10.00"}
    assert (first["quantity"], first["discountPercent"], first["taxRate"]) == ("3", "10", "8.25")
    assert (first["netAmount"], first["taxAmount"]) == ({"amount": "27.00"}, {"amount": "2.23"})
    assert second["unitPrice"] == {"amount": "20.00"}
    assert (second["netAmount"], second["taxAmount"]) == ({"amount": "40.00"}, {"amount": "0.00"})
    assert await event_types() == ["account.created", "sales_order.created"]


async def test_create_refuses_a_zero_quantity_naming_the_line(gql, make_account, make_product):
    account = await make_account()
    widget = await make_product()

    result = await gql(
        CREATE,
        {
            "input": {
                "accountId": gid("Account", account.id),
                "lines": [
                    {"productId": gid("Product", widget.id), "quantity": "1"},
                    {"productId": gid("Product", widget.id), "quantity": "0"},
                ],
            }
        },
    )

    payload = result["data"]["salesOrderCreate"]
    assert payload["salesOrder"] is None
    assert payload["errors"] == [
        {
            "field": ["lines", "1", "quantity"],
            "code": "INVALID",
            "message": "quantity must be greater than zero.",
        }
    ]
    assert await SalesOrder.all().count() == 0


async def test_update_replaces_the_lines_of_a_draft(gql, make_account, make_product, make_order):
    account = await make_account()
    widget = await make_product("WIDGET", list_price="10.00")
    gadget = await make_product("GADGET", list_price="5.50")
    order = await make_order(account, (widget, "1"))

    result = await gql(
        UPDATE,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "invoicePolicy": "ON_ORDER",
                "lines": [{"productId": gid("Product", gadget.id), "quantity": "4"}],
            }
        },
    )

    updated = result["data"]["salesOrderUpdate"]["salesOrder"]
    assert updated["invoicePolicy"] == "ON_ORDER"
    assert [(line["product"]["sku"], line["quantity"]) for line in updated["lines"]] == [
        ("GADGET", "4")
    ]
    assert updated["total"] == {"amount": "22.00"}
    assert await SalesOrderLine.all().count() == 1


async def test_update_after_confirm_is_an_invalid_transition(
    gql, make_account, make_product, make_order
):
    account = await make_account()
    widget = await make_product()
    order = await make_order(account, (widget, "1"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})

    result = await gql(UPDATE, {"input": {"id": gid("SalesOrder", order.id), "notes": "late"}})

    assert result["data"]["salesOrderUpdate"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await SalesOrder.get(id=order.id)).notes is None


async def test_confirm_reserves_what_is_on_hand_and_backorders_the_rest(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product("WIDGET")
    gadget = await make_product("GADGET")
    await add_stock(widget, "6")
    await add_stock(gadget, "50")
    order = await make_order(account, (widget, "10"), (gadget, "5"))

    result = await gql(CONFIRM, {"id": gid("SalesOrder", order.id)}, role="SALES")

    confirmed = result["data"]["salesOrderConfirm"]["salesOrder"]
    assert confirmed["status"] == "CONFIRMED"
    assert [
        (line["quantityReserved"], line["quantityBackordered"]) for line in confirmed["lines"]
    ] == [("6", "4"), ("5", "0")]
    assert await level_of(widget.id) == (Decimal("6"), Decimal("6"))
    assert await level_of(gadget.id) == (Decimal("50"), Decimal("5"))
    assert (await Account.get(id=account.id)).lifecycle == Lifecycle.CUSTOMER
    assert (await event_types())[-1] == "sales_order.confirmed"


async def test_a_second_order_reserves_only_what_the_first_left_available(
    make_account, make_product, make_order, add_stock
):
    from domain.orders.services import confirm_sales_order

    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    first = await make_order(account, (widget, "7"))
    second = await make_order(account, (widget, "7"))

    await confirm_sales_order(first.id)
    await confirm_sales_order(second.id)

    reserved = [line.quantity_reserved for line in await SalesOrderLine.all().order_by("order_id")]
    assert reserved == [Decimal("7"), Decimal("3")]
    assert await level_of(widget.id) == (Decimal("10"), Decimal("10"))


async def test_confirm_over_the_credit_limit_is_refused_and_writes_nothing(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account(credit_limit=Decimal("100.00"))
    widget = await make_product("WIDGET", list_price="30.00")
    await add_stock(widget, "10")
    earlier = await make_order(account, (widget, "2"))  # 60.00, confirmed below
    await gql(CONFIRM, {"id": gid("SalesOrder", earlier.id)})
    order = await make_order(account, (widget, "2"))  # 60.00 more: 120.00 > 100.00
    events_before = await Event.all().count()

    result = await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})

    payload = result["data"]["salesOrderConfirm"]
    assert payload["salesOrder"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("CREDIT_LIMIT_EXCEEDED", ["id"])
    ]
    assert (await SalesOrder.get(id=order.id)).status == "DRAFT"
    assert [line.quantity_reserved for line in await SalesOrderLine.filter(order_id=order.id)] == [
        Decimal("0")
    ]
    assert await level_of(widget.id) == (Decimal("10"), Decimal("2"))
    assert await Event.all().count() == events_before


async def test_confirm_up_to_the_credit_limit_exactly_is_allowed(
    make_account, make_product, make_order
):
    from domain.orders.services import confirm_sales_order

    account = await make_account(credit_limit=Decimal("60.00"))
    widget = await make_product("WIDGET", list_price="30.00")
    order = await make_order(account, (widget, "2"))

    confirmed = await confirm_sales_order(order.id)

    assert confirmed.status == "CONFIRMED"


async def test_ship_partially_then_the_rest(gql, make_account, make_product, make_order, add_stock):
    account = await make_account()
    widget = await make_product("WIDGET", standard_cost="4.25")
    await add_stock(widget, "10")
    order = await make_order(account, (widget, "8"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})
    main = await default_warehouse()
    [line_id] = await line_ids(order)
    year = today().year

    first = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "warehouseId": gid("Warehouse", main.id),
                "lines": [{"lineId": line_id, "quantity": "3"}],
            }
        },
        role="OPERATIONS",
    )

    payload = first["data"]["salesOrderShip"]
    assert payload["errors"] == []
    assert payload["shipment"] == {
        "number": f"SH-{year}-000001",
        "costTotal": {"amount": "12.75"},
        "lines": [{"quantity": "3", "stockMove": {"quantity": "-3", "source": "SHIPMENT"}}],
    }
    order_after = payload["salesOrder"]
    assert (order_after["status"], order_after["deliveryStatus"]) == (
        "PARTIALLY_SHIPPED",
        "PARTIAL",
    )
    [line] = order_after["lines"]
    assert (line["quantityShipped"], line["quantityReserved"]) == ("3", "5")
    assert await level_of(widget.id) == (Decimal("7"), Decimal("5"))
    assert await entry_lines(f"SH-{year}-000001") == [
        ("5000", Decimal("12.75"), Decimal("0.00")),
        ("1300", Decimal("0.00"), Decimal("12.75")),
    ]

    second = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [{"lineId": line_id, "quantity": "5"}],
            }
        },
        role="OPERATIONS",
    )

    done = second["data"]["salesOrderShip"]["salesOrder"]
    assert (done["status"], done["deliveryStatus"]) == ("SHIPPED", "SHIPPED")
    [line] = done["lines"]
    assert (line["quantityShipped"], line["quantityReserved"]) == ("8", "0")
    assert [e["node"]["number"] for e in done["shipments"]["edges"]] == [
        f"SH-{year}-000001",
        f"SH-{year}-000002",
    ]
    assert await level_of(widget.id) == (Decimal("2"), Decimal("0"))
    moves = await StockMove.filter(product_id=widget.id).order_by("id")
    assert [(m.quantity, m.source) for m in moves] == [
        (Decimal("10"), "ADJUSTMENT"),
        (Decimal("-3"), "SHIPMENT"),
        (Decimal("-5"), "SHIPMENT"),
    ]
    assert await entry_lines(f"SH-{year}-000002") == [
        ("5000", Decimal("21.25"), Decimal("0.00")),
        ("1300", Decimal("0.00"), Decimal("21.25")),
    ]
    assert (await event_types()).count("sales_order.shipped") == 2


async def test_shipping_more_than_ordered_is_invalid_and_writes_nothing(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    order = await make_order(account, (widget, "4"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})
    [line_id] = await line_ids(order)
    events_before = await Event.all().count()

    result = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [{"lineId": line_id, "quantity": "5"}],
            }
        },
    )

    payload = result["data"]["salesOrderShip"]
    assert payload["salesOrder"] is None
    assert payload["errors"] == [
        {
            "field": ["lines", "0", "quantity"],
            "code": "INVALID",
            "message": "Line 1 has 4 left to ship.",
        }
    ]
    assert await Shipment.all().count() == 0
    assert await level_of(widget.id) == (Decimal("10"), Decimal("4"))
    assert await StockMove.filter(source="SHIPMENT").count() == 0
    assert await Event.all().count() == events_before


async def test_shipping_more_than_on_hand_is_insufficient_stock_and_writes_nothing(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "3")
    order = await make_order(account, (widget, "5"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})
    [line_id] = await line_ids(order)
    entries_before = await JournalEntry.all().count()

    result = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [{"lineId": line_id, "quantity": "5"}],
            }
        },
    )

    payload = result["data"]["salesOrderShip"]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("INSUFFICIENT_STOCK", ["lines", "0", "quantity"])
    ]
    assert await Shipment.all().count() == 0
    assert await level_of(widget.id) == (Decimal("3"), Decimal("3"))
    line = await SalesOrderLine.get(order_id=order.id)
    assert (line.quantity_shipped, line.quantity_reserved) == (Decimal("0"), Decimal("3"))
    assert await JournalEntry.all().count() == entries_before
    assert (await SalesOrder.get(id=order.id)).status == "CONFIRMED"


async def test_shipping_cannot_take_stock_reserved_for_another_order(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "5")
    holder = await make_order(account, (widget, "5"))
    await gql(CONFIRM, {"id": gid("SalesOrder", holder.id)})
    backorder = await make_order(account, (widget, "2"))
    await gql(CONFIRM, {"id": gid("SalesOrder", backorder.id)})
    [line_id] = await line_ids(backorder)

    result = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", backorder.id),
                "lines": [{"lineId": line_id, "quantity": "2"}],
            }
        },
    )

    assert result["data"]["salesOrderShip"]["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert await level_of(widget.id) == (Decimal("5"), Decimal("5"))


async def test_cancel_after_a_shipment_is_an_invalid_transition(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    order = await make_order(account, (widget, "4"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})
    [line_id] = await line_ids(order)
    await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [{"lineId": line_id, "quantity": "1"}],
            }
        },
    )

    result = await gql(CANCEL, {"id": gid("SalesOrder", order.id)})

    payload = result["data"]["salesOrderCancel"]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID_TRANSITION", ["id"])]
    assert (await SalesOrder.get(id=order.id)).status == "PARTIALLY_SHIPPED"
    assert await level_of(widget.id) == (Decimal("9"), Decimal("3"))


async def test_cancel_of_a_confirmed_order_releases_its_reservations(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product()
    await add_stock(widget, "10")
    order = await make_order(account, (widget, "4"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})

    result = await gql(CANCEL, {"id": gid("SalesOrder", order.id)}, role="SALES")

    cancelled = result["data"]["salesOrderCancel"]["salesOrder"]
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["lines"][0]["quantityReserved"] == "0"
    assert await level_of(widget.id) == (Decimal("10"), Decimal("0"))
    assert (await event_types())[-1] == "sales_order.cancelled"

    again = await gql(CANCEL, {"id": gid("SalesOrder", order.id)})
    assert again["data"]["salesOrderCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_sales_may_not_ship(gql, make_account, make_product, make_order):
    account = await make_account()
    widget = await make_product()
    order = await make_order(account, (widget, "1"))

    result = await gql(
        SHIP, {"input": {"id": gid("SalesOrder", order.id), "lines": []}}, role="SALES"
    )

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_service_lines_ship_without_stock_or_cost(
    gql, make_account, make_product, make_order
):
    account = await make_account()
    install = await make_product("INSTALL", kind="SERVICE", standard_cost="50.00")
    order = await make_order(account, (install, "1"))
    await gql(CONFIRM, {"id": gid("SalesOrder", order.id)})
    [line_id] = await line_ids(order)

    result = await gql(
        SHIP,
        {
            "input": {
                "id": gid("SalesOrder", order.id),
                "lines": [{"lineId": line_id, "quantity": "1"}],
            }
        },
    )

    payload = result["data"]["salesOrderShip"]
    assert payload["salesOrder"]["status"] == "SHIPPED"
    assert payload["shipment"]["lines"] == [{"quantity": "1", "stockMove": None}]
    assert await StockMove.all().count() == 0
    assert await JournalEntry.all().count() == 0


async def test_account_lists_its_sales_orders(gql, make_account, make_product, make_order):
    account = await make_account()
    widget = await make_product()
    await make_order(account, (widget, "1"))
    await make_order(account, (widget, "2"))

    result = await gql(
        "query($id: ID!) { account(id: $id) { salesOrders { edges { node { number status } } } } }",
        {"id": gid("Account", account.id)},
        role="READONLY",
    )

    year = today().year
    assert result["data"]["account"]["salesOrders"]["edges"] == [
        {"node": {"number": f"SO-{year}-000001", "status": "DRAFT"}},
        {"node": {"number": f"SO-{year}-000002", "status": "DRAFT"}},
    ]


async def test_sales_orders_filter_by_account_status_and_delivery_status(
    gql, make_account, make_product, make_order
):
    from domain.orders.services import confirm_sales_order

    acme = await make_account("Acme")
    globex = await make_account("Globex")
    widget = await make_product()
    draft = await make_order(acme, (widget, "1"))
    confirmed = await make_order(acme, (widget, "1"))
    other = await make_order(globex, (widget, "1"))
    await confirm_sales_order(confirmed.id)
    await confirm_sales_order(other.id)
    query = """
    query($filter: SalesOrderFilter, $orderBy: SalesOrderOrder) {
      salesOrders(filter: $filter, orderBy: $orderBy) { totalCount edges { node { number } } }
    }"""

    async def numbers(flt: dict, order_by: dict | None = None) -> list[str]:
        result = await gql(query, {"filter": flt, "orderBy": order_by}, role="READONLY")
        return [edge["node"]["number"] for edge in result["data"]["salesOrders"]["edges"]]

    year = today().year
    assert await numbers({"accountId": gid("Account", acme.id)}) == [
        draft.number,
        confirmed.number,
    ]
    assert await numbers({"status": "CONFIRMED"}, {"field": "NUMBER", "direction": "DESC"}) == [
        other.number,
        confirmed.number,
    ]
    assert await numbers({"accountId": gid("Account", acme.id), "status": ["DRAFT"]}) == [
        f"SO-{year}-000001"
    ]
    assert await numbers({"deliveryStatus": "SHIPPED"}) == []
    assert await numbers({"invoiceStatus": "NOT_INVOICED"}) == [
        draft.number,
        confirmed.number,
        other.number,
    ]


async def test_sales_order_is_readable_by_id_and_as_a_node(
    gql, make_account, make_product, make_order
):
    account = await make_account()
    widget = await make_product()
    order = await make_order(account, (widget, "1"))
    order_id = gid("SalesOrder", order.id)

    result = await gql(
        """query($id: ID!) {
          salesOrder(id: $id) { number }
          node(id: $id) { ... on SalesOrder { number status } }
        }""",
        {"id": order_id},
        role="SERVICE",
    )

    assert result["data"] == {
        "salesOrder": {"number": order.number},
        "node": {"number": order.number, "status": "DRAFT"},
    }
