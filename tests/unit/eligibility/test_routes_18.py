"""Routes beside the conviction remedies: PC 1203.3, 1203.45, 290.5, 236.15, 236.14, and the HS 11361.5 records note."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ConvictionFacts, Person
from tests.unit.eligibility.automatic_helpers import notes
from tests.unit.eligibility.builders import SETTLED, TODAY, Expect, conviction, determination, person

ON_PROBATION = {"probation_completed": False, "sentence_completed": False, "sentence_completed_date": None}
# The builders' person was born 1980-04-02: a conviction in 1997 was at 17.
AT_17 = date(1997, 9, 1)

RULES = [
    pytest.param("pc1203_3", conviction("PC 242", **ON_PROBATION), person(on_probation_or_parole=True),
                 Expect("eligible", "terminate_probation", statute="PC 1203.3(a)"),
                 id="1203.3(a) still on probation -> ask the court to end it early"),
    pytest.param("pc1203_3", conviction("PC 242"), SETTLED, Expect("not_eligible"),
                 id="1203.3 probation finished -> nothing to end"),
    pytest.param("pc1203_3", conviction("PC 242", sentence="county_jail", **ON_PROBATION), SETTLED,
                 Expect("not_eligible"), id="1203.3 no probation granted -> no route"),
    pytest.param("pc1203_45", conviction("PC 242", conviction_date=AT_17), SETTLED,
                 Expect("eligible", "seal", statute="PC 1203.45(a)"),
                 id="1203.45(a) misdemeanor committed under 18 -> seal"),
    pytest.param("pc1203_45", conviction("PC 242"), SETTLED, Expect("not_eligible"),
                 id="1203.45 misdemeanor committed as an adult -> no route"),
    pytest.param("pc1203_45", conviction("PC 242", conviction_date=date(1998, 6, 1)), SETTLED,
                 Expect("needs_review", missing=("offense_date",)),
                 id="1203.45 convicted at 18, offense date unknown: may have been under 18 -> needs review"),
    pytest.param("pc1203_45", conviction("PC 242", conviction_date=date(1998, 6, 1), offense_date=AT_17), SETTLED,
                 Expect("eligible", "seal"), id="1203.45 offense date before the 18th birthday settles it"),
    pytest.param("pc1203_45", conviction("PC 242", level="felony", conviction_date=AT_17), SETTLED,
                 Expect("not_eligible"), id="1203.45 reaches misdemeanors only"),
    pytest.param("pc1203_45", conviction("VC 23152(a)", conviction_date=AT_17), SETTLED, Expect("needs_review"),
                 id="1203.45 Vehicle Code offense may be excluded -> needs review"),
    pytest.param("pc1203_45", conviction("PC 242", conviction_date=AT_17), person(on_probation_or_parole=True),
                 Expect("not_eligible"), id="1203.45 not while on probation or parole"),
    pytest.param("pc290_5", conviction("PC 647.6", sentence_completed_date=date(2013, 5, 1)),
                 person(registered_sex_offender=True),
                 Expect("eligible", "terminate_registration", statute="PC 290.5(a)"),
                 id="290.5(a)(1) tier one misdemeanor, 10 years and a birthday since release -> petition"),
    pytest.param("pc290_5", conviction("PC 647.6", conviction_date=date(2020, 1, 1),
                                       sentence_completed_date=date(2021, 1, 1)),
                 person(registered_sex_offender=True), Expect("not_eligible"),
                 id="290.5(a)(1) tier one misdemeanor before 10 years -> not yet"),
    pytest.param("pc290_5", conviction("PC 288(a)", level="felony"), person(registered_sex_offender=True),
                 Expect("needs_review", "terminate_registration"),
                 id="290(d) felony tier depends on offense and record -> needs review"),
    pytest.param("pc290_5", conviction("PC 647.6"), SETTLED, Expect("not_eligible"),
                 id="290.5 person does not register -> no route"),
    pytest.param("pc290_5", conviction("PC 242"), person(registered_sex_offender=True), Expect("not_eligible"),
                 id="290.5 only on the conviction that requires registration"),
    pytest.param("pc236_15", conviction("PC 459.5"), person(partner_violence_survivor=True),
                 Expect("needs_review", "vacate", statute="PC 236.15(a)"),
                 id="236.15(a) survivor's nonviolent conviction -> vacatur, reviewed"),
    pytest.param("pc236_15", conviction("PC 211", level="felony"), person(partner_violence_survivor=True),
                 Expect("not_eligible"), id="236.15(a) violent felony is outside it"),
    pytest.param("pc236_15", conviction("PC 459.5"), SETTLED, Expect("not_eligible"),
                 id="236.15 raised only when the person says so"),
    pytest.param("pc236_15", conviction("PC 459.5"), person(partner_violence_survivor=None), Expect("not_eligible"),
                 id="236.15 an unanswered private question raises nothing"),
    pytest.param("pc236_14", conviction("PC 647(b)"), person(trafficking_survivor=True),
                 Expect("needs_review", "vacate", statute="PC 236.14(a)"),
                 id="236.14(a) trafficking survivor's prostitution conviction -> vacatur, reviewed"),
    pytest.param("pc236_14", conviction("PC 459.5", **ON_PROBATION), person(trafficking_survivor=True),
                 Expect("needs_review", "vacate"),
                 id="236.14(a) any nonviolent offense, probation not finished -> still vacatur, reviewed"),
    pytest.param("pc236_14", conviction("PC 211", level="felony"), person(trafficking_survivor=True),
                 Expect("not_eligible"), id="236.14(a) violent felony (PC 667.5(c)) is outside it"),
    pytest.param("pc236_14", conviction("PC 647(b)"), SETTLED, Expect("not_eligible"),
                 id="236.14 raised only when the person says so"),
    pytest.param("pc236_14", conviction("PC 647(b)"), person(trafficking_survivor=None), Expect("not_eligible"),
                 id="236.14 an unanswered private question raises nothing"),
]


@pytest.mark.parametrize(("remedy", "subject", "who", "expected"), RULES)
def test_route(remedy: str, subject: ConvictionFacts, who: Person, expected: Expect) -> None:
    expected.check(determination(remedy, subject, who=who))


def test_290_5_is_not_offered_before_sb_384s_tiers_took_effect() -> None:
    registrant = person(registered_sex_offender=True)
    found = determination("pc290_5", conviction("PC 647.6", sentence_completed_date=date(2000, 1, 1)), who=registrant,
                          today=date(2021, 6, 30))
    assert found is None


@pytest.mark.parametrize("offense", ["HS 11357(b)", "HS 11357(c)", "HS 11360(b)"])
def test_hs_11361_5_note_for_old_marijuana_records(offense: str) -> None:
    statutes = [note.statute for note in notes(conviction(offense))]

    assert "HS 11361.5" in statutes


def test_hs_11361_5_note_waits_two_years_after_the_conviction() -> None:
    recent = conviction("HS 11357(b)", conviction_date=date(2025, 6, 1), sentence_completed_date=date(2025, 7, 1))

    assert "HS 11361.5" not in [note.statute for note in notes(recent, today=TODAY)]


def test_hs_11361_5_note_is_not_given_for_sale_or_cultivation() -> None:
    assert "HS 11361.5" not in [note.statute for note in notes(conviction("HS 11359", level="felony"))]
