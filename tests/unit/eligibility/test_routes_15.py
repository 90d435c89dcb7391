"""Routes of issue 15 beside the conviction remedies: PC 4852.01, PC 1473.7 and the immigration warning, PC 1170.91,
PC 1170.9(h)."""

from __future__ import annotations

import pytest

from app.eligibility import ConvictionFacts, Person, screen
from app.eligibility.remedies.pc4852_01 import EXCLUDED
from app.eligibility.unverified import PC1170_9_RELIEF
from tests.unit.eligibility.builders import SETTLED, TODAY, Expect, conviction, determination, person

PRISON_FELONY = {"level": "felony", "sentence": "state_prison"}
SERVING = {"sentence_completed": False, "sentence_completed_date": None, "probation_completed": False}

RULES = [
    pytest.param("pc4852_01", conviction("PC 211", **PRISON_FELONY), SETTLED,
                 Expect("needs_review", "certificate_of_rehabilitation", statute="PC 4852.01"),
                 id="4852.01 state prison felony -> Certificate of Rehabilitation, reviewed"),
    pytest.param("pc4852_01", conviction("PC 647.6"), person(registered_sex_offender=True),
                 Expect("needs_review", "certificate_of_rehabilitation"),
                 id="4852.01 PC 290 registrable conviction -> Certificate of Rehabilitation, reviewed"),
    pytest.param("pc4852_01", conviction("PC 242"), SETTLED, Expect("not_eligible"),
                 id="4852.01 misdemeanor with probation -> dismissal routes instead"),
    pytest.param("pc1473_7", conviction("HS 11350(a)"), person(us_citizen=False),
                 Expect("needs_review", "vacate", statute="PC 1473.7(a)(1)"),
                 id="1473.7(a)(1) not a citizen -> talk to an immigration attorney"),
    pytest.param("pc1473_7", conviction("HS 11350(a)"), person(us_citizen=True), Expect("not_eligible"),
                 id="1473.7 a citizen -> nothing to raise"),
    pytest.param("pc1473_7", conviction("HS 11350(a)"), person(us_citizen=None), Expect("not_eligible"),
                 id="1473.7 rather not say -> never a guess"),
    pytest.param("pc1170_91", conviction("PC 459", **PRISON_FELONY, **SERVING), person(veteran=True),
                 Expect("needs_review", "resentence", statute="PC 1170.91(b)(1)", missing=()),
                 id="1170.91(b)(1) veteran currently serving a felony prison term -> resentencing, reviewed"),
    pytest.param("pc1170_91", conviction("PC 459", **PRISON_FELONY), person(veteran=True), Expect("not_eligible"),
                 id="1170.91(b)(1) the prison term is finished: not 'currently serving' -> no route"),
    pytest.param("pc1170_91", conviction("PC 459", **PRISON_FELONY, sentence_completed=None, sentence_completed_date=None),
                 person(veteran=True), Expect("needs_review", "resentence", missing=("sentence_completed",)),
                 id="1170.91(b)(1) end of the term unknown -> needs review naming it"),
    pytest.param("pc1170_91", conviction("PC 242"), person(veteran=True), Expect("not_eligible"),
                 id="1170.91 misdemeanor -> no route"),
    pytest.param("pc1170_91", conviction("PC 459", **PRISON_FELONY), SETTLED, Expect("not_eligible"),
                 id="1170.91 raised only when the person says they served"),
    pytest.param("pc1170_9", conviction("PC 273.5", level="felony"), person(veteran=True),
                 Expect("needs_review", "dismiss", "interests_of_justice", "PC 1170.9(h)", missing=()),
                 id="1170.9(h) veteran's felony probation -> restorative relief, reviewed"),
    pytest.param("pc1170_9", conviction("PC 242", probation_violated=True, probation_completed=False), person(veteran=True),
                 Expect("needs_review", "dismiss", statute="PC 1170.9(h)"),
                 id="1170.9(h) veteran's violated misdemeanor probation -> restorative relief, reviewed"),
    pytest.param("pc1170_9", conviction("PC 242", sentence=None), person(veteran=True),
                 Expect("needs_review", "dismiss", missing=("sentence",)),
                 id="1170.9(h) veteran, sentence unknown: may have been probation -> needs review naming it"),
    pytest.param("pc1170_9", conviction("PC 459", **PRISON_FELONY), person(veteran=True), Expect("not_eligible"),
                 id="1170.9(h) prison term: no probation was granted -> no route"),
    pytest.param("pc1170_9", conviction("PC 273.5", level="felony"), SETTLED, Expect("not_eligible"),
                 id="1170.9(h) raised only when the person says they served"),
    pytest.param("pc1170_9", conviction("PC 273.5", level="felony"), person(veteran=None), Expect("not_eligible"),
                 id="1170.9(h) veteran status unknown -> nothing raised"),
]


@pytest.mark.parametrize(("remedy", "subject", "who", "expected"), RULES)
def test_route(remedy: str, subject: ConvictionFacts, who: Person, expected: Expect) -> None:
    expected.check(determination(remedy, subject, who=who))


