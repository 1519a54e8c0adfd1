"""Dataloaders of the pipeline area: one query per relation and request depth."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from strawberry.dataloader import DataLoader
from tortoise.expressions import RawSQL
from tortoise.functions import Sum

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.pipeline.forecast import AMOUNT_CENTS_SQL, from_cents
from domain.pipeline.models import Lead, Opportunity, OpportunityLine, OpportunityStatus

LeadByIdLoader = by_id_loader(Lead)
OpportunityByIdLoader = by_id_loader(Opportunity)


class OpportunitiesByAccountIdLoader(ManyByKeyLoader):
    model = Opportunity
    key = "account_id"
    order_by = ("id",)


class OpportunityLinesByOpportunityIdLoader(ManyByKeyLoader):
    model = OpportunityLine
    key = "opportunity_id"
    order_by = ("position", "id")


class OpportunityBySalesOrderIdLoader(DataLoader[int, Opportunity | None]):
    """The deal a sales order was handed over from (at most one: the column is unique)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, order_ids: Sequence[int]) -> list[Opportunity | None]:
        rows = await Opportunity.filter(sales_order_id__in=list(set(order_ids)))
        by_order = {row.sales_order_id: row for row in rows}
        return [by_order.get(i) for i in order_ids]


class OpenPipelineByAccountIdLoader(DataLoader[int, Decimal]):
    """Σ amount of each account's OPEN opportunities, aggregated in SQL for the whole batch."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, account_ids: Sequence[int]) -> list[Decimal]:
        rows = (
            await Opportunity.filter(
                status=OpportunityStatus.OPEN, account_id__in=list(set(account_ids))
            )
            .annotate(open_cents=Sum(RawSQL(AMOUNT_CENTS_SQL)))  # type: ignore[arg-type]
            .group_by("account_id")
            .values("account_id", "open_cents")
        )
        by_account = {row["account_id"]: row["open_cents"] for row in rows}
        return [from_cents(by_account.get(i)) for i in account_ids]
