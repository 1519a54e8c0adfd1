"""The JobRun type: how clients follow background work (contract §2 Background work)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.auth import principal_of
from api.errors import camel
from api.imports.lists import import_rows
from api.imports.types import ImportRow
from api.manufacturing.loaders import MrpRunByJobRunIdLoader
from api.permissions import visible_kinds
from api.relay import After, Connection, First, ModelNode, encode_id, to_optional_node
from api.scalars import OrderDirection, described_enum
from domain.auth.models import Role
from domain.imports.models import ImportRowStatus
from domain.jobs import models
from domain.jobs.models import JobKind, JobStatus

if TYPE_CHECKING:
    from api.manufacturing.types import MrpRun

described_enum(
    JobKind,
    name="JobKind",
    description="What a run does; each kind is started by its own mutation, and a role sees "
    "and cancels the runs of the kinds it may start (§2 Background work).",
    values={
        "ACCOUNT_FIGURES": "An account's figures (accountFiguresRefresh): every role but READONLY.",
        "INVOICING": "The invoice run over confirmed, shipped orders (invoiceRunStart, §5.4): "
        "ADMIN, FINANCE.",
        "MRP": "Material requirements planning (mrpRunStart, §6), at most one at a time: "
        "ADMIN, OPERATIONS.",
        "SLA_ESCALATION": "The scan of open cases for SLA risk and breach "
        "(slaEscalationRunStart, §7; also on a schedule): ADMIN, SERVICE.",
        "QUOTE_EXPIRY": "SENT quotes past their validUntil become EXPIRED, each once "
        "(quoteExpiryRunStart, §9; also hourly): ADMIN, SALES.",
        "REMINDER_SCAN": "activity.due_soon, activity.overdue and opportunity.stale, each "
        "once (reminderScanRunStart, §13; also every TANDEM_REMINDER_SCAN_SECONDS): ADMIN, "
        "SALES, SERVICE.",
        "IMPORT": "A CSV or JSONL file upserted row by row in batches (importRunStart, §14): "
        "ADMIN, INTEGRATION.",
        "EXPORT": "A kind's records written as CSV or JSONL (exportRunStart, §14): ADMIN, "
        "INTEGRATION.",
    },
)
described_enum(
    JobStatus,
    name="JobStatus",
    description="Where a run is (§2 Background work); SUCCEEDED, FAILED and CANCELLED are final.",
    values={
        "QUEUED": "Waiting for a worker (also between tries, during a retry's backoff).",
        "RUNNING": "A worker is on it and renews its lease (`heartbeatAt`).",
        "SUCCEEDED": "Done; `result` holds its summary.",
        "FAILED": "Refused, or failed or lost on every allowed try; `error` says why.",
        "CANCELLED": "Stopped by jobRunCancel; a run stopped while RUNNING keeps what it did.",
    },
)


# The keys of runs' params and results that name objects, and the type of those objects: the
# API shows them as global ids (§2 IDs), as event payloads do (§8).
REFERENCES = {"account_id": "Account", "mrp_run_id": "MrpRun", "sales_order_ids": "SalesOrder"}


def api_json(value: Any) -> Any:
    """A run's stored JSON (the domain's names, database ids) in the API's dialect: keys in
    camelCase, the REFERENCES as global ids."""
    if isinstance(value, list):
        return [api_json(item) for item in value]
    if not isinstance(value, dict):
        return value
    shown: dict[str, Any] = {}
    for key, item in value.items():
        type_name = REFERENCES.get(key)
        if type_name is None:
            shown[camel(key)] = api_json(item)
        elif isinstance(item, list):
            shown[camel(key)] = [encode_id(type_name, pk) for pk in item]
        else:
            shown[camel(key)] = None if item is None else encode_id(type_name, item)
    return shown


def principal_role(info: Info) -> Role | None:
    principal = principal_of(info)
    return principal.role if principal is not None else None


@strawberry.type(
    description="One piece of background work a mutation (or a schedule) started, as a worker "
    "runs it (§2 Background work). Follow it with jobRun(id:) or jobRunUpdated(id:). Readable "
    "by the roles that may start its kind (see JobKind); for any other role it does not exist."
)
class JobRun(ModelNode):
    model_class = models.JobRun

    id: strawberry.relay.NodeID[int]
    kind: JobKind = strawberry.field(description="What the run does.")
    status: JobStatus = strawberry.field(description="Where the run is.")
    progress: float = strawberry.field(
        description="Fraction done, from 0.0 to 1.0 (a display value, e.g. orders invoiced of "
        "orders selected)."
    )
    attempts: int = strawberry.field(
        description="Tries so far, the first included (a lost worker's try counts)."
    )
    max_attempts: int = strawberry.field(
        description="After this many failed or lost tries the run is FAILED "
        "(TANDEM_JOB_MAX_ATTEMPTS)."
    )
    started_at: datetime | None = strawberry.field(
        description="When a worker first took it; null while it was never RUNNING."
    )
    heartbeat_at: datetime | None = strawberry.field(
        description="The running try's last lease renewal (at least every "
        "TANDEM_JOB_LEASE_SECONDS / 4); a try whose lease is older is taken over."
    )
    finished_at: datetime | None = strawberry.field(
        description="When it became SUCCEEDED, FAILED or CANCELLED; null until then."
    )
    error: str | None = strawberry.field(
        description="The last try's error, `CODE: message` (a business refusal's ErrorCode, or "
        "e.g. `WORKER_LOST: …`); null while none failed."
    )
    requested_by: str | None = strawberry.field(
        description="The name of the API token that started it; null for a schedule."
    )
    created_at: datetime = strawberry.field(description="When it was started (QUEUED).")
    cancel_requested: bool = strawberry.field(
        description="jobRunCancel was asked while RUNNING: it stops at its next checkpoint."
    )

    @strawberry.field(
        description="What the run works on, as its mutation was given it, in the API's names "
        'and global ids: e.g. `{"issueDate": "2026-04-01", "salesOrderIds": null}` for '
        'INVOICING, `{"accountId": "QWNjb3VudDo1"}` for ACCOUNT_FIGURES.'
    )
    def params(self) -> JSON:
        return JSON(api_json(self.record.params))

    @strawberry.field(
        description="Its summary once SUCCEEDED (null until then), in the API's names and "
        'global ids: e.g. `{"orders": 3, "invoices": 3, "firstNumber": "INV-2026-000001", …}` '
        'for INVOICING, `{"mrpRunId": …, "itemsPlanned": …, "exceptions": …}` for MRP.'
    )
    def result(self) -> JSON | None:
        result = self.record.result
        return None if result is None else JSON(api_json(result))

    @strawberry.field(
        description="The MRP run an MRP job produced (§6), once it has started planning; null "
        "for the other kinds."
    )
    async def mrp_run(
        self, info: Info
    ) -> Annotated[MrpRun, strawberry.lazy("api.manufacturing.types")] | None:
        if self.record.kind != JobKind.MRP:
            return None
        row = await info.context.loaders[MrpRunByJobRunIdLoader].load(self.record.id)
        return to_optional_node(row)

    @strawberry.field(
        description="What each row of an IMPORT run's file did, in file order (§14); null for "
        "the other kinds. Rows appear as their batches commit."
    )
    async def import_rows(
        self,
        first: First = None,
        after: After = None,
        status: Annotated[
            ImportRowStatus | None, strawberry.argument(description="Only rows with this status.")
        ] = None,
    ) -> Connection[ImportRow] | None:
        if self.record.kind != JobKind.IMPORT:
            return None
        return await import_rows(self.record.params, first=first, after=after, status=status)

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        """Runs of kinds the role may not start read as not found."""
        nodes = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        kinds = set(visible_kinds(principal_role(info)))
        return [node if node is not None and node.record.kind in kinds else None for node in nodes]


@strawberry.input(description="Narrows jobRuns; every given field must match.")
class JobRunFilter:
    kind: JobKind | None = strawberry.field(default=None, description="Runs of this kind.")
    status: JobStatus | None = strawberry.field(default=None, description="Runs in this status.")


class JobRunOrderField(Enum):
    CREATED_AT = "created_at"
    STARTED_AT = "started_at"
    FINISHED_AT = "finished_at"


described_enum(
    JobRunOrderField,
    name="JobRunOrderField",
    description="What jobRuns can be sorted by.",
    values={
        "CREATED_AT": "When the run was started.",
        "STARTED_AT": "When a worker first took it (never-started runs last in ASC).",
        "FINISHED_AT": "When it finished (unfinished runs last in ASC).",
    },
)


@strawberry.input(description="The order of jobRuns; newest first when not given.")
class JobRunOrder:
    field: JobRunOrderField = strawberry.field(description="The sort field.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="DESC (default): latest first."
    )


@strawberry.input(description="Which account's figures to compute.")
class AccountFiguresRefreshInput:
    account_id: strawberry.ID = strawberry.field(description="The Account's global id.")


@strawberry.input(description="The run to cancel.")
class JobRunCancelInput:
    id: strawberry.ID = strawberry.field(
        description="The JobRun's global id; one of a kind your role may not start is NOT_FOUND."
    )
