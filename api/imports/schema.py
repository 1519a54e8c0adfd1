"""Data in and out (§14): the upserts by external id, importRunStart and exportRunStart."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.accounts.types import Account, Contact
from api.catalog.types import Product
from api.errors import payload, perform
from api.imports.inputs import (
    AccountUpsertInput,
    ContactUpsertInput,
    LeadUpsertInput,
    ProductUpsertInput,
)
from api.imports.types import ExportRunStartInput, ImportRunStartInput, export_filter
from api.inputs import provided
from api.jobs.start import start_job
from api.jobs.types import JobRun
from api.pipeline.types import Lead
from api.relay import decode_id, to_node
from domain.exports.services import check_export
from domain.imports import upserts
from domain.imports.services import store_import
from domain.jobs.kinds import ExportParams, ImportParams
from domain.jobs.models import JobKind

CREATED = "True when the upsert created the record, false when it found it; null when refused."


@payload("account", Account)
class AccountUpsertPayload:
    created: bool | None = strawberry.field(default=None, description=CREATED)


@payload("contact", Contact)
class ContactUpsertPayload:
    created: bool | None = strawberry.field(default=None, description=CREATED)


@payload("product", Product)
class ProductUpsertPayload:
    created: bool | None = strawberry.field(default=None, description=CREATED)


@payload("lead", Lead)
class LeadUpsertPayload:
    created: bool | None = strawberry.field(default=None, description=CREATED)


@payload(
    "job_run",
    JobRun,
    key_description="The QUEUED IMPORT run; its `importRows` and `result` "
    "(`{created updated unchanged failed}`) fill as it goes. Null when the file is refused.",
)
class ImportRunStartPayload: ...


@payload(
    "job_run",
    JobRun,
    key_description="The QUEUED EXPORT run; once SUCCEEDED its `result.url` is the file's path "
    "(`/exports/<token>`), for the token that started it, for 1 hour.",
)
class ExportRunStartPayload: ...


async def _upsert(
    payload_type: Any,
    key: str,
    call: Callable[[], Awaitable[upserts.Upserted[Any]]],
    present: Callable[[Any], Any],
) -> Any:
    created: list[bool] = []

    async def run() -> Any:
        upserted = await call()
        created.append(upserted.created)
        return upserted.record

    result = await perform(payload_type, key, run, present)
    result.created = created[-1] if created and result.errors == [] else None
    return result


def _contact_fields(input: ContactUpsertInput) -> dict[str, Any]:
    fields = provided(input, exclude=())
    if fields.get("account_id") is not None:
        fields["account_id"] = decode_id(fields["account_id"], "Account", "account_id")
    return fields


async def _start_import(info: Info, input: ImportRunStartInput) -> Any:
    data = await store_import(input.kind, input.format, input.content, input.dry_run)
    params = ImportParams(
        data.id, data.kind.value, data.format.value, data.dry_run, data.total_rows
    )
    return await start_job(info, JobKind.IMPORT, params)


async def _start_export(info: Info, input: ExportRunStartInput) -> Any:
    flt = export_filter(input.filter)
    check_export(input.kind.value, input.format.value, flt)
    principal = info.context.principal
    params = ExportParams(
        input.kind.value, input.format.value, flt, None if principal is None else principal.id
    )
    return await start_job(info, JobKind.EXPORT, params)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates or changes the account with this externalId (§14); repeating it "
        "changes nothing and records no event (ADMIN, SALES, FINANCE, INTEGRATION)."
    )
    async def account_upsert(
        self,
        input: Annotated[AccountUpsertInput, strawberry.argument(description="The account.")],
    ) -> AccountUpsertPayload:
        return await _upsert(
            AccountUpsertPayload,
            "account",
            lambda: upserts.upsert_account(provided(input, exclude=())),
            Account.from_model,
        )

    @strawberry.mutation(
        description="Creates or changes the contact with this externalId (§14); repeating it "
        "changes nothing (ADMIN, SALES, SERVICE, FINANCE, INTEGRATION)."
    )
    async def contact_upsert(
        self,
        input: Annotated[ContactUpsertInput, strawberry.argument(description="The contact.")],
    ) -> ContactUpsertPayload:
        return await _upsert(
            ContactUpsertPayload,
            "contact",
            lambda: upserts.upsert_contact(_contact_fields(input)),
            Contact.from_model,
        )

    @strawberry.mutation(
        description="Creates or changes the product with this externalId, else this sku (§14); "
        "repeating it changes nothing (ADMIN, OPERATIONS, INTEGRATION)."
    )
    async def product_upsert(
        self,
        input: Annotated[ProductUpsertInput, strawberry.argument(description="The product.")],
    ) -> ProductUpsertPayload:
        return await _upsert(
            ProductUpsertPayload,
            "product",
            lambda: upserts.upsert_product(provided(input, exclude=())),
            Product.from_model,
        )

    @strawberry.mutation(
        description="Creates or changes the lead with this externalId (§14); repeating it "
        "changes nothing and records no event (ADMIN, SALES)."
    )
    async def lead_upsert(
        self,
        input: Annotated[LeadUpsertInput, strawberry.argument(description="The lead.")],
    ) -> LeadUpsertPayload:
        return await _upsert(
            LeadUpsertPayload,
            "lead",
            lambda: upserts.upsert_lead(provided(input, exclude=())),
            Lead.from_model,
        )

    @strawberry.mutation(
        description="Imports a CSV or JSONL file in a worker (JobRun kind IMPORT, §14): rows "
        "upsert by externalId (products: else sku) in batches, each row whole or not at all; "
        "a dry run writes nothing. import_run.completed fires at the end (ADMIN, INTEGRATION)."
    )
    async def import_run_start(
        self,
        info: Info,
        input: Annotated[ImportRunStartInput, strawberry.argument(description="The file.")],
    ) -> ImportRunStartPayload:
        return await perform(
            ImportRunStartPayload, "job_run", lambda: _start_import(info, input), to_node
        )

    @strawberry.mutation(
        description="Exports a kind's records as CSV or JSONL in a worker (JobRun kind EXPORT, "
        "§14), in the columns of its import, so the file imports back as all UNCHANGED "
        "(ADMIN, INTEGRATION)."
    )
    async def export_run_start(
        self,
        info: Info,
        input: Annotated[ExportRunStartInput, strawberry.argument(description="The export.")],
    ) -> ExportRunStartPayload:
        return await perform(
            ExportRunStartPayload, "job_run", lambda: _start_export(info, input), to_node
        )
