"""GraphQL types of the unified Account and its contacts (contract §3)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader, ContactsByAccountIdLoader
from api.activities.lists import ActivityFilter, ActivityOrder, account_activities
from api.billing.lists import InvoiceFilter, InvoiceOrder, account_invoices
from api.billing.loaders import (
    BalanceByAccountIdLoader,
    LifetimeRevenueByAccountIdLoader,
    UninvoicedOrderValueByAccountIdLoader,
)
from api.errors import payload
from api.external_data import (
    EXTERNAL_ID,
    METADATA,
    PRIVATE_METADATA,
    ExternalDataCreateInput,
    ExternalDataFilter,
    ExternalDataUpdateInput,
    metadata_pairs,
)
from api.nested import Window, nested_connection
from api.orders.lists import SalesOrderFilter, SalesOrderOrder, account_sales_orders
from api.payables.loaders import PayableBalanceByAccountIdLoader
from api.pipeline.inputs import OpportunityFilter, OpportunityOrder
from api.pipeline.loaders import OpenPipelineByAccountIdLoader, account_opportunities
from api.price_lists.loaders import PriceListByIdLoader
from api.relay import (
    After,
    Before,
    Connection,
    First,
    Last,
    ModelNode,
    order_fields,
    to_optional_node,
)
from api.scalars import Address, AddressInput, Money, OrderDirection, address, described_enum, money
from api.service.inputs import CaseFilter, CaseOrder
from api.service.loaders import SlaPolicyByIdLoader, account_cases
from api.users.loaders import UserByIdLoader
from domain.accounts import models
from domain.accounts.models import Lifecycle
from domain.accounts.services import ContactFilter as ContactCriteria
from domain.billing.receivables import credit_left

if TYPE_CHECKING:
    from api.activities.types import Activity
    from api.billing.types import Invoice
    from api.orders.types import SalesOrder
    from api.pipeline.types import Opportunity
    from api.price_lists.types import PriceList
    from api.service.types import Case, SlaPolicy
    from api.users.types import User

described_enum(
    Lifecycle,
    name="AccountLifecycle",
    description="Where an account stands with us (§3).",
    values={
        "PROSPECT": "No order confirmed yet: a CRM account only.",
        "CUSTOMER": "At least one sales order confirmed (set automatically at the first).",
        "FORMER": "Archived: hidden from lists unless `includeArchived`, kept for history.",
    },
)

BILLING_ROLES = "Readable by ADMIN, FINANCE, SALES and READONLY (§5.4)."


@strawberry.type(
    description="A contact person at an account (§3). Readable by every role; ADMIN, SALES, "
    "SERVICE, FINANCE and INTEGRATION create and update them."
)
class Contact(ModelNode):
    model_class = models.Contact

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    first_name: str = strawberry.field(description="Given name.")
    last_name: str = strawberry.field(description="Family name.")
    email: str | None = strawberry.field(description="Stored lower-case.")
    phone: str | None = strawberry.field(description="Free text, e.g. +1 555 0100.")
    title: str | None = strawberry.field(description="Job title, e.g. Head of Purchasing.")

    @strawberry.field(description="The account the contact works for.")
    async def account(self, info: Info) -> Account:
        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)

    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")


class ContactOrderField(Enum):
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    EMAIL = "email"
    CREATED_AT = "created_at"


described_enum(
    ContactOrderField,
    name="ContactOrderField",
    description="What a list of contacts can be sorted by.",
    values={
        "LAST_NAME": "Family name, then given name (A first ascending).",
        "FIRST_NAME": "Given name.",
        "EMAIL": "Email address; contacts without one sort last ascending.",
        "CREATED_AT": "When the contact was added.",
    },
)


@strawberry.input(description="The order of a contact list.")
class ContactOrder:
    field: ContactOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC,
        description="ASC (the default) or DESC; ties are broken by id, ascending.",
    )


@strawberry.input(description="Narrows a contact list; the conditions given all apply.")
class ContactFilter(ExternalDataFilter):
    search: str | None = strawberry.field(
        default=None,
        description="A part of the first name, last name or email, in any letter case.",
    )


def _contact_order(order_by: ContactOrder | None) -> tuple[str, ...]:
    if order_by is None:
        return ("last_name", "first_name")
    fields = order_fields(order_by.field.value, order_by.direction)
    if order_by.field is ContactOrderField.LAST_NAME:
        fields += order_fields("first_name", order_by.direction)
    return fields


@strawberry.type(
    description="One record that is both the CRM account and the ERP customer (§3): no sync, "
    "no duplicate. Readable by every role; the receivables figures and invoices only by "
    "ADMIN, FINANCE, SALES and READONLY."
)
class Account(ModelNode):
    model_class = models.Account

    id: strawberry.relay.NodeID[int]
    external_id: str | None = strawberry.field(description=EXTERNAL_ID)
    metadata: JSON = strawberry.field(description=METADATA)
    private_metadata: JSON = strawberry.field(description=PRIVATE_METADATA)
    name: str = strawberry.field(description="The customer's name, as on its documents.")
    lifecycle: Lifecycle = strawberry.field(
        description="PROSPECT until its first sales order is confirmed, then CUSTOMER; "
        "FORMER once archived."
    )
    industry: str | None = strawberry.field(description="Free text, e.g. Manufacturing.")
    website: str | None = strawberry.field(description="An http(s) URL.")
    email: str | None = strawberry.field(description="The main address, stored lower-case.")
    phone: str | None = strawberry.field(description="Free text, e.g. +1 555 0100.")
    tier: str | None = strawberry.field(description="A segment label, e.g. GOLD; free text.")

    @strawberry.field(
        description="The account manager (§13); null when none. Creating an account without "
        "ownerId makes the token's user the owner."
    )
    async def owner(self, info: Info) -> Annotated[User, strawberry.lazy("api.users.types")] | None:
        if self.record.owner_id is None:
            return None
        row = await info.context.loaders[UserByIdLoader].load(self.record.owner_id)
        return to_optional_node(row)

    @strawberry.field(description="Where invoices go; null when none was given.")
    def billing_address(self) -> Address | None:
        return address(self.record.billing_address)

    @strawberry.field(description="Where goods go; null when none was given.")
    def shipping_address(self) -> Address | None:
        return address(self.record.shipping_address)

    currency: str = strawberry.field(
        description="ISO 4217 code of the account's documents and figures (§12): the "
        "installation currency."
    )
    payment_terms_days: int = strawberry.field(
        description="Days from an invoice's issue date to its due date (§5.4)."
    )

    @strawberry.field(
        description="The most it may owe: confirming an order beyond creditAvailable is "
        "refused with CREDIT_LIMIT_EXCEEDED (§5.2). Null: no limit."
    )
    def credit_limit(self) -> Money | None:
        return money(self.record.credit_limit, self.record.currency)

    @strawberry.field(
        description="The SLA policy of the account's new cases (§7); null: the default policy."
    )
    async def sla_policy(
        self, info: Info
    ) -> Annotated[SlaPolicy, strawberry.lazy("api.service.types")] | None:
        if self.record.sla_policy_id is None:
            return None
        row = await info.context.loaders[SlaPolicyByIdLoader].load(self.record.sla_policy_id)
        return to_optional_node(row)

    @strawberry.field(
        description="The account's own prices (§9): lines for it take this list's price when "
        "the list is valid that day and has one, else the default list's, else listPrice. "
        "Null: no list of its own."
    )
    async def price_list(
        self, info: Info
    ) -> Annotated[PriceList, strawberry.lazy("api.price_lists.types")] | None:
        if self.record.price_list_id is None:
            return None
        row = await info.context.loaders[PriceListByIdLoader].load(self.record.price_list_id)
        return to_optional_node(row)

    archived_at: datetime | None = strawberry.field(
        description="When it was archived (UTC); null while active."
    )

    @strawberry.field(
        description="The account's contacts, by last name then first name unless `orderBy` "
        "says otherwise."
    )
    async def contacts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ContactFilter | None, strawberry.argument(description="Which contacts to list.")
        ] = None,
        order_by: Annotated[
            ContactOrder | None,
            strawberry.argument(description="The sort; default: last name, then first name."),
        ] = None,
    ) -> Connection[Contact]:
        criteria = ContactCriteria(
            search=None if filter is None else filter.search,
            external_id=None if filter is None else filter.external_id,
            metadata=metadata_pairs(filter),
        )
        return await nested_connection(
            info,
            ContactsByAccountIdLoader,
            self.id,
            criteria,
            Contact.from_model,
            Window(first, after, last, before, _contact_order(order_by)),
        )

    @strawberry.field(
        description="The account's deals, oldest first unless `orderBy` says otherwise (§4.1)."
    )
    async def opportunities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            OpportunityFilter | None,
            strawberry.argument(description="Which deals to list; an accountId must be this one."),
        ] = None,
        order_by: Annotated[
            OpportunityOrder | None,
            strawberry.argument(description="The sort; default: oldest first."),
        ] = None,
    ) -> Connection[Annotated[Opportunity, strawberry.lazy("api.pipeline.types")]]:
        return await account_opportunities(
            info,
            self.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="The account's sales orders, oldest first unless `orderBy` says "
        "otherwise (§5.2)."
    )
    async def sales_orders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            SalesOrderFilter | None,
            strawberry.argument(description="Which orders to list; an accountId must be this one."),
        ] = None,
        order_by: Annotated[
            SalesOrderOrder | None,
            strawberry.argument(description="The sort; default: oldest first."),
        ] = None,
    ) -> Connection[Annotated[SalesOrder, strawberry.lazy("api.orders.types")]]:
        return await account_sales_orders(
            info,
            self.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="The account's invoices, oldest issue date first unless `orderBy` says "
        f"otherwise (§5.4). {BILLING_ROLES}"
    )
    async def invoices(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            InvoiceFilter | None,
            strawberry.argument(
                description="Which invoices to list; an accountId must be this one."
            ),
        ] = None,
        order_by: Annotated[
            InvoiceOrder | None,
            strawberry.argument(description="The sort; default: oldest issue date first."),
        ] = None,
    ) -> Connection[Annotated[Invoice, strawberry.lazy("api.billing.types")]]:
        return await account_invoices(
            info,
            self.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="The account's service cases, newest first unless `orderBy` says "
        "otherwise (§7)."
    )
    async def cases(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            CaseFilter | None,
            strawberry.argument(description="Which cases to list; an accountId must be this one."),
        ] = None,
        order_by: Annotated[
            CaseOrder | None,
            strawberry.argument(description="The sort; default: newest first."),
        ] = None,
    ) -> Connection[Annotated[Case, strawberry.lazy("api.service.types")]]:
        return await account_cases(
            info,
            self.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="Everything done or to do with the account, on it or on its deals and "
        "cases, in time order (due time, else when logged) unless `orderBy` says otherwise."
    )
    async def activities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ActivityFilter | None,
            strawberry.argument(
                description="Which activities to list; an accountId must be this one."
            ),
        ] = None,
        order_by: Annotated[
            ActivityOrder | None,
            strawberry.argument(description="The sort; default: the timeline."),
        ] = None,
    ) -> Connection[Annotated[Activity, strawberry.lazy("api.activities.types")]]:
        return await account_activities(
            info,
            self.id,
            first=first,
            after=after,
            last=last,
            before=before,
            filter=filter,
            order_by=order_by,
        )

    @strawberry.field(
        description="Posted invoices' amount due minus unapplied payments and credits, in "
        f"the account's currency, to the cent (§3). {BILLING_ROLES}"
    )
    async def balance(self, info: Info) -> Money:
        amount = await info.context.loaders[BalanceByAccountIdLoader].load(self.id)
        return money(amount, self.currency)

    @strawberry.field(
        description="balance + the uninvoiced value of confirmed orders, in the account's "
        "currency, to the cent: what confirming and sending are measured against (§9). "
        f"{BILLING_ROLES}"
    )
    async def credit_exposure(self, info: Info) -> Money:
        loaders = info.context.loaders
        balance = await loaders[BalanceByAccountIdLoader].load(self.id)
        uninvoiced = await loaders[UninvoicedOrderValueByAccountIdLoader].load(self.id)
        return money(balance + uninvoiced, self.currency)

    @strawberry.field(
        description="creditLimit − balance − the uninvoiced value of confirmed orders (§3, "
        f"§5.2); negative when over the limit; null without a limit. {BILLING_ROLES}"
    )
    async def credit_available(self, info: Info) -> Money | None:
        if self.record.credit_limit is None:
            return None
        loaders = info.context.loaders
        balance = await loaders[BalanceByAccountIdLoader].load(self.id)
        uninvoiced = await loaders[UninvoicedOrderValueByAccountIdLoader].load(self.id)
        return money(credit_left(self.record.credit_limit, balance, uninvoiced), self.currency)

    @strawberry.field(
        description="Σ amount of the account's OPEN opportunities, each deal's amount "
        "rounded half-up to cents (§3, §4.1)."
    )
    async def open_pipeline(self, info: Info) -> Money:
        total = await info.context.loaders[OpenPipelineByAccountIdLoader].load(self.id)
        return money(total, self.currency)

    @strawberry.field(
        description="Invoiced net of tax minus credit notes over the account's life, to the "
        f"cent (§3). {BILLING_ROLES}"
    )
    async def lifetime_revenue(self, info: Info) -> Money:
        amount = await info.context.loaders[LifetimeRevenueByAccountIdLoader].load(self.id)
        return money(amount, self.currency)

    @strawberry.field(
        description="What the business owes this account as a supplier: Σ amount due of its "
        "posted vendor bills, to the cent (§10). ADMIN, FINANCE and OPERATIONS only."
    )
    async def payable_balance(self, info: Info) -> Money:
        amount = await info.context.loaders[PayableBalanceByAccountIdLoader].load(self.id)
        return money(amount, self.currency)

    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")


class AccountOrderField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


described_enum(
    AccountOrderField,
    name="AccountOrderField",
    description="What a list of accounts can be sorted by.",
    values={
        "NAME": "The account's name (A first ascending).",
        "CREATED_AT": "When it was created.",
        "UPDATED_AT": "When it last changed.",
    },
)


@strawberry.input(description="The order of an account list.")
class AccountOrder:
    field: AccountOrderField = strawberry.field(description="The sort key.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC,
        description="ASC (the default) or DESC; ties are broken by id, ascending.",
    )


@strawberry.input(description="Narrows an account list; the conditions given all apply.")
class AccountFilter(ExternalDataFilter):
    search: str | None = strawberry.field(
        default=None, description="A part of the name or email, in any letter case."
    )
    lifecycle: Lifecycle | None = strawberry.field(
        default=None, description="Only accounts in this lifecycle."
    )
    tier: str | None = strawberry.field(default=None, description="Only this tier, exactly.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the accounts this user (a User id) owns."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Also list archived (FORMER) accounts; default false."
    )


@strawberry.input(description="A new account (accountCreate); it starts as a PROSPECT.")
class AccountCreateInput(ExternalDataCreateInput):
    name: str = strawberry.field(
        description="The customer's name, up to 255 characters; a blank one is a REQUIRED "
        "UserError."
    )
    industry: str | None = strawberry.field(default=None, description="Free text.")
    website: str | None = strawberry.field(
        default=None, description="An http(s) URL; anything else is INVALID."
    )
    email: str | None = strawberry.field(
        default=None, description="Stored lower-case; a malformed address is INVALID."
    )
    phone: str | None = strawberry.field(default=None, description="Free text.")
    tier: str | None = strawberry.field(default=None, description="A segment label, e.g. GOLD.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The account manager, an active User (INVALID otherwise); omitted: the "
        "token's user (none for a token issued for no one); null: no one.",
    )
    billing_address: AddressInput | None = strawberry.field(
        default=None, description="Where invoices go."
    )
    shipping_address: AddressInput | None = strawberry.field(
        default=None, description="Where goods go."
    )
    currency: str | None = strawberry.field(
        default=None,
        description="ISO 4217 code; default and (until multi-currency, §12) the only value "
        "accepted: the installation currency.",
    )
    payment_terms_days: int = strawberry.field(
        default=30, description="Days from issue to due date of its invoices; 0 or more."
    )
    credit_limit: Decimal | None = strawberry.field(
        default=None,
        description="In the account's currency, 0 or more, at most 2 decimals; null: no limit.",
    )
    sla_policy_id: strawberry.ID | None = strawberry.field(
        default=None, description="The SLA policy of its cases (a SlaPolicy id, §7)."
    )


@strawberry.input(
    description="Changes to an account (accountUpdate): only the fields given change; the "
    "rules are those of AccountCreateInput."
)
class AccountUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The account (an Account id).")
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="A blank name is REQUIRED."
    )
    industry: str | None = strawberry.field(default=strawberry.UNSET, description="Free text.")
    website: str | None = strawberry.field(default=strawberry.UNSET, description="An http(s) URL.")
    email: str | None = strawberry.field(default=strawberry.UNSET, description="Stored lower-case.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Free text.")
    tier: str | None = strawberry.field(default=strawberry.UNSET, description="A segment label.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The account manager, an active User (INVALID otherwise); null: none.",
    )
    billing_address: AddressInput | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the whole billing address."
    )
    shipping_address: AddressInput | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the whole shipping address."
    )
    currency: str | None = strawberry.field(
        default=strawberry.UNSET, description="ISO 4217 code: the installation currency."
    )
    payment_terms_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="Days from issue to due date; 0 or more."
    )
    credit_limit: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="At most 2 decimals; null removes the limit."
    )
    sla_policy_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="A SlaPolicy id; null: the default policy."
    )
    price_list_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="A PriceList id in the account's currency (another currency → INVALID); "
        "null: no list of its own (§9).",
    )


@strawberry.input(description="Archives an account (accountArchive): it becomes FORMER.")
class AccountArchiveInput:
    id: strawberry.ID = strawberry.field(description="The account (an Account id).")


@strawberry.input(description="A new contact (contactCreate) at an account.")
class ContactCreateInput(ExternalDataCreateInput):
    account_id: strawberry.ID = strawberry.field(description="Its account (an Account id).")
    first_name: str = strawberry.field(description="Given name; blank is REQUIRED.")
    last_name: str = strawberry.field(description="Family name; blank is REQUIRED.")
    email: str | None = strawberry.field(
        default=None, description="Stored lower-case; a malformed address is INVALID."
    )
    phone: str | None = strawberry.field(default=None, description="Free text.")
    title: str | None = strawberry.field(default=None, description="Job title.")


@strawberry.input(description="Changes to a contact (contactUpdate): only the fields given.")
class ContactUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The contact (a Contact id).")
    first_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Given name; blank is REQUIRED."
    )
    last_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="Family name; blank is REQUIRED."
    )
    email: str | None = strawberry.field(default=strawberry.UNSET, description="Stored lower-case.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Free text.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="Job title.")


@payload("account", Account, key_description="The new account; null when refused.")
class AccountCreatePayload: ...


@payload("account", Account, key_description="The account as changed; null when refused.")
class AccountUpdatePayload: ...


@payload("account", Account, key_description="The archived account; null when refused.")
class AccountArchivePayload: ...


@payload("contact", Contact, key_description="The new contact; null when refused.")
class ContactCreatePayload: ...


@payload("contact", Contact, key_description="The contact as changed; null when refused.")
class ContactUpdatePayload: ...
