"""The data the bad-input tests refuse against: one of every object a create or update
mutation refers to, made through the use cases, and a snapshot of what the database holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tortoise import Tortoise, connections

from api.relay import encode_id
from domain.accounts.services import create_account, create_contact
from domain.activities.services import create_activity
from domain.billing.invoicing import invoice_order
from domain.billing.models import InvoiceLine
from domain.campaigns.services import create_campaign
from domain.catalog.services import create_product
from domain.inventory.services import adjust_stock, create_warehouse, default_warehouse
from domain.manufacturing.services import create_work_order
from domain.orders.models import SalesOrder, SalesOrderLine
from domain.orders.services import (
    OrderLineDraft,
    ShipLineDraft,
    confirm_sales_order,
    create_sales_order,
    ship_sales_order,
)
from domain.outbox.models import Event
from domain.pipeline.services import create_lead, create_opportunity
from domain.price_lists.services import create_price_list
from domain.purchasing.models import PurchaseOrderLine
from domain.purchasing.services import PurchaseLineDraft, create_purchase_order
from domain.quotes.services import create_quote, send_quote
from domain.segments.services import create_segment
from domain.service.services import WorkingHoursDraft, create_business_calendar, create_case
from domain.stock_counts.services import start_stock_count
from domain.users.services import create_user
from domain.webhooks.services import create_subscription

D = Decimal

ERRORS = "errors { field code message }"


class World:
    """Global ids of the objects the mutations under test point at, made on first use:
    `await world.have("invoice", …)` before the attributes are read."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._rows: dict[str, Any] = {}

    def __getattr__(self, name: str) -> str:
        try:
            return self.__dict__["_ids"][name]
        except KeyError:
            raise AttributeError(f"{name} was not made: call have({name!r}) first") from None

    async def have(self, *names: str) -> World:
        for name in names:
            if name not in self._ids:
                await getattr(self, f"_make_{name}")()
        return self

    async def _row(self, name: str) -> Any:
        await self.have(name)
        return self._rows[name]

    def _keep(self, name: str, type_name: str, row: Any) -> None:
        self._rows[name] = row
        self._ids[name] = encode_id(type_name, row.id)

    async def _make_account(self) -> None:
        self._keep("account", "Account", await create_account({"name": "Acme"}))

    async def _make_supplier(self) -> None:
        self._keep("supplier", "Account", await create_account({"name": "Parts Inc"}))

    async def _make_contact(self) -> None:
        account = await self._row("account")
        contact = await create_contact(account.id, {"first_name": "Ann", "last_name": "Lee"})
        self._keep("contact", "Contact", contact)

    async def _make_warehouse(self) -> None:
        self._keep("warehouse", "Warehouse", await default_warehouse())

    async def _make_product(self) -> None:
        product = await create_product(
            {"sku": "WIDGET", "name": "Widget", "list_price": D("10.00"), "standard_cost": D(4)}
        )
        main = await self._row("warehouse")
        await adjust_stock(
            product_id=product.id, warehouse_id=main.id, quantity=D(100), reason="Opening"
        )
        self._keep("product", "Product", product)

    async def _make_component(self) -> None:
        component = await create_product({"sku": "BOLT", "name": "Bolt", "list_price": D(1)})
        self._keep("component", "Product", component)

    async def _order(self, quantity: int, *, confirm: bool) -> SalesOrder:
        account, product = await self._row("account"), await self._row("product")
        order = await create_sales_order(account.id, [OrderLineDraft(product.id, D(quantity))])
        return await confirm_sales_order(order.id) if confirm else order

    async def _make_draft_order(self) -> None:
        self._keep("draft_order", "SalesOrder", await self._order(1, confirm=False))

    async def _make_confirmed_order(self) -> None:
        order = await self._order(2, confirm=True)
        self._keep("confirmed_order", "SalesOrder", order)
        self._keep("confirmed_line", "SalesOrderLine", await SalesOrderLine.get(order_id=order.id))

    async def _make_confirmed_line(self) -> None:
        await self._make_confirmed_order()

    async def _make_invoice(self) -> None:
        order = await self._order(3, confirm=True)
        line = await SalesOrderLine.get(order_id=order.id)
        main = await self._row("warehouse")
        await ship_sales_order(order.id, main.id, [ShipLineDraft(line.id, D(3))])
        invoice = await invoice_order(order.id, date(2026, 3, 2))
        assert invoice is not None
        self._keep("invoice", "Invoice", invoice)
        self._keep("invoice_line", "InvoiceLine", await InvoiceLine.get(invoice_id=invoice.id))

    async def _make_invoice_line(self) -> None:
        await self._make_invoice()

    async def _make_purchase_order(self) -> None:
        supplier, product = await self._row("supplier"), await self._row("product")
        order = await create_purchase_order(supplier.id, [PurchaseLineDraft(product.id, D(5))])
        self._keep("purchase_order", "PurchaseOrder", order)
        line = await PurchaseOrderLine.get(order_id=order.id)
        self._keep("purchase_line", "PurchaseOrderLine", line)

    async def _make_purchase_line(self) -> None:
        await self._make_purchase_order()

    async def _make_second_warehouse(self) -> None:
        self._keep("second_warehouse", "Warehouse", await create_warehouse("EAST", "East"))

    async def _make_stock_count(self) -> None:
        main, product = await self._row("warehouse"), await self._row("product")
        self._keep("stock_count", "StockCount", await start_stock_count(main.id, [product.id]))

    async def _make_shipped_line(self) -> None:
        order = await self._order(2, confirm=True)
        line = await SalesOrderLine.get(order_id=order.id)
        main = await self._row("warehouse")
        await ship_sales_order(order.id, main.id, [ShipLineDraft(line.id, D(2))])
        self._keep("shipped_order", "SalesOrder", order)
        self._keep("shipped_line", "SalesOrderLine", line)

    async def _make_shipped_order(self) -> None:
        await self._make_shipped_line()

    async def _make_work_order(self) -> None:
        product = await self._row("product")
        self._keep("work_order", "WorkOrder", await create_work_order(product.id, D(1)))

    async def _make_campaign(self) -> None:
        self._keep("campaign", "Campaign", await create_campaign({"name": "Spring launch"}))

    async def _make_lead(self) -> None:
        lead = await create_lead({"company_name": "Lead Co", "contact_name": "Lee Ad"})
        self._keep("lead", "Lead", lead)

    async def _make_opportunity(self) -> None:
        account, product = await self._row("account"), await self._row("product")
        opportunity = await create_opportunity(
            {
                "account_id": account.id,
                "name": "Big deal",
                "lines": [{"product_id": product.id, "quantity": D(1)}],
            }
        )
        self._keep("opportunity", "Opportunity", opportunity)

    async def _make_quote(self) -> None:
        opportunity = await self._row("opportunity")
        self._keep("quote", "Quote", await create_quote(opportunity.id, {}))

    async def _make_sent_quote(self) -> None:
        opportunity = await self._row("opportunity")
        quote = await create_quote(opportunity.id, {})
        self._keep("sent_quote", "Quote", (await send_quote(quote.id)).quote)

    async def _make_calendar(self) -> None:
        calendar = await create_business_calendar(
            name="Office", timezone="UTC", hours=[WorkingHoursDraft(1, "09:00", "17:00")]
        )
        self._keep("calendar", "BusinessCalendar", calendar)

    async def _make_case(self) -> None:
        account = await self._row("account")
        self._keep("case", "Case", await create_case(account_id=account.id, subject="It broke"))

    async def _make_activity(self) -> None:
        account = await self._row("account")
        activity = await create_activity(
            {"kind": "CALL", "subject": "Call", "account_id": account.id}
        )
        self._keep("activity", "Activity", activity)

    async def _make_subscription(self) -> None:
        created = await create_subscription("http://127.0.0.1:9/hooks", ["*"])
        self._keep("subscription", "WebhookSubscription", created.subscription)

    async def _make_price_list(self) -> None:
        self._keep("price_list", "PriceList", await create_price_list({"name": "Contract"}))

    async def _make_segment(self) -> None:
        self._keep("segment", "Segment", await create_segment("Everyone", {}))

    async def _make_user(self) -> None:
        user = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
        self._keep("user", "User", user)


