"""Account fields of the service area: cases and the SLA policy (contract §3, §7)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from api.service.loaders import CasesByAccountIdLoader, SlaPolicyByIdLoader
from api.service.types import Case, SlaPolicy


@strawberry.type
class AccountServiceFields:
    """Mixed into `Account`; resolvers read the account row as `self.record`."""

    @strawberry.field(description="Newest first.")
    async def cases(self, info: Info) -> list[Case]:
        rows = await info.context.loaders[CasesByAccountIdLoader].load(self.record.id)  # type: ignore[attr-defined]
        return [Case.from_model(row) for row in rows]

    @strawberry.field(description="The policy of the account's new cases; none → the default.")
    async def sla_policy(self, info: Info) -> SlaPolicy | None:
        policy_id = self.record.sla_policy_id  # type: ignore[attr-defined]
        if policy_id is None:
            return None
        row = await info.context.loaders[SlaPolicyByIdLoader].load(policy_id)
        return SlaPolicy.from_optional(row)
