"""Every GraphQL example in the README is valid against the schema (the docs cannot drift)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from api.schema import build_schema

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
EXAMPLES = [
    part
    for block in re.findall(r"```graphql\n(.*?)```", README, re.S)
    for part in re.split(r"\n\n(?=query|mutation|subscription|\{)", block.strip())
]


def test_the_readme_has_graphql_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.split("\n")[0][:40] for e in EXAMPLES])
def test_a_readme_example_is_valid(example: str) -> None:
    schema = build_schema()._schema

    assert [error.message for error in validate(schema, parse(example))] == []
