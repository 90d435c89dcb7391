"""Formula injection in every CSV a person opens in a spreadsheet: a cell starting with =, +, -, @ is shown as text."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bulk.runner import run_bulk_screen
from app.doj.synthetic import conviction_row, write_rows
from app.spreadsheet import neutralise, restore

FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(formula: str) -> None:
    assert neutralise(formula) == "'" + formula


@pytest.mark.parametrize("number", ["-12", "-0.5", "-2026"])
def test_a_plain_negative_number_stays_a_number(number: str) -> None:
    assert neutralise(number) == number


@pytest.mark.parametrize("text", ["ROE,RICHARD", "O'Brien", "", "12-CR-3456"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("text", [*FORMULAS, "'quoted", "plain"])
def test_restore_gives_back_what_neutralise_was_given(text: str) -> None:
    assert restore(neutralise(text)) == text


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_bulk_court_lists_defuse_names_and_case_numbers_from_the_doj_file(tmp_path: Path) -> None:
    rows = [conviction_row("1", "11357(B) HS", "M", name='=HYPERLINK("http://x"),A', ofn="@CASE1",
                           count_order="001002001000")]
    run_bulk_screen([write_rows(tmp_path / "doj.csv", rows)], "San Joaquin", tmp_path / "out",
                    as_of=date(2026, 11, 29))
    listed = _rows(tmp_path / "out" / "dismissal_list.csv")
    assert (listed[0]["NAME"], listed[0]["CASE_NUMBER"]) == ('\'=HYPERLINK("http://x"),A', "'@CASE1")
    text = PdfReader(tmp_path / "out" / "dismissal_list.pdf").pages[0].extract_text()
    assert "'@CASE1" not in text and "@CASE1" in text  # the printed list shows the DOJ's own text


def test_bulk_results_copy_the_doj_columns_unchanged(tmp_path: Path) -> None:
    """results.csv is the DOJ file with columns appended, byte for byte (docs/bulk.md): it is read by programs that
    join it back to the DOJ file, so its DOJ cells are not rewritten; the court lists are the files people open."""
    rows = [conviction_row("1", "11357(B) HS", "M", name="=1+1,A", count_order="001002001000")]
    run_bulk_screen([write_rows(tmp_path / "doj.csv", rows)], "San Joaquin", tmp_path / "out",
                    as_of=date(2026, 11, 29), render_pdfs=False)
    assert _rows(tmp_path / "out" / "results.csv")[0]["PRI_NAME"] == "=1+1,A"
