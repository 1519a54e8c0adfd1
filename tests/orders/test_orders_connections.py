"""The lists on a sales order are connections (§2 Lists), and its lines carry the order's
currency however they are reached (§12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from api.relay import encode_id
from domain.billing.invoicing import invoice_order
from domain.currencies.services import set_exchange_rate
from domain.inventory.models import Warehouse
from domain.inventory.services import default_warehouse
from domain.orders.models import SalesOrder, SalesOrderLine, Shipment
from domain.orders.services import ShipLineDraft, confirm_sales_order, ship_sales_order

SHIPMENTS = """
query($id: ID!, $filter: ShipmentFilter, $orderBy: ShipmentOrder, $first: Int, $last: Int) {
  salesOrder(id: $id) {
    shipments(filter: $filter, orderBy: $orderBy, first: $first, last: $last) {
      totalCount edges { node { number shippedOn warehouse { code } } }
    }
  }
}"""


async def _shipped_three_times(make_account, make_product, make_order, add_stock):
    """An order shipped 1 + 2 from MAIN and 3 from EAST, the last two on later days."""
    account = await make_account()
    widget = await make_product("WIDGET")
    main = await default_warehouse()
    east = await Warehouse.create(code="EAST", name="East")
    await add_stock(widget, "10")
    await add_stock(widget, "10", east.id)
    order = await make_order(account, (widget, "6"))
    await confirm_sales_order(order.id)
    line = await SalesOrderLine.get(order_id=order.id)
    for warehouse, quantity in ((main, "1"), (main, "2"), (east, "3")):
        await ship_sales_order(order.id, warehouse.id, [ShipLineDraft(line.id, Decimal(quantity))])
    shipments = await Shipment.filter(order_id=order.id).order_by("id")
    await Shipment.filter(id=shipments[1].id).update(shipped_on=date(2026, 5, 2))
    await Shipment.filter(id=shipments[2].id).update(shipped_on=date(2026, 5, 3))
    await Shipment.filter(id=shipments[0].id).update(shipped_on=date(2026, 5, 1))
    return order, [s.number for s in shipments], east


async def test_shipments_filter_by_warehouse_and_day_and_sort_either_way(
    gql, make_account, make_product, make_order, add_stock
):
    order, numbers, east = await _shipped_three_times(
        make_account, make_product, make_order, add_stock
    )
    order_id = encode_id("SalesOrder", order.id)

    async def listed(**variables):
        answer = await gql(SHIPMENTS, {"id": order_id, **variables}, role="READONLY")
        assert "errors" not in answer, answer
        shipments = answer["data"]["salesOrder"]["shipments"]
        return shipments["totalCount"], [e["node"]["number"] for e in shipments["edges"]]

    assert await listed() == (3, numbers)
    assert await listed(filter={"warehouseId": encode_id("Warehouse", east.id)}) == (
        1,
        [numbers[2]],
    )
    assert await listed(filter={"shippedFrom": "2026-05-02", "shippedTo": "2026-05-02"}) == (
        1,
        [numbers[1]],
    )
    assert await listed(orderBy={"field": "SHIPPED_ON", "direction": "DESC"}) == (
        3,
        numbers[::-1],
    )
    assert await listed(orderBy={"field": "NUMBER"}, last=2) == (3, numbers[1:])


async def test_shipments_refuse_first_with_last_and_an_id_of_another_type(
    gql, make_account, make_product, make_order, add_stock
):
    order, _, _ = await _shipped_three_times(make_account, make_product, make_order, add_stock)
    order_id = encode_id("SalesOrder", order.id)

    both = await gql(SHIPMENTS, {"id": order_id, "first": 1, "last": 1})
    wrong = await gql(
        SHIPMENTS, {"id": order_id, "filter": {"warehouseId": encode_id("Product", 1)}}
    )

    assert [e["extensions"]["code"] for e in both["errors"]] == ["BAD_USER_INPUT"]
    assert [e["extensions"]["code"] for e in wrong["errors"]] == ["BAD_USER_INPUT"]
    assert "filter.warehouseId" in wrong["errors"][0]["message"]


async def test_sales_orders_filter_refuses_an_account_id_of_another_type(gql):
    answer = await gql(
        "query($f: SalesOrderFilter) { salesOrders(filter: $f) { totalCount } }",
        {"f": {"accountId": encode_id("Product", 1)}},
    )

    assert [e["extensions"]["code"] for e in answer["errors"]] == ["BAD_USER_INPUT"]
    assert "filter.accountId" in answer["errors"][0]["message"]


INVOICES = """
query($id: ID!, $filter: InvoiceFilter, $orderBy: InvoiceOrder) {
  salesOrder(id: $id) {
    number
    invoices(filter: $filter, orderBy: $orderBy) { totalCount edges { node { number } } }
  }
}"""


async def test_an_orders_invoices_filter_and_sort_and_are_billing_readers_only(
    gql, make_account, make_product, make_order, add_stock
):
    order, _, _ = await _shipped_three_times(make_account, make_product, make_order, add_stock)
    first = await invoice_order(order.id, date(2026, 5, 1))
    order_id = encode_id("SalesOrder", order.id)

    async def listed_as(role: str = "FINANCE", **variables):
        return await gql(INVOICES, {"id": order_id, **variables}, role=role)

    listed = await listed_as()
    assert listed["data"]["salesOrder"]["invoices"] == {
        "totalCount": 1,
        "edges": [{"node": {"number": first.number}}],
    }
    issued_later = await listed_as(filter={"issuedFrom": "2026-05-02"})
    assert issued_later["data"]["salesOrder"]["invoices"] == {"totalCount": 0, "edges": []}
    forbidden = await listed_as(role="OPERATIONS")
    assert forbidden["data"]["salesOrder"] == {"number": order.number, "invoices": None}
    assert [e["extensions"]["code"] for e in forbidden["errors"]] == ["FORBIDDEN"]


LINE_MONEY = "unitPrice { amount currency } netAmount { amount currency } taxAmount { currency }"


async def test_lines_carry_their_orders_currency_on_every_path(
    gql, make_account, make_product, make_order, add_stock
):
    account = await make_account()
    widget = await make_product("WIDGET", "2.5000", tax_rate="10")
    await add_stock(widget, "5")
    order = await make_order(account, (widget, "3"))
    await SalesOrder.filter(id=order.id).update(currency="EUR")
    # A EUR document is booked at the EUR rate of its date (§12).
    await set_exchange_rate("EUR", date(2026, 1, 1), Decimal("1.1"))
    await confirm_sales_order(order.id)
    line = await SalesOrderLine.get(order_id=order.id)
    main = await default_warehouse()
    await ship_sales_order(order.id, main.id, [ShipLineDraft(line.id, Decimal("3"))])
    invoice = await invoice_order(order.id, date(2026, 5, 1))
    expected = {
        "unitPrice": {"amount": "2.50", "currency": "EUR"},
        "netAmount": {"amount": "7.50", "currency": "EUR"},
        "taxAmount": {"currency": "EUR"},
    }

    answer = await gql(
        f"""query($order: ID!, $line: ID!, $invoice: ID!) {{
          salesOrder(id: $order) {{
            lines {{ {LINE_MONEY} }}
            shipments {{ edges {{ node {{ lines {{ salesOrderLine {{ {LINE_MONEY} }} }} }} }} }}
          }}
          node(id: $line) {{ ... on SalesOrderLine {{ {LINE_MONEY} }} }}
          invoice(id: $invoice) {{
            lines {{ unitPrice {{ currency }} salesOrderLine {{ {LINE_MONEY} }} }}
          }}
        }}""",
        {
            "order": encode_id("SalesOrder", order.id),
            "line": encode_id("SalesOrderLine", line.id),
            "invoice": encode_id("Invoice", invoice.id),
        },
        role="FINANCE",
    )

    assert "errors" not in answer, answer
    data = answer["data"]
    assert data["salesOrder"]["lines"] == [expected]
    [shipment] = data["salesOrder"]["shipments"]["edges"]
    assert shipment["node"]["lines"] == [{"salesOrderLine": expected}]
    assert data["node"] == expected
    assert data["invoice"]["lines"] == [
        {"unitPrice": {"currency": "EUR"}, "salesOrderLine": expected}
    ]
