"""Demo accounts: 44 customers and prospects, 6 suppliers, 200 contacts between them."""

from __future__ import annotations

from typing import Any

from domain.accounts.services import create_account, create_contact
from domain.demo.context import CustomerRef, DemoContext, money
from domain.demo.names import (
    CITIES,
    COMPANY_PREFIXES,
    COMPANY_SUFFIXES,
    FIRST_NAMES,
    INDUSTRY_OF_SUFFIX,
    LAST_NAMES,
    OWNERS,
    STREETS,
    SUPPLIERS,
    TITLES,
)

CUSTOMER_COUNT = 44
CONTACT_COUNT = 200
# (tier, how many, payment terms, credit limit): enterprise buys on account without a limit.
TIERS = (
    ("ENTERPRISE", 8, 60, None),
    ("MID_MARKET", 16, 45, money(600_000)),
    ("SMB", 20, 30, money(250_000)),
)


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower().replace(" ", "-") if ch.isalnum() or ch == "-")


def _address(ctx: DemoContext) -> dict[str, Any]:
    city, region, postal = ctx.rng.choice(CITIES)
    return {
        "line1": f"{ctx.rng.randint(10, 990)} {ctx.rng.choice(STREETS)}",
        "city": city,
        "region": region,
        "postal_code": postal,
        "country": "US",
    }


def _phone(ctx: DemoContext) -> str:
    return f"+1 555 {ctx.rng.randint(100, 999)} {ctx.rng.randint(1000, 9999)}"


def _company_names(ctx: DemoContext) -> list[str]:
    names: list[str] = []
    while len(names) < CUSTOMER_COUNT:
        name = f"{ctx.rng.choice(COMPANY_PREFIXES)} {ctx.rng.choice(COMPANY_SUFFIXES)}"
        if name not in names:
            names.append(name)
    return names


async def seed_accounts(ctx: DemoContext) -> None:
    names = iter(_company_names(ctx))
    for tier, count, terms, credit_limit in TIERS:
        for _ in range(count):
            name = next(names)
            domain_name = f"{_slug(name)}.example"
            address = _address(ctx)
            account = await create_account(
                {
                    "name": name,
                    "industry": INDUSTRY_OF_SUFFIX[name.split(" ", 1)[1]],
                    "website": f"https://www.{domain_name}",
                    "email": f"hello@{domain_name}",
                    "phone": _phone(ctx),
                    "tier": tier,
                    "owner_id": ctx.user_ids[ctx.rng.choice(OWNERS)],
                    "billing_address": address,
                    "shipping_address": address if ctx.rng.random() < 0.7 else _address(ctx),
                    "payment_terms_days": terms,
                    "credit_limit": credit_limit,
                    "sla_policy_id": ctx.premium_policy_id if tier == "ENTERPRISE" else None,
                }
            )
            ctx.customers.append(CustomerRef(account.id, name, tier))
    for key, name in SUPPLIERS.items():
        domain_name = f"{_slug(name)}.example"
        supplier = await create_account(
            {
                "name": name,
                "industry": "Manufacturing",
                "website": f"https://www.{domain_name}",
                "email": f"orders@{domain_name}",
                "phone": _phone(ctx),
                "tier": "SUPPLIER",
                "billing_address": _address(ctx),
                "payment_terms_days": 30,
            }
        )
        ctx.suppliers[key] = supplier.id
    await _seed_contacts(ctx)


async def _seed_contacts(ctx: DemoContext) -> None:
    """Two per supplier, the rest spread over customers (bigger tiers get more)."""
    supplier_ids = list(ctx.suppliers.values())
    supplier_domains = {ctx.suppliers[key]: _slug(name) for key, name in SUPPLIERS.items()}
    per_customer = [5 if c.tier == "ENTERPRISE" else 4 for c in ctx.customers]
    left = CONTACT_COUNT - 2 * len(supplier_ids) - sum(per_customer)
    for index in ctx.rng.sample(range(len(ctx.customers)), left):
        per_customer[index] += 1
    used: set[str] = set()
    targets: list[tuple[int, str, int, CustomerRef | None]] = [
        (c.id, _slug(c.name), n, c) for c, n in zip(ctx.customers, per_customer, strict=True)
    ]
    targets += [(i, supplier_domains[i], 2, None) for i in supplier_ids]
    for account_id, slug, count, customer in targets:
        for _ in range(count):
            first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
            while f"{first} {last} {account_id}" in used:
                first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
            used.add(f"{first} {last} {account_id}")
            contact = await create_contact(
                account_id,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": f"{first}.{last}@{slug}.example".lower(),
                    "phone": _phone(ctx),
                    "title": ctx.rng.choice(TITLES),
                },
            )
            if customer is not None:
                customer.contact_ids.append(contact.id)
