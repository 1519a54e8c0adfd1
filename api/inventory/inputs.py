"""GraphQL inputs of warehouses and stock (contract §5.1): filters, orders and the mutations'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from api.relay import filter_id
from api.scalars import OrderDirection, described_enum
from domain.inventory import services

STOCK_MOVE_SOURCES = (
    "ADJUSTMENT (stockAdjust), SHIPMENT (salesOrderShip), PO_RECEIPT (purchaseOrderReceive), "
    "WORK_ORDER (workOrderComplete), TRANSFER (stockTransfer), COUNT (stockCountPost), "
    "RETURN (returnReceive)"
)


def _ids(value: strawberry.ID | None, type_name: str, field: str) -> tuple[int, ...] | None:
    pk = filter_id(value, type_name, field)
    return None if pk is None else (pk,)


@strawberry.input(description="Narrows `warehouses`.")
class WarehouseFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the code or the name, case-insensitive."
    )


class WarehouseOrderField(Enum):
    CODE = "code"
    NAME = "name"
    CREATED_AT = "created_at"


described_enum(
    WarehouseOrderField,
    name="WarehouseOrderField",
    description="What `warehouses` can be sorted by.",
    values={
        "CODE": "The code, alphabetically.",
        "NAME": "The name, alphabetically.",
        "CREATED_AT": "When it was created.",
    },
)


@strawberry.input(description="The order of `warehouses`; ties are broken by id.")
class WarehouseOrder:
    field: WarehouseOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(
    description="Narrows a list of stock levels (`stockLevels`, `Product.stockLevels`); every "
    "given condition must hold."
)
class StockLevelFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this Product's levels."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the levels in this Warehouse."
    )

    def query(self) -> services.StockLevelFilter:
        return services.StockLevelFilter(
            product_ids=_ids(self.product_id, "Product", "productId"),
            warehouse_ids=_ids(self.warehouse_id, "Warehouse", "warehouseId"),
        )


class StockLevelOrderField(Enum):
    PRODUCT = "product_id"
    WAREHOUSE = "warehouse_id"
    ON_HAND = "on_hand"
    RESERVED = "reserved"
    UPDATED_AT = "updated_at"


described_enum(
    StockLevelOrderField,
    name="StockLevelOrderField",
    description="What a list of stock levels can be sorted by.",
    values={
        "PRODUCT": "The product, in the order products were created.",
        "WAREHOUSE": "The warehouse, in the order warehouses were created.",
        "ON_HAND": "The quantity on hand.",
        "RESERVED": "The quantity reserved.",
        "UPDATED_AT": "When it last changed.",
    },
)


@strawberry.input(description="The order of a list of stock levels; ties are broken by id.")
class StockLevelOrder:
    field: StockLevelOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(
    description="Narrows a list of stock moves (`stockMoves`, `PurchaseOrder.receipts`); "
    "every given condition must hold."
)
class StockMoveFilter:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this Product's moves."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the moves in this Warehouse."
    )
    source: str | None = strawberry.field(
        default=None, description=f"Only the moves of this cause: {STOCK_MOVE_SOURCES}."
    )
    reference: str | None = strawberry.field(
        default=None,
        description="Only the moves of this document, e.g. `PO-2026-000001` or "
        "`SH-2026-000001`; an adjustment's is `<SKU>@<warehouse code>`.",
    )
    from_: date | None = strawberry.field(
        default=None, name="from", description="Made on or after this day (UTC)."
    )
    to: date | None = strawberry.field(
        default=None, description="Made on or before this day (UTC)."
    )

    def query(self) -> services.StockMoveFilter:
        return services.StockMoveFilter(
            product_ids=_ids(self.product_id, "Product", "productId"),
            warehouse_ids=_ids(self.warehouse_id, "Warehouse", "warehouseId"),
            source=self.source,
            reference=self.reference,
            from_date=self.from_,
            to_date=self.to,
        )


class StockMoveOrderField(Enum):
    CREATED_AT = "created_at"
    QUANTITY = "quantity"


described_enum(
    StockMoveOrderField,
    name="StockMoveOrderField",
    description="What a list of stock moves can be sorted by.",
    values={
        "CREATED_AT": "When the move was made.",
        "QUANTITY": "The signed quantity.",
    },
)


@strawberry.input(description="The order of a list of stock moves; ties are broken by id.")
class StockMoveOrder:
    field: StockMoveOrderField = strawberry.field(
        default=StockMoveOrderField.CREATED_AT, description="What to sort by (CREATED_AT)."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default: newest first) or ASC."
    )


@strawberry.input(description="A new warehouse.")
class WarehouseCreateInput:
    code: str = strawberry.field(
        description="Short code, stored in capitals, unique (DUPLICATE otherwise)."
    )
    name: str = strawberry.field(description="What people call it; not blank.")


@strawberry.input(description="A counted difference of stock, booked as one stock move (§5.1).")
class StockAdjustInput:
    product_id: strawberry.ID = strawberry.field(description="A STOCKED Product.")
    warehouse_id: strawberry.ID = strawberry.field(description="The Warehouse it is counted in.")
    quantity: Decimal = strawberry.field(
        description="Signed, not zero: positive adds stock, negative removes it (never below "
        "zero on hand: INSUFFICIENT_STOCK)."
    )
    reason: str = strawberry.field(
        description="Why, not blank. `OPENING` books opening stock against 3900 Opening "
        "Balance Equity; any other reason against 5100 Inventory Adjustments (§5.3)."
    )
    lot_code: str | None = strawberry.field(
        default=None,
        description="For a lot-tracked product, the lot stock is added to (required then); a "
        "new code creates the Lot (§15).",
    )
    expires_at: date | None = strawberry.field(
        default=None, description="When a new lot expires."
    )
    lot_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For a lot-tracked product, the Lot stock is removed from; default: first "
        "expiry first out, then first in first out.",
    )


@strawberry.input(description="Stock moved from one warehouse to another (§15).")
class StockTransferInput:
    product_id: strawberry.ID = strawberry.field(description="A STOCKED Product.")
    from_warehouse_id: strawberry.ID = strawberry.field(
        description="The Warehouse it leaves; never more than its available stock (on hand − "
        "reserved): INSUFFICIENT_STOCK."
    )
    to_warehouse_id: strawberry.ID = strawberry.field(
        description="The Warehouse it arrives in; not the same one (INVALID)."
    )
    quantity: Decimal = strawberry.field(description="How many, > 0.")
    lot_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Lot moved, for a lot-tracked product."
    )
