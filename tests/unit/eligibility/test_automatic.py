"""Automatic relief notes (PC 1203.425, HS 11361.9): may already be cleared, and how to check."""

from __future__ import annotations

from datetime import date

from app.eligibility import ConvictionFacts, screen
from tests.unit.eligibility.automatic_helpers import notes
from tests.unit.eligibility.builders import SETTLED, TODAY, conviction, person


def test_old_prop64_conviction_gets_the_hs_11361_9_note() -> None:
    note, _records_destroyed = notes(conviction("HS 11357(b)", id="m1"))

    assert (note.conviction, note.statute) == ("m1", "HS 11361.9")


def test_notes_say_how_to_check_and_keep_the_petition_route() -> None:
    note, _records_destroyed = notes(conviction("HS 11357(b)"))

    assert "Record Review" in note.note.en and "clerk" in note.note.en and "CR-400" in note.note.en
    assert "Record Review" in note.note.es and "CR-400" in note.note.es


def test_prop64_note_never_replaces_the_determination() -> None:
    result = screen(SETTLED, [conviction("HS 11357(b)")], TODAY)

    assert result.convictions[0].determinations[0].outcome == "eligible"


def test_completed_probation_gets_the_pc_1203_425_note() -> None:
    (note,) = notes(conviction("PC 242"))

    assert note.statute == "PC 1203.425"
    assert "CR-180" in note.note.en


def test_misdemeanor_without_probation_a_year_on_gets_the_note() -> None:
    (note,) = notes(conviction("PC 415", sentence="fine_only", probation_completed=None, probation_violated=None))

    assert note.statute == "PC 1203.425"


def test_violated_probation_gets_no_pc_1203_425_note() -> None:
    assert notes(conviction("PC 242", probation_violated=True)) == ()


def test_registrants_get_no_pc_1203_425_note() -> None:
    assert notes(conviction("PC 242"), who=person(registered_sex_offender=True)) == ()


def test_unknown_supervision_gives_no_note() -> None:
    assert notes(conviction("PC 242"), who=person(on_probation_or_parole=None)) == ()


def test_no_pc_1203_425_note_before_it_was_operative() -> None:
    assert notes(conviction("PC 242"), today=date(2022, 6, 30)) == ()


def test_old_felony_without_later_felony_gets_the_felony_note() -> None:
    prison = conviction("PC 459", level="felony", sentence="state_prison", probation_completed=None,
                        probation_violated=None, sentence_completed_date=date(2015, 1, 1))

    (note,) = notes(prison)

    assert note.statute == "PC 1203.425"
    assert "serious or violent" in note.note.en


def test_later_felony_blocks_the_felony_note() -> None:
    earlier = conviction("PC 459", level="felony", sentence="state_prison", conviction_date=date(2010, 1, 1),
                         sentence_completed_date=date(2012, 1, 1))
    later = conviction("PC 211", level="felony", sentence="state_prison", conviction_date=date(2018, 1, 1),
                       sentence_completed_date=date(2019, 1, 1))

    statutes = {n.conviction: n.statute for n in notes(earlier, later)}

    assert earlier.id not in statutes


def _prison_felony(offense: str, convicted: date) -> ConvictionFacts:
    return conviction(offense, level="felony", sentence="state_prison", probation_completed=None,
                      probation_violated=None, conviction_date=convicted, sentence_completed_date=date(2015, 1, 1))


def test_1203_425_reaches_pre_2021_convictions_only_from_sb_731s_operative_date() -> None:
    assert notes(conviction("PC 242"), today=date(2023, 6, 30)) == ()
    (note,) = notes(conviction("PC 242"), today=date(2023, 7, 1))
    assert note.statute == "PC 1203.425"


def test_1203_425_reaches_2021_and_later_convictions_from_ab_1076s_operative_date() -> None:
    recent = conviction("PC 242", conviction_date=date(2021, 2, 1), sentence_completed_date=date(2022, 2, 1))

    (note,) = notes(recent, today=date(2022, 7, 1))

    assert note.statute == "PC 1203.425"


def test_1203_425_felony_clause_starts_with_2005_convictions() -> None:
    assert notes(_prison_felony("PC 459", date(2004, 12, 31))) == ()
    assert len(notes(_prison_felony("PC 459", date(2005, 1, 1)))) == 1


def test_1203_425_felony_note_never_shows_for_a_super_strike() -> None:
    assert notes(_prison_felony("PC 187", date(2006, 1, 1))) == ()


def test_1203_425_felony_note_never_shows_for_a_known_serious_or_violent_felony() -> None:
    assert notes(_prison_felony("PC 211", date(2006, 1, 1))) == ()
