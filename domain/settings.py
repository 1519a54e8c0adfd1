"""Process configuration, read from environment variables only (contract §1)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RETRY_SCHEDULE = "5,300,1800,7200,18000,36000,36000"


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _positive_int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {raw!r}.")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    currency: str
    introspection: bool
    webhook_retry_schedule: tuple[int, ...]
    sla_scan_seconds: int
    webhook_allow_private: bool
    var_dir: Path
    queue_name: str
    log_level: str
    job_lease_seconds: int = 60
    job_max_attempts: int = 3
    rate_limit_per_minute: int = 1200  # per token; 0 = no limit
    max_query_cost: int = 50000

    @property
    def embedded_redis_socket(self) -> Path:
        return self.var_dir / "redis.sock"


def load_settings() -> Settings:
    var_dir = Path(os.environ.get("TANDEM_VAR_DIR", "var")).resolve()
    schedule = os.environ.get("TANDEM_WEBHOOK_RETRY_SCHEDULE") or DEFAULT_RETRY_SCHEDULE
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or f"sqlite://{var_dir / 'tandem.sqlite3'}",
        redis_url=os.environ.get("REDIS_URL") or None,
        currency=(os.environ.get("TANDEM_CURRENCY") or "USD").upper(),
        introspection=_flag("TANDEM_INTROSPECTION", True),
        webhook_retry_schedule=tuple(int(s) for s in schedule.split(",") if s.strip()),
        sla_scan_seconds=int(os.environ.get("TANDEM_SLA_SCAN_SECONDS") or 60),
        webhook_allow_private=_flag("TANDEM_WEBHOOK_ALLOW_PRIVATE", False),
        var_dir=var_dir,
        queue_name=os.environ.get("TANDEM_QUEUE_NAME") or "tandem",
        log_level=(os.environ.get("TANDEM_LOG_LEVEL") or "INFO").upper(),
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
