"""Streaming reader of DOJ research files: one row at a time, never the whole file.

Rows that break the format are yielded as ``RejectedRow`` (with their line number) instead of
stopping the run, because one bad line in a county's million-row extract must not cost the rest.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from app.doj.columns import COLUMN_COUNT, COLUMNS, DATE_COLUMNS, SUBJECT_ID

HEADER_FIRST_FIELD = COLUMNS[0]
BATCH_BYTES = 1 << 20  # lines are read and parsed about a megabyte at a time


class DojFileError(Exception):
    """A file that cannot be read at all; the message is meant for the person running the tool."""


class DojRow(NamedTuple):
    """One accepted row. A tuple, because a county's file makes millions of them and a tuple is the
    cheapest object to make (the reader even skips NamedTuple's own ``__new__``)."""

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


@dataclass(frozen=True, slots=True)
class FilePiece:
    """A byte range of one file that starts at a line; ``first_line`` is that line's number in the file."""

    path: Path
    start: int = 0
    end: int | None = None  # None: to the end of the file
    first_line: int = 1

    @property
    def size(self) -> int:
        return (os.path.getsize(self.path) if self.end is None else self.end) - self.start


class _BoundedRaw(io.RawIOBase):
    """``raw`` from where it stands, read no further than ``limit`` more bytes."""

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        self.raw = raw
        self.remaining = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)[: self.remaining]
        count = self.raw.readinto(view) or 0
        self.remaining -= count
        return count


class DojReader:
    """Iterates over the rows of several files (or pieces of them) in order; reports bytes read to ``progress``."""

    def __init__(self, paths: Iterable[Path | FilePiece], progress: Callable[[int], None] | None = None) -> None:
        self.pieces = [item if isinstance(item, FilePiece) else FilePiece(Path(item)) for item in paths]
        self.progress = progress
        self.header_warnings: list[str] = []

    @property
    def total_bytes(self) -> int:
        return sum(piece.size for piece in self.pieces)

    def __iter__(self) -> Iterator[DojRow | RejectedRow]:
        """Row by row (a rejected row can come before the accepted rows of the run it sits in)."""
        for item in self.runs():
            if isinstance(item, RejectedRow):
                yield item
            else:
                yield from item

    def runs(self) -> Iterator[list[DojRow] | RejectedRow]:
        """Rows in runs of one SUBJECT_ID (as written), each run yielded when the next starts; a
        rejected row is yielded at once, without ending the run it sits in. Grouping runs instead of
        rows saves the consumer a step per row (a county's file has millions)."""
        bytes_before = 0
        for piece in self.pieces:
            yield from self._read_piece(piece, bytes_before)
            bytes_before += piece.size
            self._report(bytes_before)

    def _report(self, bytes_read: int) -> None:
        if self.progress is not None:
            self.progress(bytes_read)

    def _read_piece(self, piece: FilePiece, bytes_before: int) -> Iterator[list[DojRow] | RejectedRow]:
        source = piece.path.name
        good_dates = _GOOD_DATE_TEXTS
        dob, cycle, event, disposition = DATE_COLUMNS
        new_row = tuple.__new__
        run: list[DojRow] = []
        run_id: str | None = None
        with open(piece.path, "rb") as raw:
            raw.seek(piece.start)
            stream = raw if piece.end is None else io.BufferedReader(_BoundedRaw(raw, piece.end - piece.start), BATCH_BYTES)
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
            lines_before = piece.first_line - 1  # physical lines of the file before ``batch``
            carried: list[str] = []  # lines of a record that the last batch cut in two
            while True:
                more = text.readlines(BATCH_BYTES)
                batch = carried + more if carried else more
                if not batch:
                    break
                carried = []
                records = csv.reader(batch, strict=True)  # the C parser runs over a list: no Python per line
                last_line = 0  # within ``batch``
                # The hot loop: one pass per row of a file that can hold millions. A csv.Error ends the
                # ``for`` (the row is rejected) and the ``while`` starts it again on the next line.
                while True:
                    try:
                        for fields in records:
                            first_line, last_line = last_line + 1, records.line_num
                            if first_line != last_line:
                                yield RejectedRow(
                                    source,
                                    lines_before + first_line,
                                    f"broken quoting (quoted field runs over lines {lines_before + first_line}-{lines_before + last_line})",
                                )
                                continue
                            if not fields:
                                continue  # blank line
                            if not (
                                len(fields) == COLUMN_COUNT
                                and fields[dob] in good_dates
                                and fields[cycle] in good_dates
                                and fields[event] in good_dates
                                and fields[disposition] in good_dates
                            ):
                                problem = _row_problem(fields)
                                if problem is not None:
                                    if lines_before + first_line == 1 and fields[0].strip() == HEADER_FIRST_FIELD:
                                        self._check_header(source, fields)
                                    else:
                                        yield RejectedRow(source, lines_before + first_line, problem)
                                    continue
                                _remember_good_dates(fields)
                            row = new_row(DojRow, (source, lines_before + first_line, fields, batch[first_line - 1].rstrip("\r\n")))
                            subject_id = fields[SUBJECT_ID]
                            if subject_id == run_id:
                                run.append(row)
                            else:
                                if run:
                                    yield run
                                run, run_id = [row], subject_id
                        break
                    except csv.Error as error:
                        if records.line_num == len(batch) and more:
                            carried = batch[last_line:]  # the record goes on in the next batch
                            break
                        yield RejectedRow(source, lines_before + last_line + 1, f"broken quoting ({error})")
                        last_line = records.line_num
                lines_before += len(batch) - len(carried)
                self._report(bytes_before + raw.tell() - piece.start)
        if run:
            yield run

    def _check_header(self, source: str, fields: list[str]) -> None:
        names = [name.strip() for name in fields]
        while len(names) > COLUMN_COUNT and names[-1] == "":
            names.pop()  # a trailing comma after END_OF_REC is harmless
        if tuple(names) != COLUMNS:
            self.header_warnings.append(f"{source}: header row does not match the {COLUMN_COUNT} DOJ columns")


