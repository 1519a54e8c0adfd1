"""The sales-order list costs the same number of SQL statements for 5 rows as for 50."""

from __future__ import annotations

QUERY = """
query($first: Int!) {
  salesOrders(first: $first) {
    edges { node {
      number account { name } lines { product { sku } quantityReserved unitPrice { amount } }
      shipments { totalCount edges { node { number lines { quantity } } } }
      invoices { totalCount edges { node { number } } }
    } }
  }
}"""


async def test_sales_orders_list_query_count_does_not_depend_on_rows(
    gql, count_queries, make_account, make_product, make_order
):
    widget = await make_product("WIDGET")
    gadget = await make_product("GADGET")
    for index in range(50):
        account = await make_account(f"Customer {index:02d}")
        await make_order(account, (widget, "1"), (gadget, "2"))
    await gql("{ __typename }")  # the token is created on first use: keep it out of the count

    with count_queries() as five:
        small = await gql(QUERY, {"first": 5})
    with count_queries() as fifty:
        large = await gql(QUERY, {"first": 50})

    assert len(small["data"]["salesOrders"]["edges"]) == 5
    assert len(large["data"]["salesOrders"]["edges"]) == 50
    assert large["data"]["salesOrders"]["edges"][49]["node"]["lines"][1] == {
        "product": {"sku": "GADGET"},
        "quantityReserved": "0",
        "unitPrice": {"amount": "10.00"},
    }
    assert fifty.count == five.count
