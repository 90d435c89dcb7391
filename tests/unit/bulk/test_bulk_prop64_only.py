"""The bulk tool asks the engine's Prop 64 rule alone; its answers must stay those of ``screen()``.

screening._prop64_determinations skips screen()'s nine other remedies for speed. If screen() ever
post-processes the Prop 64 answer, or the rule starts to depend on another remedy, these fail.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from app.bulk.screening import _prop64_determinations, record_person
from app.doj.reader import DojReader, DojRow
from app.doj.records import Subject, build_subject, group_subjects
from app.doj.synthetic import REGISTRATION, conviction_row, doj_row, write_synthetic_file
from app.eligibility import screen

AS_OF = date(2026, 11, 29)


def _through_screen(subject: Subject, in_county: set[str]) -> dict[str, object]:
    screening = screen(record_person(subject), [count.to_facts() for count in subject.counts], AS_OF)
    answers = {}
    for result in screening.convictions:
        prop64 = next((d for d in result.determinations if d.remedy == "prop64"), None)
        if result.id in in_county and prop64 is not None:
            answers[result.id] = prop64
    return answers


def _assert_same(subject: Subject) -> int:
    in_county = {count.engine_id for count in subject.counts if count.county == "SAN JOAQUIN"}
    expected = _through_screen(subject, in_county)
    assert _prop64_determinations(subject, in_county, AS_OF) == expected, subject.subject_id
    return len(expected)


def test_same_answers_as_screen_on_a_synthetic_county(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 20_000, seed=7)
    answered = 0
    for subject in group_subjects(DojReader([path])):
        assert isinstance(subject, Subject)
        answered += _assert_same(subject)
    assert answered > 500  # the population does exercise the rule


def test_same_answers_as_screen_for_priors_plea_signals_and_missing_facts() -> None:
    records = [
        # prior super strike, prior PC 290 offense, two same-section priors, registrant
        [conviction_row("1", "187 PC-MURDER", event_date="19950101", count_order="001002001000"),
         conviction_row("1", "11358 HS-CULTIVATE", event_date="20100101", count_order="002002001000")],
        [conviction_row("1", "288(A) PC-LEWD", event_date="19990101", count_order="001002001000"),
         conviction_row("1", "11360(A) HS-TRANSPORT", event_date="20100101", count_order="002002001000"),
         doj_row("1", REGISTRATION, "290 PC-REGISTRATION", count_order="003003001000")],
        [conviction_row("1", "11359 HS", event_date=f"20{year:02d}0101", count_order=f"{year:03d}002001000")
         for year in (1, 3, 5)],
        # plea signal in the same case as a marijuana count; undated and unlevelled counts
        [conviction_row("1", "11359 HS-POSSESS FOR SALE", count_order="001002001000", ofn="SJ10CR1"),
         conviction_row("1", "11364 HS-PARAPHERNALIA", "M", count_order="001002002000", ofn="SJ10CR1")],
        [conviction_row("1", "11357 HS", "M", event_date="", count_order="001002001000"),
         conviction_row("1", "11358 HS", conviction_status="", offense_toc="", count_order="002002001000"),
         conviction_row("1", "SEE COMMENT FOR CHARGE", comment="11360 HS", count_order="003002001000",
                        event_date="20170101", sentence=("JAIL", "30", "Y"))],
    ]
    for rows in records:
        _assert_same(build_subject([DojRow("doj.csv", line, fields) for line, fields in enumerate(rows, start=1)]))
