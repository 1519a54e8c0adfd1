"""The ASGI entry point for uvicorn: `api.asgi:app`."""

from __future__ import annotations

from api.app import create_app
from api.logs import configure_logging
from domain.settings import get_settings

configure_logging(get_settings().log_level)
app = create_app()
