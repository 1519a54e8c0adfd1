"""GraphQL types of price lists, their items and the price of a line (contract §9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.catalog.loaders import ProductByIdLoader
from api.errors import payload
from api.nested import Window, nested_connection
from api.price_lists.enums import PriceSource
from api.price_lists.inputs import PriceListItemFilter, PriceListItemOrder, price_list_item_order
from api.price_lists.loaders import PriceListByIdLoader, PriceListItemPagesByPriceListIdLoader
from api.relay import After, Before, Connection, First, Last, ModelNode, to_node
from api.scalars import Money, plain_decimal, unit_money
from domain.price_lists import models
from domain.price_lists.pricing import ResolvedPrice

if TYPE_CHECKING:
    from api.catalog.types import Product


@strawberry.type(
    description="One item of a price list (§9): from minQuantity on, the product costs "
    "unitPrice, or its listPrice less discountPercent (exactly one of the two is set). "
    "Readable by every role."
)
class PriceListItem(ModelNode):
    model_class = models.PriceListItem

    id: strawberry.relay.NodeID[int]
    min_quantity: Decimal = strawberry.field(
        description="The quantity break: a line of at least this quantity takes the item "
        "(the largest break reached wins). No padding zeros."
    )
    discount_percent: Decimal | None = strawberry.field(
        description="Percent off the product's listPrice; null when the item has a unitPrice."
    )
    # The list's currency, given by the list that builds its items: no query per item.
    currency: strawberry.Private[str]

    @classmethod
    async def nodes_of_rows(
        cls, info: Info, rows: Sequence[models.PriceListItem | None]
    ) -> list[Any | None]:
        """`node(id:)` reaches items without their list: one load for the batch."""
        list_ids = [row.price_list_id for row in rows if row is not None]
        lists = await info.context.loaders[PriceListByIdLoader].load_many(list_ids)
        currency = {pl.id: pl.currency for pl in lists if pl is not None}
        return [
            None if row is None else cls.from_model(row, currency=currency[row.price_list_id])
            for row in rows
        ]

    @strawberry.field(
        description="The price per unit in the list's currency, up to 4 decimals; null when "
        "the item is a discountPercent."
    )
    def unit_price(self) -> Money | None:
        if self.record.unit_price is None:
            return None
        return unit_money(self.record.unit_price, self.currency)

    @strawberry.field(description="The product the item prices.")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        return to_node(await info.context.loaders[ProductByIdLoader].load(self.record.product_id))

    @strawberry.field(description="The list the item belongs to.")
    async def price_list(self, info: Info) -> PriceList:
        row = await info.context.loaders[PriceListByIdLoader].load(self.record.price_list_id)
        return PriceList.from_model(row)


@strawberry.type(
    description="Customer or default prices with quantity breaks and a validity (§9). An "
    "account with a list takes its prices; any other (or a product the list lacks) takes the "
    "default list of its currency, else the product's listPrice. Readable by every role; "
    "written by ADMIN, SALES and FINANCE."
)
class PriceList(ModelNode):
    model_class = models.PriceList

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(description="Shown to sales, e.g. Distributors 2027.")
    currency: str = strawberry.field(
        description="ISO 4217 code of its prices; only accounts in this currency use it."
    )

    @strawberry.field(
        description="Whether it is the default list of its currency (at most one per currency)."
    )
    def is_default(self) -> bool:
        return bool(self.record.is_default)

    valid_from: date | None = strawberry.field(
        description="First day it prices lines; null: since always."
    )
    valid_to: date | None = strawberry.field(
        description="Last day it prices lines (inclusive); null: no end."
    )
    created_at: datetime = strawberry.field(description="When the list was created.")
    updated_at: datetime = strawberry.field(description="The last change, its items included.")

    @strawberry.field(
        description="Its items, by product then quantity break unless `orderBy` says otherwise."
    )
    async def items(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PriceListItemFilter | None, strawberry.argument(description="Which items to list.")
        ] = None,
        order_by: Annotated[
            PriceListItemOrder | None,
            strawberry.argument(description="The sort; default: product, then minQuantity."),
        ] = None,
    ) -> Connection[PriceListItem]:
        currency = self.record.currency
        return await nested_connection(
            info,
            PriceListItemPagesByPriceListIdLoader,
            self.record.id,
            (filter or PriceListItemFilter()).query(),
            lambda row: PriceListItem.from_model(row, currency=currency),
            Window(first, after, last, before, price_list_item_order(order_by)),
        )


@strawberry.type(
    description="What a line of a product for an account costs on a day, and where the price "
    "comes from (§9). A line created without a unitPrice takes exactly this, frozen."
)
class PriceQuote:
    unit_price: Money = strawberry.field(
        description="Per unit, in the account's currency, up to 4 decimals: the item's price, "
        "or the product's listPrice for a discount item or when no list has a price."
    )
    discount_percent: Decimal = strawberry.field(
        description="Percent off unitPrice: a discount item's, else 0. No padding zeros."
    )
    source: PriceSource = strawberry.field(
        description="The account's list, the default list, or the product's listPrice."
    )
    price_list_id: strawberry.Private[int | None]

    @strawberry.field(description="The list the price comes from; null for LIST_PRICE.")
    async def price_list(self, info: Info) -> PriceList | None:
        if self.price_list_id is None:
            return None
        row = await info.context.loaders[PriceListByIdLoader].load(self.price_list_id)
        return PriceList.from_optional(row)

    @classmethod
    def of(cls, price: ResolvedPrice, currency: str) -> PriceQuote:
        return cls(
            unit_price=unit_money(price.unit_price, currency),
            discount_percent=plain_decimal(price.discount_percent),
            source=price.source,
            price_list_id=price.price_list_id,
        )


@payload("price_list", PriceList, key_description="The new price list; null when refused.")
class PriceListCreatePayload:
    pass


@payload("price_list", PriceList)
class PriceListUpdatePayload:
    pass


@payload(
    "price_list",
    PriceList,
    key_description="The price list with its new items; null when refused.",
)
class PriceListItemsSetPayload:
    pass
