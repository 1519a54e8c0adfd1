"""`tandem tokens create | list | revoke` (§1): one line per new token, a list that never
shows a secret, and a revocation that the next request feels (401)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.auth.models import ApiToken
from domain.auth.services import create_token
from domain.settings import Settings
from domain.users.services import create_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tandem(settings: Settings, database: str, tmp_path: Path) -> object:
    """`tandem(*args)` → (exit code, stdout, stderr), against the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "TANDEM_VAR_DIR": str(tmp_path / "var"),
        "TANDEM_LOG_LEVEL": "WARNING",
    }

    def run(*args: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "api.cli", "tokens", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr

    return run


async def test_create_prints_exactly_one_line_a_working_token_of_the_user(
    tandem: Any, client: httpx.AsyncClient
) -> None:
    ada = await create_user({"name": "Ada", "email": "ada@example.com", "role": "FINANCE"})

    code, out, err = tandem(
        "create",
        "--name",
        "ada-cli",
        "--role",
        "FINANCE",
        "--user",
        "ADA@example.com",
        "--expires-days",
        "7",
    )

    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith("tdm_")
    token = await ApiToken.get(name="ada-cli")
    assert (token.role, token.user_id) == ("FINANCE", ada.id)
    assert token.expires_at is not None
    response = await client.post(
        "/graphql",
        json={"query": "{ viewer { email } }"},
        headers={"Authorization": f"Bearer {out.strip()}"},
    )
    assert response.json()["data"] == {"viewer": {"email": "ada@example.com"}}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "ROOT"], "error: 'ROOT' is not a role."),
        (
            ["--role", "SALES", "--user", "nobody@example.com"],
            "error: User nobody@example.com does not exist.",
        ),
        (
            ["--role", "SALES", "--expires-days", "0"],
            "error: expiresInDays must be between 1 and 3650.",
        ),
    ],
)
async def test_create_refuses_on_stderr_with_exit_code_2_and_creates_nothing(
    tandem: Any, args: list[str], message: str
) -> None:
    code, out, err = tandem("create", "--name", "x", *args)

    assert (code, out) == (2, "")
    assert err.strip() == message
    assert await ApiToken.all().count() == 0


async def test_list_shows_every_token_and_no_secret(tandem: Any) -> None:
    ada = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    _, first = await create_token("ops", "ADMIN")
    revoked, second = await create_token("ada-phone", "SALES", user_id=ada.id)
    await ApiToken.filter(id=revoked.id).update(revoked_at=revoked.created_at)

    code, out, _ = tandem("list")

    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == [
        "id",
        "name",
        "role",
        "user",
        "created",
        "last",
        "used",
        "expires",
        "revoked",
    ]
    assert [line.split()[:4] for line in lines[1:]] == [
        ["1", "ops", "ADMIN", "-"],
        ["2", "ada-phone", "SALES", "ada@example.com"],
    ]
    assert lines[1].endswith("-") and not lines[2].endswith("-")  # only the second is revoked
    assert first not in out and second not in out
    assert first[:12] not in out  # not even the stored prefix


async def test_revoke_stops_the_token_on_its_next_request(
    tandem: Any, client: httpx.AsyncClient
) -> None:
    token, raw = await create_token("laptop", "SALES")
    headers = {"Authorization": f"Bearer {raw}"}
    assert (
        await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    ).status_code == 200

    code, out, _ = tandem("revoke", str(token.id))
    unknown = tandem("revoke", "999")

    assert (code, out) == (0, f"revoked token {token.id} (laptop)\n")
    assert unknown[0] == 2 and unknown[2].strip() == "error: Token 999 does not exist."
    response = await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert response.status_code == 401
