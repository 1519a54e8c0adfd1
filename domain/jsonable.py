"""Turns domain values into JSON-safe ones: Decimal and dates as strings, never floats."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

# Exact types, so that enums and other subclasses still take their branch below.
_AS_IS = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    # Most of a payload is plain leaves: answering them first spares the ABC checks.
    if type(value) in _AS_IS:
        return value
    if type(value) is dict or isinstance(value, Mapping):
        return {str(k): v if type(v) in _AS_IS else jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [v if type(v) in _AS_IS else jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
