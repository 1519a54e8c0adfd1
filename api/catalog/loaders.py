"""Dataloaders of the catalog area."""

from __future__ import annotations

from api.loaders import by_id_loader
from domain.catalog.models import Product

ProductByIdLoader = by_id_loader(Product)
