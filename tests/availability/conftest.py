"""Fixtures of the availability tests: accounts and products from the shared factories."""

from __future__ import annotations

from tests.factories import make_account_fixture, make_product_fixture  # noqa: F401 (fixtures)
