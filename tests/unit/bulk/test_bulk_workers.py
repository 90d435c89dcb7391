"""A run split between processes writes what one process writes, and falls back to one process
whenever splitting could change an answer."""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from app.bulk import pieces, runner, workers
from app.bulk.outputs import REPORT_FILE, court_list_name
from app.bulk.pieces import PieceJob
from app.bulk.policy import DA_OUTCOMES, BulkOptions
from app.bulk.runner import run_bulk_screen
from app.doj.columns import SUBJECT_ID
from app.doj.reader import DojReader, DojRow, number_lines, split_at_subjects
from app.doj.synthetic import synthetic_rows, write_rows, write_synthetic_file
from tests.support.bulk import assert_same_outputs

AS_OF = date(2026, 11, 29)
SMALL_PIECE_BYTES = 64 << 10  # the synthetic files here are ~1 MB: cut them into a few pieces


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_PIECE_BYTES", SMALL_PIECE_BYTES)


@pytest.fixture
def split_runs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run asked for several processes was in fact split (True) or went back to one (False)."""
    answers: list[bool] = []
    real = runner.screen_in_processes

    def recording(paths, job, out_dir, worker_count, *args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real(paths, job, out_dir, worker_count, *args, **kwargs)
        if worker_count > 1:  # runs with --workers 1 are asked too, and always answer None
            answers.append(outcome is not None)
        return outcome

    monkeypatch.setattr(runner, "screen_in_processes", recording)
    return answers


def _run(paths: list[Path], out_dir: Path, worker_count: int, **kwargs: object) -> dict:
    kwargs.setdefault("render_pdfs", False)
    return run_bulk_screen(paths, "San Joaquin", out_dir, as_of=AS_OF, workers=worker_count, **kwargs).data


def test_a_run_split_between_processes_writes_the_same_files_as_one_process(tmp_path: Path, split_runs: list[bool]) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=7)
    _run([path], tmp_path / "one", 1)
    _run([path], tmp_path / "split", 3)
    assert split_runs == [True]
    assert_same_outputs(tmp_path / "one", tmp_path / "split")
    assert not list((tmp_path / "split").glob(".part-*"))


def test_a_split_run_of_several_files_with_unix_line_ends_and_bad_rows_matches_one_process(
    tmp_path: Path, split_runs: list[bool]
) -> None:
    rows = list(synthetic_rows(5000, 1, "SAN JOAQUIN"))
    cut = next(n for n in range(2500, 5000) if rows[n][SUBJECT_ID] != rows[n - 1][SUBJECT_ID])
    first = write_rows(tmp_path / "a.csv", rows[:cut])  # one county file in two, cut between people
    second = write_rows(tmp_path / "b.csv", rows[cut:])
    lines = first.read_text().replace("\r\n", "\n").splitlines(keepends=True)
    lines[100] = ",".join(lines[100].split(",")[:20]) + "\n"  # too few columns
    lines[1800] = lines[1800].replace(",,", ',"', 1)  # broken quoting
    first.write_text("".join(lines))
    summary = _run([first, second], tmp_path / "split", 2)
    _run([first, second], tmp_path / "one", 1)
    assert split_runs == [True]
    assert_same_outputs(tmp_path / "one", tmp_path / "split")
    assert summary["rows_rejected"] == 2


def test_the_court_list_pdfs_of_a_split_run_are_the_ones_one_process_writes(tmp_path: Path, split_runs: list[bool]) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=9)
    _run([path], tmp_path / "one", 1, render_pdfs=True)
    _run([path], tmp_path / "split", 2, render_pdfs=True)
    assert split_runs == [True]
    for outcome in DA_OUTCOMES:
        name = court_list_name(outcome, "pdf")
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    assert (tmp_path / "split" / REPORT_FILE).read_bytes().startswith(b"%PDF")


def test_pieces_start_at_a_new_person_and_carry_their_line_numbers(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=3)
    cut = split_at_subjects(path, 4, SMALL_PIECE_BYTES)
    assert len(cut) == 4
    rows_by_piece = [[row for row in DojReader([piece]) if isinstance(row, DojRow)] for piece in cut]
    for piece, rows in zip(cut, rows_by_piece):
        assert rows[0].line == piece.first_line
    for earlier, later in zip(rows_by_piece, rows_by_piece[1:]):
        assert earlier[-1].fields[SUBJECT_ID] != later[0].fields[SUBJECT_ID]
    whole = [row for row in DojReader([path]) if isinstance(row, DojRow)]
    assert [row for rows in rows_by_piece for row in rows] == whole


def test_a_split_runs_pieces_shrink_along_the_file_and_cover_it(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 8000, seed=5)
    cut = workers.cut_pieces([path], 2)
    sizes = [piece.size for piece in cut]
    assert len(cut) > 4 and sizes[0] > sizes[len(sizes) // 2] > sizes[-2]
    assert [piece.start for piece in cut[1:]] == [piece.end for piece in cut[:-1]] and cut[-1].end is None
    assert cut[0].first_line == 1 and all(piece.first_line == 0 for piece in cut[1:])  # counted later, off the path


def test_the_line_numbers_a_helper_counts_are_the_readers(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes(write_synthetic_file(tmp_path / "doj.csv", 4000, seed=2).read_bytes().replace(b"\n", b"\r\n"))
    numbered = number_lines(workers.cut_pieces([path], 2))
    for piece in numbered:
        first = next(row for row in DojReader([piece]) if isinstance(row, DojRow))
        assert first.line == piece.first_line


def test_a_small_file_is_not_split(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 100, seed=3)
    assert len(split_at_subjects(path, 4, SMALL_PIECE_BYTES)) == 1


def test_a_person_whose_rows_fall_in_two_shares_sends_the_run_back_to_one_process(
    tmp_path: Path, split_runs: list[bool]
) -> None:
    rows = list(synthetic_rows(4000, 5, "SAN JOAQUIN"))
    returning = [list(row) for row in rows if row[SUBJECT_ID] == rows[0][SUBJECT_ID]]
    path = write_rows(tmp_path / "doj.csv", rows + returning)  # the first person again, at the very end
    summary = _run([path], tmp_path / "split", 2)
    _run([path], tmp_path / "one", 1)
    assert split_runs == [False]
    assert_same_outputs(tmp_path / "one", tmp_path / "split")
    assert summary["subjects_with_split_rows"] == 1


def test_a_file_grouped_by_person_but_not_sorted_is_still_split_and_flags_nobody(
    tmp_path: Path, split_runs: list[bool]
) -> None:
    rows = list(synthetic_rows(4000, 11, "SAN JOAQUIN"))
    people: list[list[list[str]]] = []
    for row in rows:
        if people and people[-1][0][SUBJECT_ID] == row[SUBJECT_ID]:
            people[-1].append(row)
        else:
            people.append([row])
    path = write_rows(tmp_path / "doj.csv", [row for person in reversed(people) for row in person])  # descending IDs
    summary = _run([path], tmp_path / "split", 2)
    _run([path], tmp_path / "one", 1)
    assert split_runs == [True]
    assert_same_outputs(tmp_path / "one", tmp_path / "split")
    assert summary["subjects_with_split_rows"] == 0


def test_a_split_run_leaves_no_logs_of_ids_among_the_outputs(tmp_path: Path, split_runs: list[bool]) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=12)
    _run([path], tmp_path / "split", 2)
    assert split_runs == [True]
    assert not [item.name for item in (tmp_path / "split").iterdir() if item.name.startswith(".")]


def test_progress_of_a_split_run_reaches_the_total(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=4)
    reports: list[tuple[int, int]] = []
    _run([path], tmp_path / "split", 2, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1] == (path.stat().st_size, path.stat().st_size)


def test_an_error_in_a_worker_process_reaches_the_caller_and_leaves_no_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=6)
    last_person = [row for row in DojReader([path]) if isinstance(row, DojRow)][-1].fields[SUBJECT_ID].strip()
    screen = pieces.screen_subject

    def failing(subject, *args):  # type: ignore[no-untyped-def]
        if subject.subject_id == last_person:  # screened by the last worker process
            raise ValueError("screening failed")
        return screen(subject, *args)

    monkeypatch.setattr(pieces, "screen_subject", failing)
    with pytest.raises(ValueError, match="screening failed"):
        _run([path], tmp_path / "split", 2)
    assert not list((tmp_path / "split").glob(".part-*"))


def test_a_run_started_off_the_main_thread_stays_in_one_process(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 4000, seed=8)
    answers: list[object] = []
    job = PieceJob("SAN JOAQUIN", BulkOptions(), AS_OF)
    thread = threading.Thread(target=lambda: answers.append(workers.screen_in_processes([path], job, tmp_path, 2)))
    thread.start()
    thread.join()
    assert answers == [None]
