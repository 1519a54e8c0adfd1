"""The table of job kinds: for each, its typed parameters and their JSON form, the worker
function that runs it, whether it is single-flight, and its body (§2 Background work).

The API starts a kind through `start_job_run`; the worker's function for the kind calls
`domain.jobs.runner.run_attempt`, which looks the body up here. A test checks that every
kind has its worker function.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.accounts.figures import compute_account_figures
from domain.activities.reminders import scan_reminders
from domain.billing.invoicing import run_invoicing
from domain.clock import today, utcnow
from domain.errors import DomainError, ErrorCode
from domain.exports.services import run_export
from domain.imports.services import run_import
from domain.jobs.models import JobKind, JobRun
from domain.jobs.services import JobQueuePort, dispatch_job_run, queue_job_run, report_progress
from domain.manufacturing.mrp import DEFAULT_HORIZON_DAYS, check_horizon, run_mrp
from domain.quotes.services import expire_quotes
from domain.service.escalation import escalate_overdue_cases


def _date(raw: Any, name: str) -> date:
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise DomainError(ErrorCode.INVALID, f"{raw!r} is not a date.", name) from None


@dataclass(frozen=True)
class AccountFiguresParams:
    account_id: int

    def to_json(self) -> dict[str, Any]:
        return {"account_id": self.account_id}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> AccountFiguresParams:
        return cls(int(raw["account_id"]))


@dataclass(frozen=True)
class InvoicingParams:
    issue_date: date
    # None: every invoiceable order.
    sales_order_ids: tuple[int, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        ids = None if self.sales_order_ids is None else sorted(set(self.sales_order_ids))
        return {"issue_date": self.issue_date.isoformat(), "sales_order_ids": ids}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> InvoicingParams:
        ids = raw.get("sales_order_ids")
        return cls(
            _date(raw.get("issue_date"), "issue_date"),
            None if ids is None else tuple(int(i) for i in ids),
        )


@dataclass(frozen=True)
class MrpParams:
    as_of: date
    horizon_days: int = DEFAULT_HORIZON_DAYS

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "horizon_days": self.horizon_days}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> MrpParams:
        as_of = _date(raw["as_of"], "as_of") if raw.get("as_of") else today()
        return cls(as_of, check_horizon(int(raw.get("horizon_days", DEFAULT_HORIZON_DAYS))))


@dataclass(frozen=True)
class SlaEscalationParams:
    # None: the moment the run executes (the scheduled scan).
    as_of: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat() if self.as_of else None}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SlaEscalationParams:
        value = raw.get("as_of")
        return cls(datetime.fromisoformat(value) if value else None)


@dataclass(frozen=True)
class QuoteExpiryParams:
    # None: the day the run executes (the scheduled scan).
    as_of: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat() if self.as_of else None}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> QuoteExpiryParams:
        value = raw.get("as_of")
        return cls(_date(value, "as_of") if value else None)


@dataclass(frozen=True)
class ReminderScanParams:
    # None: the moment the run executes (the scheduled scan).
    as_of: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat() if self.as_of else None}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ReminderScanParams:
        value = raw.get("as_of")
        return cls(datetime.fromisoformat(value) if value else None)


@dataclass(frozen=True)
class ImportParams:
    # The stored file (domain.imports.models.DataImport) and, for display, what it is.
    import_id: int
    kind: str
    format: str
    dry_run: bool
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "kind": self.kind,
            "format": self.format,
            "dry_run": self.dry_run,
            "rows": self.rows,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ImportParams:
        return cls(
            int(raw["import_id"]),
            str(raw["kind"]),
            str(raw["format"]),
            bool(raw["dry_run"]),
            int(raw.get("rows", 0)),
        )


@dataclass(frozen=True)
class ExportParams:
    kind: str
    format: str
    # The list filter, in the domain's names (e.g. {"search": "acme"}).
    filter: dict[str, Any]
    # Only the bearer of this API token may fetch the file.
    api_token_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "format": self.format,
            "filter": self.filter,
            "api_token_id": self.api_token_id,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ExportParams:
        token = raw.get("api_token_id")
        return cls(
            str(raw["kind"]),
            str(raw["format"]),
            dict(raw.get("filter") or {}),
            None if token is None else int(token),
        )


Params = (
    AccountFiguresParams
    | InvoicingParams
    | MrpParams
    | SlaEscalationParams
    | QuoteExpiryParams
    | ReminderScanParams
    | ImportParams
    | ExportParams
)


async def _account_figures(run: JobRun) -> dict[str, Any]:
    return await compute_account_figures(AccountFiguresParams.from_json(run.params).account_id)


def _progress(run: JobRun) -> Callable[[int, int], Coroutine[Any, Any, None]]:
    async def progress(done: int, total: int) -> None:
        await report_progress(run, done, total)

    return progress


async def _invoicing(run: JobRun) -> dict[str, Any]:
    params = InvoicingParams.from_json(run.params)
    result = await run_invoicing(params.issue_date, params.sales_order_ids, _progress(run))
    return result.summary()


async def _mrp(run: JobRun) -> dict[str, Any]:
    params = MrpParams.from_json(run.params)
    mrp_run = await run_mrp(
        params.as_of, params.horizon_days, job_run_id=run.id, progress=_progress(run)
    )
    return {
        "mrp_run_id": mrp_run.id,
        "items_planned": mrp_run.items_planned,
        "exceptions": len(mrp_run.exceptions),
    }


async def _sla_escalation(run: JobRun) -> dict[str, Any]:
    as_of = SlaEscalationParams.from_json(run.params).as_of or utcnow()
    summary = await escalate_overdue_cases(as_of, on_progress=_progress(run))
    return summary.as_dict()


async def _quote_expiry(run: JobRun) -> dict[str, Any]:
    as_of = QuoteExpiryParams.from_json(run.params).as_of
    result = await expire_quotes(as_of, _progress(run))
    return result.summary()


async def _reminder_scan(run: JobRun) -> dict[str, Any]:
    as_of = ReminderScanParams.from_json(run.params).as_of or utcnow()
    summary = await scan_reminders(as_of, on_progress=_progress(run))
    return summary.as_dict()


async def _import(run: JobRun) -> dict[str, Any]:
    params = ImportParams.from_json(run.params)
    return await run_import(run.id, params.import_id, _progress(run))


async def _export(run: JobRun) -> dict[str, Any]:
    params = ExportParams.from_json(run.params)
    return await run_export(
        run.id,
        params.kind,
        params.format,
        params.filter,
        params.api_token_id,
        _progress(run),
    )


@dataclass(frozen=True)
class JobKindSpec:
    kind: JobKind
    params: type[Params]
    # The arq function name the worker registers for this kind.
    function: str
    body: Callable[[JobRun], Awaitable[dict[str, Any] | None]]
    # At most one run of the kind QUEUED or RUNNING at a time (§2 Single flight).
    single_flight: bool = False


KINDS: dict[JobKind, JobKindSpec] = {
    spec.kind: spec
    for spec in (
        JobKindSpec(
            JobKind.ACCOUNT_FIGURES,
            AccountFiguresParams,
            "refresh_account_figures",
            _account_figures,
        ),
        JobKindSpec(JobKind.INVOICING, InvoicingParams, "run_invoicing", _invoicing),
        JobKindSpec(JobKind.MRP, MrpParams, "run_mrp_job", _mrp, single_flight=True),
        JobKindSpec(
            JobKind.SLA_ESCALATION, SlaEscalationParams, "run_sla_escalation", _sla_escalation
        ),
        JobKindSpec(JobKind.QUOTE_EXPIRY, QuoteExpiryParams, "run_quote_expiry", _quote_expiry),
        JobKindSpec(
            JobKind.REMINDER_SCAN, ReminderScanParams, "run_reminder_scan", _reminder_scan
        ),
        JobKindSpec(JobKind.IMPORT, ImportParams, "run_import", _import),
        JobKindSpec(JobKind.EXPORT, ExportParams, "run_export", _export),
    )
}


def spec_of(kind: JobKind) -> JobKindSpec:
    return KINDS[kind]


async def start_job_run(
    kind: JobKind,
    params: Params,
    queue: JobQueuePort | None,
    *,
    requested_by: str | None = None,
    flight: str | None = None,
) -> JobRun:
    """Records a QUEUED run (committed before it is enqueued, so a worker always finds it)
    and puts it on the queue. A single-flight kind returns the run already QUEUED or
    RUNNING instead; `flight` gives a run a single-flight key of its own (the schedules
    use one, so a slow scan never piles up behind itself). Redis being down leaves the run
    QUEUED: the sweeper enqueues it once Redis answers."""
    spec = spec_of(kind)
    if not isinstance(params, spec.params):
        raise TypeError(f"{kind.value} takes {spec.params.__name__}, not {type(params).__name__}")
    key = flight or (kind.value if spec.single_flight else None)
    run, created = await queue_job_run(
        kind, params.to_json(), requested_by=requested_by, flight=key
    )
    if created:
        await dispatch_job_run(run, queue, spec.function)
    return run
