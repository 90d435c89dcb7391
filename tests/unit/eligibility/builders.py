"""Builders for engine tests: a settled person, a completed conviction, and one remedy's answer."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from itertools import count as counter
from typing import Any

from app.eligibility import ConvictionFacts, Determination, Person, screen

TODAY = date(2026, 11, 29)
SETTLED = Person(
    date_of_birth=date(1980, 4, 2),
    registered_sex_offender=False,
    superstrike_prior=False,
    on_probation_or_parole=False,
    in_custody=False,
    pending_charges=False,
)
UNKNOWN_PERSON = Person()
_ids = counter(1)


def person(**changes: Any) -> Person:
    return dataclasses.replace(SETTLED, **changes)


def conviction(offense: str, **facts: Any) -> ConvictionFacts:
    """A count whose sentence, probation included, finished long ago without a violation."""
    defaults: dict[str, Any] = {
        "id": f"c{next(_ids)}",
        "offense_text": offense,
        "county": "Alameda",
        "level": "misdemeanor",
        "conviction_date": date(2012, 5, 1),
        "sentence": "probation",
        "probation_completed": True,
        "probation_violated": False,
        "sentence_completed": True,
        "sentence_completed_date": date(2013, 5, 1),
    }
    defaults.update(facts)
    return ConvictionFacts(**defaults)


def determination(
    remedy: str,
    subject: ConvictionFacts,
    *,
    who: Person = SETTLED,
    history: Sequence[ConvictionFacts] = (),
    today: date = TODAY,
) -> Determination | None:
    """What ``remedy`` says about ``subject`` when screened with the rest of the record."""
    result = screen(who, [*history, subject], today)
    found = next(r for r in result.convictions if r.id == subject.id)
    return next((d for d in found.determinations if d.remedy == remedy), None)


def outcome_of(found: Determination | None) -> str:
    """``not_eligible`` for an absent determination: the contract says absence means not eligible."""
    return "not_eligible" if found is None else found.outcome


@dataclasses.dataclass(frozen=True)
class Expect:
    """The parts of a determination a rule pins down; None leaves a part unchecked."""

    outcome: str
    relief: str | None = None
    basis: str | None = None
    statute: str | None = None
    missing: tuple[str, ...] | None = None

    def check(self, found: Determination | None) -> None:
        assert outcome_of(found) == self.outcome, found
        if found is None:
            return
        for name in ("relief", "basis", "statute"):
            wanted = getattr(self, name)
            if wanted is not None:
                assert getattr(found, name) == wanted, (name, found)
        if self.missing is not None:
            assert set(found.missing) == set(self.missing), found.missing
