"""Skipping a tier says why; under REQUIRE_ALL=1 the conftest hook turns that skip into a failure."""
from __future__ import annotations

from pathlib import Path

import pytest


def require(condition: object, reason: str) -> None:
    if not condition:
        pytest.skip(reason)


# Public reference fixtures live beside the repository (../shared/fixtures) on developers' machines and in CI, but
# the project must not depend on them: tests that read them are optional, even under REQUIRE_ALL=1.
SHARED_FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
OPTIONAL_PREFIX = "optional:"


def require_shared_fixture(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{OPTIONAL_PREFIX} public fixture {path.name} not present beside the repository")
    return path
