"""Prop 47, PC 1170.18: one case per rule, named for it and citing its subdivision."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ConvictionFacts, Person

from app.eligibility.remedies.prop47 import LATE_FILING, REGISTRANT_REVIEW, SHOPLIFTING_FACTS, VEHICLE_THEFT_FACTS
from tests.unit.eligibility.builders import SETTLED, Expect, conviction, determination, person

FELONY_2010 = {"level": "felony", "conviction_date": date(2010, 3, 1)}
SERVING = {"sentence_completed": False, "sentence_completed_date": None, "probation_completed": False}

RULES = [
    pytest.param(conviction("HS 11350(a)", **FELONY_2010), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor", "application", "PC 1170.18(f)", ()),
                 id="1170.18(f) completed drug possession felony -> redesignate misdemeanor"),
    pytest.param(conviction("HS 11377(a)", **FELONY_2010, **SERVING), SETTLED, (),
                 Expect("eligible", "resentence", "petition", "PC 1170.18(a)"),
                 id="1170.18(a) still serving -> petition to resentence"),
    pytest.param(conviction("PC 496(a)", **FELONY_2010, value_over_950=False), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="1170.18(a) receiving stolen property of $950 or less"),
    pytest.param(conviction("PC 496(a)", **FELONY_2010, value_over_950=True), SETTLED, (),
                 Expect("not_eligible"),
                 id="1170.18(a) value over $950 -> not eligible"),
    pytest.param(conviction("PC 490.2", **FELONY_2010, value_over_950=None), SETTLED, (),
                 Expect("needs_review", missing=("value_over_950",)),
                 id="1170.18(a) unknown value -> needs review"),
    pytest.param(conviction("PC 666", **FELONY_2010), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="1170.18(a) petty theft with a prior has no value test"),
    pytest.param(conviction("PC 459", **FELONY_2010, value_over_950=False), SETTLED, (),
                 Expect("needs_review", missing=()),
                 id="1170.18(a) burglary must have been shoplifting -> review the case facts"),
    pytest.param(conviction("HS 11350", level="misdemeanor"), SETTLED, (), Expect("not_eligible"),
                 id="1170.18 a misdemeanor has nothing to reduce"),
    pytest.param(conviction("HS 11350", level=None, conviction_date=date(2010, 3, 1)), SETTLED, (),
                 Expect("needs_review", missing=("level",)),
                 id="1170.18 unknown level -> needs review"),
    pytest.param(conviction("HS 11350", level="felony", conviction_date=date(2015, 1, 1),
                            offense_date=date(2014, 12, 1)), SETTLED, (),
                 Expect("not_eligible"),
                 id="1170.18(f) offense on or after 2014-11-05 -> not eligible"),
    pytest.param(conviction("HS 11350", level="felony", conviction_date=date(2015, 1, 1),
                            offense_date=date(2014, 6, 1)), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="1170.18(f) offense before 2014-11-05 convicted later -> covered (time of the offense)"),
    pytest.param(conviction("HS 11350", level="felony", conviction_date=date(2015, 1, 1)), SETTLED, (),
                 Expect("needs_review", missing=("offense_date",)),
                 id="1170.18(f) convicted after 2014-11-05, offense date unknown -> needs review"),
    pytest.param(conviction("HS 11350", level="felony", conviction_date=None), SETTLED, (),
                 Expect("needs_review", missing=("conviction_date",)),
                 id="1170.18 unknown conviction date -> needs review"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 187", level="felony", conviction_date=date(2020, 1, 1)),),
                 Expect("not_eligible"),
                 id="1170.18(i) a super strike anywhere on the record disqualifies"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 314(1)", conviction_date=date(2001, 1, 1)),),
                 Expect("not_eligible"),
                 id="1170.18(i) a PC 290 offense on the record disqualifies"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(registered_sex_offender=True), (),
                 Expect("needs_review", missing=()),
                 id="1170.18(i) a registrant whose record shows no 290(c) offense -> needs review (PC 290.006)"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(registered_sex_offender=True),
                 (conviction("PC 288(a)", level="felony", conviction_date=date(1999, 1, 1)),),
                 Expect("not_eligible"),
                 id="1170.18(i) a registrant with a 290(c) offense on the record is disqualified"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 272", conviction_date=date(2005, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="290(c) PC 272 contributing to delinquency (not lewd conduct) does not bar Prop 47"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 653f(a)", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="667(e)(2)(C)(iv)(V) solicitation other than of murder is no super strike"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 653f(b)", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("not_eligible"),
                 id="667(e)(2)(C)(iv)(V) solicitation of murder, 653f(b), bars Prop 47"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(superstrike_prior=None),
                 (conviction("PC 653f", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("needs_review", missing=("person.superstrike_prior",)),
                 id="667(e)(2)(C)(iv) 653f without subdivision -> needs review, not a refusal"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(superstrike_prior=None),
                 (conviction("PC 207", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("needs_review", missing=("person.superstrike_prior",)),
                 id="667(e)(2)(C)(iv)(I) kidnapping is a super strike only with sexual intent -> needs review"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 217.1(a)", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="667(e)(2)(C)(iv)(VIII) assault on an official, 217.1(a), is not punishable by life"),
    pytest.param(conviction("HS 11350", **FELONY_2010), SETTLED,
                 (conviction("PC 217.1(b)", level="felony", conviction_date=date(2005, 1, 1)),),
                 Expect("not_eligible"),
                 id="667(e)(2)(C)(iv)(VIII) attempted murder of an official, 217.1(b), is a super strike"),
    pytest.param(conviction("VC 10851", **FELONY_2010, value_over_950=False), SETTLED, (),
                 Expect("needs_review", "redesignate_misdemeanor"),
                 id="490.2 vehicle theft of $950 or less (People v. Page) -> needs review of theft facts"),
    pytest.param(conviction("VC 10851", **FELONY_2010, value_over_950=True), SETTLED, (),
                 Expect("not_eligible"),
                 id="490.2 vehicle theft over $950 (People v. Page) -> not eligible"),
    pytest.param(conviction("PC 484e(d)", **FELONY_2010, value_over_950=False), SETTLED, (),
                 Expect("eligible", "redesignate_misdemeanor"),
                 id="490.2 access-card information theft of $950 or less (People v. Romanowski) -> eligible"),
    pytest.param(conviction("PC 484e(d)", **FELONY_2010), SETTLED, (),
                 Expect("needs_review", missing=("value_over_950",)),
                 id="490.2 access-card information theft of unknown value -> needs review"),
    pytest.param(conviction("PC 530.5", **FELONY_2010, value_over_950=False), SETTLED, (), Expect("not_eligible"),
                 id="490.2 identity theft is not theft (People v. Jimenez) -> no Prop 47 answer"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(superstrike_prior=True), (),
                 Expect("not_eligible"),
                 id="1170.18(i) person reports a super strike"),
    pytest.param(conviction("HS 11350", **FELONY_2010), person(superstrike_prior=None, registered_sex_offender=None), (),
                 Expect("needs_review", missing=("person.superstrike_prior", "person.registered_sex_offender")),
                 id="1170.18(i) unknown disqualifiers -> needs review"),
    pytest.param(conviction("PC 459.5", **FELONY_2010, sentence_completed=None, sentence_completed_date=None,
                            value_over_950=False), SETTLED, (),
                 Expect("needs_review", missing=("sentence_completed",)),
                 id="1170.18(a)/(f) unknown whether serving -> needs review"),
]


@pytest.mark.parametrize(("subject", "who", "history", "expected"), RULES)
def test_prop47_rule(subject: ConvictionFacts, who: Person, history: tuple[ConvictionFacts, ...], expected: Expect) -> None:
    expected.check(determination("prop47", subject, who=who, history=history))


def test_after_the_2022_deadline_the_answer_asks_for_good_cause() -> None:
    found = determination("prop47", conviction("HS 11350", **FELONY_2010), today=date(2026, 11, 29))

    assert LATE_FILING in found.reasons


def test_before_the_2022_deadline_no_good_cause_is_asked() -> None:
    found = determination("prop47", conviction("HS 11350", **FELONY_2010), today=date(2022, 11, 4))

    assert LATE_FILING not in found.reasons


def test_burglary_review_says_what_to_check() -> None:
    found = determination("prop47", conviction("PC 459", **FELONY_2010, value_over_950=False))

    assert found.reasons == (SHOPLIFTING_FACTS,)


def test_offense_outside_prop47_gets_no_prop47_answer() -> None:
    assert determination("prop47", conviction("VC 23152(a)", **FELONY_2010)) is None


def test_vehicle_taking_review_says_what_to_check() -> None:
    found = determination("prop47", conviction("VC 10851", **FELONY_2010, value_over_950=False))

    assert found.reasons == (VEHICLE_THEFT_FACTS,)


def test_registrant_review_names_pc_290_006() -> None:
    found = determination("prop47", conviction("HS 11350", **FELONY_2010), who=person(registered_sex_offender=True))

    assert found.reasons == (REGISTRANT_REVIEW,)
