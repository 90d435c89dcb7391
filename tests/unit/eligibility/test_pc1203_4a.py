"""PC 1203.4a, dismissal of a misdemeanor or infraction without probation."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ConvictionFacts, Person

from tests.unit.eligibility.builders import SETTLED, Expect, conviction, determination, person

NO_PROBATION = {"sentence": "fine_only", "probation_completed": None, "probation_violated": None}

RULES = [
    pytest.param(conviction("PC 415", **NO_PROBATION), SETTLED, (),
                 Expect("eligible", "dismiss", "honest_upright", "PC 1203.4a(a)", ()),
                 id="1203.4a(a) a year after judgment, sentence done -> court must dismiss"),
    pytest.param(conviction("PC 647(f)", level="misdemeanor", sentence="county_jail"), SETTLED, (),
                 Expect("eligible", "dismiss", "honest_upright"),
                 id="1203.4a(a) misdemeanor jail term without probation"),
    pytest.param(conviction("PC 415", **NO_PROBATION, conviction_date=date(2012, 5, 1)), SETTLED,
                 (conviction("PC 242", conviction_date=date(2019, 1, 1)),),
                 Expect("eligible", "dismiss", "interests_of_justice", "PC 1203.4a(b)"),
                 id="1203.4a(b) a later conviction makes it discretionary"),
    pytest.param(conviction("PC 415", **NO_PROBATION, conviction_date=date(2026, 1, 1),
                            sentence_completed_date=date(2026, 2, 1)), SETTLED, (),
                 Expect("not_eligible"),
                 id="1203.4a(a) less than a year after judgment -> not yet"),
    pytest.param(conviction("PC 415", **NO_PROBATION, conviction_date=None), SETTLED, (),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="1203.4a(a) unknown conviction date -> needs review"),
    pytest.param(conviction("PC 415", **NO_PROBATION, sentence_completed=False, sentence_completed_date=None),
                 SETTLED, (), Expect("not_eligible"),
                 id="1203.4a(a) sentence not complied with yet -> not yet"),
    pytest.param(conviction("PC 415", **NO_PROBATION, sentence_completed=None, sentence_completed_date=None),
                 SETTLED, (), Expect("needs_review", missing=("sentence_completed",)),
                 id="1203.4a(a) unknown whether sentence done -> needs review"),
    pytest.param(conviction("PC 415", **NO_PROBATION), person(pending_charges=True), (), Expect("not_eligible"),
                 id="1203.4a(a) not while charged with an offense"),
    pytest.param(conviction("PC 415", level="infraction", **NO_PROBATION), SETTLED, (),
                 Expect("eligible", "dismiss"),
                 id="1203.4a(a) infraction"),
    pytest.param(conviction("VC 22350", level="infraction", **NO_PROBATION), SETTLED, (), Expect("not_eligible"),
                 id="1203.4a(a) Vehicle Code infractions (VC 42001) are excluded"),
    pytest.param(conviction("VC 2800(a)", **NO_PROBATION), SETTLED, (), Expect("not_eligible"),
                 id="1203.4a(a) VC 42002.1 misdemeanors are excluded"),
    pytest.param(conviction("PC 288(c)(1)", **NO_PROBATION), SETTLED, (), Expect("not_eligible"),
                 id="1203.4a(a) misdemeanor PC 288(c) is excluded"),
    pytest.param(conviction("PC 415", sentence=None), SETTLED, (),
                 Expect("needs_review", missing=("sentence",)),
                 id="1203.4a unknown sentence -> needs review"),
    pytest.param(conviction("PC 415"), SETTLED, (), Expect("not_eligible"),
                 id="1203.4a probation granted -> 1203.4 instead"),
    pytest.param(conviction("PC 415", level="felony", **NO_PROBATION), SETTLED, (), Expect("not_eligible"),
                 id="1203.4a not for felonies"),
]


@pytest.mark.parametrize(("subject", "who", "history", "expected"), RULES)
def test_pc1203_4a_rule(subject: ConvictionFacts, who: Person, history: tuple[ConvictionFacts, ...], expected: Expect) -> None:
    expected.check(determination("pc1203_4a", subject, who=who, history=history))
