"""Streaming reader of DOJ research files: one row at a time, never the whole file.

Rows that break the format are yielded as ``RejectedRow`` (with their line number) instead of
stopping the run, because one bad line in a county's million-row extract must not cost the rest.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from app.doj.columns import COLUMN_COUNT, COLUMNS, DATE_COLUMNS

HEADER_FIRST_FIELD = COLUMNS[0]
PROGRESS_EVERY_ROWS = 2000


class DojFileError(Exception):
    """A file that cannot be read at all; the message is meant for the person running the tool."""


@dataclass(slots=True)
class DojRow:
    source: str
    line: int
    fields: list[str]
    text: str = ""  # the row as it stood in the file, so outputs can copy it without re-quoting


@dataclass(frozen=True, slots=True)
class RejectedRow:
    source: str
    line: int
    reason: str


@lru_cache(maxsize=100_000)
def parse_doj_date(text: str) -> date | None:
    """``YYYYMMDD`` or blank; raises ValueError for anything else (cached: dates repeat a lot)."""
    text = text.strip()
    if not text:
        return None
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def check_readable(paths: Iterable[Path]) -> None:
    """Fail before any output is written, with one message naming the file and the problem."""
    for path in paths:
        try:
            with open(path, "rb") as handle:
                sample = handle.read(4096)
        except FileNotFoundError:
            raise DojFileError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise DojFileError(f"{path}: is a directory, not a file") from None
        except OSError as error:
            raise DojFileError(f"{path}: cannot be read ({error.strerror or error})") from None
        if b"\x00" in sample:
            raise DojFileError(f"{path}: is not a text CSV file (it contains binary data)")


def _row_problem(fields: list[str]) -> str | None:
    if len(fields) != COLUMN_COUNT:
        return f"{len(fields)} columns, expected {COLUMN_COUNT}"
    for position in DATE_COLUMNS:
        value = fields[position]
        if value:
            try:
                parse_doj_date(value)
            except ValueError:
                return f"{COLUMNS[position]} is not a date (YYYYMMDD)"
    return None


# Date texts already known to pass ``parse_doj_date`` ("" included): a set lookup per column is
# the whole check for almost every row. Cleared when it grows, so memory stays flat.
_GOOD_DATE_TEXTS: set[str] = {""}
_GOOD_DATE_TEXTS_LIMIT = 100_000


def _remember_good_dates(fields: list[str]) -> None:
    if len(_GOOD_DATE_TEXTS) > _GOOD_DATE_TEXTS_LIMIT:
        _GOOD_DATE_TEXTS.clear()
        _GOOD_DATE_TEXTS.add("")
    _GOOD_DATE_TEXTS.update([fields[position] for position in DATE_COLUMNS])


class DojReader:
    """Iterates over the rows of several files in order; reports bytes read to ``progress``."""

    def __init__(self, paths: Iterable[Path], progress: Callable[[int], None] | None = None) -> None:
        self.paths = [Path(path) for path in paths]
        self.progress = progress
        self.header_warnings: list[str] = []

    @property
    def total_bytes(self) -> int:
        return sum(os.path.getsize(path) for path in self.paths)

    def __iter__(self) -> Iterator[DojRow | RejectedRow]:
        bytes_before = 0
        for path in self.paths:
            yield from self._read_file(path, bytes_before)
            bytes_before += os.path.getsize(path)
            self._report(bytes_before)

    def _report(self, bytes_read: int) -> None:
        if self.progress is not None:
            self.progress(bytes_read)

    def _read_file(self, path: Path, bytes_before: int) -> Iterator[DojRow | RejectedRow]:
        source = path.name
        with open(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            current = [""]  # the last physical line handed to the csv parser

            def lines() -> Iterator[str]:
                for line in text:
                    current[0] = line
                    yield line

            records = csv.reader(lines(), strict=True)
            good_dates = _GOOD_DATE_TEXTS
            dob, cycle, event, disposition = DATE_COLUMNS
            last_line = 0
            # The hot loop: one pass per row of a file that can hold millions. A csv.Error ends the
            # ``for`` (the row is rejected) and the ``while`` starts it again on the next line.
            while True:
                try:
                    for fields in records:
                        first_line, last_line = last_line + 1, records.line_num
                        if first_line % PROGRESS_EVERY_ROWS == 0:
                            self._report(bytes_before + raw.tell())
                        if last_line != first_line:
                            yield RejectedRow(source, first_line, f"broken quoting (quoted field runs over lines {first_line}-{last_line})")
                            continue
                        if not fields:
                            continue  # blank line
                        if (
                            len(fields) == COLUMN_COUNT
                            and fields[dob] in good_dates
                            and fields[cycle] in good_dates
                            and fields[event] in good_dates
                            and fields[disposition] in good_dates
                        ):
                            yield DojRow(source, first_line, fields, current[0].rstrip("\r\n"))
                            continue
                        problem = _row_problem(fields)
                        if problem is None:
                            _remember_good_dates(fields)
                            yield DojRow(source, first_line, fields, current[0].rstrip("\r\n"))
                        elif first_line == 1 and fields[0].strip() == HEADER_FIRST_FIELD:
                            self._check_header(source, fields)
                        else:
                            yield RejectedRow(source, first_line, problem)
                    break
                except csv.Error as error:
                    yield RejectedRow(source, last_line + 1, f"broken quoting ({error})")
                    last_line = records.line_num

    def _check_header(self, source: str, fields: list[str]) -> None:
        names = [name.strip() for name in fields]
        while len(names) > COLUMN_COUNT and names[-1] == "":
            names.pop()  # a trailing comma after END_OF_REC is harmless
        if tuple(names) != COLUMNS:
            self.header_warnings.append(f"{source}: header row does not match the {COLUMN_COUNT} DOJ columns")
