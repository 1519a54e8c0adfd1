"""Queries and mutations of accounts and contacts (contract §3)."""

from __future__ import annotations

from typing import Annotated, Any

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
from api.external_data import metadata_pairs
from api.inputs import provided
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    decode_id,
    filter_id,
    node_by_global_id,
    order_fields,
    paginate,
)
from domain.accounts import services


def _account_fields(input: AccountCreateInput | AccountUpdateInput) -> dict[str, Any]:
    fields = provided(input)
    if fields.get("sla_policy_id") is not None:
        fields["sla_policy_id"] = decode_id(fields["sla_policy_id"], "SlaPolicy", "sla_policy_id")
    if fields.get("price_list_id") is not None:
        fields["price_list_id"] = decode_id(fields["price_list_id"], "PriceList", "price_list_id")
    if fields.get("owner_id") is not None:
        fields["owner_id"] = decode_id(fields["owner_id"], "User", "owner_id")
    return fields


@strawberry.type
class Query:
    @strawberry.field(description="An account by its id; null when there is none.")
    async def account(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="An Account id.")],
    ) -> Account | None:
        return await node_by_global_id(Account, info, id)

    @strawberry.field(
        description="The accounts, by name unless `orderBy` says otherwise; archived ones "
        "only with `filter.includeArchived`. Readable by every role."
    )
    async def accounts(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            AccountFilter | None, strawberry.argument(description="Which accounts to list.")
        ] = None,
        order_by: Annotated[
            AccountOrder | None, strawberry.argument(description="The sort; default: by name.")
        ] = None,
    ) -> Connection[Account]:
        flt = filter or AccountFilter()
        queryset = services.list_accounts(
            services.AccountFilter(
                search=flt.search,
                lifecycle=flt.lifecycle,
                tier=flt.tier,
                owner_id=filter_id(flt.owner_id, "User", "ownerId"),
                include_archived=flt.include_archived,
                external_id=flt.external_id,
                metadata=metadata_pairs(flt),
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

    @strawberry.field(description="A contact by its id; null when there is none.")
    async def contact(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A Contact id.")],
    ) -> Contact | None:
        return await node_by_global_id(Contact, info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Creates an account, a PROSPECT (ADMIN, SALES, FINANCE, INTEGRATION)."
    )
    async def account_create(
        self,
        input: Annotated[AccountCreateInput, strawberry.argument(description="The account.")],
    ) -> AccountCreatePayload:
        return await perform(
            AccountCreatePayload,
            "account",
            lambda: services.create_account(_account_fields(input)),
            Account.from_model,
        )

    @strawberry.mutation(
        description="Changes the fields given of an account (ADMIN, SALES, FINANCE, INTEGRATION)."
    )
    async def account_update(
        self,
        input: Annotated[
            AccountUpdateInput, strawberry.argument(description="The account and its changes.")
        ],
    ) -> AccountUpdatePayload:
        return await perform(
            AccountUpdatePayload,
            "account",
            lambda: services.update_account(decode_id(input.id, "Account"), _account_fields(input)),
            Account.from_model,
        )

    @strawberry.mutation(
        description="Archives an account: FORMER, hidden from lists; twice is "
        "ALREADY_PROCESSED (ADMIN, SALES, FINANCE, INTEGRATION)."
    )
    async def account_archive(
        self,
        input: Annotated[AccountArchiveInput, strawberry.argument(description="The account.")],
    ) -> AccountArchivePayload:
        return await perform(
            AccountArchivePayload,
            "account",
            lambda: services.archive_account(decode_id(input.id, "Account")),
            Account.from_model,
        )

    @strawberry.mutation(
        description="Adds a contact to an account (ADMIN, SALES, SERVICE, FINANCE, INTEGRATION)."
    )
    async def contact_create(
        self,
        input: Annotated[ContactCreateInput, strawberry.argument(description="The contact.")],
    ) -> ContactCreatePayload:
        return await perform(
            ContactCreatePayload,
            "contact",
            lambda: services.create_contact(
                decode_id(input.account_id, "Account", "account_id"),
                provided(input, exclude=("account_id",)),
            ),
            Contact.from_model,
        )

    @strawberry.mutation(
        description="Changes the fields given of a contact (ADMIN, SALES, SERVICE, FINANCE, "
        "INTEGRATION)."
    )
    async def contact_update(
        self,
        input: Annotated[
            ContactUpdateInput, strawberry.argument(description="The contact and its changes.")
        ],
    ) -> ContactUpdatePayload:
        return await perform(
            ContactUpdatePayload,
            "contact",
            lambda: services.update_contact(decode_id(input.id, "Contact"), provided(input)),
            Contact.from_model,
        )
