"""The per-request GraphQL context: who is asking, the request's loaders and the job queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from adapters.queue import JobQueue
from api.loaders import Loaders
from domain.auth.models import ApiToken
from domain.settings import Settings


@dataclass
class Context:
    request: Any
    response: Any
    principal: ApiToken | None
    settings: Settings
    queue: JobQueue | None
    request_id: str
    loaders: Loaders = field(default_factory=Loaders)
    # A websocket's connection_init payload (strawberry fills it in; it carries the token).
    connection_params: dict[str, Any] | None = None
    # The database or Redis outage a resolver met (api.extensions.MaskUnexpectedErrors sets
    # it): the HTTP view answers a JSON 503 for it, as an outage outside GraphQL does.
    outage: BaseException | None = None

    @property
    def actor(self) -> str | None:
        """The token's name, recorded on what this request starts (e.g. JobRun.requested_by)."""
        return self.principal.name if self.principal else None
