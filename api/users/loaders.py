"""Dataloaders of the users area."""

from __future__ import annotations

from api.loaders import by_id_loader
from domain.users.models import User

UserByIdLoader = by_id_loader(User)
