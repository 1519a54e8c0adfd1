"""One validator per kind of value (texts, decimals, dates) and the collecting of an input's
refusals, so that every invalid field is reported at once (contract §2 Errors)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, ParamSpec, TypeVar, cast

from domain.currencies.iso4217 import is_known
from domain.errors import DomainError, ErrorCode, ValidationErrors, refusals

Field = str | tuple[str, ...]
T = TypeVar("T")
P = ParamSpec("P")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)
# C0 and C1 controls, DEL and lone surrogates (which no database encoding takes) are refused
# anywhere in a text, even where stripping would drop them; tab and line breaks only inside a
# single-line text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r]")

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def label(field: Field) -> str:
    """The field as messages name it: its GraphQL (camelCase) name; a list element is named
    by its list, e.g. ("holidays", "0") by holidays."""
    path = (field,) if isinstance(field, str) else field
    name = next((part for part in reversed(path) if not part.isdigit()), path[-1])
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _invalid(field: Field, message: str) -> DomainError:
    return DomainError(ErrorCode.INVALID, f"{label(field)} {message}", field)


# --- Collecting ------------------------------------------------------------------------------


class Checks:
    """The refusals of one input's fields, raised together by `raise_if_any`.

    `checks(validator, *args)` runs a validator and returns its result; a refusal is kept
    and None stands in for the value, which is never used since `raise_if_any` runs first.
    """

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def __call__(self, validator: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return validator(*args, **kwargs)
        except DomainError as error:
            self.add(error)
            return cast(T, None)

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Keeps the refusal the block raises (for async checks and several steps at once)."""
        try:
            yield
        except DomainError as error:
            self.add(error)

    def add(self, error: DomainError) -> None:
        self.errors.extend(refusals(error))

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)


# --- Texts -----------------------------------------------------------------------------------


def _text(value: Any, field: Field, max_length: int, multiline: bool) -> str:
    if not isinstance(value, str):
        raise _invalid(field, "must be a string.")
    text = value.strip()
    if len(text) > max_length:
        raise _invalid(field, f"is longer than {max_length} characters.")
    if _CONTROL.search(value) or (not multiline and _LINE_BREAKS.search(text)):
        raise _invalid(field, "must not contain control characters.")
    return text


def required_text(
    value: Any, field: Field, max_length: int = 255, *, multiline: bool = False
) -> str:
    """A stripped, non-blank text of at most `max_length` characters without control
    characters (tab and line breaks allowed in a multi-line text)."""
    text = "" if value is None else _text(value, field, max_length, multiline)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, f"{label(field)} is required.", field)
    return text


def optional_text(
    value: Any, field: Field, max_length: int = 255, *, multiline: bool = False
) -> str | None:
    """Like `required_text`; None or a blank text is None."""
    if value is None:
        return None
    return _text(value, field, max_length, multiline) or None


def optional_email(value: Any, field: Field = "email") -> str | None:
    text = optional_text(value, field)
    if text is None:
        return None
    if not _EMAIL.match(text):
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not a valid email address.", field)
    return text.lower()


def optional_url(value: Any, field: Field = "website") -> str | None:
    text = optional_text(value, field, max_length=500)
    if text is None:
        return None
    if not _URL.match(text):
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not an http(s) URL.", field)
    return text


def currency_code(value: Any, field: Field = "currency") -> str | None:
    text = optional_text(value, field, 3)
    if text is None:
        return None
    code = text.upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or not is_known(code):
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not an ISO 4217 currency code.", field)
    return code


# --- Decimals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """What a NUMERIC(digits, places) column keeps; `domain.fields` declares them so."""

    digits: int
    places: int

    @property
    def largest(self) -> Decimal:
        return Decimal(10) ** (self.digits - self.places) - Decimal(1).scaleb(-self.places)


MONEY = Scale(18, 2)
# What an amount column stores: 16 digits before the point like MONEY, and the 3 decimals of
# the currencies that have them (KWD, BHD…, §12); inputs keep their currency's minor units.
STORED_MONEY = Scale(19, 3)
UNIT_PRICE = Scale(18, 4)
QUANTITY = Scale(18, 4)
PERCENT = Scale(7, 4)
# An exchange rate (§12): base units per unit, 10 decimals (a yen is 0.0067123456 dollars).
EXCHANGE_RATE = Scale(20, 10)
HUNDRED = Decimal(100)


