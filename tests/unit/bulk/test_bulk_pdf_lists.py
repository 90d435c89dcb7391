"""The streamed court-list PDF: valid, paginated, and faithful to the text it is given."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from app.bulk.pdf_lists import write_list_pdf

ROW = ["SJ10CR1", "ROE,RICHARD", "1975-02-02", "2010-03-01", "HS 11357(b), HS 11358"]


def test_an_empty_list_says_there_are_no_cases(tmp_path: Path) -> None:
    pages = write_list_pdf(tmp_path / "list.pdf", "Title", "Subtitle", [])
    reader = PdfReader(tmp_path / "list.pdf")
    assert pages == len(reader.pages) == 1 and "No cases." in reader.pages[0].extract_text()


def test_text_with_parentheses_and_backslashes_survives(tmp_path: Path) -> None:
    write_list_pdf(tmp_path / "list.pdf", "Title (HS 11361.9)", "Sub", [[*ROW[:4], "PC 288(a) \\ note"]])
    text = PdfReader(tmp_path / "list.pdf").pages[0].extract_text()
    assert "Title (HS 11361.9)" in text and "PC 288(a) \\ note" in text


def test_a_long_list_is_numbered_across_pages(tmp_path: Path) -> None:
    pages = write_list_pdf(tmp_path / "list.pdf", "Title", "Sub", [ROW] * 500)
    reader = PdfReader(tmp_path / "list.pdf")
    assert pages == len(reader.pages) > 5
    assert "500" in reader.pages[-1].extract_text() and "Page 1" in reader.pages[0].extract_text()


def test_long_cells_wrap_instead_of_being_cut(tmp_path: Path) -> None:
    sections = ", ".join(f"HS 1135{n}" for n in range(7)) + ", PC 32, HS 11364, HS 11366"
    write_list_pdf(tmp_path / "list.pdf", "Title", "Sub", [[*ROW[:4], sections]])
    text = PdfReader(tmp_path / "list.pdf").pages[0].extract_text()
    assert "HS 11366" in text
