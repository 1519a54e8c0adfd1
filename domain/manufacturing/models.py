"""Bills of materials, work orders, MRP runs and their planned orders (contract §5.1, §6)."""

from __future__ import annotations

from enum import Enum

from tortoise import fields
from tortoise.models import Model

from domain.fields import percent_field, quantity_field


class BillOfMaterials(Model):
    id = fields.IntField(primary_key=True)
    product: fields.OneToOneRelation = fields.OneToOneField(
        "models.Product", related_name="bill_of_materials", on_delete=fields.CASCADE
    )
    product_id: int
    # A phantom (kit) is never planned or stocked: its needs pass through to its lines (§6.5).
    phantom = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "bills_of_materials"


class BomLine(Model):
    id = fields.IntField(primary_key=True)
    bom: fields.ForeignKeyRelation[BillOfMaterials] = fields.ForeignKeyField(
        "models.BillOfMaterials", related_name="lines", on_delete=fields.CASCADE
    )
    bom_id: int
    position = fields.IntField(default=0)
    component: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="bom_usages", on_delete=fields.RESTRICT
    )
    component_id: int
    quantity_per = quantity_field()
    scrap_percent = percent_field(default=0)

    class Meta:
        table = "bom_lines"
        unique_together = (("bom", "component"),)
        ordering = ["position", "id"]


class WorkOrderStatus(str, Enum):
    RELEASED = "RELEASED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class WorkOrder(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product", related_name="work_orders", on_delete=fields.RESTRICT
    )
    product_id: int
    quantity = quantity_field()
    quantity_completed = quantity_field(default=0)
    start_date = fields.DateField()
    due_date = fields.DateField(db_index=True)
    status = fields.CharEnumField(
        WorkOrderStatus, max_length=16, default=WorkOrderStatus.RELEASED, db_index=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "work_orders"


class MrpRunStatus(str, Enum):
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class MrpRun(Model):
    id = fields.IntField(primary_key=True)
    job_run: fields.OneToOneNullableRelation = fields.OneToOneField(
        "models.JobRun", related_name="mrp_run", on_delete=fields.SET_NULL, null=True
    )
    job_run_id: int | None
    status = fields.CharEnumField(MrpRunStatus, max_length=16, default=MrpRunStatus.RUNNING)
    as_of = fields.DateField()
    horizon_days = fields.IntField()
    items_planned = fields.IntField(default=0)
    exceptions: list = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mrp_runs"


class PlannedOrderKind(str, Enum):
    PURCHASE = "PURCHASE"
    MANUFACTURE = "MANUFACTURE"


class PlannedOrder(Model):
    """A run writes tens of thousands of these at once (COPY), so the table carries only
    the indexes readers use and no foreign-key constraints: the database's per-row
    referential check (a locking lookup of the run and of the product for every row) was
    two thirds of the write. What the constraints guarded holds by construction: the run
    is the one writing, in its own transaction, its products are the ones it just read,
    and neither products nor MRP runs are ever deleted."""

    id = fields.IntField(primary_key=True)
    run: fields.ForeignKeyRelation[MrpRun] = fields.ForeignKeyField(
        "models.MrpRun",
        related_name="planned_orders",
        on_delete=fields.CASCADE,
        db_constraint=False,
    )
    run_id: int
    # The planner's `PLN-<product id>-<n>`: what the pegs of its components cite.
    reference = fields.CharField(max_length=40)
    product: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Product",
        related_name="planned_orders",
        on_delete=fields.CASCADE,
        db_index=True,
        db_constraint=False,
    )
    product_id: int
    # No index on kind, late or firmed_at: the table holds one plan (a run deletes the
    # earlier unfirmed orders) plus the firmed ones, and an index on a two-valued column
    # would not serve its filter while every planned row paid for it.
    kind = fields.CharEnumField(PlannedOrderKind, max_length=16)
    quantity = quantity_field()
    due_date = fields.DateField()
    release_date = fields.DateField()
    late = fields.BooleanField(default=False)
    # [{"source": …, "quantity": "12.5", "reference": …}], first in, first covered (§6.6).
    pegging: list = fields.JSONField(default=list)
    firmed_at = fields.DatetimeField(null=True)
    # The number of the purchase order or work order it became.
    firmed_document = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "planned_orders"
        indexes = (("run", "release_date"),)
