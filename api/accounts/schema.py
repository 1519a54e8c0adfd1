"""Queries and mutations of accounts and contacts (contract §3)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from api.accounts.types import (
    Account,
    AccountArchiveInput,
    AccountArchivePayload,
    AccountCreateInput,
    AccountCreatePayload,
    AccountFilter,
    AccountOrder,
    AccountUpdateInput,
    AccountUpdatePayload,
    Contact,
    ContactCreateInput,
    ContactCreatePayload,
    ContactUpdateInput,
    ContactUpdatePayload,
)
from api.errors import perform
from api.inputs import provided
from api.relay import Connection, decode_id, node_by_global_id, order_fields, paginate
from domain.accounts import services


def _account_fields(input: AccountCreateInput | AccountUpdateInput) -> dict[str, Any]:
    fields = provided(input)
    if fields.get("sla_policy_id") is not None:
        fields["sla_policy_id"] = decode_id(fields["sla_policy_id"], "SlaPolicy", "sla_policy_id")
    return fields


@strawberry.type
class Query:
    @strawberry.field
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        return await node_by_global_id(Account, info, id)

    @strawberry.field
    async def accounts(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: AccountFilter | None = None,
        order_by: AccountOrder | None = None,
    ) -> Connection[Account]:
        flt = filter or AccountFilter()
        queryset = services.list_accounts(
            services.AccountFilter(
                search=flt.search,
                lifecycle=flt.lifecycle,
                tier=flt.tier,
                owner=flt.owner,
                include_archived=flt.include_archived,
            )
        )
        order = order_fields(order_by.field.value, order_by.direction) if order_by else ("name",)
        return await paginate(
            queryset,
            Account.from_model,
            first=first,
            after=after,
            last=last,
            before=before,
            order_by=order,
        )

    @strawberry.field
    async def contact(self, info: Info, id: strawberry.ID) -> Contact | None:
        return await node_by_global_id(Contact, info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def account_create(self, input: AccountCreateInput) -> AccountCreatePayload:
        return await perform(
            AccountCreatePayload,
            "account",
            lambda: services.create_account(_account_fields(input)),
            Account.from_model,
        )

    @strawberry.mutation
    async def account_update(self, input: AccountUpdateInput) -> AccountUpdatePayload:
        return await perform(
            AccountUpdatePayload,
            "account",
            lambda: services.update_account(decode_id(input.id, "Account"), _account_fields(input)),
            Account.from_model,
        )

    @strawberry.mutation
    async def account_archive(self, input: AccountArchiveInput) -> AccountArchivePayload:
        return await perform(
            AccountArchivePayload,
            "account",
            lambda: services.archive_account(decode_id(input.id, "Account")),
            Account.from_model,
        )

    @strawberry.mutation
    async def contact_create(self, input: ContactCreateInput) -> ContactCreatePayload:
        return await perform(
            ContactCreatePayload,
            "contact",
            lambda: services.create_contact(
                decode_id(input.account_id, "Account", "account_id"),
                provided(input, exclude=("account_id",)),
            ),
            Contact.from_model,
        )

    @strawberry.mutation
    async def contact_update(self, input: ContactUpdateInput) -> ContactUpdatePayload:
        return await perform(
            ContactUpdatePayload,
            "contact",
            lambda: services.update_contact(decode_id(input.id, "Contact"), provided(input)),
            Contact.from_model,
        )
