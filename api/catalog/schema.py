"""Queries and mutations of products (contract §5.1)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.catalog.inputs import ProductCreateInput, ProductFilter, ProductOrder, ProductUpdateInput
from api.catalog.types import Product, ProductCreatePayload, ProductUpdatePayload
from api.errors import MutationInput, perform
from api.inputs import provided
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.catalog import services


@strawberry.type
class Query:
    @strawberry.field(description="One product by its id; null when there is none.")
    async def product(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Product id.")],
    ) -> Product | None:
        return await node_by_global_id(Product, info, id)

    @strawberry.field(
        description="The catalog: products not archived (unless the filter says so), by "
        "default by SKU."
    )
    async def products(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ProductFilter | None, strawberry.argument(description="Only these products.")
        ] = None,
        order_by: Annotated[
            ProductOrder | None, strawberry.argument(description="Default: by SKU.")
        ] = None,
    ) -> Connection[Product]:
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("sku",)
        return await paginate(
            services.list_products((filter or ProductFilter()).query()),
            Product.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates a product; every invalid field is reported at once (§2)."
    )
    async def product_create(
        self,
        input: MutationInput[ProductCreateInput],
    ) -> ProductCreatePayload:
        return await perform(
            ProductCreatePayload,
            "product",
            lambda: services.create_product(provided(input)),
            Product.from_model,
        )

    @strawberry.mutation(
        description="Changes the given fields of a product; every invalid field is reported "
        "at once (§2)."
    )
    async def product_update(
        self,
        input: MutationInput[ProductUpdateInput],
    ) -> ProductUpdatePayload:
        return await perform(
            ProductUpdatePayload,
            "product",
            lambda: services.update_product(decode_id(input.id, "Product"), provided(input)),
            Product.from_model,
        )
