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
