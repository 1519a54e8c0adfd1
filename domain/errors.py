"""The one exception the domain raises on refusal, with its stable codes."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum


class ErrorCode(str, Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    DUPLICATE = "DUPLICATE"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    CREDIT_LIMIT_EXCEEDED = "CREDIT_LIMIT_EXCEEDED"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    BOM_CYCLE = "BOM_CYCLE"
    ALREADY_PROCESSED = "ALREADY_PROCESSED"
    FORBIDDEN = "FORBIDDEN"
    UNBALANCED_ENTRY = "UNBALANCED_ENTRY"
    EXPIRED = "EXPIRED"
    MATCH_EXCEPTION = "MATCH_EXCEPTION"
    PERIOD_CLOSED = "PERIOD_CLOSED"
    APPROVAL_REQUIRED = "APPROVAL_REQUIRED"
    NO_EXCHANGE_RATE = "NO_EXCHANGE_RATE"


class DomainError(Exception):
    """A business-rule refusal: the caller's transaction rolls back and nothing changes.

    `field` is the path of the offending input, e.g. ("lines", "0", "quantity").
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        field: str | tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        if field is None:
            self.field: tuple[str, ...] | None = None
        elif isinstance(field, str):
            self.field = (field,)
        else:
            self.field = tuple(field)

    def __repr__(self) -> str:
        return f"DomainError({self.code.value}, {self.message!r}, field={self.field})"


class ValidationErrors(DomainError):
    """Several refusals of one input, reported together (contract §2: every invalid field at
    once). Where one DomainError is expected it reads as its first refusal."""

    def __init__(self, errors: Sequence[DomainError]) -> None:
        first = errors[0]
        super().__init__(first.code, first.message, first.field)
        self.errors = list(errors)

    def __repr__(self) -> str:
        return f"ValidationErrors({self.errors!r})"


def refusals(error: DomainError) -> list[DomainError]:
    """The single refusals an error stands for: itself, or each of a ValidationErrors."""
    return list(error.errors) if isinstance(error, ValidationErrors) else [error]


def not_found(what: str, ident: object, field: str | tuple[str, ...] | None = None) -> DomainError:
    return DomainError(ErrorCode.NOT_FOUND, f"{what} {ident} does not exist.", field)
