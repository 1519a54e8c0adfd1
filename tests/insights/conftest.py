"""The insight tests build their data with the billing tests' factories (real use cases)."""

from __future__ import annotations

from tests.billing.conftest import billing  # noqa: F401 (fixture)
