"""Factories for the stock tests."""

from tests.factories import make_product_fixture  # noqa: F401 (a fixture)
