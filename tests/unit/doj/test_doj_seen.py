"""The history of finished people: exact answers (no person flagged wrongly or missed) in memory that
does not grow with the file, whatever the file's order."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.doj import seen
from app.doj.seen import SubjectHistory, SubjectLog, apart


def _answers(history: SubjectHistory, ids: list[str]) -> list[bool]:
    return [history.finish(subject_id) for subject_id in ids]


def _log(folder: Path, ids: list[str]) -> SubjectLog:
    history = SubjectHistory(folder)
    for subject_id in ids:
        history.add(subject_id)
    return history.close()


def test_ascending_ids_are_all_new_and_need_no_index(tmp_path: Path) -> None:
    history = SubjectHistory(tmp_path)
    assert _answers(history, ["9", "10", "11", "200", "1000"]) == [False] * 5  # numeric order, any length
    assert history.ascending
    assert not list(tmp_path.glob(".subject-index-*"))
    history.discard()


def test_people_in_no_particular_order_are_not_flagged(tmp_path: Path) -> None:
    history = SubjectHistory(tmp_path)
    assert _answers(history, ["50", "7", "31", "2", "44", "8"]) == [False] * 6
    assert not history.ascending
    history.discard()


def test_a_person_who_comes_back_is_flagged_each_time_after_the_first(tmp_path: Path) -> None:
    history = SubjectHistory(tmp_path)
    assert _answers(history, ["1", "2", "3", "1", "4", "1", "2"]) == [False, False, False, True, False, True, True]
    history.discard()


def test_a_person_who_comes_back_after_the_order_broke_is_flagged(tmp_path: Path) -> None:
    history = SubjectHistory(tmp_path)
    assert _answers(history, ["5", "3", "8", "6", "3"]) == [False, False, False, False, True]
    history.discard()


def test_ids_written_to_the_log_before_the_order_broke_are_still_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "LOG_BATCH", 3)  # most IDs are on disk, not in the unwritten batch
    history = SubjectHistory(tmp_path)
    ids = [str(number) for number in range(100, 120)]
    assert _answers(history, [*ids, "105", "119", "099"]) == [False] * 20 + [True, True, False]
    history.discard()


def test_filter_false_alarms_are_settled_by_the_exact_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen, "BLOOM_BITS", 8)  # a filter this small says "maybe" to nearly every ID
    history = SubjectHistory(tmp_path)
    ids = [str(number) for number in range(500, 0, -7)]  # descending: every ID goes through the filter
    assert _answers(history, ids) == [False] * len(ids)
    assert _answers(history, [ids[3], "9999", ids[-1]]) == [True, False, True]
    history.discard()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([str(n) for n in range(1, 40)] + ["", "007", "07"]), max_size=80))
def test_the_answers_are_those_of_a_set_of_every_id(ids: list[str]) -> None:
    reference: set[str] = set()
    expected = []
    for subject_id in ids:
        expected.append(subject_id in reference)
        reference.add(subject_id)
    history = SubjectHistory()
    try:
        assert _answers(history, ids) == expected
    finally:
        history.discard()


def test_closing_keeps_only_the_log_of_ids_in_order(tmp_path: Path) -> None:
    history = SubjectHistory(tmp_path)
    _answers(history, ["4", "2", "9", "2"])
    log = history.close()
    assert list(log.ids()) == ["4", "2", "9", "2"]
    assert [path.name for path in tmp_path.iterdir()] == [log.path.name]  # type: ignore[union-attr]
    log.remove()
    assert not list(tmp_path.iterdir())


def test_a_log_travels_as_json_by_name(tmp_path: Path) -> None:
    log = _log(tmp_path, ["3", "1"])
    again = SubjectLog.from_json(log.to_json(), tmp_path)
    assert again == log
    assert list(again.ids()) == ["3", "1"]


def test_ascending_pieces_in_sequence_are_apart_without_reading_their_logs(tmp_path: Path) -> None:
    logs = [_log(tmp_path, ["1", "2"]), _log(tmp_path, ["3", "9"]), _log(tmp_path, ["10", "11"])]
    for log in logs:
        log.remove()  # a log that had to be read would now fail
    assert apart(logs, tmp_path)


def test_pieces_in_no_order_with_different_people_are_apart(tmp_path: Path) -> None:
    logs = [_log(tmp_path, ["8", "1", "6"]), _log(tmp_path, ["2", "7"]), _log(tmp_path, ["5", "3"])]
    assert apart(logs, tmp_path)


def test_a_person_in_two_pieces_keeps_them_together(tmp_path: Path) -> None:
    assert not apart([_log(tmp_path, ["1", "5"]), _log(tmp_path, ["6", "7"]), _log(tmp_path, ["8", "5"])], tmp_path)


def test_a_person_split_within_one_piece_does_not_join_the_pieces(tmp_path: Path) -> None:
    assert apart([_log(tmp_path, ["4", "2", "4"]), _log(tmp_path, ["9"])], tmp_path)


def test_checking_pieces_leaves_no_files_of_its_own(tmp_path: Path) -> None:
    logs = [_log(tmp_path, ["8", "1"]), _log(tmp_path, ["2", "1"])]
    apart(logs, tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted(log.path for log in logs)
