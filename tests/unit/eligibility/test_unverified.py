"""Determinations that rest on a rule not yet re-read against the statute say so (`unverified`)."""

from __future__ import annotations

from datetime import date

from app.eligibility import ArrestFacts, screen
from app.eligibility.unverified import (
    PC799_SEX_OFFENSES,
    PROP47_OLDER_SECTIONS,
    PROP64_AGGRAVATORS,
    WOBBLER_ADDITIONS,
    WOBBLER_SECONDARY_LIST,
)
from tests.unit.eligibility.builders import SETTLED, TODAY, conviction, determination

BEFORE = {"conviction_date": date(2010, 5, 1), "offense_date": date(2010, 1, 1)}


def test_prop_64_felony_sale_names_the_11359_c_aggravators() -> None:
    found = determination("prop64", conviction("HS 11359", level="felony", **BEFORE))

    assert PROP64_AGGRAVATORS in found.unverified


def test_prop_64_possession_rests_on_no_unverified_rule() -> None:
    assert determination("prop64", conviction("HS 11357(b)")).unverified == ()


def test_prop_47_grand_theft_names_the_older_section_reading() -> None:
    found = determination("prop47", conviction("PC 487", level="felony", value_over_950=False, **BEFORE))

    assert PROP47_OLDER_SECTIONS in found.unverified


def test_a_17b_wobbler_from_the_unverified_additions_says_so() -> None:
    assert WOBBLER_ADDITIONS in determination("pc17b", conviction("VC 23153", level="felony")).unverified


def test_a_17b_wobbler_from_the_secondary_list_says_so() -> None:
    assert determination("pc17b", conviction("PC 487(a)", level="felony")).unverified == (WOBBLER_SECONDARY_LIST,)


def test_a_17b_wobbler_re_read_against_its_punishment_clause_rests_on_no_unverified_rule() -> None:
    assert determination("pc17b", conviction("PC 245(a)(4)", level="felony")).unverified == ()


def test_a_851_91_arrest_for_a_possible_no_limitation_sex_offense_says_so() -> None:
    arrest = ArrestFacts(id="a1", outcome="dismissed", offense_text="PC 288(a)")

    (result,) = screen(SETTLED, [], TODAY, arrests=[arrest]).arrests

    assert result.determinations[0].unverified == (PC799_SEX_OFFENSES,)


def test_the_flag_is_in_the_screening_json() -> None:
    body = screen(SETTLED, [conviction("HS 11359", level="felony", id="c1", **BEFORE)], TODAY).to_dict()

    assert body["convictions"][0]["determinations"][0]["unverified"] == [PROP64_AGGRAVATORS]
