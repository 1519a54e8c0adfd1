"""The ASGI entry point for uvicorn: `api.asgi:app`."""

from __future__ import annotations

from adapters.tracing import configure as configure_tracing
from api.app import create_app
from api.logs import configure_logging
from domain.settings import get_settings

configure_logging(get_settings().log_level)
configure_tracing("tandem-api")
app = create_app()
