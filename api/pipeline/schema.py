"""Queries and mutations of leads, opportunities and the forecast (contract §4.1)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.errors import perform, user_input_error
from api.inputs import provided
from api.pipeline.enums import ForecastGroup
from api.pipeline.inputs import (
    LeadConvertInput,
    LeadCreateInput,
    LeadFilter,
    LeadOrder,
    LeadUpdateInput,
    OpportunityCreateInput,
    OpportunityFilter,
    OpportunityLineInput,
    OpportunityMarkLostInput,
    OpportunityMarkWonInput,
    OpportunityMoveStageInput,
    OpportunityOrder,
    OpportunityUpdateInput,
    lead_filter,
    lead_order,
    opportunity_filter,
    opportunity_order,
)
from api.pipeline.types import (
    ForecastBucket,
    Lead,
    LeadConvertPayload,
    LeadCreatePayload,
    LeadUpdatePayload,
    Opportunity,
    OpportunityCreatePayload,
    OpportunityMarkLostPayload,
    OpportunityMarkWonPayload,
    OpportunityMoveStagePayload,
    OpportunityUpdatePayload,
)
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    node_by_global_id,
    paginate,
)
from api.scalars import money
from domain.errors import DomainError
from domain.pipeline import services
from domain.pipeline.forecast import pipeline_forecast
from domain.pipeline.handover import win_opportunity

NodeId = Annotated[strawberry.ID, strawberry.argument(description="The object's global id.")]
LeadCreateInputArg = Annotated[
    LeadCreateInput, strawberry.argument(description="The lead's fields.")
]
LeadUpdateInputArg = Annotated[
    LeadUpdateInput, strawberry.argument(description="The lead and the fields to change.")
]
LeadConvertInputArg = Annotated[
    LeadConvertInput, strawberry.argument(description="The lead and what to convert it into.")
]
OpportunityCreateInputArg = Annotated[
    OpportunityCreateInput, strawberry.argument(description="The new deal's fields and lines.")
]
OpportunityUpdateInputArg = Annotated[
    OpportunityUpdateInput, strawberry.argument(description="The deal and the fields to change.")
]
OpportunityMoveStageInputArg = Annotated[
    OpportunityMoveStageInput, strawberry.argument(description="The deal and its new stage.")
]
OpportunityMarkWonInputArg = Annotated[
    OpportunityMarkWonInput, strawberry.argument(description="The deal to win.")
]
OpportunityMarkLostInputArg = Annotated[
    OpportunityMarkLostInput, strawberry.argument(description="The deal to lose and why.")
]


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


def _references(fields: dict[str, Any]) -> dict[str, Any]:
    """ownerId and campaignId as database ids (§13)."""
    if fields.get("owner_id") is not None:
        fields["owner_id"] = decode_id(fields["owner_id"], "User", "owner_id")
    if fields.get("campaign_id") is not None:
        fields["campaign_id"] = decode_id(fields["campaign_id"], "Campaign", "campaign_id")
    return fields


def _lead_fields(data: LeadCreateInput | LeadUpdateInput) -> dict[str, Any]:
    return _references(provided(data))


def _opportunity_fields(data: OpportunityCreateInput | OpportunityUpdateInput) -> dict[str, Any]:
    fields = _references(
        provided(data, exclude=("id", "stage", "probability", "lines", "account_id"))
    )
    if data.account_id is not strawberry.UNSET:
        fields["account_id"] = (
            None if data.account_id is None else decode_id(data.account_id, "Account", "account_id")
        )
    if data.lines is not strawberry.UNSET:
        fields["lines"] = _lines(data.lines) or []
    return fields


@strawberry.type
class Query:
    @strawberry.field(description="A lead by its global id; null when there is none.")
    async def lead(self, info: Info, id: NodeId) -> Lead | None:
        return await node_by_global_id(Lead, info, id)

    @strawberry.field(description="Leads, newest first unless orderBy says otherwise.")
    async def leads(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            LeadFilter | None, strawberry.argument(description="Which leads; all by default.")
        ] = None,
        order_by: Annotated[
            LeadOrder | None, strawberry.argument(description="Default: CREATED_AT DESC.")
        ] = None,
    ) -> Connection[Lead]:
        return await paginate(
            services.list_leads(lead_filter(filter)),
            Lead.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=lead_order(order_by),
        )

    @strawberry.field(description="An opportunity by its global id; null when there is none.")
    async def opportunity(self, info: Info, id: NodeId) -> Opportunity | None:
        return await node_by_global_id(Opportunity, info, id)

    @strawberry.field(description="Opportunities, oldest first unless orderBy says otherwise.")
    async def opportunities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            OpportunityFilter | None,
            strawberry.argument(description="Which opportunities; all by default."),
        ] = None,
        order_by: Annotated[
            OpportunityOrder | None, strawberry.argument(description="Default: by creation.")
        ] = None,
    ) -> Connection[Opportunity]:
        return await paginate(
            services.list_opportunities(opportunity_filter(filter)),
            Opportunity.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=opportunity_order(order_by),
        )

    @strawberry.field(
        description="OPEN opportunities expected to close in [from, to], bucketed (§4.1); each "
        "deal's weighted amount is rounded half-up to cents before summing. Amounts in the "
        "installation currency. `from` after `to` → BAD_USER_INPUT.",
    )
    async def pipeline_forecast(
        self,
        info: Info,
        from_: Annotated[
            date, strawberry.argument(name="from", description="The first close date counted.")
        ],
        to: Annotated[date, strawberry.argument(description="The last close date counted.")],
        group_by: Annotated[
            ForecastGroup, strawberry.argument(description="The buckets; MONTH by default.")
        ] = ForecastGroup.MONTH,
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
                amount=money(b.amount, currency),
                weighted_amount=money(b.weighted_amount, currency),
            )
            for b in buckets
        ]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Captures a lead by hand (web forms use POST /hooks/leads).")
    async def lead_create(self, input: LeadCreateInputArg) -> LeadCreatePayload:
        return await perform(
            LeadCreatePayload,
            "lead",
            lambda: services.create_lead(_lead_fields(input)),
            Lead.from_model,
        )

    @strawberry.mutation(description="Edits, qualifies or disqualifies a lead.")
    async def lead_update(self, input: LeadUpdateInputArg) -> LeadUpdatePayload:
        return await perform(
            LeadUpdatePayload,
            "lead",
            lambda: services.update_lead(decode_id(input.id, "Lead"), _lead_fields(input)),
            Lead.from_model,
        )

    @strawberry.mutation(
        description="Converts a lead into an account (given, found by the lead's email among "
        "contacts, or new), a contact and, when opportunityName is given, an opportunity — in "
        "one transaction (§4.1). Converting twice → ALREADY_PROCESSED.",
    )
    async def lead_convert(self, input: LeadConvertInputArg) -> LeadConvertPayload:
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

    @strawberry.mutation(description="Opens a deal on an account, with or without lines.")
    async def opportunity_create(
        self, input: OpportunityCreateInputArg
    ) -> OpportunityCreatePayload:
        return await perform(
            OpportunityCreatePayload,
            "opportunity",
            lambda: services.create_opportunity(
                _opportunity_fields(input), stage=input.stage, probability=input.probability
            ),
            Opportunity.from_model,
        )

    @strawberry.mutation(description="Edits an OPEN deal; a WON or LOST one → INVALID_TRANSITION.")
    async def opportunity_update(
        self, input: OpportunityUpdateInputArg
    ) -> OpportunityUpdatePayload:
        return await perform(
            OpportunityUpdatePayload,
            "opportunity",
            lambda: services.update_opportunity(
                decode_id(input.id, "Opportunity"), _opportunity_fields(input)
            ),
            Opportunity.from_model,
        )

    @strawberry.mutation(
        description="Moves an OPEN deal to another open stage; moving to its own stage "
        "changes nothing.",
    )
    async def opportunity_move_stage(
        self, input: OpportunityMoveStageInputArg
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
        description="The handover (§4.1), in one transaction: WON, the account becomes "
        "CUSTOMER, and a DRAFT sales order is created with the deal's lines at the deal's "
        "prices — with no lines for a deal closed on an amount alone. Repeating it returns "
        "the same order and changes nothing.",
    )
    async def opportunity_mark_won(
        self, input: OpportunityMarkWonInputArg
    ) -> OpportunityMarkWonPayload:
        return await perform(
            OpportunityMarkWonPayload,
            "opportunity",
            lambda: win_opportunity(decode_id(input.id, "Opportunity"), input.requested_date),
            Opportunity.from_model,
        )

    @strawberry.mutation(description="Marks an OPEN deal LOST with its reason.")
    async def opportunity_mark_lost(
        self, input: OpportunityMarkLostInputArg
    ) -> OpportunityMarkLostPayload:
        return await perform(
            OpportunityMarkLostPayload,
            "opportunity",
            lambda: services.lose_opportunity(decode_id(input.id, "Opportunity"), input.reason),
            Opportunity.from_model,
        )
