"""GraphQL types of leads, opportunities, their lines and the forecast (contract §4.1)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader, ContactByIdLoader
from api.activities.loaders import ActivitiesByOpportunityIdLoader
from api.catalog.loaders import ProductByIdLoader
from api.errors import UserError, payload_type
from api.loaders import by_id_loader
from api.pipeline.enums import LeadStatus, OpportunityStage, OpportunityStatus
from api.pipeline.loaders import (
    OpportunityByIdLoader,
    OpportunityLinesByOpportunityIdLoader,
)
from api.relay import Connection, ModelNode, connection_from_rows
from api.scalars import Money, OrderDirection, money, plain_decimal, unit_money
from domain.orders.models import SalesOrder as SalesOrderModel
from domain.pipeline import models
from domain.pipeline.forecast import weighted_amount

if TYPE_CHECKING:
    from api.accounts.types import Account, Contact
    from api.activities.types import Activity
    from api.catalog.types import Product
    from api.orders.types import SalesOrder

SalesOrderByIdLoader = by_id_loader(SalesOrderModel)


@strawberry.type
class Lead(ModelNode):
    """A prospective customer captured before it is qualified and converted."""

    model_class = models.Lead

    id: strawberry.relay.NodeID[int]
    company_name: str
    contact_name: str
    email: str | None
    phone: str | None
    source: str | None
    status: LeadStatus  # type: ignore[valid-type]
    converted_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def converted_account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")] | None:
        from api.accounts.types import Account

        if self.record.converted_account_id is None:
            return None
        row = await info.context.loaders[AccountByIdLoader].load(self.record.converted_account_id)
        return Account.from_optional(row)

    @strawberry.field
    async def converted_contact(
        self, info: Info
    ) -> Annotated[Contact, strawberry.lazy("api.accounts.types")] | None:
        from api.accounts.types import Contact

        if self.record.converted_contact_id is None:
            return None
        row = await info.context.loaders[ContactByIdLoader].load(self.record.converted_contact_id)
        return Contact.from_optional(row)

    @strawberry.field
    async def converted_opportunity(self, info: Info) -> Opportunity | None:
        if self.record.converted_opportunity_id is None:
            return None
        row = await info.context.loaders[OpportunityByIdLoader].load(
            self.record.converted_opportunity_id
        )
        return Opportunity.from_optional(row)


@strawberry.type
class OpportunityLine:
    id: strawberry.ID
    record: strawberry.Private[models.OpportunityLine]
    currency: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.OpportunityLine, currency: str) -> OpportunityLine:
        return cls(id=strawberry.ID(str(row.id)), record=row, currency=currency)

    @strawberry.field
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.catalog.types")]:
        from api.catalog.types import Product

        row = await info.context.loaders[ProductByIdLoader].load(self.record.product_id)
        return Product.from_model(row)

    @strawberry.field
    def description(self) -> str | None:
        return self.record.description

    @strawberry.field
    def quantity(self) -> Decimal:
        return plain_decimal(self.record.quantity)

    @strawberry.field
    def unit_price(self) -> Money:
        return Money(amount=unit_money(self.record.unit_price).amount, currency=self.currency)

    @strawberry.field(description="Percent, e.g. 12.5.")
    def discount_percent(self) -> Decimal:
        return plain_decimal(self.record.discount_percent)

    @strawberry.field(description="quantity × unitPrice × (1 − discount/100), half-up to cents.")
    def net_amount(self) -> Money:
        return money(self.record.net_amount, self.currency)  # type: ignore[return-value]


async def load_sales_order(info: Info, sales_order_id: int | None) -> SalesOrder | None:
    from api.orders.types import SalesOrder

    if sales_order_id is None:
        return None
    row = await info.context.loaders[SalesOrderByIdLoader].load(sales_order_id)
    return SalesOrder.from_optional(row)


@strawberry.type
class Opportunity(ModelNode):
    """A deal in the pipeline; winning it hands it over as a DRAFT sales order."""

    model_class = models.Opportunity

    id: strawberry.relay.NodeID[int]
    name: str
    stage: OpportunityStage  # type: ignore[valid-type]
    probability: int = strawberry.field(description="Percent, 0..100.")
    status: OpportunityStatus  # type: ignore[valid-type]
    currency: str
    expected_close_date: date | None
    owner: str | None
    lost_reason: str | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The sum of the lines' net amounts when there are lines.")
    def amount(self) -> Money:
        return money(self.record.amount, self.record.currency)  # type: ignore[return-value]

    @strawberry.field(description="amount × probability / 100, half-up to cents.")
    def weighted_amount(self) -> Money:
        return money(  # type: ignore[return-value]
            weighted_amount(self.record.amount, self.record.probability), self.record.currency
        )

    @strawberry.field
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        from api.accounts.types import Account

        row = await info.context.loaders[AccountByIdLoader].load(self.record.account_id)
        return Account.from_model(row)

    @strawberry.field
    async def lines(self, info: Info) -> list[OpportunityLine]:
        rows = await info.context.loaders[OpportunityLinesByOpportunityIdLoader].load(
            self.record.id
        )
        return [OpportunityLine.from_model(row, self.record.currency) for row in rows]

    @strawberry.field(description="The order the won deal was handed over as; null until won.")
    async def sales_order(
        self, info: Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None:
        return await load_sales_order(info, self.record.sales_order_id)

    @strawberry.field(description="In time order: due time, else when logged.")
    async def activities(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[Activity, strawberry.lazy("api.activities.types")]]:
        from api.activities.types import Activity

        rows = await info.context.loaders[ActivitiesByOpportunityIdLoader].load(self.record.id)
        return connection_from_rows(
            rows, Activity.from_model, first=first, after=after, last=last, before=before
        )


@strawberry.type(description="One bucket of the pipeline forecast.")
class ForecastBucket:
    key: str = strawberry.field(
        description='"YYYY-MM" by month, the stage name by stage, the owner (or UNASSIGNED).'
    )
    count: int
    amount: Money
    weighted_amount: Money = strawberry.field(
        description="Σ of each deal's weighted amount, each rounded half-up to cents first."
    )


@strawberry.enum
class LeadOrderField(Enum):
    CREATED_AT = "created_at"
    COMPANY_NAME = "company_name"


@strawberry.input
class LeadOrder:
    field: LeadOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class LeadFilter:
    search: str | None = strawberry.field(
        default=None, description="Matches company name, contact name or email."
    )
    status: LeadStatus | None = None  # type: ignore[valid-type]
    source: str | None = None


@strawberry.enum
class OpportunityOrderField(Enum):
    NAME = "name"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    EXPECTED_CLOSE_DATE = "expected_close_date"
    CREATED_AT = "created_at"


@strawberry.input
class OpportunityOrder:
    field: OpportunityOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class OpportunityFilter:
    account_id: strawberry.ID | None = None
    stage: OpportunityStage | None = None  # type: ignore[valid-type]
    status: OpportunityStatus | None = None  # type: ignore[valid-type]
    owner: str | None = None
    expected_close_from: date | None = None
    expected_close_to: date | None = None
    search: str | None = strawberry.field(default=None, description="Matches the name.")


@strawberry.input
class LeadCreateInput:
    company_name: str | None = strawberry.field(
        default=None, description="Required (REQUIRED UserError when missing)."
    )
    contact_name: str | None = strawberry.field(
        default=None, description="Required (REQUIRED UserError when missing)."
    )
    email: str | None = None
    phone: str | None = None
    source: str | None = None


@strawberry.input
class LeadUpdateInput:
    id: strawberry.ID
    company_name: str | None = strawberry.UNSET
    contact_name: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    source: str | None = strawberry.UNSET
    status: LeadStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=strawberry.UNSET,
        description="NEW, QUALIFIED or DISQUALIFIED; CONVERTED only through leadConvert.",
    )


@strawberry.input
class LeadConvertInput:
    lead_id: strawberry.ID
    account_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Convert into this account; otherwise the account of the contact with the "
        "lead's email, else a new account.",
    )
    opportunity_name: str | None = strawberry.field(
        default=None, description="Also create an opportunity with this name."
    )
    amount: Decimal | None = None


@strawberry.input
class OpportunityLineInput:
    product_id: strawberry.ID
    quantity: Decimal
    unit_price: Decimal | None = strawberry.field(
        default=None, description="Defaults to the product's list price."
    )
    discount_percent: Decimal | None = None
    description: str | None = None


@strawberry.input
class OpportunityCreateInput:
    account_id: strawberry.ID
    name: str | None = strawberry.field(
        default=None, description="Required (REQUIRED UserError when missing)."
    )
    amount: Decimal | None = strawberry.field(
        default=None,
        description="Derived from the lines when there are lines; a different amount is "
        "refused (INVALID).",
    )
    expected_close_date: date | None = None
    owner: str | None = None
    stage: OpportunityStage | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="An open stage; PROSPECTING by default."
    )
    probability: int | None = strawberry.field(
        default=None, description="0..100; the stage's default when omitted."
    )
    lines: list[OpportunityLineInput] | None = None


@strawberry.input
class OpportunityUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    account_id: strawberry.ID | None = strawberry.UNSET
    amount: Decimal | None = strawberry.UNSET
    expected_close_date: date | None = strawberry.UNSET
    owner: str | None = strawberry.UNSET
    lines: list[OpportunityLineInput] | None = strawberry.field(
        default=strawberry.UNSET, description="When given, replaces all lines."
    )


@strawberry.input
class OpportunityMoveStageInput:
    id: strawberry.ID
    stage: OpportunityStage  # type: ignore[valid-type]
    probability: int | None = strawberry.field(
        default=None, description="0..100; the stage's default when omitted."
    )


@strawberry.input
class OpportunityMarkWonInput:
    id: strawberry.ID
    requested_date: date | None = strawberry.field(
        default=None, description="The sales order's requested delivery date."
    )


@strawberry.input
class OpportunityMarkLostInput:
    id: strawberry.ID
    reason: str


LeadCreatePayload = payload_type("LeadCreatePayload", "lead", Lead)
LeadUpdatePayload = payload_type("LeadUpdatePayload", "lead", Lead)
LeadConvertPayload = payload_type("LeadConvertPayload", "lead", Lead)
OpportunityCreatePayload = payload_type("OpportunityCreatePayload", "opportunity", Opportunity)
OpportunityUpdatePayload = payload_type("OpportunityUpdatePayload", "opportunity", Opportunity)
OpportunityMoveStagePayload = payload_type(
    "OpportunityMoveStagePayload", "opportunity", Opportunity
)
OpportunityMarkLostPayload = payload_type("OpportunityMarkLostPayload", "opportunity", Opportunity)


@strawberry.type(
    description="The result of opportunityMarkWon: the won opportunity and the sales order "
    "it was handed over as, or the errors that stopped it."
)
class OpportunityMarkWonPayload:
    opportunity: Opportunity | None
    errors: list[UserError]

    @strawberry.field
    async def sales_order(
        self, info: Info
    ) -> Annotated[SalesOrder, strawberry.lazy("api.orders.types")] | None:
        if self.opportunity is None:
            return None
        return await load_sales_order(info, self.opportunity.record.sales_order_id)
