"""GraphQL enums of lot traceability (§15), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.lots.services import StepKind, TraceDirection

__all__ = ["StepKind", "TraceDirection"]

described_enum(
    TraceDirection,
    name="TraceDirection",
    description="Which way lotTrace follows a lot (§15).",
    values={
        "FORWARD": "Where it went: its moves, and the lots work orders made from it, to the "
        "customers they were shipped to.",
        "BACKWARD": "Where it came from: its moves, and the lots work orders consumed to make "
        "it, back to the suppliers they were received from.",
    },
)

described_enum(
    StepKind,
    name="LotTraceStepKind",
    description="What a step of a lot trace was (§15).",
    values={
        "RECEIPT": "Received on a purchase order (purchaseOrderReceive).",
        "WORK_ORDER": "Consumed (negative) or made (positive) by a work order.",
        "SHIPMENT": "Shipped to a customer (salesOrderShip).",
        "TRANSFER": "Moved between warehouses (stockTransfer).",
        "RETURN": "Came back from a customer (returnReceive).",
        "COUNT": "A counted difference: a stock count or a stock adjustment.",
    },
)
