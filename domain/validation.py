"""Small pure checks shared by every use case; each raises DomainError with a stable code."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.errors import DomainError, ErrorCode

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)


def required_text(value: str | None, field: str, max_length: int = 255) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(ErrorCode.REQUIRED, f"{field} is required.", field)
    if len(text) > max_length:
        raise DomainError(
            ErrorCode.INVALID, f"{field} is longer than {max_length} characters.", field
        )
    return text


def optional_text(value: str | None, field: str, max_length: int = 255) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > max_length:
        raise DomainError(
            ErrorCode.INVALID, f"{field} is longer than {max_length} characters.", field
        )
    return text or None


def optional_email(value: str | None, field: str = "email") -> str | None:
    text = optional_text(value, field)
    if text is None:
        return None
    if not _EMAIL.match(text):
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not a valid email address.", field)
    return text.lower()


def optional_url(value: str | None, field: str = "website") -> str | None:
    text = optional_text(value, field, max_length=500)
    if text is None:
        return None
    if not _URL.match(text):
        raise DomainError(ErrorCode.INVALID, f"{text!r} is not an http(s) URL.", field)
    return text


def non_negative(value: Decimal | int | None, field: str) -> None:
    if value is not None and value < 0:
        raise DomainError(ErrorCode.INVALID, f"{field} must not be negative.", field)


def positive(value: Decimal | int | None, field: str) -> None:
    if value is None or value <= 0:
        raise DomainError(ErrorCode.INVALID, f"{field} must be greater than zero.", field)


def percent(value: Decimal | int | None, field: str) -> None:
    if value is not None and not (0 <= value <= 100):
        raise DomainError(ErrorCode.INVALID, f"{field} must be between 0 and 100.", field)


def currency_code(value: str | None, field: str = "currency") -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not an ISO 4217 currency code.", field)
    return code
