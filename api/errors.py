"""UserError payloads, the mapping of DomainError to them, and the GraphQL error codes."""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, dataclass_transform

import strawberry
from graphql import GraphQLError
from strawberry.types.field import StrawberryField

from adapters.sqlite_client import retry_when_locked
from api.scalars import described_enum
from domain.errors import DomainError, refusals
from domain.errors import ErrorCode as DomainErrorCode

ErrorCode = described_enum(
    DomainErrorCode,
    name="ErrorCode",
    description="Why a mutation refused its input (§2 Errors): stable, for a client to branch on.",
    values={
        "NOT_FOUND": "An id or number in the input names nothing, or an object of another type.",
        "INVALID": "A value is malformed or out of range: not a finite number, more digits or "
        "decimals than the field keeps, control characters in a text, a date outside "
        "1900-01-01…2999-12-31, a bad email, URL or currency code, or a computed amount too "
        "large to store.",
        "REQUIRED": "A field the mutation needs is missing or blank.",
        "DUPLICATE": "The value must be unique and is taken (a SKU, a user's email, a name).",
        "INVALID_TRANSITION": "The object's status does not allow this action, e.g. shipping "
        "a cancelled order.",
        "CREDIT_LIMIT_EXCEEDED": "The account's open balance plus this document would exceed "
        "its credit limit (§5.2, §9).",
        "INSUFFICIENT_STOCK": "There is not enough stock on hand for the quantity asked (§5.1).",
        "BOM_CYCLE": "A bill of materials would make a product a component of itself, "
        "directly or through other products (§6).",
        "ALREADY_PROCESSED": "The action was done already (a lead converted, an entry "
        "reversed): doing it again changes nothing.",
        "FORBIDDEN": "The caller's role may not do this to this object.",
        "UNBALANCED_ENTRY": "A journal entry's debits and credits differ (§5.3).",
        "EXPIRED": "The offer is past its validity: a quote accepted after its validUntil "
        "(§9).",
        "MATCH_EXCEPTION": "A vendor bill does not match its purchase orders: a line bills "
        "more than is received and not yet billed, or its price is off by more than the "
        "tolerance (§10); ADMIN or FINANCE may post it with approveExceptions.",
        "PERIOD_CLOSED": "The document is dated in a closed period (on or before closedThrough, "
        "§11): nothing can be posted there until an ADMIN reopens it with periodReopen.",
        "APPROVAL_REQUIRED": "The change is worth more than the caller's role may approve: a "
        "stock count whose variance value exceeds 500.00 is posted by ADMIN or FINANCE (§15).",
        "NO_EXCHANGE_RATE": "The document is in a currency other than the base and no exchange "
        "rate of that currency is dated on or before its date (§12): set one with "
        "exchangeRateSet.",
    },
)

P = TypeVar("P")
C = TypeVar("C", bound=type)
T = TypeVar("T")
log = logging.getLogger("tandem.graphql")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# The one `input:` argument of every mutation (§2 Mutations), described once:
# `async def user_create(self, input: MutationInput[UserCreateInput]) -> UserCreatePayload`.
MutationInput = Annotated[
    T,
    strawberry.argument(
        description="What the mutation takes (§2 Mutations), described field by field on its "
        "type; every invalid field comes back at once, as a UserError each."
    ),
]


def _as_a_word(name: str) -> str:
    """`name` between spaces (or the start, an opening parenthesis / the end, punctuation)."""
    return rf"(?<![^\s(]){re.escape(name)}(?=$|[\s,:;)]|\.(?:\s|$))"


ERRORS_DESCRIPTION = (
    "Why the mutation was refused, one entry per invalid input field (§2 Errors); empty when "
    "it succeeded. A refused mutation changes nothing."
)


@strawberry.type(
    description="One business-rule refusal of a mutation's input (§2 Errors): nothing was "
    "changed. A mutation reports every invalid field at once, one UserError each."
)
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path of the offending input field in GraphQL names, list positions as "
        'strings: ["lines", "0", "productId"], ["listPrice"]. Null when the refusal is about '
        "the whole input (e.g. a status that forbids the action)."
    )
    code: DomainErrorCode = strawberry.field(
        graphql_type=ErrorCode, description="The stable reason, for a client to branch on."
    )
    message: str = strawberry.field(
        description="A sentence in English for a person, naming the field by its GraphQL name "
        "(listPrice, not list_price). Not stable: branch on code."
    )

    @classmethod
    def from_domain(cls, error: DomainError) -> UserError:
        """The refusal in GraphQL names (§2): each snake_case segment of the domain's field
        path is camelized, in `field` and wherever the message names it, so a message
        written in the domain's names ("first_name is required.") reads "firstName is
        required."). Only where the segment stands as a word of the sentence: a value quoted
        or glued to other characters (`'first_name@example.com'`) is left as it was given."""
        if not error.field:
            return cls(field=None, code=error.code, message=error.message)
        message = error.message
        for part in dict.fromkeys(p for p in error.field if "_" in p):
            message = re.sub(_as_a_word(part), camel(part), message)
        return cls(field=[camel(part) for part in error.field], code=error.code, message=message)


def user_errors(error: DomainError) -> list[UserError]:
    """One UserError per refusal: a ValidationErrors reports every invalid field (§2)."""
    return [UserError.from_domain(refusal) for refusal in refusals(error)]


def errors_field() -> list[UserError]:
    """The `errors` field of a mutation payload."""
    return strawberry.field(description=ERRORS_DESCRIPTION)


@dataclass_transform(kw_only_default=True, field_specifiers=(strawberry.field, StrawberryField))
def payload(
    key: str,
    node_type: Any,
    *,
    description: str | None = None,
    key_description: str | None = None,
) -> Callable[[C], C]:
    """Makes the decorated class the payload of its mutation (§2 Mutations):

        @payload("user", User)
        class UserCreatePayload: ...

    is `UserCreatePayload { user: User, errors: [UserError!]! }`, described by default as
    the result of `userCreate`. Fields the class declares itself (a secret shown once, the
    other objects a conversion made) come between the object and `errors`; it may declare
    the object and `errors` too (then mypy knows them when the payload is built by hand),
    and every field it leaves undescribed gets the default description."""

    def build(cls: C) -> C:
        mutation = cls.__name__.removesuffix("Payload")
        mutation = mutation[0].lower() + mutation[1:]
        words = key.replace("_", " ")
        own = dict(inspect.get_annotations(cls))
        first = own.pop(key, node_type | None)
        last = own.pop("errors", list[UserError])
        cls.__annotations__ = {key: first, **own, "errors": last}
        defaults = {
            key: key_description
            or f"The {words} as {mutation} left it; null when the mutation was refused.",
            "errors": ERRORS_DESCRIPTION,
        }
        for name, text in defaults.items():
            declared = cls.__dict__.get(name)
            if isinstance(declared, StrawberryField):
                declared.description = declared.description or text
            else:
                setattr(cls, name, strawberry.field(description=text))
        return strawberry.type(
            cls,
            description=description
            or f"The result of {mutation}: the {words}, or the errors that refused it.",
        )

    return build


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
