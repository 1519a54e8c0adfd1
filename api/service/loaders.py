"""Dataloaders of the service area: cases, escalations, SLA policies and their calendars.

`account_cases` is the `Account.cases` connection, answered here so that the accounts area
needs this module only (never the service's types)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.queryset import QuerySet

from api.loaders import ManyByKeyLoader, by_id_loader
from api.nested import PagesByKeyLoader, Window, nested_connection
from api.relay import Connection, to_node
from api.service.inputs import CaseFilter, CaseOrder, case_filter, case_order
from domain import clock
from domain.service import services
from domain.service.models import BusinessCalendar, Case, CaseEscalation, SlaPolicy, SlaTarget
from domain.service.services import PolicyClock, policy_clocks
from domain.service.sla_rules import Priority

CaseByIdLoader = by_id_loader(Case)
SlaPolicyByIdLoader = by_id_loader(SlaPolicy)
BusinessCalendarByIdLoader = by_id_loader(BusinessCalendar)


class CasesByAccountIdLoader(PagesByKeyLoader):
    """Keys are (account id, domain CaseFilter); an slaStatus filter is judged at the moment
    the batch runs, like the root `cases` list."""

    key = "account_id"

    def rows(self, flt: Any) -> QuerySet[Any]:
        return services.list_cases(flt, now=clock.utcnow())


class EscalationsByCaseIdLoader(ManyByKeyLoader):
    model = CaseEscalation
    key = "case_id"
    order_by = ("level",)


class SlaTargetsByPolicyIdLoader(ManyByKeyLoader):
    model = SlaTarget
    key = "policy_id"

    def _sort_key(self, row: Any) -> tuple[Any, ...]:
        # The escalation ladder's order (LOW … URGENT), not the alphabet's.
        return (Priority(row.priority).rank,)


class PolicyClockByPolicyIdLoader(DataLoader[int, PolicyClock | None]):
    """The calendar and risk threshold of each policy, for computing slaStatus."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, policy_ids: Sequence[int]) -> list[PolicyClock | None]:
        clocks = await policy_clocks(policy_ids)
        return [clocks.get(policy_id) for policy_id in policy_ids]


async def account_cases(
    info: Info,
    account_id: int,
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    filter: CaseFilter | None = None,
    order_by: CaseOrder | None = None,
) -> Connection[Any]:
    """One account's cases as a connection, newest first by default: all accounts of the page
    share one query per distinct filter; the filter's own accountId, when given, must match."""
    return await nested_connection(
        info,
        CasesByAccountIdLoader,
        account_id,
        case_filter(filter),
        to_node,
        Window(first, after, last, before, case_order(order_by)),
    )
