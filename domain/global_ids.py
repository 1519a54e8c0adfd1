"""Relay global ids as the API spells them (base64 of `TypeName:pk`), without strawberry."""

from __future__ import annotations

import base64
import binascii


def global_id(type_name: str, pk: int) -> str:
    """Byte for byte what strawberry's `relay.GlobalID(type_name, str(pk))` stringifies to."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def parse_global_id(value: str) -> tuple[str, int]:
    """(type name, pk) of a global id; ValueError for anything that is not one."""
    try:
        type_name, _, pk = base64.b64decode(value.encode(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeError) as error:
        raise ValueError(f"{value!r} is not a global id") from error
    if not type_name or not pk.isdigit():
        raise ValueError(f"{value!r} is not a global id")
    return type_name, int(pk)
