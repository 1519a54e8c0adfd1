"""The GraphQL Availability of §9: what can be promised of a product, and when."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from api.scalars import described_enum, plain_decimal
from domain.availability.atp import Availability as AvailabilityAnswer
from domain.availability.atp import AvailabilityStatus

described_enum(
    AvailabilityStatus,
    name="AvailabilityStatus",
    description="Whether a quantity can be promised on the day asked (§9).",
    values={
        "AVAILABLE": "The whole quantity can be promised on the day asked: promiseDate is it.",
        "LATE": "Not on the day asked: promiseDate is the earliest day it can be promised, "
        "from stock to come (ATP) or by buying or making it (lead times, components).",
        "NOT_STOCKED": "A SERVICE product: always promisable, on the day asked.",
    },
)


def _available_quantity(root: AvailabilityAnswer) -> Decimal:
    return plain_decimal(root.available_quantity)


@strawberry.type(
    description="Available-to-promise of one product for a quantity and a day (§9): computed "
    "from on-hand, confirmed sales demand, released work orders and open purchase receipts "
    "over the 90 days from today, with capable-to-promise through the BOM for MAKE products. "
    "It reserves nothing. Readable by every role."
)
class Availability:
    status: AvailabilityStatus = strawberry.field(
        description="AVAILABLE when promiseDate is the day asked, else LATE; NOT_STOCKED for "
        "a service."
    )
    available_quantity: Decimal = strawberry.field(
        resolver=_available_quantity,
        description="max(0, ATP(day asked)): what can be promised that day without breaking a "
        "later order, up to 4 decimals without padding zeros; a day after the 90-day horizon "
        "reads the horizon's last day. A service answers the quantity asked.",
    )
    promise_date: date = strawberry.field(
        description="The earliest day, not before the day asked, the whole quantity can be "
        "promised: the first day ATP covers it, or the replenishment date (BUY: today + lead "
        "time; MAKE: the components' latest promise date + lead time), whichever is earlier."
    )
