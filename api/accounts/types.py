"""GraphQL types of the unified Account and its contacts (contract §3)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.accounts.loaders import AccountByIdLoader, ContactsByAccountIdLoader
from api.billing.account_fields import AccountBillingFields
from api.errors import payload_type
from api.orders.account_fields import AccountOrderFields
from api.pipeline.account_fields import AccountPipelineFields
from api.relay import ModelNode
from api.scalars import Address, AddressInput, Money, OrderDirection, address, money
from api.service.account_fields import AccountServiceFields
from domain.accounts import models
from domain.accounts.models import Lifecycle

AccountLifecycle = strawberry.enum(Lifecycle, name="AccountLifecycle")


@strawberry.type
class Account(
    AccountPipelineFields,
    AccountOrderFields,
    AccountBillingFields,
    AccountServiceFields,
    ModelNode,
):
    """One record that is both the CRM account and the ERP customer."""

    model_class = models.Account

    id: strawberry.relay.NodeID[int]
    name: str
    lifecycle: AccountLifecycle  # type: ignore[valid-type]
    industry: str | None
    website: str | None
    email: str | None
    phone: str | None
    tier: str | None
    owner: str | None
    currency: str
    payment_terms_days: int
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    def billing_address(self) -> Address | None:
        return address(self.record.billing_address)

    @strawberry.field
    def shipping_address(self) -> Address | None:
        return address(self.record.shipping_address)

    @strawberry.field
    def credit_limit(self) -> Money | None:
        return money(self.record.credit_limit, self.record.currency)

    @strawberry.field
    async def contacts(self, info: strawberry.Info) -> list[Contact]:
        rows = await info.context.loaders[ContactsByAccountIdLoader].load(self.record.id)
        return [Contact.from_model(row) for row in rows]


@strawberry.type
class Contact(ModelNode):
    model_class = models.Contact

    id: strawberry.relay.NodeID[int]
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    title: str | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def account(self, info: strawberry.Info) -> Account:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)


@strawberry.enum
class AccountOrderField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@strawberry.input
class AccountOrder:
    field: AccountOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class AccountFilter:
    search: str | None = strawberry.field(default=None, description="Matches name or email.")
    lifecycle: AccountLifecycle | None = None  # type: ignore[valid-type]
    tier: str | None = None
    owner: str | None = None
    include_archived: bool = False


@strawberry.input
class AccountCreateInput:
    name: str | None = strawberry.field(
        default=None, description="Required; a missing or blank name is a REQUIRED UserError."
    )
    industry: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    tier: str | None = None
    owner: str | None = None
    billing_address: AddressInput | None = None
    shipping_address: AddressInput | None = None
    currency: str | None = None
    payment_terms_days: int | None = 30
    credit_limit: Decimal | None = None
    sla_policy_id: strawberry.ID | None = strawberry.field(
        default=None, description="The SLA policy of the account's cases (§7)."
    )


@strawberry.input
class AccountUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    industry: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    tier: str | None = strawberry.UNSET
    owner: str | None = strawberry.UNSET
    billing_address: AddressInput | None = strawberry.UNSET
    shipping_address: AddressInput | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    payment_terms_days: int | None = strawberry.UNSET
    credit_limit: Decimal | None = strawberry.UNSET
    sla_policy_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input
class AccountArchiveInput:
    id: strawberry.ID


@strawberry.input
class ContactCreateInput:
    account_id: strawberry.ID
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    title: str | None = None


@strawberry.input
class ContactUpdateInput:
    id: strawberry.ID
    first_name: str | None = strawberry.UNSET
    last_name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET


AccountCreatePayload = payload_type("AccountCreatePayload", "account", Account)
AccountUpdatePayload = payload_type("AccountUpdatePayload", "account", Account)
AccountArchivePayload = payload_type("AccountArchivePayload", "account", Account)
ContactCreatePayload = payload_type("ContactCreatePayload", "contact", Contact)
ContactUpdatePayload = payload_type("ContactUpdatePayload", "contact", Contact)
