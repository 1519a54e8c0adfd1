"""Every type, field, argument, input field and enum value of the introspected schema carries a
description (contract §2 Schema documentation): 100 %, counted over the whole schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import introspection_from_schema, specified_scalar_types

from api.schema import build_schema

# The standard scalars are described by the GraphQL specification itself.
STANDARD_SCALARS = set(specified_scalar_types)


def described(element: dict[str, Any]) -> bool:
    return bool((element.get("description") or "").strip())


def schema_elements() -> Iterator[tuple[str, bool]]:
    """(coordinate, described) for every type, field, argument, input field and enum value."""
    types = introspection_from_schema(build_schema()._schema)["__schema"]["types"]
    for named in types:
        name = named["name"]
        if name.startswith("__") or name in STANDARD_SCALARS:
            continue
        yield name, described(named)
        for field in named.get("fields") or []:
            yield f"{name}.{field['name']}", described(field)
            for argument in field["args"]:
                yield f"{name}.{field['name']}({argument['name']}:)", described(argument)
        for input_field in named.get("inputFields") or []:
            yield f"{name}.{input_field['name']}", described(input_field)
        for value in named.get("enumValues") or []:
            yield f"{name}.{value['name']}", described(value)


def test_every_element_of_the_schema_has_a_description() -> None:
    elements = dict(schema_elements())
    missing = sorted(coordinate for coordinate, ok in elements.items() if not ok)

    share = 100 * (len(elements) - len(missing)) / len(elements)
    assert not missing, (
        f"{len(missing)} of {len(elements)} schema elements have no description "
        f"({share:.1f} % described):\n" + "\n".join(missing)
    )


def test_the_count_covers_every_kind_of_element() -> None:
    coordinates = dict(schema_elements())

    assert {"Account", "Account.name", "Query.accounts(first:)"} <= coordinates.keys()
    assert {"AccountCreateInput.name", "SalesOrderStatus.CONFIRMED"} <= coordinates.keys()
    assert not {"String", "__Type", "__Type.name"} & coordinates.keys()