class NamesRead:
    """Stands in for a World to learn which objects an input refers to."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __getattr__(self, name: str) -> str:
        self.names.append(name)
        return name


async def world_for(*make_inputs: Any) -> World:
    """A World holding what the inputs `make_input(world)` refer to, and nothing else."""
    reader = NamesRead()
    for make_input in make_inputs:
        make_input(reader)
    return await World().have(*reader.names)


async def row_counts() -> dict[str, int]:
    """Rows per table (the outbox's `Event` among them), in one query."""
    tables = sorted(
        model._meta.db_table
        for app in Tortoise.apps.values()
        for model in app.values()
        if model._meta.db_table != "aerich"
    )
    assert Event._meta.db_table in tables
    columns = ", ".join(f'(SELECT COUNT(*) FROM "{table}") AS "{table}"' for table in tables)
    [row] = await connections.get("default").execute_query_dict(f"SELECT {columns}")
    return {table: int(row[table]) for table in tables}


async def sign_in(gql: Any) -> None:
    """Makes the test's token (a row of its own) before the rows are counted."""
    assert "errors" not in await gql("{ __typename }")


def mutation(name: str, selection: str) -> str:
    input_type = name[0].upper() + name[1:] + "Input"
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} }} }}"


def refusals(result: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The UserErrors of a refused mutation; a GraphQL error (an internal one above all) fails."""
    assert "errors" not in result, result.get("errors")
    payload = result["data"][name]
    assert payload["errors"], f"{name} accepted the input: {payload}"
    objects = {key: value for key, value in payload.items() if key != "errors"}
    assert all(value is None for value in objects.values()), payload
    return payload["errors"]  # type: ignore[no-any-return]
