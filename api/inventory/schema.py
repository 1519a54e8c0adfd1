"""Queries and mutations of warehouses and stock (contract §5.1)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from adapters.sqlite_client import retry_when_locked
from api.errors import perform, user_errors
from api.inventory.types import (
    StockAdjustInput,
    StockAdjustPayload,
    StockLevel,
    StockLevelFilter,
    StockMove,
    StockMoveFilter,
    StockMoveOrder,
    Warehouse,
    WarehouseCreateInput,
    WarehouseCreatePayload,
)
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.errors import DomainError
from domain.inventory import services
from domain.inventory.models import StockLevel as StockLevelRow


def _ids(value: strawberry.ID | None, type_name: str) -> list[int] | None:
    """The filter's id as a list; an id of another type matches nothing."""
    if value is None:
        return None
    try:
        return [decode_id(value, type_name)]
    except DomainError:
        return []


@strawberry.type
class Query:
    @strawberry.field
    async def warehouse(self, info: Info, id: strawberry.ID) -> Warehouse | None:
        return await node_by_global_id(Warehouse, info, id)

    @strawberry.field
    async def warehouses(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Warehouse]:
        return await paginate(
            services.list_warehouses(),
            Warehouse.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("code",),
        )

    @strawberry.field
    async def stock_levels(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: StockLevelFilter | None = None,
    ) -> Connection[StockLevel]:
        flt = filter or StockLevelFilter()
        queryset = services.list_stock_levels(
            services.StockLevelFilter(
                product_ids=_ids(flt.product_id, "Product"),
                warehouse_ids=_ids(flt.warehouse_id, "Warehouse"),
            )
        )
        return await paginate(
            queryset,
            StockLevel.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("product_id", "warehouse_id"),
        )

    @strawberry.field
    async def stock_moves(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: StockMoveFilter | None = None,
        order_by: StockMoveOrder | None = None,
    ) -> Connection[StockMove]:
        flt = filter or StockMoveFilter()
        queryset = services.list_stock_moves(
            services.StockMoveFilter(
                product_ids=_ids(flt.product_id, "Product"),
                warehouse_ids=_ids(flt.warehouse_id, "Warehouse"),
                source=flt.source,
                reference=flt.reference,
                from_date=flt.from_,
                to_date=flt.to,
            )
        )
        order = order_by or StockMoveOrder()
        return await paginate(
            queryset,
            StockMove.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=(
                *order_fields(order.field.value, order.direction),
                *order_fields("id", order.direction),
            ),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def warehouse_create(self, input: WarehouseCreateInput) -> WarehouseCreatePayload:
        return await perform(
            WarehouseCreatePayload,
            "warehouse",
            lambda: services.create_warehouse(input.code, input.name),
            Warehouse.from_model,
        )

    @strawberry.mutation
    async def stock_adjust(self, input: StockAdjustInput) -> StockAdjustPayload:
        try:
            product_id = decode_id(input.product_id, "Product", "product_id")
            warehouse_id = decode_id(input.warehouse_id, "Warehouse", "warehouse_id")
            move = await retry_when_locked(
                lambda: services.adjust_stock(
                    product_id=product_id,
                    warehouse_id=warehouse_id,
                    quantity=input.quantity,
                    reason=input.reason,
                )
            )
        except DomainError as error:
            return StockAdjustPayload(
                stock_move=None, stock_level=None, errors=user_errors(error)
            )
        level = await StockLevelRow.get(product_id=move.product_id, warehouse_id=move.warehouse_id)
        return StockAdjustPayload(
            stock_move=StockMove.from_model(move),
            stock_level=StockLevel.from_model(level),
            errors=[],
        )
