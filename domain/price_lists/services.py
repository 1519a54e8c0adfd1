"""Price-list use cases: create, update, set the items, list them, and price a line (§9)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.catalog.models import Product
from domain.currencies.services import base_currency, rate_on
from domain.errors import DomainError, ErrorCode, not_found
from domain.money import round_half_up
from domain.price_lists.models import PriceList, PriceListItem
from domain.price_lists.pricing import Break, ListTerms, PriceSource, ResolvedPrice, resolve
from domain.settings import get_settings
from domain.validation import (
    UNIT_PRICE,
    Checks,
    currency_code,
    optional_date,
    optional_decimal,
    required_date,
    required_text,
    valid_percent,
    valid_quantity,
)

__all__ = [
    "PriceListFilter",
    "PriceSource",
    "ResolvedPrice",
    "check_account_price_list",
    "create_price_list",
    "get_price_list",
    "list_price_list_items",
    "list_price_lists",
    "resolve_price",
    "resolve_prices",
    "set_price_list_items",
    "update_price_list",
]

PRICE_LIST_FIELDS = frozenset({"name", "currency", "is_default", "valid_from", "valid_to"})
ITEM_FIELDS = frozenset({"product_id", "min_quantity", "unit_price", "discount_percent"})


# ---------------------------------------------------------------------------------------------
# Pricing


async def _list_terms(
    price_list_ids: Sequence[int], product_ids: Sequence[int]
) -> dict[tuple[int, int], list[Break]]:
    """The breaks of these lists for these products, by (list, product): one query."""
    breaks: dict[tuple[int, int], list[Break]] = defaultdict(list)
    if not price_list_ids or not product_ids:
        return breaks
    items = await PriceListItem.filter(
        price_list_id__in=sorted(set(price_list_ids)), product_id__in=sorted(set(product_ids))
    )
    for item in items:
        breaks[(item.price_list_id, item.product_id)].append(
            Break(
                Decimal(item.min_quantity),
                None if item.unit_price is None else Decimal(item.unit_price),
                None if item.discount_percent is None else Decimal(item.discount_percent),
            )
        )
    return breaks


def _terms(
    price_list: PriceList | None, breaks: Mapping[tuple[int, int], list[Break]], product_id: int
) -> ListTerms | None:
    if price_list is None:
        return None
    return ListTerms(
        price_list.id,
        price_list.valid_from,
        price_list.valid_to,
        breaks.get((price_list.id, product_id), []),
    )


async def resolve_prices(
    account: Account,
    lines: Sequence[tuple[int, Decimal]],
    on: date,
    list_prices: Mapping[int, Decimal],
) -> list[ResolvedPrice]:
    """The §9 price of each (product id, quantity) for the account on `on`, in a bounded
    number of queries however many lines: the account's and the default list, and their
    items for these products. `list_prices` holds each product's listPrice (the caller has
    loaded the products already)."""
    own = (
        await PriceList.get_or_none(id=account.price_list_id)
        if account.price_list_id is not None
        else None
    )
    default = await PriceList.get_or_none(default_for=account.currency)
    product_ids = [product_id for product_id, _ in lines]
    list_ids = [pl.id for pl in (own, default) if pl is not None]
    breaks = await _list_terms(list_ids, product_ids)
    # The list price is in the base currency: a line that falls back on it (a discount item
    # too) is priced in the account's currency at the day's rate (§12), 4 decimals; the rate
    # is looked up only when a line needs it (none → NO_EXCHANGE_RATE).
    resolved = [
        resolve(
            _terms(own, breaks, product_id),
            _terms(default, breaks, product_id),
            _LIST_PRICE,
            quantity,
            on,
        )
        for product_id, quantity in lines
    ]
    needed = [r.unit_price.is_nan() for r in resolved]
    rate = Decimal(1)
    if any(needed) and account.currency != base_currency():
        rate = await rate_on(account.currency, on)
    return [
        replace(price, unit_price=_in_currency(Decimal(list_prices[product_id]), rate))
        if uses_list_price
        else price
        for price, uses_list_price, (product_id, _) in zip(resolved, needed, lines, strict=True)
    ]


# Stands in for the list price while the rule runs, so the caller sees which lines took it.
_LIST_PRICE = Decimal("NaN")


def _in_currency(list_price: Decimal, rate: Decimal) -> Decimal:
    """A base-currency list price in a currency worth `rate` base units: ÷ rate, to the 4
    decimals of a unit price (exactly the list price in the base currency)."""
    if rate == 1:
        return list_price
    return round_half_up(list_price / rate, UNIT_PRICE.places)


async def resolve_price(
    account_id: int, product_id: int, quantity: Decimal, on: date
) -> ResolvedPrice:
    """The `price(...)` query of §9: what a line of `quantity` of the product for the
    account, created on `on`, costs, and where that price comes from."""
    checks = Checks()
    quantity = checks(valid_quantity, quantity, "quantity", positive=True)
    on = checks(required_date, on, "date")
    checks.raise_if_any()
    account = await Account.get_or_none(id=account_id)
    if account is None:
        raise not_found("Account", account_id, "account_id")
    product = await Product.get_or_none(id=product_id)
    if product is None:
        raise not_found("Product", product_id, "product_id")
    (price,) = await resolve_prices(
        account, [(product.id, quantity)], on, {product.id: Decimal(product.list_price)}
    )
    return price


# ---------------------------------------------------------------------------------------------
# Price lists


async def get_price_list(price_list_id: int, *, field: str = "id") -> PriceList:
    price_list = await PriceList.get_or_none(id=price_list_id)
    if price_list is None:
        raise not_found("Price list", price_list_id, field)
    return price_list


def _clean_price_list_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - PRICE_LIST_FIELDS
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = checks(required_text, value, "name")
        elif key == "currency":
            clean[key] = checks(currency_code, value, "currency")
        elif key == "is_default":
            clean[key] = value
        else:
            clean[key] = checks(optional_date, value, key)
    checks.raise_if_any()
    return clean


def _check_validity(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise DomainError(
            ErrorCode.INVALID,
            f"validTo ({valid_to}) is before validFrom ({valid_from}).",
            "valid_to",
        )


async def _check_single_default(price_list: PriceList) -> None:
    """At most one default list per currency (§9): a second one is a DUPLICATE."""
    if price_list.default_for is None:
        return
    other = (
        await PriceList.filter(default_for=price_list.default_for)
        .exclude(id=price_list.id or 0)
        .first()
    )
    if other is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"{other.name!r} is already the default price list of {other.currency}; "
            "unset it first.",
            "is_default",
        )


async def _save(price_list: PriceList, update_fields: Sequence[str] | None = None) -> None:
    try:
        if update_fields is None:
            await price_list.save()
        else:
            await price_list.save(update_fields=list(update_fields))
    except IntegrityError:
        # Another transaction made its default list of this currency meanwhile.
        raise DomainError(
            ErrorCode.DUPLICATE,
            f"There is already a default price list of {price_list.currency}.",
            "is_default",
        ) from None


async def create_price_list(fields: Mapping[str, Any]) -> PriceList:
    """A new list, without items yet (priceListItemsSet gives them); in the installation
    currency unless another is given."""
    clean = _clean_price_list_fields(fields)
    if "name" not in clean:
        raise DomainError(ErrorCode.REQUIRED, "name is required.", "name")
    currency = clean.get("currency") or get_settings().currency
    _check_validity(clean.get("valid_from"), clean.get("valid_to"))
    price_list = PriceList(
        name=clean["name"],
        currency=currency,
        default_for=currency if clean.get("is_default") else None,
        valid_from=clean.get("valid_from"),
        valid_to=clean.get("valid_to"),
    )
    async with in_transaction():
        await _check_single_default(price_list)
        await _save(price_list)
    return price_list


async def _lock_price_list(price_list_id: int, field: str = "id") -> PriceList:
    price_list = await PriceList.filter(id=price_list_id).select_for_update().first()
    if price_list is None:
        raise not_found("Price list", price_list_id, field)
    return price_list


async def update_price_list(price_list_id: int, changes: Mapping[str, Any]) -> PriceList:
    """Changes the given fields. A list's currency must stay that of the accounts using it
    (§9, §12), and it stays the default of its (new) currency when it was one."""
    clean = _clean_price_list_fields(changes)
    checks = Checks()
    for key, name in (("currency", "currency"), ("is_default", "isDefault")):
        if key in clean and clean[key] is None:
            checks.add(DomainError(ErrorCode.REQUIRED, f"{name} is required.", key))
    checks.raise_if_any()
    async with in_transaction():
        price_list = await _lock_price_list(price_list_id)
        currency = clean.get("currency", price_list.currency)
        is_default = clean.get("is_default", price_list.is_default)
        values = {
            "name": clean.get("name", price_list.name),
            "currency": currency,
            "default_for": currency if is_default else None,
            "valid_from": clean.get("valid_from", price_list.valid_from),
            "valid_to": clean.get("valid_to", price_list.valid_to),
        }
        _check_validity(values["valid_from"], values["valid_to"])
        if currency != price_list.currency:
            other = (
                await Account.filter(price_list_id=price_list.id)
                .exclude(currency=currency)
                .order_by("id")
                .first()
            )
            if other is not None:
                raise DomainError(
                    ErrorCode.INVALID,
                    f"{other.name} deals in {other.currency} and uses this list: its currency "
                    f"cannot become {currency}.",
                    "currency",
                )
        changed = {k: v for k, v in values.items() if getattr(price_list, k) != v}
        if not changed:
            return price_list
        for key, value in changed.items():
            setattr(price_list, key, value)
        await _check_single_default(price_list)
        await _save(price_list, [*changed, "updated_at"])
    return price_list


def _check_item(checks: Checks, item: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(item) - ITEM_FIELDS
    if unknown:
        checks.add(DomainError(ErrorCode.INVALID, f"Unknown item fields {sorted(unknown)}.", path))
    product_id = item.get("product_id")
    if product_id is None:
        checks.add(DomainError(ErrorCode.REQUIRED, "productId is required.", (*path, "product_id")))
    given = len(checks.errors)
    unit_price = checks(optional_decimal, item.get("unit_price"), (*path, "unit_price"), UNIT_PRICE)
    discount = item.get("discount_percent")
    if discount is not None:
        discount = checks(valid_percent, discount, (*path, "discount_percent"))
    # Only between two well-formed values: a malformed one is refused for itself already.
    if len(checks.errors) == given and (unit_price is None) == (discount is None):
        checks.add(
            DomainError(
                ErrorCode.INVALID,
                "Give exactly one of unitPrice and discountPercent.",
                (*path, "unit_price"),
            )
        )
    return {
        "product_id": None if product_id is None else int(product_id),
        "min_quantity": checks(valid_quantity, item.get("min_quantity"), (*path, "min_quantity")),
        "unit_price": unit_price,
        "discount_percent": discount,
    }


async def set_price_list_items(price_list_id: int, items: Sequence[Mapping[str, Any]]) -> PriceList:
    """Replaces the list's items (§9): each names a product, the quantity from which it
    applies and exactly one of unitPrice / discountPercent; every bad item is reported at
    once and nothing changes."""
    checks = Checks()
    drafts = [_check_item(checks, item, ("items", str(i))) for i, item in enumerate(items)]
    checks.raise_if_any()
    seen: dict[tuple[int, Decimal], int] = {}
    for index, draft in enumerate(drafts):
        key = (draft["product_id"], draft["min_quantity"])
        if key in seen:
            checks.add(
                DomainError(
                    ErrorCode.DUPLICATE,
                    f"items {seen[key]} and {index} both start at min_quantity "
                    f"{draft['min_quantity']} for one product.",
                    ("items", str(index), "min_quantity"),
                )
            )
        seen.setdefault(key, index)
    checks.raise_if_any()
    async with in_transaction():
        price_list = await _lock_price_list(price_list_id, "price_list_id")
        product_ids = {d["product_id"] for d in drafts}
        found = (
            {p.id: p for p in await Product.filter(id__in=sorted(product_ids))}
            if product_ids
            else {}
        )
        for index, draft in enumerate(drafts):
            path = ("items", str(index), "product_id")
            product = found.get(draft["product_id"])
            if product is None:
                checks.add(not_found("Product", draft["product_id"], path))
            elif product.archived_at is not None:
                checks.add(
                    DomainError(ErrorCode.INVALID, f"Product {product.sku} is archived.", path)
                )
        checks.raise_if_any()
        await PriceListItem.filter(price_list_id=price_list.id).delete()
        if drafts:
            await PriceListItem.bulk_create(
                [PriceListItem(price_list_id=price_list.id, **draft) for draft in drafts]
            )
        await price_list.save(update_fields=["updated_at"])
    return price_list


async def check_account_price_list(
    price_list_id: int | None, currency: str, field: str = "price_list_id"
) -> None:
    """An account's list exists and is in the account's currency (§9, §12): else NOT_FOUND /
    INVALID."""
    if price_list_id is None:
        return
    # Locked: a concurrent priceListUpdate cannot change its currency under the account.
    price_list = await _lock_price_list(price_list_id, field)
    if price_list.currency != currency:
        raise DomainError(
            ErrorCode.INVALID,
            f"The price list {price_list.name!r} is in {price_list.currency}; the account "
            f"deals in {currency}.",
            field,
        )


@dataclass(frozen=True)
class PriceListFilter:
    search: str | None = None
    currency: str | None = None
    is_default: bool | None = None
    valid_on: date | None = None


def list_price_lists(flt: PriceListFilter | None = None) -> QuerySet[PriceList]:
    flt = flt or PriceListFilter()
    qs = PriceList.all()
    if flt.search and flt.search.strip():
        qs = qs.filter(name__icontains=flt.search.strip())
    if flt.currency:
        qs = qs.filter(currency=flt.currency.strip().upper())
    if flt.is_default is not None:
        qs = qs.filter(default_for__isnull=not flt.is_default)
    if flt.valid_on is not None:
        qs = qs.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=flt.valid_on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=flt.valid_on),
        )
    return qs


@dataclass(frozen=True)
class PriceListItemFilter:
    price_list_id: int | None = None
    product_id: int | None = None


def list_price_list_items(flt: PriceListItemFilter | None = None) -> QuerySet[PriceListItem]:
    flt = flt or PriceListItemFilter()
    qs = PriceListItem.all()
    if flt.price_list_id is not None:
        qs = qs.filter(price_list_id=flt.price_list_id)
    if flt.product_id is not None:
        qs = qs.filter(product_id=flt.product_id)
    return qs
