"""Queries and mutations of price lists and the price of a line (contract §9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.errors import MutationInput, perform
from api.inputs import provided
from api.price_lists.inputs import (
    PriceListCreateInput,
    PriceListFilter,
    PriceListItemInput,
    PriceListItemsSetInput,
    PriceListOrder,
    PriceListUpdateInput,
    price_list_order,
)
from api.price_lists.types import (
    PriceList,
    PriceListCreatePayload,
    PriceListItemsSetPayload,
    PriceListUpdatePayload,
    PriceQuote,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
)
from domain.clock import today
from domain.price_lists import services


def _items(items: list[PriceListItemInput]) -> list[dict[str, Any]]:
    """The items for the domain, product ids decoded (an error names the item's path)."""
    return [
        {
            **provided(item, exclude=("product_id",)),
            "product_id": decode_id(item.product_id, "Product", ("items", str(i), "productId")),
        }
        for i, item in enumerate(items)
    ]


@strawberry.type
class Query:
    @strawberry.field(description="A price list by its id; null when there is none.")
    async def price_list(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A PriceList id.")],
    ) -> PriceList | None:
        return await node_by_global_id(PriceList, info, id)

    @strawberry.field(
        description="The price lists, by name unless `orderBy` says otherwise. Readable by "
        "every role."
    )
    async def price_lists(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            PriceListFilter | None, strawberry.argument(description="Which lists to show.")
        ] = None,
        order_by: Annotated[
            PriceListOrder | None, strawberry.argument(description="The sort; default: by name.")
        ] = None,
    ) -> Connection[PriceList]:
        return await paginate(
            services.list_price_lists((filter or PriceListFilter()).query()),
            PriceList.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=price_list_order(order_by),
        )

    @strawberry.field(
        description="What a line of `quantity` of the product for the account costs on `date` "
        "(§9): the account's list if it is valid that day and has an item for the product at "
        "that quantity, else the default list of its currency by the same test, else the "
        "product's listPrice; within a list the largest minQuantity ≤ quantity. A quantity ≤ 0 "
        "→ INVALID; an unknown account or product → NOT_FOUND. Readable by every role."
    )
    async def price(
        self,
        info: Info,
        account_id: Annotated[strawberry.ID, strawberry.argument(description="An Account id.")],
        product_id: Annotated[strawberry.ID, strawberry.argument(description="A Product id.")],
        quantity: Annotated[
            Decimal,
            strawberry.argument(description="The line's quantity: above 0, up to 4 decimals."),
        ],
        on: Annotated[
            date | None,
            strawberry.argument(
                name="date", description="The day the line would be created; default today."
            ),
        ] = None,
    ) -> PriceQuote:
        account_pk = decode_id(account_id, "Account", "accountId")
        price = await services.resolve_price(
            account_pk, decode_id(product_id, "Product", "productId"), quantity, on or today()
        )
        account = await info.context.loaders[AccountByIdLoader].load(account_pk)
        return PriceQuote.of(price, account.currency)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates a price list without items (ADMIN, SALES, FINANCE); give them "
        "with priceListItemsSet. A second default list of a currency → DUPLICATE."
    )
    async def price_list_create(
        self, input: MutationInput[PriceListCreateInput]
    ) -> PriceListCreatePayload:
        return await perform(
            PriceListCreatePayload,
            "price_list",
            lambda: services.create_price_list(provided(input)),
            PriceList.from_model,
        )

    @strawberry.mutation(
        description="Changes the fields given of a price list (ADMIN, SALES, FINANCE). Lines "
        "already priced keep their prices."
    )
    async def price_list_update(
        self, input: MutationInput[PriceListUpdateInput]
    ) -> PriceListUpdatePayload:
        return await perform(
            PriceListUpdatePayload,
            "price_list",
            lambda: services.update_price_list(decode_id(input.id, "PriceList"), provided(input)),
            PriceList.from_model,
        )

    @strawberry.mutation(
        description="Replaces all items of a price list (ADMIN, SALES, FINANCE): each names a "
        "product, a minQuantity and exactly one of unitPrice / discountPercent (else INVALID). "
        "Lines already priced keep their prices."
    )
    async def price_list_items_set(
        self, input: MutationInput[PriceListItemsSetInput]
    ) -> PriceListItemsSetPayload:
        return await perform(
            PriceListItemsSetPayload,
            "price_list",
            lambda: services.set_price_list_items(
                decode_id(input.price_list_id, "PriceList", "price_list_id"), _items(input.items)
            ),
            PriceList.from_model,
        )
