"""Skipping a tier says why; under REQUIRE_ALL=1 the conftest hook turns that skip into a failure."""
from __future__ import annotations

import pytest


def require(condition: object, reason: str) -> None:
    if not condition:
        pytest.skip(reason)
