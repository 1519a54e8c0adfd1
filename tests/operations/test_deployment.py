"""The deployment files say what CONTRACT.md §1 promises: a slim non-root image installed the
way `make` installs, health checks for the API and the workers, and a compose file with
PostgreSQL 16, Redis 7, migrations run once before the API and two workers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())  # type: ignore[no-any-return]


def stage(name: str) -> str:
    """The Dockerfile's instructions of one `FROM … AS name` stage."""
    match = re.search(rf"^FROM \S+ AS {name}\n(.*?)(?=^FROM |\Z)", DOCKERFILE, re.M | re.S)
    assert match, f"no stage {name}"
    return match.group(1)


def test_the_image_is_slim_python_3_11_and_runs_as_a_user() -> None:
    assert re.search(r"^FROM python:3\.11-slim AS base$", DOCKERFILE, re.M)
    users = re.findall(r"^USER (\S+)$", stage("base"), re.M)
    assert users and users[-1] not in {"root", "0"}


def test_the_image_installs_with_the_commands_make_uses() -> None:
    assert "RUN make install PACKAGE=." in stage("base")
    assert re.search(r"^install: \$\(STAMP\)$", MAKEFILE, re.M)
    recipe = MAKEFILE.split("$(STAMP): pyproject.toml\n", 1)[1].split("\n\n", 1)[0]
    assert "-m venv $(VENV)" in recipe
    assert "$(BIN)/python -m pip install --quiet $(PACKAGE)" in recipe
    assert re.search(r"^PACKAGE \?= -e '\.\[dev\]'$", MAKEFILE, re.M)  # `make` itself: dev


def test_the_api_is_healthy_when_ready_and_a_worker_when_it_beats() -> None:
    api, worker = stage("api"), stage("worker")

    assert "HEALTHCHECK" in api and "/readyz" in api
    assert 'CMD ["tandem", "serve", "--host", "0.0.0.0", "--port", "8000"' in api
    assert re.search(r'HEALTHCHECK .*\n\s+CMD \["tandem", "worker", "--check"\]', worker)
    assert 'CMD ["tandem", "worker"]' in worker


def test_compose_runs_migrations_once_before_the_api_and_two_workers() -> None:
    services = compose()["services"]

    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert services["migrate"]["command"] == ["tandem", "migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in ("api", "worker"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["redis"]["condition"] == "service_healthy"
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")
        assert services[name]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["api"]["build"]["target"] == "api"
    assert services["worker"]["build"]["target"] == "worker"
    assert services["worker"]["deploy"]["replicas"] == 2


def test_the_image_leaves_out_what_it_does_not_run() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()

    assert {".git", ".venv", "var", "tests"} <= set(ignored)
