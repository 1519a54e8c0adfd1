"""Dataloaders of the pipeline area: one query per relation and request depth, never per row.

`account_opportunities` is the `Account.opportunities` connection, answered here so that the
accounts area needs this module only (never the pipeline's types)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.expressions import RawSQL
from tortoise.functions import Sum
from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, OneByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader, Window, nested_connection
from api.pipeline.inputs import (
    OpportunityFilter,
    OpportunityOrder,
    opportunity_filter,
    opportunity_order,
)
from api.relay import Connection, to_node
from domain.pipeline import services
from domain.pipeline.forecast import AMOUNT_CENTS_SQL, from_cents
from domain.pipeline.models import Lead, Opportunity, OpportunityLine, OpportunityStatus

LeadByIdLoader = by_id_loader(Lead)
OpportunityByIdLoader = by_id_loader(Opportunity)


class OpportunitiesByAccountIdLoader(PagesByKeyLoader):
    """Keys are (account id, domain OpportunityFilter)."""

    key = "account_id"

    def rows(self, flt: Any) -> QuerySet[Any]:
        return services.list_opportunities(flt)


class OpportunityLinesByOpportunityIdLoader(ManyByKeyLoader):
    model = OpportunityLine
    key = "opportunity_id"
    order_by = ("position", "id")


class OpportunityBySalesOrderIdLoader(OneByKeyLoader):
    """The deal a sales order was handed over from (at most one: the column is unique)."""

    model = Opportunity
    key = "sales_order_id"


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


async def account_opportunities(
    info: Info,
    account_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: OpportunityFilter | None = None,
    order_by: OpportunityOrder | None = None,
) -> Connection[Any]:
    """One account's opportunities as a connection: all accounts of the page share one query
    per distinct filter; the filter's own accountId, when given, must match too."""
    return await nested_connection(
        info,
        OpportunitiesByAccountIdLoader,
        account_id,
        opportunity_filter(filter),
        to_node,
        Window(first, after, last, before, opportunity_order(order_by)),
    )
