"""Turning strawberry inputs into the plain dicts the domain takes (only the given fields)."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry


def provided(data: Any, *, exclude: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """The input's fields that the client actually sent, nested inputs as dicts."""
    result: dict[str, Any] = {}
    for field in dataclasses.fields(data):
        if field.name in exclude:
            continue
        value = getattr(data, field.name)
        if value is strawberry.UNSET:
            continue
        result[field.name] = _plain(value)
    return result


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not strawberry.UNSET
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
