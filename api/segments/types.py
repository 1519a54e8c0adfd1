"""GraphQL types of segments: saved rules over accounts, members evaluated when read (§13)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.types import Account, AccountOrder
from api.errors import payload
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    order_fields,
    paginate,
    to_optional_node,
)
from api.scalars import Money, money
from api.users.loaders import UserByIdLoader
from domain.accounts.models import Lifecycle
from domain.global_ids import global_id
from domain.segments import models
from domain.segments.rules import SegmentRules as Rules
from domain.segments.rules import rules_of
from domain.segments.services import segment_members
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.users.types import User

REVENUE = (
    "Lifetime revenue as Account.lifetimeRevenue sums it (invoiced net of tax minus credit "
    "notes), in the installation (base) currency: each document at its invoice's booked rate"
)


@strawberry.type(
    description="The rules of a segment (§13): an account belongs when every rule given holds; "
    "a rule that is null does not apply. Archived accounts never belong."
)
class SegmentRules:
    rules: strawberry.Private[Rules]

    @strawberry.field(description="Only accounts in this lifecycle.")
    def lifecycle(self) -> Lifecycle | None:
        return self.rules.lifecycle

    @strawberry.field(description="Only accounts of this tier, ignoring letter case.")
    def tier(self) -> str | None:
        return self.rules.tier

    @strawberry.field(description="Only accounts of this industry, ignoring letter case.")
    def industry(self) -> str | None:
        return self.rules.industry

    @strawberry.field(description="Only accounts this user owns (a User id).")
    def owner_id(self) -> strawberry.ID | None:
        owner = self.rules.owner_id
        return None if owner is None else strawberry.ID(global_id("User", owner))

    @strawberry.field(description="The user of ownerId.")
    async def owner(self, info: Info) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.rules.owner_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.rules.owner_id)
        return to_optional_node(row)

    @strawberry.field(description=f"{REVENUE}, at least this (inclusive).")
    def min_lifetime_revenue(self) -> Money | None:
        return money(self.rules.min_lifetime_revenue, get_settings().currency)

    @strawberry.field(description=f"{REVENUE}, at most this (inclusive).")
    def max_lifetime_revenue(self) -> Money | None:
        return money(self.rules.max_lifetime_revenue, get_settings().currency)

    @strawberry.field(
        description="Only accounts whose last order (the latest confirmation day, UTC, of an "
        "order not cancelled) is strictly before this day; accounts that never ordered do "
        "not match."
    )
    def last_order_before(self) -> date | None:
        return self.rules.last_order_before

    @strawberry.field(
        description="Only accounts whose last order is strictly after this day (an order "
        "confirmed on a later day, not cancelled)."
    )
    def last_order_after(self) -> date | None:
        return self.rules.last_order_after

    @strawberry.field(
        description="true: only accounts with a case NEW, OPEN or WAITING_ON_CUSTOMER; false: "
        "only accounts without one."
    )
    def has_open_cases(self) -> bool | None:
        return self.rules.has_open_cases


@strawberry.type(
    description="A saved segment of accounts (§13): a name and rules; its members are "
    "evaluated when read, by one SQL query per page and one for the count. Readable by "
    "ADMIN, SALES, FINANCE and READONLY (its rules may filter on revenue); ADMIN and SALES "
    "manage them."
)
class Segment(ModelNode):
    model_class = models.Segment

    id: strawberry.relay.NodeID[int]
    name: str = strawberry.field(description="Unique, at most 120 characters.")

    @strawberry.field(description="Which accounts belong.")
    def rules(self) -> SegmentRules:
        return SegmentRules(rules=rules_of(self.record.rules))

    @strawberry.field(
        description="The accounts the rules select now, by name unless `orderBy` says "
        "otherwise: one SQL query per page."
    )
    async def accounts(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        order_by: Annotated[
            AccountOrder | None, strawberry.argument(description="The sort; default: by name.")
        ] = None,
    ) -> Connection[Account]:
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
        return await paginate(
            segment_members(self.record),
            Account.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field(description="How many accounts the rules select now: one SQL query.")
    async def count(self) -> int:
        return await segment_members(self.record).count()

    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")


RULES_INPUT = (
    "The rules, one JSON object whose keys are those of SegmentRules: lifecycle (PROSPECT, "
    "CUSTOMER or FORMER), tier, industry, ownerId (a User id), minLifetimeRevenue, "
    "maxLifetimeRevenue (amounts as strings or numbers, at most 2 decimals), lastOrderBefore, "
    "lastOrderAfter (YYYY-MM-DD) and hasOpenCases (true or false). Every rule given must hold; "
    "leave one out (or null) for no condition; {} selects every active account. An unknown "
    "key, a malformed value, a minimum above its maximum, or lastOrderAfter not before "
    "lastOrderBefore is INVALID (field [\"rules\", <key>])."
)


@strawberry.input(description="A new segment (segmentCreate).")
class SegmentCreateInput:
    name: str = strawberry.field(
        description="Unique (DUPLICATE otherwise), at most 120 characters; blank is REQUIRED."
    )
    rules: JSON = strawberry.field(description=RULES_INPUT)


@strawberry.input(description="Changes to a segment (segmentUpdate): only the fields given.")
class SegmentUpdateInput:
    id: strawberry.ID = strawberry.field(description="The segment (a Segment id).")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new unique name.")
    rules: JSON | None = strawberry.field(
        default=strawberry.UNSET,
        description="Replaces the rules whole (a rule left out no longer applies). "
        + RULES_INPUT,
    )


@strawberry.input(description="The segment to delete (segmentDelete).")
class SegmentDeleteInput:
    id: strawberry.ID = strawberry.field(description="The segment (a Segment id).")


@payload("segment", Segment, key_description="The new segment; null when refused.")
class SegmentCreatePayload: ...


@payload("segment", Segment, key_description="The segment as changed; null when refused.")
class SegmentUpdatePayload: ...


@payload(
    "segment",
    Segment,
    key_description="The segment as it was before it was deleted; null when refused.",
)
class SegmentDeletePayload: ...
