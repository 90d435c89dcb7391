"""PC 851.91 arrest sealing (CR-409) and the PC 851.93 automatic arrest relief note, one case per subdivision."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest

from app.eligibility import ArrestFacts, Determination, Person, screen
from tests.unit.eligibility.builders import SETTLED, TODAY, Expect, conviction, person

_ids = count(1)


def arrest(**facts: Any) -> ArrestFacts:
    """An arrest in 2015 by a city police department whose charges were dismissed."""
    defaults: dict[str, Any] = {"id": f"a{next(_ids)}", "county": "Alameda", "arrest_date": date(2015, 3, 4),
                                "agency": "Oakland Police Department", "outcome": "dismissed", "offense_text": "PC 242"}
    defaults.update(facts)
    return ArrestFacts(**defaults)


def sealing(subject: ArrestFacts, who: Person = SETTLED) -> Determination:
    (result,) = screen(who, [], TODAY, arrests=[subject]).arrests
    (found,) = result.determinations
    return found


RULES = [
    pytest.param(arrest(outcome="dismissed"),
                 Expect("eligible", "seal", statute="PC 851.91(a)(1)(B)(i)"),
                 id="851.91(a)(1)(B)(i) charges dismissed -> seal"),
    pytest.param(arrest(outcome="acquitted"),
                 Expect("eligible", "seal", statute="PC 851.91(a)(1)(B)(ii)"),
                 id="851.91(a)(1)(B)(ii) acquitted -> seal"),
    pytest.param(arrest(outcome="vacated"),
                 Expect("eligible", "seal", statute="PC 851.91(a)(1)(B)(iii)"),
                 id="851.91(a)(1)(B)(iii) conviction vacated -> seal"),
    pytest.param(arrest(outcome="no_charges"),
                 Expect("needs_review", "seal", statute="PC 851.91(a)(1)(A)", missing=()),
                 id="851.91(a)(1)(A) no charges filed: the statute of limitations is checked -> needs review"),
    pytest.param(arrest(outcome=None),
                 Expect("needs_review", "seal", missing=("arrest.outcome",)),
                 id="851.91(a)(1) unknown outcome -> needs review naming it"),
    pytest.param(arrest(outcome="dismissed", offense_text="PC 187"),
                 Expect("not_eligible", statute="PC 851.91(a)(2)(B)"),
                 id="851.91(a)(2)(B) murder arrest dismissed -> not sealable"),
    pytest.param(arrest(outcome="acquitted", offense_text="PC 187"),
                 Expect("eligible", "seal"),
                 id="851.91(a)(2)(B) murder arrest acquitted -> seal"),
    pytest.param(arrest(outcome="dismissed", offense_text=""),
                 Expect("needs_review", "seal", missing=("arrest.offense",)),
                 id="851.91(a)(2)(B) dismissed, offense unknown: may be a no-limitation offense -> needs review"),
    pytest.param(arrest(outcome="acquitted", offense_text=""),
                 Expect("eligible", "seal"),
                 id="851.91(a)(2)(B) acquitted -> seal whatever the offense"),
    pytest.param(arrest(outcome="dismissed", offense_text="PC 288(a)"),
                 Expect("needs_review", "seal"),
                 id="851.91(a)(2)(B) with PC 799(b) sex offense possibly without limitation -> needs review"),
]


@pytest.mark.parametrize(("subject", "expected"), RULES)
def test_sealing(subject: ArrestFacts, expected: Expect) -> None:
    expected.check(sealing(subject))


def test_every_sealing_names_form_cr_409() -> None:
    assert sealing(arrest()).form == "CR-409"


def test_arrests_are_screened_apart_from_convictions() -> None:
    result = screen(SETTLED, [conviction("PC 242")], TODAY, arrests=[arrest(id="a1")])

    assert [r.id for r in result.arrests] == ["a1"]
    assert all(d.remedy != "pc851_91" for r in result.convictions for d in r.determinations)


def test_851_93_note_for_an_arrest_without_conviction() -> None:
    (result,) = screen(SETTLED, [], TODAY, arrests=[arrest()]).arrests

    assert [note.statute for note in result.automatic_relief] == ["PC 851.93"]


def test_851_93_note_is_not_given_to_a_registrant() -> None:
    (result,) = screen(person(registered_sex_offender=True), [], TODAY, arrests=[arrest()]).arrests

    assert result.automatic_relief == ()


def test_851_93_note_is_not_given_for_arrests_before_1973() -> None:
    (result,) = screen(SETTLED, [], TODAY, arrests=[arrest(arrest_date=date(1972, 12, 31))]).arrests

    assert result.automatic_relief == ()


def sealing_with(subject: ArrestFacts, convictions: list[Any] = (), others: list[ArrestFacts] = ()) -> Determination:
    """The answer for ``subject`` screened with the rest of the person's record."""
    result = screen(SETTLED, list(convictions), TODAY, arrests=[subject, *others])
    return next(found for found in result.arrests if found.id == subject.id).determinations[0]


