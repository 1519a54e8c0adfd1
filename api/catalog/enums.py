"""GraphQL enums of products (contract §5.1): the domain's enums, described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.catalog.models import Procurement, ProductKind, Tracking

__all__ = ["Procurement", "ProductKind", "Tracking"]

described_enum(
    ProductKind,
    name="ProductKind",
    description="Whether a product is held in stock (§5.1).",
    values={
        "STOCKED": "Held in warehouses: moves through stock moves, is reserved, shipped, "
        "planned by MRP and valued in 1300 Inventory.",
        "SERVICE": "Sold but never stocked (labour, a fee): no stock levels, no planning.",
    },
)

described_enum(
    Procurement,
    name="Procurement",
    description="How MRP replenishes a stocked product (§6).",
    values={
        "BUY": "Bought: MRP plans PURCHASE orders, firmed into purchase orders.",
        "MAKE": "Made from its bill of materials: MRP plans MANUFACTURE orders, firmed into "
        "work orders.",
    },
)

described_enum(
    Tracking,
    name="Tracking",
    description="How a product's stock is told apart (§15).",
    values={
        "NONE": "Not at all: its stock is one quantity per warehouse.",
        "LOT": "By lot: every move names its lot (in: `lotCode`; out: `lotId` or first "
        "expiry first out, then first in first out), so a lot can be traced and recalled.",
        "SERIAL": "Unit by unit: a lot per serial number, holding at most 1.",
    },
)
