"""GraphQL enums of work orders and MRP (contract §5.1, §6), described value by value."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.manufacturing.models import MrpRunStatus, PlannedOrderKind, WorkOrderStatus

__all__ = ["MrpRunStatus", "PegSource", "PlannedOrderKind", "WorkOrderStatus"]

described_enum(
    WorkOrderStatus,
    name="WorkOrderStatus",
    description="Where a work order is (§5.1).",
    values={
        "RELEASED": "Open: components are consumed and finished goods added as quantities "
        "are completed; MRP counts what is left as a scheduled receipt on its due date.",
        "COMPLETED": "Its whole quantity is completed.",
        "CANCELLED": "Cancelled; MRP no longer counts it.",
    },
)

described_enum(
    MrpRunStatus,
    name="MrpRunStatus",
    description="Where an MRP run is (§6).",
    values={
        "RUNNING": "Planning; its planned orders are not written yet.",
        "COMPLETED": "Its plan is written and replaced the unfirmed planned orders of "
        "earlier runs.",
        "FAILED": "Stopped without a plan (e.g. BOM_CYCLE, see `exceptions`); earlier "
        "plans are kept.",
    },
)

described_enum(
    PlannedOrderKind,
    name="PlannedOrderKind",
    description="What a planned order proposes (§6).",
    values={
        "PURCHASE": "Buy it: firmed into a purchase order (for a BUY product).",
        "MANUFACTURE": "Make it: firmed into a released work order (for a MAKE product).",
    },
)


class PegSource(Enum):
    SALES_ORDER_LINE = "SALES_ORDER_LINE"
    PLANNED_ORDER = "PLANNED_ORDER"
    WORK_ORDER = "WORK_ORDER"
    SAFETY_STOCK = "SAFETY_STOCK"


described_enum(
    PegSource,
    name="PegSource",
    description="What kind of requirement a peg covers (§6.6).",
    values={
        "SALES_ORDER_LINE": "The open quantity of a confirmed sales order line.",
        "PLANNED_ORDER": "A component need of a parent's MANUFACTURE planned order.",
        "WORK_ORDER": "A component need of a released work order.",
        "SAFETY_STOCK": "Bringing projected stock back up to the safety stock.",
    },
)
