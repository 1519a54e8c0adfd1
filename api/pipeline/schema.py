"""Queries and mutations of leads, opportunities and the forecast (contract §4.1)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.errors import perform, user_input_error
from api.inputs import provided
from api.pipeline.enums import PipelineForecastGroupBy
from api.pipeline.types import (
    ForecastBucket,
    Lead,
    LeadConvertInput,
    LeadConvertPayload,
    LeadCreateInput,
    LeadCreatePayload,
    LeadFilter,
    LeadOrder,
    LeadUpdateInput,
    LeadUpdatePayload,
    Opportunity,
    OpportunityCreateInput,
    OpportunityCreatePayload,
    OpportunityFilter,
    OpportunityLineInput,
    OpportunityMarkLostInput,
    OpportunityMarkLostPayload,
    OpportunityMarkWonInput,
    OpportunityMarkWonPayload,
    OpportunityMoveStageInput,
    OpportunityMoveStagePayload,
    OpportunityOrder,
    OpportunityUpdateInput,
    OpportunityUpdatePayload,
)
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from api.scalars import money
from domain.errors import DomainError
from domain.pipeline import services
from domain.pipeline.forecast import ForecastGroup, pipeline_forecast
from domain.pipeline.handover import win_opportunity


def _line_path(index: int, field: str) -> Any:
    """The error path of a line's field, e.g. ["lines", "0", "productId"]."""
    return ("lines", str(index), field)


def _lines(lines: list[OpportunityLineInput] | None) -> list[dict[str, Any]] | None:
    if lines is None:
        return None
    return [
        {
            "product_id": decode_id(line.product_id, "Product", _line_path(i, "product_id")),
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "discount_percent": line.discount_percent,
            "description": line.description,
        }
        for i, line in enumerate(lines)
    ]


def _opportunity_fields(data: Any) -> dict[str, Any]:
    fields = provided(data, exclude=("id", "stage", "probability", "lines", "account_id"))
    account_id = getattr(data, "account_id", strawberry.UNSET)
    if account_id is not strawberry.UNSET:
        fields["account_id"] = (
            None if account_id is None else decode_id(account_id, "Account", "account_id")
        )
    if data.lines is not strawberry.UNSET:
        fields["lines"] = _lines(data.lines) or []
    return fields


@strawberry.type
class Query:
    @strawberry.field
    async def lead(self, info: Info, id: strawberry.ID) -> Lead | None:
        return await node_by_global_id(Lead, info, id)

    @strawberry.field
    async def leads(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: LeadFilter | None = None,
        order_by: LeadOrder | None = None,
    ) -> Connection[Lead]:
        flt = filter or LeadFilter()
        queryset = services.list_leads(
            services.LeadFilter(search=flt.search, status=flt.status, source=flt.source)
        )
        order = (
            order_fields(order_by.field.value, order_by.direction) if order_by else ("-created_at",)
        )
        return await paginate(
            queryset,
            Lead.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity | None:
        return await node_by_global_id(Opportunity, info, id)

    @strawberry.field
    async def opportunities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: OpportunityFilter | None = None,
        order_by: OpportunityOrder | None = None,
    ) -> Connection[Opportunity]:
        flt = filter or OpportunityFilter()
        account_id = None
        if flt.account_id is not None:
            try:
                account_id = decode_id(flt.account_id, "Account", "account_id")
            except DomainError as error:
                raise user_input_error(error.message) from None
        queryset = services.list_opportunities(
            services.OpportunityFilter(
                account_id=account_id,
                stage=flt.stage,
                status=flt.status,
                owner=flt.owner,
                expected_close_from=flt.expected_close_from,
                expected_close_to=flt.expected_close_to,
                search=flt.search,
            )
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("id",)
        return await paginate(
            queryset,
            Opportunity.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field(
        description="OPEN opportunities expected to close in [from, to], bucketed; each deal's "
        "weighted amount is rounded half-up to cents before summing.",
    )
    async def pipeline_forecast(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        group_by: PipelineForecastGroupBy = ForecastGroup.MONTH,  # type: ignore[valid-type]
    ) -> list[ForecastBucket]:
        try:
            buckets = await pipeline_forecast(from_, to, ForecastGroup(group_by))
        except DomainError as error:
            raise user_input_error(error.message) from None
        currency = info.context.settings.currency
        return [
            ForecastBucket(
                key=b.key,
                count=b.count,
                amount=money(b.amount, currency),  # type: ignore[arg-type]
                weighted_amount=money(b.weighted_amount, currency),  # type: ignore[arg-type]
            )
            for b in buckets
        ]


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def lead_create(self, input: LeadCreateInput) -> LeadCreatePayload:
        return await perform(
            LeadCreatePayload,
            "lead",
            lambda: services.create_lead(provided(input)),
            Lead.from_model,
        )

    @strawberry.mutation
    async def lead_update(self, input: LeadUpdateInput) -> LeadUpdatePayload:
        return await perform(
            LeadUpdatePayload,
            "lead",
            lambda: services.update_lead(decode_id(input.id, "Lead"), provided(input)),
            Lead.from_model,
        )

    @strawberry.mutation
    async def lead_convert(self, input: LeadConvertInput) -> LeadConvertPayload:
        return await perform(
            LeadConvertPayload,
            "lead",
            lambda: services.convert_lead(
                decode_id(input.lead_id, "Lead", "lead_id"),
                account_id=(
                    None
                    if input.account_id is None
                    else decode_id(input.account_id, "Account", "account_id")
                ),
                opportunity_name=input.opportunity_name,
                amount=input.amount,
            ),
            Lead.from_model,
        )

    @strawberry.mutation
    async def opportunity_create(self, input: OpportunityCreateInput) -> OpportunityCreatePayload:
        return await perform(
            OpportunityCreatePayload,
            "opportunity",
            lambda: services.create_opportunity(
                _opportunity_fields(input), stage=input.stage, probability=input.probability
            ),
            Opportunity.from_model,
        )

    @strawberry.mutation
    async def opportunity_update(self, input: OpportunityUpdateInput) -> OpportunityUpdatePayload:
        return await perform(
            OpportunityUpdatePayload,
            "opportunity",
            lambda: services.update_opportunity(
                decode_id(input.id, "Opportunity"), _opportunity_fields(input)
            ),
            Opportunity.from_model,
        )

    @strawberry.mutation
    async def opportunity_move_stage(
        self, input: OpportunityMoveStageInput
    ) -> OpportunityMoveStagePayload:
        return await perform(
            OpportunityMoveStagePayload,
            "opportunity",
            lambda: services.move_opportunity_stage(
                decode_id(input.id, "Opportunity"), input.stage, input.probability
            ),
            Opportunity.from_model,
        )

    @strawberry.mutation(
        description="The handover: WON, the account becomes CUSTOMER, and a DRAFT sales order "
        "is created from the lines at the deal's prices. Repeating it returns the same order.",
    )
    async def opportunity_mark_won(
        self, input: OpportunityMarkWonInput
    ) -> OpportunityMarkWonPayload:
        return await perform(
            OpportunityMarkWonPayload,
            "opportunity",
            lambda: win_opportunity(decode_id(input.id, "Opportunity"), input.requested_date),
            Opportunity.from_model,
        )

    @strawberry.mutation
    async def opportunity_mark_lost(
        self, input: OpportunityMarkLostInput
    ) -> OpportunityMarkLostPayload:
        return await perform(
            OpportunityMarkLostPayload,
            "opportunity",
            lambda: services.lose_opportunity(decode_id(input.id, "Opportunity"), input.reason),
            Opportunity.from_model,
        )
