"""Which people a stream of DOJ rows has already finished, in memory that does not grow with the file.

A person whose rows reappear later in the file is flagged, because the later part is screened without
the earlier part's priors. A set of every SUBJECT_ID costs about 30 MB per million rows (a statewide
file would not fit); this costs the same few megabytes at any size, and stays exact:

- while the IDs come in ascending order (a DOJ extract sorted by SUBJECT_ID, numerically or as text of
  one length), an ID above the highest so far cannot have been seen: one comparison, nothing in memory;
- every finished ID is also appended to a log file on disk (a few bytes a person), for the next step
  and for checking that the pieces of a split run hold different people (``apart``);
- at the first ID out of order, the log so far is loaded into an on-disk SQLite index and a fixed-size
  Bloom filter. From then on an ID the filter has never seen is new for certain, and an ID it may have
  seen (someone's rows really reappearing, or one false alarm in thousands) is looked up in the index.
  So no person is flagged wrongly or missed, whatever the file's order.

IDs are stripped SUBJECT_ID values of single-line rows (the reader rejects a record that spans lines),
so they never hold a line break, and the log holds one per line.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

LOG_PREFIX = ".subject-ids-"
LOG_BATCH = 4096  # IDs written to the log at a time
BLOOM_BITS = 1 << 25  # 4 MB: about one false alarm in 4,000 people at 2.5 million people (10 million rows)
INDEX_BATCH = 10_000  # IDs inserted into the SQLite index at a time
INDEX_CACHE_KIB = 2048  # SQLite's page cache for the index


def _after(subject_id: str, high: str) -> bool:
    """Whether ``subject_id`` sorts after ``high``: shorter IDs first, then as text, so that numeric IDs
    without leading zeros sort as numbers (a file sorted either way keeps the fast path)."""
    return len(subject_id) > len(high) or (len(subject_id) == len(high) and subject_id > high)


@dataclass(frozen=True, slots=True)
class SubjectLog:
    """What one stream saw: the log file of its finished IDs, in order, and its range when ascending."""

    path: Path | None  # None when the stream had nobody
    first: str | None
    high: str | None
    ascending: bool
    people: int

    def ids(self) -> Iterator[str]:
        if self.path is None:
            return
        with open(self.path, encoding="utf-8", newline="\n") as handle:
            for line in handle:
                yield line[:-1]

    def remove(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def to_json(self) -> dict[str, Any]:
        """For a queue part's outcome file: the log's name only, since machines may mount the folder elsewhere."""
        return {"log": self.path.name if self.path else None, "first": self.first, "high": self.high,
                "ascending": self.ascending, "people": self.people}

    @classmethod
    def from_json(cls, data: dict[str, Any], folder: Path) -> SubjectLog:
        path = folder / data["log"] if data["log"] else None
        return cls(path, data["first"], data["high"], data["ascending"], data["people"])


class _ExactIndex:
    """A Bloom filter in front of an on-disk SQLite table of IDs: fixed memory, exact answers."""

    def __init__(self, folder: Path) -> None:
        handle, name = tempfile.mkstemp(prefix=".subject-index-", suffix=".sqlite", dir=folder)
        os.close(handle)
        self.path = Path(name)
        self.db = sqlite3.connect(self.path)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{INDEX_CACHE_KIB}", "temp_store = FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID")
        self.bits = bytearray(BLOOM_BITS // 8)
        self.pending: list[tuple[str]] = []

    @staticmethod
    def _positions(subject_id: str) -> tuple[int, int]:
        hashed = hash(subject_id) & 0xFFFF_FFFF_FFFF_FFFF  # one process's hash: the filter never leaves it
        return hashed % BLOOM_BITS, (hashed >> 32) % BLOOM_BITS

    def contains(self, subject_id: str) -> bool:
        first, second = self._positions(subject_id)
        bits = self.bits
        if not (bits[first >> 3] >> (first & 7) & 1 and bits[second >> 3] >> (second & 7) & 1):
            return False  # never added: the filter has no false negatives
        self._flush()
        return self.db.execute("SELECT 1 FROM seen WHERE id = ?", (subject_id,)).fetchone() is not None

    def add(self, subject_id: str) -> None:
        first, second = self._positions(subject_id)
        self.bits[first >> 3] |= 1 << (first & 7)
        self.bits[second >> 3] |= 1 << (second & 7)
        self.pending.append((subject_id,))
        if len(self.pending) >= INDEX_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", self.pending)
            self.db.commit()
            self.pending.clear()

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


class SubjectHistory:
    """The IDs of the people a stream has finished. ``finish(id)`` says whether the ID was finished before;
    ``close()`` ends the stream and returns its ``SubjectLog`` (whose file the caller removes)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else Path(tempfile.gettempdir())
        self.first: str | None = None
        self.high: str | None = None
        self.people = 0
        self._unlogged: list[str] = []
        self._log: IO[str] | None = None
        self._log_path: Path | None = None
        self._index: _ExactIndex | None = None
        self.ascending = True  # every ID so far sorted after the one before


    def finish(self, subject_id: str) -> bool:
        """True when ``subject_id`` was finished before (the person's rows are not contiguous); remembers it."""
        high = self.high
        if high is not None and self._index is None and _after(subject_id, high):  # the sorted file's way, inline
            self.high = subject_id
            self.people += 1
            self._unlogged.append(subject_id)
            if len(self._unlogged) >= LOG_BATCH:
                self._write_log()
            return False
        seen = self.contains(subject_id)
        self.add(subject_id)
        return seen

    def contains(self, subject_id: str) -> bool:
        high = self.high
        if high is None or _after(subject_id, high):
            return False
        if self._index is None:  # the first ID out of order: from here on every ID is looked up
            self._index = self._load_index()
        return self._index.contains(subject_id)

    def add(self, subject_id: str) -> None:
        """Remember ``subject_id`` as finished (``finish`` asks first)."""
        if self.high is None:
            self.first = self.high = subject_id
        elif _after(subject_id, self.high):
            self.high = subject_id
        else:
            self.ascending = False
        self.people += 1
        self._unlogged.append(subject_id)
        if len(self._unlogged) >= LOG_BATCH:
            self._write_log()
        if self._index is not None:
            self._index.add(subject_id)

    def _write_log(self) -> None:
        if self._log is None:
            handle, name = tempfile.mkstemp(prefix=LOG_PREFIX, dir=self.folder)
            self._log = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
            self._log_path = Path(name)
        if self._unlogged:
            self._log.write("\n".join(self._unlogged) + "\n")
            self._unlogged.clear()

    def _load_index(self) -> _ExactIndex:
        index = _ExactIndex(self.folder)
        if self._log is not None:
            self._log.flush()
            for subject_id in SubjectLog(self._log_path, None, None, True, 0).ids():
                index.add(subject_id)
        for subject_id in self._unlogged:
            index.add(subject_id)
        return index

    def close(self) -> SubjectLog:
        """The stream's log; the index (if any) is deleted."""
        if self.people:
            self._write_log()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._index is not None:
            self._index.close()
        return SubjectLog(self._log_path, self.first, self.high, self.ascending, self.people)

    def discard(self) -> None:
        """Close and remove every file (a stream whose log nobody needs, or that failed)."""
        self.close().remove()


def apart(logs: Sequence[SubjectLog], folder: Path) -> bool:
    """Whether no person is in two of these streams (the pieces of one run, in file order).

    Ascending pieces whose ranges follow each other are apart at once; otherwise each piece's IDs are
    looked up among the earlier pieces' in a ``SubjectHistory`` (in ``folder``), exactly.
    """
    present = [log for log in logs if log.people]
    if all(log.ascending for log in present) and all(
        _after(later.first, earlier.high)  # type: ignore[arg-type]
        for earlier, later in zip(present, present[1:])
    ):
        return True
    history = SubjectHistory(folder)
    try:
        for position, log in enumerate(present):
            if position and any(history.contains(subject_id) for subject_id in log.ids()):
                return False
            if position < len(present) - 1:
                for subject_id in log.ids():
                    history.add(subject_id)
        return True
    finally:
        history.discard()
