"""Queries and mutations of customer returns (RMA, §15)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.errors import MutationInput, perform
from api.relay import After, Before, Connection, First, Last, decode_id, node_by_global_id, paginate
from api.returns.inputs import (
    ReturnCancelInput,
    ReturnCreateInput,
    ReturnFilter,
    ReturnReceiveInput,
)
from api.returns.types import Return, ReturnCancelPayload, ReturnCreatePayload, ReturnReceivePayload
from domain.returns import services


@strawberry.type
class Query:
    @strawberry.field(name="return", description="One return by its id; null when there is none.")
    async def return_(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Return id.")],
    ) -> Return | None:
        return await node_by_global_id(Return, info, id)

    @strawberry.field(description="The customer returns, newest first.")
    async def returns(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ReturnFilter | None, strawberry.argument(description="Only these returns.")
        ] = None,
    ) -> Connection[Return]:
        return await paginate(
            services.list_returns((filter or ReturnFilter()).query()),
            Return.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-id",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Authorizes a customer return of shipped goods (§15): never more of a line "
        "than shipped − already returned by AUTHORIZED or RECEIVED returns (INVALID)."
    )
    async def return_create(self, input: MutationInput[ReturnCreateInput]) -> ReturnCreatePayload:
        async def create() -> Any:
            drafts = [
                services.ReturnLineDraft(
                    line_id=decode_id(line.line_id, "SalesOrderLine", ("lines", str(i), "line_id")),
                    quantity=line.quantity,
                    restock=line.restock,
                    lot_code=line.lot_code,
                )
                for i, line in enumerate(input.lines)
            ]
            return await services.create_return(
                decode_id(input.sales_order_id, "SalesOrder", "sales_order_id"), drafts
            )

        return await perform(ReturnCreatePayload, "return_", create, Return.from_model)

    @strawberry.mutation(
        description="Receives an AUTHORIZED return (§15): restocked lines go back into the "
        "warehouse at standard cost (Dr 1300 / Cr 5000), and the invoiced part of the returned "
        "quantity is credited by creditNoteCreate's rules (§5.4). Fires `return.received`; "
        "receiving twice → ALREADY_PROCESSED."
    )
    async def return_receive(
        self, input: MutationInput[ReturnReceiveInput]
    ) -> ReturnReceivePayload:
        async def receive() -> Any:
            warehouse_id = (
                None
                if input.warehouse_id is None
                else decode_id(input.warehouse_id, "Warehouse", "warehouse_id")
            )
            return await services.receive_return(decode_id(input.id, "Return"), warehouse_id)

        return await perform(ReturnReceivePayload, "return_", receive, Return.from_model)

    @strawberry.mutation(description="Drops an AUTHORIZED return; nothing moves.")
    async def return_cancel(self, input: MutationInput[ReturnCancelInput]) -> ReturnCancelPayload:
        return await perform(
            ReturnCancelPayload,
            "return_",
            lambda: services.cancel_return(decode_id(input.id, "Return")),
            Return.from_model,
        )
