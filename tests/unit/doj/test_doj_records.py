"""Rows fold into people and counts the way the DOJ format describes (doj-format.md)."""
from __future__ import annotations

from datetime import date

from app.doj.reader import DojRow, RejectedRow
from app.doj.records import Subject, build_subject, group_subjects
from app.doj.synthetic import ARREST, DECEASED, REGISTRATION, conviction_row, doj_row


def _rows(*rows: list[str]) -> list[DojRow]:
    return [DojRow("doj.csv", line, fields) for line, fields in enumerate(rows, start=1)]


def test_only_rows_whose_disposition_starts_convicted_become_counts() -> None:
    subject = build_subject(
        _rows(
            doj_row("1", ARREST, "11357 HS-POSSESS", count_order="101001001000"),
            doj_row("1", disposition="DISMISSED/CHARGE DROPPED", offense="11358 HS", count_order="101002001000"),
            conviction_row("1", "11359 HS-POSSESS FOR SALE", count_order="101002002000"),
        )
    )
    assert [count.offense_text for count in subject.counts] == ["11359 HS-POSSESS FOR SALE"]


def test_sentence_parts_of_one_count_are_summed_into_one_count() -> None:
    subject = build_subject(
        _rows(
            conviction_row("1", "11358 HS", level="M", count_order="101002001000", sentence=("PROBATION", "6", "M")),
            conviction_row("1", "11358 HS", level="M", count_order="101002001000", sentence=("JAIL", "10", "D")),
        )
    )
    [count] = subject.counts
    assert count.sentence_days == 190 and count.sentence == "county_jail" and count.row_positions == [0, 1]


def test_offense_is_read_from_the_comment_when_the_record_says_see_comment() -> None:
    subject = build_subject(_rows(conviction_row("1", "SEE COMMENT FOR CHARGE", comment="11358 HS-CULTIVATE")))
    assert subject.counts[0].offense_text == "11358 HS-CULTIVATE"


def test_level_comes_from_conviction_status_then_type_of_charge() -> None:
    by_status = conviction_row("1", "11359 HS", level="M", offense_toc="F")
    by_toc = conviction_row("1", "11359 HS", level="F", conviction_status="", count_order="101002002000")
    subject = build_subject(_rows(by_status, by_toc))
    assert [count.level for count in subject.counts] == ["misdemeanor", "felony"]


def test_conviction_date_prefers_the_disposition_date_over_the_event_date() -> None:
    subject = build_subject(_rows(conviction_row("1", "11359 HS", event_date="20100101", disposition_date="20100305")))
    assert subject.counts[0].conviction_date == date(2010, 3, 5)


def test_counts_of_one_court_event_share_a_case_key_and_the_docket_found_on_any_of_them() -> None:
    subject = build_subject(
        _rows(
            conviction_row("1", "11359 HS", count_order="101002001000", ofn="SJ10CR123"),
            conviction_row("1", "11364 HS", level="M", count_order="101002002000"),
        )
    )
    assert {(count.court_case, count.docket) for count in subject.counts} == {("SAN JOAQUIN|101002|20100101", "SJ10CR123")}


def test_counts_with_the_same_event_prefix_but_different_dates_are_different_cases() -> None:
    subject = build_subject(
        _rows(
            conviction_row("1", "220 PC", event_date="19980504", count_order="101001020000"),
            conviction_row("1", "11359 HS", event_date="20151031", count_order="101001024000"),
        )
    )
    assert len({count.court_case for count in subject.counts}) == 2


def test_deceased_and_pc290_registration_are_read_from_their_event_rows() -> None:
    subject = build_subject(
        _rows(doj_row("1", REGISTRATION, "290 PC-REGISTRATION OF SEX OFFENDER"), doj_row("1", DECEASED))
    )
    assert subject.deceased and subject.pc290_registration and subject.counts == []


def test_sentence_end_adds_the_recorded_sentence_to_the_conviction_date() -> None:
    subject = build_subject(_rows(conviction_row("1", "11359 HS", disposition_date="20100101", sentence=("JAIL", "30", "D"))))
    assert subject.counts[0].to_facts().sentence_completed_date == date(2010, 1, 31)


def test_people_are_grouped_by_consecutive_subject_id_and_rejects_pass_through() -> None:
    rejected = RejectedRow("doj.csv", 3, "bad")
    items = [*_rows(conviction_row("1", "11357 HS"), conviction_row("1", "11358 HS")), rejected, *_rows(conviction_row("2", "11359 HS"))]
    grouped = list(group_subjects(items))
    assert [(g.subject_id, len(g.rows)) if isinstance(g, Subject) else g for g in grouped] == [rejected, ("1", 2), ("2", 1)]


def test_a_person_whose_rows_are_split_across_the_file_is_flagged_on_the_later_part() -> None:
    grouped = list(group_subjects(_rows(conviction_row("1", "11357 HS"), conviction_row("2", "11357 HS"), conviction_row("1", "11358 HS"))))
    assert [(s.subject_id, s.rows_not_contiguous) for s in grouped] == [("1", False), ("2", False), ("1", True)]  # type: ignore[union-attr]


def test_a_deceased_row_that_also_records_a_conviction_counts_as_both() -> None:
    row = doj_row("1", DECEASED, "555 PC-UH OH", disposition="CONVICTED-PROBATION", conviction_status="MISDEMEANOR")
    subject = build_subject(_rows(row))
    assert subject.deceased and len(subject.counts) == 1
