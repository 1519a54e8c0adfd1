"""UserError payloads, the mapping of DomainError to them, and the GraphQL error codes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from adapters.sqlite_client import retry_when_locked
from domain.errors import DomainError, refusals
from domain.errors import ErrorCode as DomainErrorCode

ErrorCode = strawberry.enum(DomainErrorCode, name="ErrorCode")

P = TypeVar("P")
log = logging.getLogger("tandem.graphql")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@strawberry.type(description="A business-rule refusal: nothing was changed.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path of the offending input field, e.g. ["lines", "0", "quantity"].'
    )
    code: ErrorCode  # type: ignore[valid-type]
    message: str

    @classmethod
    def from_domain(cls, error: DomainError) -> UserError:
        field = [camel(part) for part in error.field] if error.field else None
        return cls(field=field, code=error.code, message=error.message)


def user_errors(error: DomainError) -> list[UserError]:
    """One UserError per refusal: a ValidationErrors reports every invalid field (§2)."""
    return [UserError.from_domain(refusal) for refusal in refusals(error)]


def payload_type(name: str, key: str, node_type: type) -> type:
    """`<MutationName>Payload { <key>: <node_type> errors: [UserError!]! }` (contract §2)."""
    namespace = {
        "__annotations__": {key: node_type | None, "errors": list[UserError]},
        "__doc__": f"The result of {name.removesuffix('Payload')[0].lower()}"
        f"{name.removesuffix('Payload')[1:]}: the {key}, or the errors that stopped it.",
    }
    return strawberry.type(type(name, (), namespace))


async def perform(
    payload: Callable[..., P],
    key: str,
    call: Callable[[], Awaitable[Any]],
    present: Callable[[Any], Any] = lambda value: value,
) -> P:
    """Runs one domain call and builds the mutation payload: the object or the errors.

    `call` is a thunk so that input decoding inside it (global ids) refuses the same way, and
    so that a call that found SQLite locked (its transaction rolled back) runs again (§1)."""
    try:
        result = await retry_when_locked(call)
    except DomainError as error:
        errors = user_errors(error)
        # A refusal is the client's business, logged at INFO: codes and fields, no values.
        log.info(
            "%s refused: %s",
            key,
            ", ".join(f"{e.code.value} {'.'.join(e.field or ()) or '-'}" for e in errors),
        )
        return payload(**{key: None, "errors": errors})
    return payload(**{key: present(result), "errors": []})


def user_input_error(message: str) -> GraphQLError:
    """An argument the schema accepts but the API refuses (e.g. first: 101)."""
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
