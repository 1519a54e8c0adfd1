"""Queries and mutations of products (contract §5.1)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.catalog.types import (
    Product,
    ProductCreateInput,
    ProductCreatePayload,
    ProductFilter,
    ProductOrder,
    ProductUpdateInput,
    ProductUpdatePayload,
)
from api.errors import perform
from api.inputs import provided
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.catalog import services


@strawberry.type
class Query:
    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> Product | None:
        return await node_by_global_id(Product, info, id)

    @strawberry.field
    async def products(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: ProductFilter | None = None,
        order_by: ProductOrder | None = None,
    ) -> Connection[Product]:
        flt = filter or ProductFilter()
        queryset = services.list_products(
            services.ProductFilter(
                search=flt.search,
                kind=flt.kind,
                procurement=flt.procurement,
                include_archived=flt.include_archived,
            )
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("sku",)
        return await paginate(
            queryset,
            Product.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def product_create(self, input: ProductCreateInput) -> ProductCreatePayload:
        return await perform(
            ProductCreatePayload,
            "product",
            lambda: services.create_product(provided(input)),
            Product.from_model,
        )

    @strawberry.mutation
    async def product_update(self, input: ProductUpdateInput) -> ProductUpdatePayload:
        return await perform(
            ProductUpdatePayload,
            "product",
            lambda: services.update_product(decode_id(input.id, "Product"), provided(input)),
            Product.from_model,
        )
