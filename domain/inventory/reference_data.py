"""The MAIN warehouse every installation starts with (confirm reserves there)."""

from __future__ import annotations

from domain.inventory.services import default_warehouse


async def seed() -> None:
    await default_warehouse()
