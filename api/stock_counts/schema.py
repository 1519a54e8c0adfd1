"""Queries and mutations of blind cycle counts (§15)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth import has_role
from api.errors import MutationInput, perform
from api.relay import After, Before, Connection, First, Last, decode_id, node_by_global_id, paginate
from api.stock_counts.inputs import (
    StockCountCancelInput,
    StockCountFilter,
    StockCountPostInput,
    StockCountRecordInput,
    StockCountStartInput,
)
from api.stock_counts.types import (
    StockCount,
    StockCountCancelPayload,
    StockCountPostPayload,
    StockCountRecordPayload,
    StockCountStartPayload,
)
from domain.auth.models import Role
from domain.stock_counts import services

# Who may post a count worth more than the threshold (§15).
APPROVERS = (Role.ADMIN, Role.FINANCE)


@strawberry.type
class Query:
    @strawberry.field(description="One stock count by its id; null when there is none.")
    async def stock_count(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A StockCount id.")],
    ) -> StockCount | None:
        return await node_by_global_id(StockCount, info, id)

    @strawberry.field(description="The stock counts, newest first.")
    async def stock_counts(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            StockCountFilter | None, strawberry.argument(description="Only these counts.")
        ] = None,
    ) -> Connection[StockCount]:
        return await paginate(
            services.list_stock_counts((filter or StockCountFilter()).query()),
            StockCount.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=("-id",),
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Starts a blind count of a warehouse (§15): snapshots the system quantity "
        "of its products. A warehouse with a count still COUNTING → INVALID."
    )
    async def stock_count_start(
        self, input: MutationInput[StockCountStartInput]
    ) -> StockCountStartPayload:
        async def start() -> Any:
            product_ids = (
                None
                if input.product_ids is None
                else [
                    decode_id(pid, "Product", ("product_ids", str(index)))
                    for index, pid in enumerate(input.product_ids)
                ]
            )
            return await services.start_stock_count(
                decode_id(input.warehouse_id, "Warehouse", "warehouse_id"), product_ids
            )

        return await perform(StockCountStartPayload, "stock_count", start, StockCount.from_model)

    @strawberry.mutation(
        description="Records counted quantities on a COUNTING count; a POSTED one → "
        "ALREADY_PROCESSED."
    )
    async def stock_count_record(
        self, input: MutationInput[StockCountRecordInput]
    ) -> StockCountRecordPayload:
        async def record() -> Any:
            drafts = [
                services.CountLineDraft(
                    product_id=decode_id(
                        line.product_id, "Product", ("lines", str(index), "product_id")
                    ),
                    counted_quantity=line.counted_quantity,
                    lot_id=None
                    if line.lot_id is None
                    else decode_id(line.lot_id, "Lot", ("lines", str(index), "lot_id")),
                )
                for index, line in enumerate(input.lines)
            ]
            return await services.record_stock_count(decode_id(input.id, "StockCount"), drafts)

        return await perform(StockCountRecordPayload, "stock_count", record, StockCount.from_model)

    @strawberry.mutation(
        description="Posts a count (§15): each counted line's variance = counted − (snapshot "
        "+ net moves since) becomes a stock move, and its value at standard cost Dr/Cr 1300 "
        "against 5100. Worth more than 500.00 (Σ |value|) → APPROVAL_REQUIRED unless ADMIN or "
        "FINANCE; posting twice → ALREADY_PROCESSED. Fires `stock_count.posted`."
    )
    async def stock_count_post(
        self, info: Info, input: MutationInput[StockCountPostInput]
    ) -> StockCountPostPayload:
        may_approve = has_role(info, *APPROVERS)
        return await perform(
            StockCountPostPayload,
            "stock_count",
            lambda: services.post_stock_count(
                decode_id(input.id, "StockCount"), may_approve=may_approve
            ),
            StockCount.from_model,
        )

    @strawberry.mutation(
        description="Drops a COUNTING count without changing stock; a POSTED one → "
        "ALREADY_PROCESSED."
    )
    async def stock_count_cancel(
        self, input: MutationInput[StockCountCancelInput]
    ) -> StockCountCancelPayload:
        return await perform(
            StockCountCancelPayload,
            "stock_count",
            lambda: services.cancel_stock_count(decode_id(input.id, "StockCount")),
            StockCount.from_model,
        )
