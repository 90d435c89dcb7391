"""The reader streams rows, rejects malformed ones with their line numbers, and fails clearly on unreadable files."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.doj.columns import COLUMNS, DISP_DATE
from app.doj.reader import DojFileError, DojReader, DojRow, RejectedRow, check_readable
from app.doj.synthetic import conviction_row, write_rows
from tests.support.tiers import SHARED_FIXTURES, require_shared_fixture

FIXTURES = SHARED_FIXTURES / "doj"


def _rows(path: Path) -> list[DojRow | RejectedRow]:
    return list(DojReader([path]))


def _rejected(items: list[DojRow | RejectedRow]) -> list[RejectedRow]:
    return [item for item in items if isinstance(item, RejectedRow)]


def test_rows_carry_their_line_numbers(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "doj.csv", [conviction_row("1", "11357 HS"), conviction_row("2", "11358 HS")])
    assert [(row.source, row.line) for row in _rows(path)] == [("doj.csv", 1), ("doj.csv", 2)]


def test_header_row_is_skipped_but_counted_in_line_numbers(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "doj.csv", [conviction_row("1", "11357 HS")], header=True)
    [row] = _rows(path)
    assert isinstance(row, DojRow) and row.line == 2


def test_row_with_wrong_number_of_columns_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "doj.csv", [conviction_row("1", "11357 HS")[:-1], conviction_row("2", "11358 HS")])
    items = _rows(path)
    assert _rejected(items) == [RejectedRow("doj.csv", 1, "94 columns, expected 95")]
    assert isinstance(items[1], DojRow) and items[1].line == 2


def test_row_with_an_impossible_date_is_rejected(tmp_path: Path) -> None:
    row = conviction_row("1", "11357 HS")
    row[DISP_DATE] = "20151345"
    [rejected] = _rejected(_rows(write_rows(tmp_path / "doj.csv", [row])))
    assert rejected.line == 1 and rejected.reason == "DISP_DATE is not a date (YYYYMMDD)"


def test_unbalanced_quote_is_rejected_without_losing_the_rest_of_the_file(tmp_path: Path) -> None:
    good = write_rows(tmp_path / "good.csv", [conviction_row(str(n), "11357 HS") for n in range(1, 4)])
    lines = good.read_text().splitlines(keepends=True)
    lines[0] = lines[0].replace(",,", ',"', 1)  # opens a quote that never closes on that line
    path = tmp_path / "broken.csv"
    path.write_text("".join(lines))
    items = _rows(path)
    assert [item.line for item in _rejected(items)] == [1]
    assert "broken quoting" in _rejected(items)[0].reason
    assert [item.line for item in items if isinstance(item, DojRow)] == [2, 3]


def test_several_files_are_read_in_order_each_with_its_own_line_numbers(tmp_path: Path) -> None:
    first = write_rows(tmp_path / "a.csv", [conviction_row("1", "11357 HS")])
    second = write_rows(tmp_path / "b.csv", [conviction_row("2", "11357 HS")], header=True)
    assert [(row.source, row.line) for row in DojReader([first, second])] == [("a.csv", 1), ("b.csv", 2)]


def test_progress_reaches_the_total_size(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "doj.csv", [conviction_row(str(n), "11357 HS") for n in range(5000)])
    seen: list[int] = []
    reader = DojReader([path], progress=seen.append)
    list(reader)
    assert seen == sorted(seen) and seen[-1] == reader.total_bytes


def test_missing_file_is_reported_by_name(tmp_path: Path) -> None:
    with pytest.raises(DojFileError, match="nope.csv: no such file"):
        check_readable([tmp_path / "nope.csv"])


def test_binary_file_is_reported_as_not_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\x00\x00\x00")
    with pytest.raises(DojFileError, match="not a text CSV file"):
        check_readable([path])


def test_header_with_a_trailing_comma_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "doj.csv"
    path.write_text(",".join(COLUMNS) + ",\n")
    reader = DojReader([path])
    assert list(reader) == [] and reader.header_warnings == []


@pytest.fixture
def fixtures() -> Path:
    require_shared_fixture(FIXTURES)
    return FIXTURES


def test_public_fixture_without_header_reads_all_38_rows(fixtures: Path) -> None:
    items = _rows(fixtures / "no_headers.csv")
    assert len(items) == 38 and not _rejected(items)


def test_public_fixture_with_trailing_comma_in_header_reads_like_the_plain_one(fixtures: Path) -> None:
    items = _rows(fixtures / "extra_comma.csv")
    assert len(items) == 38 and not _rejected(items)
    assert items[0].line == 2


def test_public_fixture_with_missing_column_rejects_every_row_by_line(fixtures: Path) -> None:
    rejected = _rejected(_rows(fixtures / "bad.csv"))
    assert [row.line for row in rejected] == list(range(2, 39))
    assert {row.reason for row in rejected} == {"94 columns, expected 95"}


def test_windows_line_endings_are_read_and_kept_out_of_the_row_text(tmp_path: Path) -> None:
    path = tmp_path / "doj.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(conviction_row(str(n), "11357 HS") for n in range(2))
    rows = _rows(path)
    assert [row.line for row in rows] == [1, 2] and not rows[0].text.endswith(("\r", "\n"))  # type: ignore[union-attr]


def _messy_file(tmp_path: Path) -> Path:
    """Good rows of several people, with broken quoting of three kinds, a short row and a blank line
    scattered between them."""
    path = write_rows(tmp_path / "messy.csv", [conviction_row(str(n // 3), "11357 HS") for n in range(60)])
    lines = path.read_text().splitlines(keepends=True)
    lines[7] = lines[7].replace(",,", ',"', 1)  # a stray quote
    lines[12] = lines[12].rstrip("\n") + ',"open\n'  # a quoted field that runs over two lines
    lines[13] = 'close",' + lines[13]
    lines[20] = lines[20].replace(",,", ',"ab"c,', 1)  # text after a closing quote
    lines[33] = ",".join(lines[33].split(",")[:10]) + "\n"
    lines[41] = "\n"
    path.write_text("".join(lines))
    return path


@pytest.mark.parametrize("batch_bytes", [1, 700, 5000])
def test_rows_and_rejections_do_not_depend_on_where_a_read_batch_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_bytes: int
) -> None:
    path = _messy_file(tmp_path)
    whole = _rows(path)
    monkeypatch.setattr("app.doj.reader.BATCH_BYTES", batch_bytes)
    assert _rows(path) == whole
    assert [item.line for item in _rejected(whole)] == [8, 13, 21, 34]
    assert "runs over lines 13-14" in _rejected(whole)[1].reason


def test_runs_group_consecutive_rows_of_one_subject_id(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "doj.csv", [conviction_row(subject, "11357 HS") for subject in ("1", "1", "2", "1")])
    runs = list(DojReader([path]).runs())
    assert [[row.line for row in run] for run in runs] == [[1, 2], [3], [4]]