def _decimals(number: Decimal) -> int:
    """Decimal places that carry a digit: 1.500 has 1, 1E+3 has 0."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if zeros == len(digits):
        return 0
    return max(0, -(exponent + zeros))


def required_decimal(
    value: Any,
    field: Field,
    scale: Scale,
    *,
    positive: bool = False,
    signed: bool = False,
    maximum: Decimal | None = None,
    below: Decimal | None = None,
) -> Decimal:
    """A finite Decimal that its column stores exactly: at most `scale.digits` digits of
    which `scale.places` decimals; not negative unless `signed`, above zero if `positive`,
    at most `maximum` and under `below` when given. None → REQUIRED."""
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, f"{label(field)} is required.", field)
    if isinstance(value, bool | float):
        raise TypeError(f"{label(field)} must be a Decimal, not {type(value).__name__}")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise _invalid(field, "is not a number.") from None
    if not number.is_finite():
        raise _invalid(field, "must be a finite number.")
    if positive and number <= 0:
        raise _invalid(field, "must be greater than zero.")
    if not signed and number < 0:
        raise _invalid(field, "must not be negative.")
    if maximum is not None and number > maximum:
        bounds = f"at most {maximum}" if signed else f"between 0 and {maximum}"
        raise _invalid(field, f"must be {bounds}.")
    if below is not None and number >= below:
        raise _invalid(field, f"must be below {below}.")
    integer_digits = scale.digits - scale.places
    if number and number.adjusted() >= integer_digits:
        raise _invalid(field, f"has more than {integer_digits} digits before the decimal point.")
    if _decimals(number) > scale.places:
        raise _invalid(field, f"has more than {scale.places} decimals.")
    return number


def optional_decimal(
    value: Any,
    field: Field,
    scale: Scale,
    *,
    positive: bool = False,
    signed: bool = False,
    maximum: Decimal | None = None,
    below: Decimal | None = None,
) -> Decimal | None:
    if value is None:
        return None
    return required_decimal(
        value, field, scale, positive=positive, signed=signed, maximum=maximum, below=below
    )


def valid_money(value: Any, field: Field, *, positive: bool = False) -> Decimal:
    """A money amount: cents, at most 16 digits before the point."""
    return required_decimal(value, field, MONEY, positive=positive)


def valid_amount(value: Any, field: Field, places: int, *, positive: bool = False) -> Decimal:
    """A money amount in a currency with `places` minor units (JPY 0, USD 2, KWD 3, §12)."""
    return required_decimal(value, field, Scale(16 + places, places), positive=positive)


def valid_quantity(
    value: Any, field: Field, *, positive: bool = False, signed: bool = False
) -> Decimal:
    return required_decimal(value, field, QUANTITY, positive=positive, signed=signed)


def valid_unit_price(value: Any, field: Field) -> Decimal:
    return required_decimal(value, field, UNIT_PRICE)


def valid_percent(value: Any, field: Field, *, below: Decimal | None = None) -> Decimal:
    """A percentage from 0 to 100 (or under `below`), to 4 decimals."""
    return required_decimal(value, field, PERCENT, maximum=HUNDRED, below=below)


def computed_amount(value: Decimal, field: Field, what: str) -> Decimal:
    """An amount the use case computes (quantity × price, a total) must fit its money column
    as well: INVALID at the input that made it, never a database error."""
    if abs(value) > MONEY.largest:
        raise DomainError(
            ErrorCode.INVALID,
            f"{what} would be {value:f}, more than the largest amount ({MONEY.largest}).",
            field,
        )
    return value


def computed_quantity(value: Decimal, field: Field, what: str) -> Decimal:
    """A quantity the use case computes (stock on hand after a move) must fit its column."""
    if abs(value) > QUANTITY.largest:
        raise DomainError(
            ErrorCode.INVALID,
            f"{what} would be {value:f}, more than the largest quantity ({QUANTITY.largest}).",
            field,
        )
    return value


# --- Whole numbers ---------------------------------------------------------------------------


def valid_integer(value: Any, field: Field, *, minimum: int = 0, maximum: int) -> int:
    """A whole number from `minimum` to `maximum`; None → REQUIRED."""
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, f"{label(field)} is required.", field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(field, "must be a whole number.")
    if not minimum <= value <= maximum:
        raise _invalid(field, f"must be between {minimum} and {maximum}.")
    return value


# --- Dates -----------------------------------------------------------------------------------


def _in_range(day: date, field: Field) -> None:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise _invalid(field, f"must be between {EARLIEST_DATE} and {LATEST_DATE}.")


def optional_date(value: Any, field: Field) -> date | None:
    """A date from 1900-01-01 to 2999-12-31 (a datetime is not a date here)."""
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _invalid(field, "must be a date.")
    _in_range(value, field)
    return value


def required_date(value: Any, field: Field) -> date:
    day = optional_date(value, field)
    if day is None:
        raise DomainError(ErrorCode.REQUIRED, f"{label(field)} is required.", field)
    return day


def optional_moment(value: Any, field: Field) -> datetime | None:
    """A date-time with a UTC offset, on a day from 1900-01-01 to 2999-12-31."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise _invalid(field, "must be a date-time with a UTC offset.")
    _in_range(value.date(), field)
    return value


# --- External ids and metadata (§14) ---------------------------------------------------------

EXTERNAL_ID_LENGTH = 100
METADATA_KEYS = 50
METADATA_VALUE_LENGTH = 2000
# Keys are identifiers (also what the `metadata: {key value}` filter reads through SQL).
METADATA_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def optional_external_id(value: Any, field: Field = "external_id") -> str | None:
    """Another system's id for a record: a single-line text of up to 100 characters; blank is
    None (no external id)."""
    return optional_text(value, field, EXTERNAL_ID_LENGTH)


def valid_metadata(value: Any, field: Field = "metadata") -> dict[str, str]:
    """A JSON object of at most 50 keys (letters, digits, `_ . : -`, up to 64 characters) whose
    values are texts of up to 2,000 characters; None is the empty object."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _invalid(field, "must be a JSON object of text values.")
    if len(value) > METADATA_KEYS:
        raise _invalid(field, f"may have at most {METADATA_KEYS} keys ({len(value)} given).")
    clean: dict[str, str] = {}
    for key, text in value.items():
        if not isinstance(key, str) or not METADATA_KEY.match(key):
            raise _invalid(
                field, f"key {key!r} must be 1 to 64 letters, digits or the characters _ . : -"
            )
        if not isinstance(text, str):
            raise _invalid(field, f"value of {key!r} must be a text.")
        clean[key] = _text(text, field, METADATA_VALUE_LENGTH, True)
    return dict(sorted(clean.items()))
