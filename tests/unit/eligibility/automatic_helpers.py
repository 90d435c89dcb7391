"""The automatic-relief notes of a screening, for the tests of several modules."""

from __future__ import annotations

from datetime import date

from app.eligibility import AutomaticReliefNote, ConvictionFacts, Person, screen
from tests.unit.eligibility.builders import SETTLED, TODAY


def notes(*convictions: ConvictionFacts, who: Person = SETTLED, today: date = TODAY) -> tuple[AutomaticReliefNote, ...]:
    return screen(who, list(convictions), today).automatic_relief
