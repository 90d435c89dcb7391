"""Court-ready lists as PDF, written page by page straight to disk.

A county's dismissal list can run to tens of thousands of cases; a layout engine holds the whole
document in memory (WeasyPrint needs ~6 s and ~250 MB for 2,000 table rows), so these plain
tabular exhibits are drawn with the PDF standard fonts instead: flat memory, seconds per 100k rows.
"""
from __future__ import annotations

import csv
import textwrap
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from app.doj.records import BoundedMemo
from app.spreadsheet import restore

PAGE_WIDTH, PAGE_HEIGHT = 792, 612  # US letter, landscape
MARGIN = 36
FONT_SIZE = 8.5
CHAR_WIDTH = FONT_SIZE * 0.6  # Courier is monospaced: every glyph is 600/1000 em
LEADING = 11
FIRST_ROW_Y = PAGE_HEIGHT - MARGIN - 64
LAST_ROW_Y = MARGIN + 24
# (heading, width in characters); the row number comes first.
LIST_COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 7),
    ("Case number", 18),
    ("Name", 32),
    ("Date of birth", 13),
    ("Conviction date", 22),
    ("Code sections", 38),
)


def _pdf_text(text: str) -> bytes:
    return escape(text).encode("cp1252", errors="replace")


class PdfFile:
    """Just enough of PDF 1.4 to write pages sequentially with the built-in fonts (court lists, report.pdf)."""

    FONTS = {"F1": "Courier", "F2": "Helvetica-Bold", "F3": "Helvetica"}

    def __init__(self, handle: BinaryIO, size: tuple[float, float] = (PAGE_WIDTH, PAGE_HEIGHT)) -> None:
        self.handle = handle
        self.media_box = f"[0 0 {size[0]:g} {size[1]:g}]"
        self.offsets: dict[int, int] = {}
        self.pages: list[int] = []
        self.next_id = 3 + len(self.FONTS)  # 1 catalog, 2 page tree, then fonts
        handle.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for number, (_, base_font) in enumerate(self.FONTS.items(), start=3):
            self._object(number, f"<< /Type /Font /Subtype /Type1 /BaseFont /{base_font} /Encoding /WinAnsiEncoding >>".encode())

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.handle.tell()
        self.handle.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")

    def add_page(self, content: bytes) -> None:
        stream_id, page_id = self.next_id, self.next_id + 1
        self.next_id += 2
        self._object(stream_id, f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        fonts = " ".join(f"/{name} {number} 0 R" for number, name in enumerate(self.FONTS, start=3))
        self._object(
            page_id,
            f"<< /Type /Page /Parent 2 0 R /MediaBox {self.media_box} "
            f"/Resources << /Font << {fonts} >> >> /Contents {stream_id} 0 R >>".encode(),
        )
        self.pages.append(page_id)

    def finish(self, title: str) -> None:
        kids = " ".join(f"{page} 0 R" for page in self.pages)
        self._object(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        self._object(2, f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>".encode())
        info_id = self.next_id
        self._object(info_id, b"<< /Title (" + _pdf_text(title) + b") /Producer (record-clearance bulk tool) >>")
        xref_at = self.handle.tell()
        size = info_id + 1
        self.handle.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
        for number in range(1, size):
            self.handle.write(f"{self.offsets[number]:010d} 00000 n \n".encode())
        self.handle.write(f"trailer\n<< /Size {size} /Root 1 0 R /Info {info_id} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode())


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text(x: float, y: float, font: str, size: float, text: str) -> str:
    return f"BT /{font} {size} Tf {x:.1f} {y:.1f} Td ({escape(text)}) Tj ET\n"


def _cell_lines(values: list[str]) -> list[list[str]]:
    """Each cell wrapped to its column width; a row is as tall as its tallest cell. (Most cells fit on
    one line, and textwrap is slow enough to dominate a 100,000-row list, so it only sees the rest.)"""
    return [
        [value] if len(value) <= width else (textwrap.wrap(value, width) or [""])
        for value, (_, width) in zip(values, LIST_COLUMNS)
    ]


_COLUMN_X: tuple[float, ...] = tuple(
    MARGIN + sum((width + 1) * CHAR_WIDTH for _, width in LIST_COLUMNS[:position]) for position in range(len(LIST_COLUMNS))
)


_CELL_START: tuple[str, ...] = tuple(f"1 0 0 1 {x:.1f} " for x in _COLUMN_X)  # each column's text matrix, up to y
_ROW_START = f"BT /F1 {FONT_SIZE} Tf"


@lru_cache(maxsize=1024)
def _y_operand(y: float) -> str:
    """A row's y as the text matrix gives it (a page has a few dozen distinct ones, repeated on every page)."""
    return f"{y:.1f} Tm ("


def _row_ops(cells: list[list[str]], y: float) -> str:
    """One text object per row, each cell line placed with an absolute text matrix."""
    ops = [_ROW_START]
    for start, lines in zip(_CELL_START, cells):
        for depth, line in enumerate(lines):
            ops.append(f"{start}{_y_operand(y - depth * LEADING)}{escape(line)}) Tj")
    ops.append("ET\n")
    return "\n".join(ops)


_escaped = BoundedMemo(escape, 20_000)  # cells repeat: sections, dates, row numbers' neighbours' names

# A row whose cells all fit on one line (nearly every row of a court list), as _row_ops draws it: the text
# between its cells is the same on every row, so it is made once and the row is one join.
_ONE_LINE_GLUE: tuple[str, ...] = (
    f"{_ROW_START}\n{_CELL_START[0]}",
    *(f") Tj\n{start}" for start in _CELL_START[1:]),
    ") Tj\nET\n",
)


def _one_line_row_ops(values: list[str], y: float) -> str:
    """``_row_ops`` of a row of one-line cells (the same bytes), in one join: this runs for every case listed."""
    y_text = _y_operand(y)
    escaped = _escaped
    parts = [_ONE_LINE_GLUE[0]]
    for value, glue in zip(values, _ONE_LINE_GLUE[1:]):
        parts += (y_text, escaped[value], glue)
    return "".join(parts)


def _page_frame(title: str, subtitle: str, page_number: int) -> list[str]:
    rule_y = PAGE_HEIGHT - MARGIN - 54
    return [
        _text(MARGIN, PAGE_HEIGHT - MARGIN - 12, "F2", 12, title),
        _text(MARGIN, PAGE_HEIGHT - MARGIN - 28, "F3", 9, subtitle),
        _row_ops([[heading] for heading, _ in LIST_COLUMNS], PAGE_HEIGHT - MARGIN - 50),
        f"0.5 w {MARGIN} {rule_y} m {PAGE_WIDTH - MARGIN} {rule_y} l S\n",
        _text(PAGE_WIDTH - MARGIN - 60, MARGIN, "F3", 8, f"Page {page_number}"),
    ]


def _encoded(page: list[str]) -> bytes:
    """A page's operators in the fonts' WinAnsi encoding (characters it lacks become '?')."""
    return "".join(page).encode("cp1252", errors="replace")


def write_list_pdf(path: Path, title: str, subtitle: str, rows: Iterable[list[str]]) -> int:
    """Write a numbered list PDF; returns the number of pages."""
    with open(path, "wb") as handle:
        pdf = PdfFile(handle)
        page = _page_frame(title, subtitle, 1)
        y = FIRST_ROW_Y
        for number, values in enumerate(rows, start=1):
            cells = _cell_lines([str(number), *values])
            height = max(map(len, cells)) * LEADING
            if y - height < LAST_ROW_Y:
                pdf.add_page(_encoded(page))
                page = _page_frame(title, subtitle, len(pdf.pages) + 1)
                y = FIRST_ROW_Y
            page.append(_row_ops(cells, y) if height > LEADING else _one_line_row_ops([lines[0] for lines in cells], y))
            y -= height + 3
        if y == FIRST_ROW_Y:
            page.append(_text(MARGIN, y, "F3", 10, "No cases."))
        pdf.add_page(_encoded(page))
        pdf.finish(title)
        return len(pdf.pages)


def read_court_list(path: Path) -> Iterator[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows, None)  # header
        for row in rows:  # the CSV's cells are spreadsheet-safe; the PDF shows the names as the DOJ file has them
            yield [restore(cell) for cell in row]
