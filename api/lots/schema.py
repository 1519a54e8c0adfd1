"""Queries and mutations of lots (§15): the list, traces both ways, recall."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.errors import MutationInput, user_errors
from api.lots.enums import TraceDirection
from api.lots.inputs import LotFilter, LotRecallInput
from api.lots.types import Lot, LotRecallPayload, LotTrace
from api.relay import After, Before, Connection, First, Last, decode_id, node_by_global_id, paginate
from domain.errors import DomainError
from domain.lots import services


@strawberry.type
class Query:
    @strawberry.field(description="One lot by its id; null when there is none.")
    async def lot(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Lot id.")],
    ) -> Lot | None:
        return await node_by_global_id(Lot, info, id)

    @strawberry.field(description="The lots, empty ones too, in the order they came in.")
    async def lots(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            LotFilter | None, strawberry.argument(description="Only these lots.")
        ] = None,
    ) -> Connection[Lot]:
        return await paginate(
            services.list_lots((filter or LotFilter()).query()),
            Lot.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("id",),
        )

    @strawberry.field(
        description="Where a lot went (FORWARD: to customers, through the work orders that "
        "consumed it) or came from (BACKWARD: from suppliers, through the work orders that "
        "made it); null for an unknown lot."
    )
    async def lot_trace(
        self,
        lot_id: Annotated[strawberry.ID, strawberry.argument(description="The Lot traced.")],
        direction: Annotated[
            TraceDirection, strawberry.argument(description="FORWARD or BACKWARD.")
        ],
    ) -> LotTrace | None:
        try:
            trace = await services.trace_lot(decode_id(lot_id, "Lot", "lot_id"), direction)
        except DomainError:
            return None
        return LotTrace(record=trace)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Recalls a lot (§15): fires `lot.recalled` with the customers of its "
        "FORWARD trace, `{lotId, accountIds}`."
    )
    async def lot_recall(self, input: MutationInput[LotRecallInput]) -> LotRecallPayload:
        try:
            trace = await services.recall_lot(decode_id(input.lot_id, "Lot", "lot_id"))
        except DomainError as error:
            return LotRecallPayload(lot=None, trace=None, errors=user_errors(error))
        return LotRecallPayload(
            lot=Lot.from_model(trace.lot), trace=LotTrace(record=trace), errors=[]
        )