# Splitting a file for several processes. A piece must end where one person's rows end, or that
# person would be screened twice with half a record each; and where two well-formed rows meet, so
# that no quoted field can run across the cut.
SPLIT_SEARCH_LINES = 20_000  # rows to look through for a change of person after a cut point


def _subject_id_of_line(line: bytes) -> str | None:
    """SUBJECT_ID of a line that is one well-formed row on its own, else None."""
    try:
        rows = list(csv.reader([line.decode("utf-8", errors="replace").rstrip("\r\n")], strict=True))
    except csv.Error:
        return None
    if len(rows) != 1 or len(rows[0]) != COLUMN_COUNT:
        return None
    return rows[0][SUBJECT_ID].strip()


def _next_subject_start(handle: BinaryIO, offset: int) -> int | None:
    """The byte offset of the first row after ``offset`` that begins a new person, or None."""
    handle.seek(offset)
    handle.readline()  # the rest of the line the offset falls in
    previous: str | None = None
    for _ in range(SPLIT_SEARCH_LINES):
        position = handle.tell()
        line = handle.readline()
        if not line:
            return None
        subject_id = _subject_id_of_line(line)
        if previous is not None and subject_id is not None and subject_id != previous:
            return position
        previous = subject_id
    return None


def _lines_between(handle: BinaryIO, start: int, end: int) -> int:
    """Physical lines in bytes ``start`` to ``end``, counted as the reader counts them (``\\n``, ``\\r\\n`` or a lone
    ``\\r`` ends a line); ``start`` is where a line begins."""
    handle.seek(start)
    lines = 0
    remaining = end - start
    while remaining > 0:
        block = handle.read(min(remaining, 1 << 22))
        if not block:
            break
        remaining -= len(block)
        if block.endswith(b"\r") and remaining > 0:  # keep a \r\n pair in one block
            block += handle.read(1)
            remaining -= 1
        returns = block.count(b"\r")
        lines += block.count(b"\n") + (returns - block.count(b"\r\n") if returns else 0)  # LF files skip a slow count
    return lines


def split_at_subjects(path: Path, parts: int, min_piece_bytes: int) -> list[FilePiece]:
    """Up to ``parts`` pieces of about equal size, each starting with a new person's first row.

    Fewer pieces (one, at worst) when the file is small or no clean cut is found near a cut point.
    """
    size = os.path.getsize(path)
    parts = max(1, min(parts, size // max(min_piece_bytes, 1)))
    return number_lines(cut_at_subjects(path, [size * part // parts for part in range(1, parts)]))


def cut_at_subjects(path: Path, offsets: Sequence[int]) -> list[FilePiece]:
    """The file cut at the first new person at or after each offset (ascending), with no line numbers yet
    (``first_line`` 0 except the first piece's): counting lines is a pass over the file, which ``number_lines``
    makes once and a split run makes beside its first piece."""
    starts = [0]
    with open(path, "rb") as handle:
        for offset in offsets:
            start = _next_subject_start(handle, max(offset, starts[-1]))
            if start is not None and start > starts[-1]:
                starts.append(start)
    ends: list[int | None] = [*starts[1:], None]
    return [FilePiece(path, start, end, 1 if start == 0 else 0) for start, end in zip(starts, ends)]


def number_lines(pieces: Sequence[FilePiece]) -> list[FilePiece]:
    """The pieces (of one or more files, each file's in order) with the number of the line each starts at."""
    numbered: list[FilePiece] = []
    handles: dict[Path, BinaryIO] = {}
    try:
        for piece in pieces:
            if piece.start == 0:
                numbered.append(dataclasses.replace(piece, first_line=1))
                continue
            before = numbered[-1]
            handle = handles.get(piece.path) or handles.setdefault(piece.path, open(piece.path, "rb"))
            lines = _lines_between(handle, before.start, piece.start)
            numbered.append(dataclasses.replace(piece, first_line=before.first_line + lines))
    finally:
        for handle in handles.values():
            handle.close()
    return numbered
