"""Demo price lists (§9): the USD default with volume breaks, two customer contracts and an
expired promotion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.accounts.services import update_account
from domain.demo.context import DemoContext, day
from domain.price_lists.services import create_price_list, set_price_list_items

# (sku, min quantity, unit price | None, discount % | None), by list.
STANDARD = (
    ("FG-CITY", "5", "2390.00", None), ("FG-CITY", "10", "2290.00", None),
    ("FG-CITY-PLUS", "5", "3150.00", None), ("FG-TREK", "5", "3650.00", None),
    ("FG-FOLD", "5", "2090.00", None), ("FG-CARGO", "3", "5290.00", None),
    ("A-HELMET", "10", None, "10"), ("A-LOCK", "10", None, "10"),
    ("A-PANNIER", "10", None, "10"),
)  # fmt: skip
ENTERPRISE_FLEET = (
    ("FG-CITY", "0", "2290.00", None), ("FG-CITY", "10", "2190.00", None),
    ("FG-CITY-PLUS", "0", "3050.00", None), ("FG-TREK", "0", "3550.00", None),
    ("FG-CARGO", "0", "5190.00", None), ("FG-CARGO", "5", "4990.00", None),
    ("FG-TRIKE", "0", "6490.00", None), ("SV-FLEET-ONBOARD", "0", None, "15"),
    ("SV-SERVICE-PLAN", "5", None, "20"),
)  # fmt: skip
MID_MARKET_PARTNER = (
    ("FG-CITY", "0", None, "5"), ("FG-CITY", "5", None, "8"),
    ("FG-FOLD", "0", None, "5"), ("FG-FOLD", "5", None, "8"),
    ("A-HELMET", "0", None, "12.5"),
)  # fmt: skip
LAUNCH_PROMOTION = (("FG-FOLD", "0", "1990.00", None), ("A-PANNIER", "0", "99.00", None))


def _items(ctx: DemoContext, rows: tuple[tuple[str, str, str | None, str | None], ...]) -> Any:
    return [
        {
            "product_id": ctx.product(sku),
            "min_quantity": Decimal(minimum),
            "unit_price": None if price is None else Decimal(price),
            "discount_percent": None if discount is None else Decimal(discount),
        }
        for sku, minimum, price, discount in rows
    ]


async def seed_price_lists(ctx: DemoContext) -> None:
    """Enterprise accounts buy on the fleet contract, mid-market ones on the partner list;
    everyone else (and anything a contract lacks) takes the default list, else listPrice."""
    lists = (
        ({"name": "Standard volume prices", "is_default": True}, STANDARD, None),
        (
            {"name": "Enterprise fleet contract", "valid_from": day(-60)},
            ENTERPRISE_FLEET,
            "ENTERPRISE",
        ),
        ({"name": "Mid-market partner terms"}, MID_MARKET_PARTNER, "MID_MARKET"),
        (
            {"name": "Launch promotion", "valid_from": day(-200), "valid_to": day(-30)},
            LAUNCH_PROMOTION,
            None,
        ),
    )
    for fields, rows, tier in lists:
        price_list = await create_price_list(fields)
        await set_price_list_items(price_list.id, _items(ctx, rows))
        for customer in ctx.customers:
            if customer.tier == tier:
                await update_account(customer.id, {"price_list_id": price_list.id})
