"""GraphQL inputs of price lists (§9): filters, orders, create, update and the items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.price_lists.enums import PriceListItemOrderField, PriceListOrderField
from api.relay import filter_id, order_fields
from api.scalars import OrderDirection
from domain.price_lists import services

ORDER_DIRECTION = "ASC (the default) or DESC; ties are broken by creation order."


@strawberry.input(description="How to sort a list of price lists.")
class PriceListOrder:
    field: PriceListOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which price lists a list shows; all conditions given must hold.")
class PriceListFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, in any letter case."
    )
    currency: str | None = strawberry.field(
        default=None, description="Only lists in this currency (ISO 4217, e.g. USD)."
    )
    is_default: bool | None = strawberry.field(
        default=None, description="true: only default lists; false: only the others."
    )
    valid_on: date | None = strawberry.field(
        default=None, description="Only lists valid on this day (validFrom ≤ day ≤ validTo)."
    )

    def query(self) -> services.PriceListFilter:
        return services.PriceListFilter(
            search=self.search,
            currency=self.currency,
            is_default=self.is_default,
            valid_on=self.valid_on,
        )


def price_list_order(order_by: PriceListOrder | None) -> tuple[str, ...]:
    return order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)


@strawberry.input(description="How to sort the items of a price list.")
class PriceListItemOrder:
    field: PriceListItemOrderField = strawberry.field(description="The value to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description=ORDER_DIRECTION
    )


@strawberry.input(description="Which items of a price list to show.")
class PriceListItemFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this product's items (a Product id): its breaks."
    )

    def query(self) -> services.PriceListItemFilter:
        return services.PriceListItemFilter(
            product_id=filter_id(self.product_id, "Product", "productId")
        )


def price_list_item_order(order_by: PriceListItemOrder | None) -> tuple[str, ...]:
    if order_by is None:
        return ("product_id", "min_quantity")
    return order_fields(order_by.field.value, order_by.direction)


@strawberry.input(description="A new price list (priceListCreate), without items yet.")
class PriceListCreateInput:
    name: str = strawberry.field(
        description="Shown to sales, e.g. Distributors 2027; blank → REQUIRED."
    )
    currency: str | None = strawberry.field(
        default=None,
        description="ISO 4217 code of its prices; omitted: the installation currency. Only an "
        "account in this currency may use it (§9, §12).",
    )
    is_default: bool = strawberry.field(
        default=False,
        description="The default list of its currency: it prices every account without a "
        "list of its own (or whose list has no price). At most one per currency: a second → "
        "DUPLICATE.",
    )
    valid_from: date | None = strawberry.field(
        default=None, description="First day it prices lines; omitted: since always."
    )
    valid_to: date | None = strawberry.field(
        default=None,
        description="Last day it prices lines (inclusive); omitted: no end. Before validFrom "
        "→ INVALID.",
    )


@strawberry.input(description="Changes to a price list (priceListUpdate); omitted fields stay.")
class PriceListUpdateInput:
    id: strawberry.ID = strawberry.field(description="The PriceList.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Blank → REQUIRED.")
    currency: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="ISO 4217; refused (INVALID) while an account of another currency uses "
        "the list.",
    )
    is_default: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Make it (true) or stop it being (false) the default of its currency; "
        "another default of that currency → DUPLICATE.",
    )
    valid_from: date | None = strawberry.field(
        default=strawberry.UNSET, description="Null: since always."
    )
    valid_to: date | None = strawberry.field(
        default=strawberry.UNSET, description="Null: no end; before validFrom → INVALID."
    )


@strawberry.input(
    description="One item of a price list: from minQuantity on, the product costs unitPrice, "
    "or listPrice less discountPercent — exactly one of the two, else INVALID."
)
class PriceListItemInput:
    product_id: strawberry.ID = strawberry.field(description="The Product.")
    min_quantity: Decimal = strawberry.field(
        description="The quantity break: the item applies to lines of at least this quantity "
        "(0 or more, up to 4 decimals); one item per product and minQuantity (else DUPLICATE)."
    )
    unit_price: Decimal | None = strawberry.field(
        default=None, description="The price per unit in the list's currency, up to 4 decimals."
    )
    discount_percent: Decimal | None = strawberry.field(
        default=None, description="Percent off the product's listPrice, 0–100, e.g. 12.5."
    )


@strawberry.input(
    description="The items of a price list, replacing all it had (priceListItemsSet)."
)
class PriceListItemsSetInput:
    price_list_id: strawberry.ID = strawberry.field(description="The PriceList.")
    items: list[PriceListItemInput] = strawberry.field(
        description="Every item the list keeps; [] empties it. Every bad item is reported at "
        "once, each under its path (items.0.unitPrice), and nothing changes."
    )
