"""Process configuration, read from environment variables only (contract §1)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RETRY_SCHEDULE = "5,300,1800,7200,18000,36000,36000"


class SettingError(ValueError):
    """A variable that does not parse: the one line `tandem` prints before it exits 2."""

    def __init__(self, name: str, expected: str, raw: str) -> None:
        super().__init__(f"{name}: expected {expected}, got {raw!r}")
        self.name = name


def _raw(name: str) -> str | None:
    """The variable's value, None when unset or blank (the default applies)."""
    raw = os.environ.get(name)
    return raw if raw is not None and raw.strip() else None


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _flag(name: str, default: bool) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word not in _TRUE | _FALSE:
        raise SettingError(name, "true or false", raw)
    return word in _TRUE


def _whole_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _positive_int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    number = _whole_number(raw)
    if number is None or number < minimum:
        raise SettingError(name, f"a whole number ≥ {minimum}", raw)
    return number


def _retry_schedule(name: str, default: str) -> tuple[int, ...]:
    raw = _raw(name) or default
    seconds = [_whole_number(part) for part in raw.split(",")]
    if any(s is None for s in seconds):
        raise SettingError(name, "whole numbers of seconds ≥ 0, comma separated", raw)
    return tuple(s for s in seconds if s is not None)


def _url(name: str, default: str | None, schemes: tuple[str, ...]) -> str | None:
    raw = _raw(name)
    if raw is None:
        return default
    url = raw.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in schemes or not rest:
        expected = " or ".join(f"{s}://…" for s in schemes)
        raise SettingError(name, f"a URL {expected}", raw)
    return url


def _choice(name: str, default: str, pattern: str, expected: str, *, upper: bool = False) -> str:
    raw = _raw(name)
    if raw is None:
        return default
    value = raw.strip().upper() if upper else raw.strip()
    if not re.fullmatch(pattern, value):
        raise SettingError(name, expected, raw)
    return value


DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql")
REDIS_SCHEMES = ("redis", "rediss", "unix")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    currency: str
    introspection: bool
    webhook_retry_schedule: tuple[int, ...]
    sla_scan_seconds: int
    reminder_scan_seconds: int
    webhook_allow_private: bool
    var_dir: Path
    queue_name: str
    log_level: str
    job_lease_seconds: int = 60
    job_max_attempts: int = 3
    rate_limit_per_minute: int = 1200  # per token; 0 = no limit
    max_query_cost: int = 50000
    # How long the API trusts a token it verified (api.auth.TokenCache); at most 2 s, 0 = never.
    token_cache_seconds: float = 2.0

    @property
    def embedded_redis_socket(self) -> Path:
        return self.var_dir / "redis.sock"


def load_settings() -> Settings:
    """Every variable parsed strictly; the first one that does not parse raises
    SettingError naming it and the form it expects (contract §1)."""
    var_dir = Path(_raw("TANDEM_VAR_DIR") or "var").resolve()
    database_url = _url("DATABASE_URL", None, DATABASE_SCHEMES)
    return Settings(
        database_url=database_url or f"sqlite://{var_dir / 'tandem.sqlite3'}",
        redis_url=_url("REDIS_URL", None, REDIS_SCHEMES),
        currency=_choice(
            "TANDEM_CURRENCY", "USD", "[A-Z]{3}", "an ISO 4217 code such as USD", upper=True
        ),
        introspection=_flag("TANDEM_INTROSPECTION", True),
        webhook_retry_schedule=_retry_schedule(
            "TANDEM_WEBHOOK_RETRY_SCHEDULE", DEFAULT_RETRY_SCHEDULE
        ),
        sla_scan_seconds=_positive_int("TANDEM_SLA_SCAN_SECONDS", 60),
        reminder_scan_seconds=_positive_int("TANDEM_REMINDER_SCAN_SECONDS", 300),
        webhook_allow_private=_flag("TANDEM_WEBHOOK_ALLOW_PRIVATE", False),
        var_dir=var_dir,
        queue_name=_choice(
            "TANDEM_QUEUE_NAME",
            "tandem",
            r"[A-Za-z0-9._:-]{1,64}",
            "1 to 64 letters, digits or . _ : -",
        ),
        log_level=_choice(
            "TANDEM_LOG_LEVEL",
            "INFO",
            "|".join(LOG_LEVELS),
            "one of " + ", ".join(LOG_LEVELS),
            upper=True,
        ),
        job_lease_seconds=_positive_int("TANDEM_JOB_LEASE_SECONDS", 60),
        job_max_attempts=_positive_int("TANDEM_JOB_MAX_ATTEMPTS", 3),
        rate_limit_per_minute=_positive_int("TANDEM_RATE_LIMIT_PER_MINUTE", 1200, minimum=0),
        max_query_cost=_positive_int("TANDEM_MAX_QUERY_COST", 50000),
    )


_settings: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings, read once."""
    global _settings
    if _settings is None:
        _settings = load_settings()
    return _settings


def override_settings(settings: Settings) -> None:
    """Replace the process-wide settings (the CLI after resolving Redis, and tests)."""
    global _settings
    _settings = settings
