"""Queries and mutations of warehouses and stock (contract §5.1)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q

from adapters.sqlite_client import retry_when_locked
from api.errors import MutationInput, perform, user_errors
from api.inventory.inputs import (
    StockAdjustInput,
    StockLevelFilter,
    StockLevelOrder,
    StockMoveFilter,
    StockMoveOrder,
    StockTransferInput,
    WarehouseCreateInput,
    WarehouseFilter,
    WarehouseOrder,
)
from api.inventory.types import (
    StockAdjustPayload,
    StockLevel,
    StockMove,
    StockTransferPayload,
    Warehouse,
    WarehouseCreatePayload,
)
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
from domain.errors import DomainError
from domain.inventory import services
from domain.inventory.models import StockLevel as StockLevelRow
from domain.inventory.transfers import transfer_stock


@strawberry.type
class Query:
    @strawberry.field(description="One warehouse by its id; null when there is none.")
    async def warehouse(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Warehouse id.")],
    ) -> Warehouse | None:
        return await node_by_global_id(Warehouse, info, id)

    @strawberry.field(description="The warehouses, by default by code.")
    async def warehouses(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WarehouseFilter | None, strawberry.argument(description="Only these warehouses.")
        ] = None,
        order_by: Annotated[
            WarehouseOrder | None, strawberry.argument(description="Default: by code.")
        ] = None,
    ) -> Connection[Warehouse]:
        queryset = services.list_warehouses()
        if filter is not None and filter.search:
            term = filter.search.strip()
            queryset = queryset.filter(Q(code__icontains=term) | Q(name__icontains=term))
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("code",)
        return await paginate(
            queryset,
            Warehouse.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field(
        description="Stock per product and warehouse, by default by product, then warehouse."
    )
    async def stock_levels(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            StockLevelFilter | None, strawberry.argument(description="Only these levels.")
        ] = None,
        order_by: Annotated[
            StockLevelOrder | None,
            strawberry.argument(description="Default: by product, then warehouse."),
        ] = None,
    ) -> Connection[StockLevel]:
        order = (
            order_fields(order_by.field.value, order_by.direction)
            if order_by
            else ("product_id", "warehouse_id")
        )
        return await paginate(
            services.list_stock_levels((filter or StockLevelFilter()).query()),
            StockLevel.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field(description="The stock moves, by default newest first.")
    async def stock_moves(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            StockMoveFilter | None, strawberry.argument(description="Only these moves.")
        ] = None,
        order_by: Annotated[
            StockMoveOrder | None, strawberry.argument(description="Default: newest first.")
        ] = None,
    ) -> Connection[StockMove]:
        order = order_by or StockMoveOrder()
        return await paginate(
            services.list_stock_moves((filter or StockMoveFilter()).query()),
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
    @strawberry.mutation(description="Creates a warehouse (ADMIN, OPERATIONS).")
    async def warehouse_create(
        self,
        input: MutationInput[WarehouseCreateInput],
    ) -> WarehouseCreatePayload:
        return await perform(
            WarehouseCreatePayload,
            "warehouse",
            lambda: services.create_warehouse(input.code, input.name),
            Warehouse.from_model,
        )

    @strawberry.mutation(
        description="Books a counted difference as one stock move and posts it at standard "
        "cost (§5.3): Dr/Cr 1300 Inventory against 5100, or 3900 for the reason OPENING."
    )
    async def stock_adjust(
        self,
        input: MutationInput[StockAdjustInput],
    ) -> StockAdjustPayload:
        try:
            product_id = decode_id(input.product_id, "Product", "product_id")
            warehouse_id = decode_id(input.warehouse_id, "Warehouse", "warehouse_id")
            lot_id = None if input.lot_id is None else decode_id(input.lot_id, "Lot", "lot_id")
            move = await retry_when_locked(
                lambda: services.adjust_stock(
                    product_id=product_id,
                    warehouse_id=warehouse_id,
                    quantity=input.quantity,
                    reason=input.reason,
                    lot=services.LotChoice(
                        lot_id=lot_id, lot_code=input.lot_code, expires_at=input.expires_at
                    ),
                )
            )
        except DomainError as error:
            return StockAdjustPayload(stock_move=None, stock_level=None, errors=user_errors(error))
        level = await StockLevelRow.get(product_id=move.product_id, warehouse_id=move.warehouse_id)
        return StockAdjustPayload(
            stock_move=StockMove.from_model(move),
            stock_level=StockLevel.from_model(level),
            errors=[],
        )

    @strawberry.mutation(
        description="Moves stock between two warehouses (§15): a move out and a move in under "
        "one number, no ledger entry (1300 is over all warehouses). The same warehouse → "
        "INVALID; more than available in the source → INSUFFICIENT_STOCK; nothing changes."
    )
    async def stock_transfer(
        self, input: MutationInput[StockTransferInput]
    ) -> StockTransferPayload:
        try:
            product_id = decode_id(input.product_id, "Product", "product_id")
            from_id = decode_id(input.from_warehouse_id, "Warehouse", "from_warehouse_id")
            to_id = decode_id(input.to_warehouse_id, "Warehouse", "to_warehouse_id")
            lot_id = None if input.lot_id is None else decode_id(input.lot_id, "Lot", "lot_id")
            done = await retry_when_locked(
                lambda: transfer_stock(
                    product_id=product_id,
                    from_warehouse_id=from_id,
                    to_warehouse_id=to_id,
                    quantity=input.quantity,
                    lot_id=lot_id,
                )
            )
        except DomainError as error:
            return StockTransferPayload(
                number=None,
                stock_moves=None,
                from_level=None,
                to_level=None,
                errors=user_errors(error),
            )
        return StockTransferPayload(
            number=done.number,
            stock_moves=[StockMove.from_model(m) for m in (*done.moves_out, *done.moves_in)],
            from_level=StockLevel.from_model(done.from_level),
            to_level=StockLevel.from_model(done.to_level),
            errors=[],
        )
