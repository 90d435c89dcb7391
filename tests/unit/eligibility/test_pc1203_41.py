"""PC 1203.41 (county jail and, since SB 731, state prison felonies) and PC 1203.42 (pre-2011 prison)."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ConvictionFacts, Person

from tests.unit.eligibility.builders import SETTLED, Expect, conviction, determination, person

JAIL = {"level": "felony", "sentence": "county_jail", "probation_completed": None, "probation_violated": None}
PRISON = {**JAIL, "sentence": "state_prison"}
DONE_18_MONTHS_AGO = {"sentence_completed_date": date(2025, 5, 29)}

RULES_1203_41 = [
    pytest.param(conviction("PC 459", **JAIL), SETTLED, date(2026, 11, 29),
                 Expect("eligible", "dismiss", "b", "PC 1203.41(a)", ()),
                 id="1203.41(a)(1)(B) county jail, two years after completion"),
    pytest.param(conviction("PC 459", **JAIL, **DONE_18_MONTHS_AGO, mandatory_supervision=True),
                 SETTLED, date(2026, 11, 29), Expect("eligible", "dismiss", "a"),
                 id="1203.41(a)(1)(A) with mandatory supervision, one year after completion"),
    pytest.param(conviction("PC 459", **JAIL, **DONE_18_MONTHS_AGO, mandatory_supervision=False),
                 SETTLED, date(2026, 11, 29), Expect("not_eligible"),
                 id="1203.41(a)(1)(B) without supervision, under two years -> not yet"),
    pytest.param(conviction("PC 459", **JAIL, **DONE_18_MONTHS_AGO), SETTLED, date(2026, 11, 29),
                 Expect("needs_review", missing=("mandatory_supervision",)),
                 id="1203.41(a)(1) between one and two years, supervision unknown -> needs review"),
    pytest.param(conviction("PC 459", **JAIL, sentence_completed_date=None), SETTLED, date(2026, 11, 29),
                 Expect("needs_review", missing=("sentence_completed_date",)),
                 id="1203.41(a)(1) unknown completion date -> needs review"),
    pytest.param(conviction("PC 211", **PRISON), SETTLED, date(2026, 11, 29),
                 Expect("eligible", "dismiss", "c"),
                 id="1203.41(a)(1)(C) state prison, two years after completion (SB 731)"),
    pytest.param(conviction("PC 211", **PRISON), SETTLED, date(2023, 6, 30), Expect("not_eligible"),
                 id="1203.41 state prison before SB 731 was operative"),
    pytest.param(conviction("PC 243.4", **PRISON), SETTLED, date(2026, 11, 29), Expect("not_eligible"),
                 id="1203.41(b) not for a conviction requiring PC 290 registration"),
    pytest.param(conviction("PC 459", **JAIL), person(registered_sex_offender=True), date(2026, 11, 29),
                 Expect("needs_review", "dismiss", missing=()),
                 id="1203.41 SB 731 registrant, record does not say which conviction registers -> needs review"),
    pytest.param(conviction("PC 272", **JAIL), SETTLED, date(2026, 11, 29), Expect("eligible", "dismiss"),
                 id="290(c) PC 272 without lewd conduct, person not registered -> 1203.41 open"),
    pytest.param(conviction("PC 286(b)(1)", **JAIL), person(registered_sex_offender=None), date(2026, 11, 29),
                 Expect("needs_review", missing=("offense",)),
                 id="290(c)(2) SB 145: 286(b)(1) registration discretionary, registration unknown -> needs review"),
    pytest.param(conviction("PC 459", **JAIL), person(on_probation_or_parole=True), date(2026, 11, 29),
                 Expect("not_eligible"),
                 id="1203.41(a) not while under supervision"),
    pytest.param(conviction("PC 459", **JAIL, sentence_completed=False, sentence_completed_date=None),
                 SETTLED, date(2026, 11, 29), Expect("not_eligible"),
                 id="1203.41(a) sentence not finished -> not yet"),
    pytest.param(conviction("PC 459", level="felony", sentence=None), SETTLED, date(2026, 11, 29),
                 Expect("needs_review", missing=("sentence",)),
                 id="1203.41 felony of unknown sentence -> needs review"),
]


@pytest.mark.parametrize(("subject", "who", "today", "expected"), RULES_1203_41)
def test_pc1203_41_rule(subject: ConvictionFacts, who: Person, today: date, expected: Expect) -> None:
    expected.check(determination("pc1203_41", subject, who=who, today=today))


def test_pc1203_41_bars_the_registrable_conviction_not_a_registrants_other_felonies() -> None:
    registrable = conviction("PC 288(a)", **PRISON, conviction_date=date(1999, 1, 1), case_number="A")
    other = conviction("PC 459", **JAIL, case_number="B")
    registrant = person(registered_sex_offender=True)

    Expect("eligible", "dismiss").check(determination("pc1203_41", other, who=registrant, history=(registrable,)))
    Expect("not_eligible").check(determination("pc1203_41", registrable, who=registrant, history=(other,)))


RULES_1203_42 = [
    pytest.param(conviction("HS 11351", **PRISON, conviction_date=date(2009, 1, 1)),
                 Expect("needs_review", "dismiss", statute="PC 1203.42", missing=()),
                 id="1203.42(a) pre-2011 prison term: a lawyer confirms the crime is 1170(h)-eligible"),
    pytest.param(conviction("HS 11351", **PRISON, conviction_date=date(2012, 1, 1)), Expect("not_eligible"),
                 id="1203.42 prison term after Realignment -> 1203.41 instead"),
    pytest.param(conviction("HS 11351", **PRISON, conviction_date=date(2009, 1, 1),
                            sentence_completed_date=date(2025, 12, 1)), Expect("not_eligible"),
                 id="1203.42(a) less than two years after completion -> not yet"),
    pytest.param(conviction("PC 288(a)", **PRISON, conviction_date=date(2009, 1, 1)), Expect("not_eligible"),
                 id="1203.42 not for a conviction requiring PC 290 registration"),
    pytest.param(conviction("PC 211", **PRISON, conviction_date=date(2009, 1, 1)), Expect("not_eligible"),
                 id="1203.42(a) robbery was never a 1170(h) crime (serious and violent, 1170(h)(3)) -> outside it"),
]


def test_robbery_prison_term_is_pointed_to_1203_41() -> None:
    from app.eligibility.remedies.pc1203_42 import STRAIGHT_PRISON_CRIME

    robbery = conviction("PC 211", **PRISON, conviction_date=date(2009, 1, 1))

    assert determination("pc1203_42", robbery).reasons == (STRAIGHT_PRISON_CRIME,)
    assert determination("pc1203_41", robbery).outcome == "eligible"


@pytest.mark.parametrize(("subject", "expected"), RULES_1203_42)
def test_pc1203_42_rule(subject: ConvictionFacts, expected: Expect) -> None:
    expected.check(determination("pc1203_42", subject))
