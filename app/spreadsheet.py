"""Cells safe to open in a spreadsheet (CSV or formula injection).

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some versions,
a tab or carriage return) as a formula: a name typed as ``=HYPERLINK(...)`` would become a link or worse on a staff
member's machine. A leading apostrophe makes the spreadsheet show the text as typed. A plain number such as ``-12``
or ``-0.5`` is no formula and is left alone, so numeric columns stay numeric.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-\d+(\.\d+)?")
QUOTE = "'"


def neutralise(value: str) -> str:
    """The cell as a spreadsheet will show it literally."""
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The original text of a cell written by `neutralise`, for programs that read our CSV back (the PDF lists)."""
    if value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A CSV file of `rows` under `header`, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutralise(value) for value in row] for row in rows)
    return buffer.getvalue()
