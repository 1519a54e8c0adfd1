"""tools/check-schema-changes: a breaking change fails unless CHANGELOG.md names it."""

from __future__ import annotations

import subprocess
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check-schema-changes"

V1 = """type Query {
  greeting: String
  account: Account
}

type Account {
  name: String
  tier: Tier
}

enum Tier {
  GOLD
  SILVER
}
"""
WITHOUT_GREETING = V1.replace("  greeting: String\n", "")
WITH_WEBSITE = V1.replace("  tier: Tier\n", "  tier: Tier\n  website: String\n")
WITHOUT_SILVER = V1.replace("  SILVER\n", "")


def load_tool() -> ModuleType:
    loader = SourceFileLoader("check_schema_changes", str(TOOL))
    spec = spec_from_loader(loader.name, loader)
    assert spec is not None
    module = module_from_spec(spec)
    loader.exec_module(module)
    return module


tool = load_tool()


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def commit(repo: Path, schema: str, changelog: str = "# Changelog\n") -> None:
    (repo / "schema.graphql").write_text(schema)
    (repo / "CHANGELOG.md").write_text(changelog)
    git(repo, "add", "schema.graphql", "CHANGELOG.md")
    git(repo, "commit", "-q", "-m", "schema")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    commit(tmp_path, V1)
    return tmp_path


def test_an_unnamed_field_removal_fails_with_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = tool.check(repo, WITHOUT_GREETING, base=None, ci=False)

    assert status == 1
    assert capsys.readouterr().out == "Query.greeting: Field Query.greeting was removed.\n"


def test_a_removal_the_changelog_names_passes(repo: Path) -> None:
    (repo / "CHANGELOG.md").write_text("### Removed\n- **Breaking:** `Query.greeting`.\n")

    assert tool.check(repo, WITHOUT_GREETING, base=None, ci=False) == 0


def test_a_new_field_passes(repo: Path) -> None:
    assert tool.check(repo, WITH_WEBSITE, base=None, ci=False) == 0


def test_a_committed_change_is_checked_against_the_schema_before_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, WITHOUT_SILVER)

    status = tool.check(repo, WITHOUT_SILVER, base=None, ci=False)

    assert status == 1
    assert capsys.readouterr().out == "Tier.SILVER: Enum value Tier.SILVER was removed.\n"


def test_schema_base_names_the_revision_to_compare_with(repo: Path) -> None:
    commit(repo, WITHOUT_SILVER)
    commit(repo, WITH_WEBSITE.replace("  SILVER\n", ""))
    current = WITH_WEBSITE.replace("  SILVER\n", "")

    assert tool.check(repo, current, base="HEAD~1", ci=False) == 0
    assert tool.check(repo, current, base="HEAD~2", ci=False) == 1
    (repo / "CHANGELOG.md").write_text("- **Breaking:** `Tier.SILVER` removed.\n")
    assert tool.check(repo, current, base="HEAD~2", ci=False) == 0


def test_an_unknown_schema_base_is_an_error(repo: Path) -> None:
    assert tool.check(repo, V1, base="no-such-branch", ci=False) == 2


def test_the_first_schema_of_a_history_has_nothing_to_compare_with(repo: Path) -> None:
    assert tool.check(repo, V1, base=None, ci=True) == 0


def test_no_git_history_is_an_error_only_under_ci(tmp_path: Path) -> None:
    assert tool.check(tmp_path, V1, base=None, ci=False) == 0
    assert tool.check(tmp_path, V1, base=None, ci=True) == 2


@pytest.mark.parametrize(
    ("changelog", "named"),
    [
        ("- `Account` removed.", True),
        ("- Account.", True),
        ("- `AccountInput` removed.", False),
        ("- `Account.name` removed.", False),
        ("- `MyAccount` removed.", False),
    ],
)
def test_a_type_is_named_only_by_its_own_name(changelog: str, named: bool) -> None:
    assert tool.is_named("Account", changelog) is named


def test_an_argument_change_is_named_by_its_field() -> None:
    old = "type Query { accounts(first: Int, tier: String): [String] }"
    new = "type Query { accounts(first: Int): [String] }"

    assert tool.unnamed_changes(old, new, "") == [
        "Query.accounts: Argument Query.accounts(tier:) was removed."
    ]
    assert tool.unnamed_changes(old, new, "`Query.accounts(tier:)` is gone") == []


def test_type_level_changes_are_named_by_the_type() -> None:
    old = "type Query { a: A u: U }  type A { x: Int }  type B { y: Int }  union U = A | B"
    new = "type Query { a: A u: U }  input A { x: Int }  type B { y: Int }  union U = B"

    assert sorted(tool.unnamed_changes(old, new, "")) == [
        "A: A changed from an Object type to an Input type.",
        "U: A was removed from union type U.",
    ]
