"""The streaming part of a bulk run: rows in, people screened and written out one at a time.

A run is one piece (the files as they are) or several (``app.bulk.workers`` splits big files
between processes); either way each piece goes through ``screen_pieces``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.bulk.outputs import RunTally, RunWriters
from app.bulk.policy import BulkOptions
from app.bulk.screening import relief_impact, screen_subject
from app.doj.reader import DojReader, FilePiece, RejectedRow
from app.doj.records import group_subjects
from app.doj.seen import SubjectHistory, SubjectLog

ProgressCallback = Callable[[int, int], None]  # (bytes read, total bytes)


@dataclass(frozen=True, slots=True)
class PieceJob:
    """What every piece of a run is screened with."""

    county: str
    options: BulkOptions
    as_of: date


@dataclass(slots=True)
class PieceOutcome:
    tally: RunTally
    header_warnings: list[str]
    # The piece's people, to find a person whose rows fall in two pieces (``seen.apart``): kept only when
    # asked for (``keep_subject_log``), else None; the caller removes its file.
    subjects: SubjectLog | None = None


def screen_pieces(
    pieces: Sequence[Path | FilePiece],
    job: PieceJob,
    out_dir: Path,
    headers: bool,
    progress: ProgressCallback | None = None,
    tally: RunTally | None = None,
    keep_subject_log: bool = False,
) -> PieceOutcome:
    """The streaming part of a run: read, group, screen and write each person in turn.

    Pass ``tally`` to read its counts while the run goes on (the web job's rows read and rejected).
    ``keep_subject_log`` keeps the log of the piece's SUBJECT_IDs (a hidden file in ``out_dir``) for a
    caller that checks its pieces hold different people.
    """
    reader = DojReader(pieces)
    total = reader.total_bytes
    if progress is not None:
        reader.progress = lambda done: progress(done, total)
    tally = RunTally() if tally is None else tally
    history = SubjectHistory(out_dir)
    writers = RunWriters(out_dir, job.as_of, headers=headers)
    try:
        for item in group_subjects(reader.runs(), finished=history):
            if isinstance(item, RejectedRow):
                tally.add_rejected()
                writers.write_rejected(item)
                continue
            result = screen_subject(item, job.county, job.options, job.as_of)
            tally.add_subject(result, relief_impact(result, job.as_of))
            writers.write_subject(result)
    except BaseException:
        history.discard()
        raise
    finally:
        writers.close()
    subjects = history.close()
    if not keep_subject_log:
        subjects.remove()
    return PieceOutcome(tally, reader.header_warnings, subjects if keep_subject_log else None)
