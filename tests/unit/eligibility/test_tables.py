"""The statute tables are well-formed data and the questionnaire's offense list reads back."""

from __future__ import annotations

import pytest

from app.eligibility import OFFENSE_CHOICES, parse_offense
from app.eligibility.statutes import MAYBE, NO, YES, StatuteList, parse_entry


def test_entries_must_be_canonical() -> None:
    with pytest.raises(ValueError):
        parse_entry("Penal Code 187")


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        pytest.param("PC 286(c)(1)", YES, id="exact entry"),
        pytest.param("PC 286(c)(1)(A)", YES, id="below the entry"),
        pytest.param("PC 286", MAYBE, id="cited more coarsely than the entry"),
        pytest.param("PC 286(b)", NO, id="other subdivision"),
        pytest.param("PC 287", NO, id="other section"),
    ],
)
def test_list_matching_distinguishes_yes_maybe_no(cited: str, expected: int) -> None:
    table = StatuteList("test", ("PC 286(c)(1)",))

    assert table.match(parse_offense(cited)) == expected


def test_whole_section_entry_matches_every_subdivision() -> None:
    assert StatuteList("test", ("PC 288",)).match(parse_offense("PC 288(b)(1)")) == YES


def test_every_offense_choice_parses_back_to_its_section() -> None:
    for code, section, label_en, label_es in OFFENSE_CHOICES:
        offense = parse_offense(f"{code} {section}")
        assert offense is not None and offense.label == label_en and offense.label_es == label_es, section


def test_offense_choices_cover_marijuana_prop47_and_driving() -> None:
    offered = {(code, section) for code, section, _, _ in OFFENSE_CHOICES}

    assert {("HS", "11357"), ("HS", "11359"), ("PC", "459.5"), ("PC", "496"), ("VC", "23152")} <= offered
