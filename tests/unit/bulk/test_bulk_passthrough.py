"""results.csv and prop64_results.csv copy each accepted input row exactly as it stood in the file
(its own quoting kept, its line ending dropped) and append the eligibility columns after one comma."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from app.bulk.outputs import ELIGIBILITY_COLUMNS
from app.bulk.runner import run_bulk_screen
from app.doj.columns import COLUMNS
from app.doj.synthetic import ARREST, conviction_row, doj_row

AS_OF = date(2026, 11, 29)


def _line(fields: list[str]) -> str:
    """One row as csv.writer would write it, without a line ending."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)  # (with "" as terminator a newline would go unquoted)
    return out.getvalue().removesuffix("\n")


def _output_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").split("\n")[:-1]  # results are written with "\n" endings


def _appended(line: str, original: str) -> dict[str, str]:
    """The eligibility columns after ``original`` (which ``line`` must start with, followed by a comma)."""
    assert line.startswith(original + ",")
    [values] = csv.reader([line[len(original) + 1:]])
    assert len(values) == len(ELIGIBILITY_COLUMNS)
    return dict(zip(ELIGIBILITY_COLUMNS, values))


def test_rows_are_copied_unchanged_with_their_own_quoting_and_crlf_dropped(tmp_path: Path) -> None:
    arrest = _line(doj_row("1", ARREST, "11357(B) HS-POSSESS", name="ROE,RICHARD", count_order="001001001000"))
    # A quoted comma in the name, and quotes csv.writer would not have used (around the county and a blank).
    convicted = _line(conviction_row("1", "11357(B) HS-POSSESS", "M", name="ROE,RICHARD", count_order="001002001000",
                                     ofn="SJ10CR1", event_date="20100301"))
    convicted = convicted.replace(",SAN JOAQUIN,", ',"SAN JOAQUIN",', 1)
    convicted = convicted[: -len(",")] + ',""'  # END_OF_REC written as a quoted empty field
    assert '"SAN JOAQUIN"' in convicted and convicted.endswith(',""')  # csv.writer would write neither
    other = _line(conviction_row("2", "459 PC-BURGLARY", "F", name='SMITH,"JJ"', event_date="20120301"))
    header = ",".join(COLUMNS)
    originals = [arrest, convicted, other]
    path = tmp_path / "county.csv"
    path.write_bytes(("\r\n".join([header, *originals]) + "\r\n").encode("utf-8"))

    summary = run_bulk_screen([path], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)

    assert summary["rows_read"] == 3 and summary["rows_rejected"] == 0
    lines = _output_lines(tmp_path / "out" / "results.csv")
    assert lines[0] == ",".join(COLUMNS + ELIGIBILITY_COLUMNS)
    assert not any("\r" in line for line in lines)
    appended = [_appended(line, original) for line, original in zip(lines[1:], originals, strict=True)]
    assert [(a["SOURCE_LINE"], a["IS_CONVICTION"], a["DETERMINATION"]) for a in appended] == [
        ("2", "no", ""), ("3", "yes", "dismissal"), ("4", "yes", "")
    ]
    # The copied row still parses to the same 95 values the screening read.
    with open(path, newline="", encoding="utf-8") as handle:
        parsed = list(csv.reader(handle))[1:]
    assert [next(csv.reader([line]))[: len(COLUMNS)] for line in lines[1:]] == parsed

    prop64_lines = _output_lines(tmp_path / "out" / "prop64_results.csv")
    assert prop64_lines[1:] == [lines[2]]


def test_a_quoted_field_running_over_lines_is_rejected_and_the_rows_around_it_pass_through(tmp_path: Path) -> None:
    before = _line(conviction_row("1", "11357(B) HS-POSSESS", "M", event_date="20100301"))
    split = _line(conviction_row("2", "11357(B) HS-POSSESS", "M", event_date="20100301", comment="FIRST\nSECOND"))
    after = _line(conviction_row("3", "11358 HS", "M", event_date="20110301"))
    assert split.count("\n") == 1  # the row takes two physical lines (2 and 3)
    path = tmp_path / "county.csv"
    path.write_bytes(("\n".join([before, split, after]) + "\n").encode("utf-8"))

    summary = run_bulk_screen([path], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)

    assert summary["rows_read"] == 3 and summary["rows_rejected"] == 1
    with open(tmp_path / "out" / "errors.csv", newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle))[1:] == [["county.csv", "2", "broken quoting (quoted field runs over lines 2-3)"]]
    lines = _output_lines(tmp_path / "out" / "results.csv")
    assert [_appended(line, original)["SOURCE_LINE"] for line, original in zip(lines[1:], [before, after], strict=True)] == [
        "1", "4"
    ]
