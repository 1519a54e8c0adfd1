"""Dataloaders of the tokens area."""

from __future__ import annotations

from api.loaders import by_id_loader
from domain.auth.models import ApiToken

ApiTokenByIdLoader = by_id_loader(ApiToken)