DV = {"offense_text": "PC 273.5"}
RECORD_BARS = [
    pytest.param(arrest(), [conviction("PC 1320", conviction_date=date(2016, 1, 5))], (),
                 Expect("needs_review", "seal", statute="PC 851.91(a)(2)(C)-(D)", missing=()),
                 id="851.91(a)(2)(C) a failure to appear after the arrest may be evasion -> needs review"),
    pytest.param(arrest(), [conviction("PC 148.9", conviction_date=date(2015, 6, 1))], (),
                 Expect("needs_review", "seal", statute="PC 851.91(a)(2)(C)-(D)"),
                 id="851.91(a)(2)(D) a false identification after the arrest may be identity fraud -> needs review"),
    pytest.param(arrest(), [conviction("PC 530.5", conviction_date=None)], (),
                 Expect("needs_review", "seal", statute="PC 851.91(a)(2)(C)-(D)"),
                 id="851.91(a)(2)(D) an undated identity theft conviction may follow the arrest -> needs review"),
    pytest.param(arrest(), [conviction("PC 1320", conviction_date=date(2010, 1, 5))], (),
                 Expect("eligible", "seal", statute="PC 851.91(a)(1)(B)(i)"),
                 id="851.91(a)(2)(C) a failure to appear before the arrest is not evasion of it -> seal"),
    pytest.param(arrest(**DV), [conviction("PC 273.5", conviction_date=date(2013, 1, 5)),
                                conviction("PC 243(e)(1)", conviction_date=date(2014, 6, 1))], (),
                 Expect("needs_review", "seal", "interests_of_justice", "PC 851.91(c)(2)", missing=()),
                 id="851.91(c)(2) domestic violence arrest, two DV convictions within three years -> interests of justice"),
    pytest.param(arrest(**DV), [conviction("PC 273.5", conviction_date=date(2003, 1, 5)),
                                conviction("PC 273.5", conviction_date=date(2009, 6, 1))], (),
                 Expect("eligible", "seal"),
                 id="851.91(c)(2) two DV convictions six years apart are no pattern -> seal as of right"),
    pytest.param(arrest(**DV), [conviction("PC 273.5", conviction_date=date(2013, 1, 5))], (),
                 Expect("eligible", "seal"),
                 id="851.91(c)(2) one DV conviction is no pattern -> seal as of right"),
    pytest.param(arrest(**DV), [], [arrest(offense_text="PC 273.5", arrest_date=date(2013 + n, 2, 1)) for n in range(4)],
                 Expect("needs_review", "seal", "interests_of_justice", "PC 851.91(c)(2)"),
                 id="851.91(c)(2) five DV arrests each within three years of another -> interests of justice"),
    pytest.param(arrest(**DV), [], [arrest(offense_text="PC 273.5", arrest_date=date(2013 + n, 2, 1)) for n in range(3)],
                 Expect("eligible", "seal"),
                 id="851.91(c)(2) four DV arrests are no pattern -> seal as of right"),
    pytest.param(arrest(offense_text="PC 273a"), [conviction("PC 273d", conviction_date=date(2014, 1, 5)),
                                                  conviction("PC 273a", conviction_date=None)], (),
                 Expect("needs_review", "seal", "interests_of_justice", "PC 851.91(c)(2)"),
                 id="851.91(c)(2) child abuse arrest, an undated conviction may complete the pattern -> interests of justice"),
    pytest.param(arrest(offense_text="PC 368(b)(1)"), [conviction("PC 368", conviction_date=date(2014, 1, 5)),
                                                       conviction("PC 368", conviction_date=date(2015, 1, 5))], (),
                 Expect("needs_review", "seal", "interests_of_justice", "PC 851.91(c)(2)"),
                 id="851.91(c)(2) elder abuse arrest with an elder abuse pattern -> interests of justice"),
    pytest.param(arrest(), [conviction("PC 273.5", conviction_date=date(2013, 1, 5)),
                            conviction("PC 273.5", conviction_date=date(2014, 6, 1))], (),
                 Expect("eligible", "seal"),
                 id="851.91(c)(2) reaches only an arrest for that kind of abuse -> a battery arrest is sealed as of right"),
    pytest.param(arrest(offense_text="PC 273a"), [conviction("PC 273.5", conviction_date=date(2013, 1, 5)),
                                                  conviction("PC 273.5", conviction_date=date(2014, 6, 1))], (),
                 Expect("eligible", "seal"),
                 id="851.91(c)(2) the pattern must be of the same kind -> DV convictions do not hold a child abuse arrest"),
]


@pytest.mark.parametrize(("subject", "convictions", "others", "expected"), RECORD_BARS)
def test_record_bar(subject: ArrestFacts, convictions: list[Any], others: list[ArrestFacts], expected: Expect) -> None:
    expected.check(sealing_with(subject, convictions, others))


def test_an_abuse_pattern_says_the_judge_weighs_the_interests_of_justice_and_is_flagged() -> None:
    from app.eligibility.remedies.pc851_91 import ABUSE_PATTERN
    from app.eligibility.unverified import PC851_91_RECORD_BARS

    found = sealing_with(arrest(**DV), [conviction("PC 273.5", conviction_date=date(2013, 1, 5)),
                                        conviction("PC 273.5", conviction_date=date(2014, 6, 1))])

    assert found.reasons == (ABUSE_PATTERN,) and "interests of justice" in found.reasons[0].en
    assert PC851_91_RECORD_BARS in found.unverified


def test_an_evasion_sign_names_the_conviction_to_check() -> None:
    from app.eligibility.remedies.pc851_91 import EVASION_SIGN

    found = sealing_with(arrest(), [conviction("PC 1320", conviction_date=date(2016, 1, 5))])

    assert found.reasons == (EVASION_SIGN,) and "failing to appear" in found.reasons[0].en


def test_an_arrest_screened_alone_has_no_record_bar() -> None:
    from app.eligibility.remedies.pc851_91 import assess

    assert assess(arrest(**DV)).outcome == "eligible"
