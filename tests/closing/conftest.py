"""The closing tests build their data with the billing tests' factories."""

from __future__ import annotations

import pytest

from tests.billing.conftest import Billing


@pytest.fixture
def billing(database: str) -> Billing:
    return Billing()