def test_1473_7_says_a_dismissal_does_not_erase_it_for_immigration() -> None:
    found = determination("pc1473_7", conviction("HS 11350(a)"), who=person(us_citizen=False))

    assert "does not erase" in found.reasons[0].en and "no borra" in found.reasons[0].es


def test_1473_7_waits_for_the_end_of_criminal_custody() -> None:
    found = determination("pc1473_7", conviction("HS 11350(a)"), who=person(us_citizen=False, in_custody=True))

    assert "once you are no longer in criminal custody" in found.reasons[0].en


@pytest.mark.parametrize(
    ("excluded", "expected"),
    [
        pytest.param("PC 288(a)", Expect("not_eligible", statute="PC 4852.01(c)"), id="4852.01(c) PC 288 -> refused"),
        pytest.param("PC 288.7", Expect("not_eligible", statute="PC 4852.01(c)"), id="4852.01(c) PC 288.7 -> refused"),
        pytest.param("PC 269", Expect("not_eligible", statute="PC 4852.01(c)"), id="4852.01(c) PC 269 -> refused"),
        pytest.param("PC 286", Expect("needs_review", missing=("offense",)),
                     id="4852.01(c) PC 286 without its subdivision may be 286(c) -> needs review"),
        pytest.param("PC 286(b)(1)", Expect("needs_review", "certificate_of_rehabilitation", missing=()),
                     id="4852.01(c) PC 286(b)(1) is not excluded -> reviewed as usual"),
    ],
)
def test_4852_01_c_excluded_sex_offense(excluded: str, expected: Expect) -> None:
    expected.check(determination("pc4852_01", conviction(excluded, **PRISON_FELONY), who=person(registered_sex_offender=True)))


def test_4852_01_c_excludes_the_person_so_a_prison_felony_beside_it_is_refused_too() -> None:
    found = determination("pc4852_01", conviction("PC 211", **PRISON_FELONY),
                          who=person(registered_sex_offender=True), history=[conviction("PC 288(a)", level="felony")])

    assert (found.outcome, found.reasons) == ("not_eligible", (EXCLUDED,))
    assert "PC 4852.01(d)" in EXCLUDED.en and "PC 4852.01(d)" in EXCLUDED.es


JAIL = {"level": "felony", "sentence": "county_jail"}
FIRE_CAMP_RULES = [
    pytest.param(conviction("PC 459", fire_camp=True, **JAIL), SETTLED,
                 Expect("needs_review", "dismiss", statute="PC 1203.4b(a)", missing=()),
                 id="1203.4b(a) served on a fire crew, released -> dismissal, reviewed"),
    pytest.param(conviction("PC 459", **JAIL), SETTLED, Expect("needs_review", missing=("fire_camp",)),
                 id="1203.4b custody sentence, fire crew unknown -> asked"),
    pytest.param(conviction("PC 459", fire_camp=False, **JAIL), SETTLED, Expect("not_eligible"),
                 id="1203.4b no fire crew -> no route"),
    pytest.param(conviction("PC 459"), SETTLED, Expect("not_eligible"),
                 id="1203.4b probation only -> never asked"),
    pytest.param(conviction("PC 451(b)", fire_camp=True, **JAIL), SETTLED, Expect("not_eligible"),
                 id="1203.4b(b) arson excluded"),
    pytest.param(conviction("PC 647.6", fire_camp=True, **JAIL), SETTLED, Expect("not_eligible"),
                 id="1203.4b(b) PC 290 offense excluded"),
]


@pytest.mark.parametrize(("subject", "who", "expected"), FIRE_CAMP_RULES)
def test_fire_crew_dismissal(subject: ConvictionFacts, who: Person, expected: Expect) -> None:
    expected.check(determination("pc1203_4b", subject, who=who))


def test_wic_781_786_juvenile_case_is_a_route_for_the_person() -> None:
    (route,) = screen(person(juvenile_case=True), [], TODAY).person_routes

    assert (route.remedy, route.outcome, route.relief, route.statute) == ("wic781", "needs_review", "seal",
                                                                          "WIC 781(a), 786(a)")


def test_wic_781_is_not_raised_without_a_juvenile_case() -> None:
    assert screen(person(juvenile_case=None), [], TODAY).person_routes == ()


def test_1170_9_restorative_relief_says_it_reaches_beyond_1203_4_and_is_flagged_unverified() -> None:
    found = determination("pc1170_9", conviction("PC 273.5", level="felony"), who=person(veteran=True))

    assert "even where an ordinary dismissal under PC 1203.4" in found.reasons[0].en
    assert "PC 1170.9(h)" in found.reasons[0].es
    assert found.unverified == (PC1170_9_RELIEF,)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("county_jail", ["pc1170_91"], id="jail term: resentencing only"),
        pytest.param("probation", ["pc1170_9"], id="probation: restorative relief only"),
    ],
)
def test_a_veterans_felony_gets_1170_91_or_1170_9_by_its_sentence(sentence: str, expected: list[str]) -> None:
    (result,) = screen(person(veteran=True), [conviction("PC 459", level="felony", sentence=sentence, **SERVING)],
                       TODAY).convictions

    assert [d.remedy for d in result.determinations if d.remedy.startswith("pc1170_9")] == expected
