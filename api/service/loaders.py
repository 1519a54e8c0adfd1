"""Dataloaders of the service area: cases, escalations, SLA policies and their calendars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.service.models import BusinessCalendar, Case, CaseEscalation, SlaPolicy, SlaTarget
from domain.service.services import PolicyClock, policy_clocks
from domain.service.sla_rules import Priority

CaseByIdLoader = by_id_loader(Case)
SlaPolicyByIdLoader = by_id_loader(SlaPolicy)
BusinessCalendarByIdLoader = by_id_loader(BusinessCalendar)


class CasesByAccountIdLoader(ManyByKeyLoader):
    model = Case
    key = "account_id"
    order_by = ("-opened_at", "id")


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
