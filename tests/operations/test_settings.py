"""Every setting is parsed strictly at start: a bad value is one line naming the variable and
the form it expects, and `tandem` exits 2 before doing anything (contract §1)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from domain.settings import DEFAULT_RETRY_SCHEDULE, SettingError, load_settings

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]

# (variable, a value that must be refused, words its message must contain)
BAD_VALUES = [
    ("DATABASE_URL", "mysql://db/tandem", "sqlite://"),
    ("DATABASE_URL", "tandem.sqlite3", "postgres://"),
    ("REDIS_URL", "localhost:6379", "redis://"),
    ("TANDEM_CURRENCY", "dollars", "ISO 4217"),
    ("TANDEM_INTROSPECTION", "maybe", "true or false"),
    ("TANDEM_WEBHOOK_RETRY_SCHEDULE", "5,ten,30", "comma separated"),
    ("TANDEM_WEBHOOK_RETRY_SCHEDULE", "5,-1", "comma separated"),
    ("TANDEM_SLA_SCAN_SECONDS", "abc", "whole number ≥ 1"),
    ("TANDEM_SLA_SCAN_SECONDS", "0", "whole number ≥ 1"),
    ("TANDEM_REMINDER_SCAN_SECONDS", "0", "whole number ≥ 1"),
    ("TANDEM_WEBHOOK_ALLOW_PRIVATE", "2", "true or false"),
    ("TANDEM_QUEUE_NAME", "my queue", "letters, digits"),
    ("TANDEM_LOG_LEVEL", "loud", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    ("TANDEM_JOB_LEASE_SECONDS", "1.5", "whole number ≥ 1"),
    ("TANDEM_JOB_MAX_ATTEMPTS", "0", "whole number ≥ 1"),
    ("TANDEM_RATE_LIMIT_PER_MINUTE", "abc", "whole number ≥ 0"),
    ("TANDEM_RATE_LIMIT_PER_MINUTE", "-1", "whole number ≥ 0"),
    ("TANDEM_MAX_QUERY_COST", "1e6", "whole number ≥ 1"),
]
VARIABLES = sorted(
    {name for name, _, _ in BAD_VALUES}
    | {"TANDEM_VAR_DIR"}  # any path is a path: nothing to refuse
)


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_table_covers_every_variable_the_settings_read() -> None:
    source = (ROOT / "domain" / "settings.py").read_text()
    read = set(re.findall(r'"((?:TANDEM_[A-Z_]+)|DATABASE_URL|REDIS_URL)"', source))

    assert read == set(VARIABLES)


@pytest.mark.parametrize(("name", "value", "expected"), BAD_VALUES)
def test_a_bad_value_is_refused_naming_the_variable_and_the_form(
    environment: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    environment.setenv(name, value)

    with pytest.raises(SettingError) as refused:
        load_settings()

    assert refused.value.name == name
    assert str(refused.value).startswith(f"{name}: expected ")
    assert expected in str(refused.value)
    assert str(refused.value).endswith(f"got {value!r}")
    assert "\n" not in str(refused.value)


def test_unset_and_blank_variables_take_the_defaults(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("TANDEM_SLA_SCAN_SECONDS", "  ")
    environment.setenv("TANDEM_VAR_DIR", "/srv/tandem")

    settings = load_settings()

    assert settings.database_url == "sqlite:///srv/tandem/tandem.sqlite3"
    assert settings.redis_url is None
    assert (settings.currency, settings.introspection, settings.webhook_allow_private) == (
        "USD",
        True,
        False,
    )
    assert settings.webhook_retry_schedule == tuple(
        int(s) for s in DEFAULT_RETRY_SCHEDULE.split(",")
    )
    assert (settings.sla_scan_seconds, settings.queue_name, settings.log_level) == (
        60,
        "tandem",
        "INFO",
    )
    assert (settings.job_lease_seconds, settings.job_max_attempts) == (60, 3)
    assert (settings.rate_limit_per_minute, settings.max_query_cost) == (1200, 50000)


def test_good_values_are_parsed(environment: pytest.MonkeyPatch) -> None:
    values = {
        "DATABASE_URL": "postgres://tandem@db:5432/tandem",
        "REDIS_URL": "unix:///run/redis.sock",
        "TANDEM_CURRENCY": "eur",
        "TANDEM_INTROSPECTION": "off",
        "TANDEM_WEBHOOK_RETRY_SCHEDULE": "0, 5,60",
        "TANDEM_SLA_SCAN_SECONDS": "15",
        "TANDEM_WEBHOOK_ALLOW_PRIVATE": "Yes",
        "TANDEM_QUEUE_NAME": "acme.tandem",
        "TANDEM_LOG_LEVEL": "debug",
        "TANDEM_JOB_LEASE_SECONDS": "120",
        "TANDEM_JOB_MAX_ATTEMPTS": "5",
        "TANDEM_RATE_LIMIT_PER_MINUTE": "0",
        "TANDEM_MAX_QUERY_COST": "1000",
    }
    for name, value in values.items():
        environment.setenv(name, value)

    settings = load_settings()

    assert settings.database_url == "postgres://tandem@db:5432/tandem"
    assert settings.redis_url == "unix:///run/redis.sock"
    assert (settings.currency, settings.introspection, settings.webhook_allow_private) == (
        "EUR",
        False,
        True,
    )
    assert settings.webhook_retry_schedule == (0, 5, 60)
    assert (settings.sla_scan_seconds, settings.queue_name, settings.log_level) == (
        15,
        "acme.tandem",
        "DEBUG",
    )
    assert (settings.job_lease_seconds, settings.job_max_attempts) == (120, 5)
    assert (settings.rate_limit_per_minute, settings.max_query_cost) == (0, 1000)


def run_tandem(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    return subprocess.run(
        [*TANDEM, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_tandem_serve_with_a_bad_rate_limit_exits_2_with_one_line() -> None:
    result = run_tandem("serve", "--port", "1", TANDEM_RATE_LIMIT_PER_MINUTE="abc")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "TANDEM_RATE_LIMIT_PER_MINUTE: expected a whole number ≥ 0, got 'abc'\n"
    )


@pytest.mark.parametrize("command", [["migrate"], ["worker", "--check"], ["schema", "export"]])
def test_every_command_checks_the_settings_first(command: list[str]) -> None:
    result = run_tandem(*command, TANDEM_SLA_SCAN_SECONDS="abc")

    assert result.returncode == 2
    assert result.stderr == "TANDEM_SLA_SCAN_SECONDS: expected a whole number ≥ 1, got 'abc'\n"
