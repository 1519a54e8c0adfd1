"""Discovery of the API areas' modules, so a new area plugs in without a central list."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path
from types import ModuleType

import api


def area_modules(leaf: str) -> list[ModuleType]:
    """`api.<area>.<leaf>` for every area package that has that module, in name order."""
    root = Path(api.__path__[0])
    found = []
    for info in sorted(pkgutil.iter_modules(api.__path__), key=lambda i: i.name):
        if info.ispkg and (root / info.name / f"{leaf}.py").exists():
            found.append(import_module(f"api.{info.name}.{leaf}"))
    return found
