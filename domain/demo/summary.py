"""What the database holds after seeding, counted from the rows themselves."""

from __future__ import annotations

from domain.accounts.models import Account, Contact
from domain.activities.models import Activity
from domain.billing.models import Invoice, Payment
from domain.catalog.models import Product
from domain.inventory.models import StockMove
from domain.ledger.models import JournalEntry
from domain.manufacturing.models import BillOfMaterials, WorkOrder, WorkOrderStatus
from domain.orders.models import OrderStatus, SalesOrder, Shipment
from domain.outbox.models import Event
from domain.pipeline.models import Lead, Opportunity, OpportunityStatus
from domain.purchasing.models import PurchaseOrder, PurchaseOrderStatus
from domain.service.models import BusinessCalendar, Case, SlaPolicy
from domain.service.sla_rules import CaseStatus


async def demo_summary() -> dict[str, int]:
    """Counts per kind of record, with sales orders and cases broken down by status."""
    summary = {
        "accounts": await Account.all().count(),
        "contacts": await Contact.all().count(),
        "leads": await Lead.all().count(),
        "opportunities": await Opportunity.all().count(),
    }
    for status in OpportunityStatus:
        key = f"opportunities_{status.value.lower()}"
        summary[key] = await Opportunity.filter(status=status).count()
    summary |= {
        "activities": await Activity.all().count(),
        "products": await Product.all().count(),
        "bills_of_materials": await BillOfMaterials.all().count(),
        "stock_adjustments": await StockMove.filter(source="ADJUSTMENT").count(),
        "purchase_orders": await PurchaseOrder.all().count(),
        "purchase_orders_received": await PurchaseOrder.filter(
            status=PurchaseOrderStatus.RECEIVED
        ).count(),
        "work_orders": await WorkOrder.all().count(),
        "work_orders_completed": await WorkOrder.filter(status=WorkOrderStatus.COMPLETED).count(),
        "sales_orders": await SalesOrder.all().count(),
    }
    for order_status in OrderStatus:
        key = f"sales_orders_{order_status.value.lower()}"
        summary[key] = await SalesOrder.filter(status=order_status).count()
    summary |= {
        "shipments": await Shipment.all().count(),
        "invoices": await Invoice.all().count(),
        "payments": await Payment.all().count(),
        "business_calendars": await BusinessCalendar.all().count(),
        "sla_policies": await SlaPolicy.all().count(),
        "cases": await Case.all().count(),
    }
    for case_status in CaseStatus:
        summary[f"cases_{case_status.value.lower()}"] = await Case.filter(
            status=case_status
        ).count()
    summary |= {
        "cases_escalated": await Case.filter(escalation_level__gt=0).count(),
        "journal_entries": await JournalEntry.all().count(),
        "events": await Event.all().count(),
    }
    return summary


def _breakdown(summary: dict[str, int], prefix: str, names: list[str]) -> str:
    parts = [
        f"{summary[f'{prefix}_{name}']} {name.replace('_', ' ')}"
        for name in names
        if summary.get(f"{prefix}_{name}")
    ]
    return f" ({', '.join(parts)})" if parts else ""


def summary_lines(summary: dict[str, int]) -> list[str]:
    """`demo_summary` for a person: one line per area."""
    n = summary
    opportunities = _breakdown(n, "opportunities", [x.value.lower() for x in OpportunityStatus])
    orders = _breakdown(n, "sales_orders", [x.value.lower() for x in OrderStatus])
    cases = _breakdown(n, "cases", [x.value.lower() for x in CaseStatus])
    return [
        f"CRM: {n['accounts']} accounts, {n['contacts']} contacts, {n['leads']} leads, "
        f"{n['opportunities']} opportunities{opportunities}, {n['activities']} activities",
        f"Catalog and stock: {n['products']} products, {n['bills_of_materials']} bills of "
        f"materials, {n['stock_adjustments']} stock adjustments",
        f"Purchasing and production: {n['purchase_orders']} purchase orders "
        f"({n['purchase_orders_received']} received), {n['work_orders']} work orders "
        f"({n['work_orders_completed']} completed)",
        f"Sales: {n['sales_orders']} sales orders{orders}, {n['shipments']} shipments",
        f"Billing: {n['invoices']} invoices, {n['payments']} payments, "
        f"{n['journal_entries']} journal entries",
        f"Service: {n['cases']} cases{cases}, {n['cases_escalated']} escalated; "
        f"{n['sla_policies']} SLA policies on {n['business_calendars']} business calendars",
        f"Events: {n['events']} in the outbox",
    ]
