"""A bulk run split between processes: a county's file is cut where one person's rows end, the processes take the
pieces one after another as they free up, each piece is screened into its own files, and the pieces are joined in
file order.

The outputs are the ones a single process writes, byte for byte: every person is screened whole
by one process, and the pieces are appended in order. If a person's rows turn out to be in two
pieces (a file not grouped by person), the split is abandoned and the caller screens the files in
one process, which flags such people as before.

Processes are forked, so only the main thread may split a run (forking a threaded server could
copy a lock that some other thread holds); a run started elsewhere uses one process.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, BinaryIO

from app.bulk.outputs import RunTally, RunWriters
from app.bulk.pieces import PieceJob, PieceOutcome, ProgressCallback, screen_pieces
from app.doj.reader import FilePiece, cut_at_subjects, number_lines
from app.doj.seen import apart

MIN_PIECE_BYTES = 8 << 20  # below ~8 MB (~30,000 rows) a second process costs more than it saves
POLL_SECONDS = 0.5
PART_FOLDER = ".part-{}"


DEFAULT_MAX_WORKERS = 2  # each process peaks near 100 MB: two stay inside the 300 MB a run may use


def default_workers() -> int:
    """One process per core this process may use, up to DEFAULT_MAX_WORKERS (more with --workers)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, DEFAULT_MAX_WORKERS))


def can_split() -> bool:
    return threading.current_thread() is threading.main_thread() and "fork" in multiprocessing.get_all_start_methods()


def cut_pieces(paths: Sequence[Path], workers: int) -> list[FilePiece]:
    """The files cut where a person's rows end, in file order, large pieces first and smaller ones after.

    Processes take the next piece as they free up, so a process the machine slows down does not hold up the run;
    the pieces shrink (guided scheduling: each about the rest of the file over twice the processes, at least a quarter
    of ``MIN_PIECE_BYTES``) so that the last ones, after which a process may wait for the others, are short. Line
    numbers are not counted here (see ``_Pieces.numbered``).
    """
    smallest = max(MIN_PIECE_BYTES // 4, 1)
    pieces: list[FilePiece] = []
    for path in paths:
        size = os.path.getsize(path)
        offsets: list[int] = []
        done = 0
        while size >= 2 * MIN_PIECE_BYTES:
            step = max((size - done) // (2 * workers), smallest)
            if size - done - step < smallest:
                break
            done += step
            offsets.append(done)
        pieces.extend(cut_at_subjects(path, offsets))
    return pieces


def screen_in_processes(
    paths: Sequence[Path],
    job: PieceJob,
    out_dir: Path,
    workers: int,
    progress: ProgressCallback | None = None,
) -> PieceOutcome | None:
    """The run's streaming part in up to ``workers`` processes; None when it should run in one
    (nothing to split, not the main thread, or a person's rows found in two pieces).

    The command's own process screens the first piece (straight into ``out_dir``, with the CSV headers); then every
    process takes the next piece not yet taken, until none is left. Each piece writes its own files, appended in
    file order at the end, so which process screened a piece changes nothing in the outputs.
    """
    if workers <= 1 or not can_split():
        return None
    pieces = cut_pieces(paths, workers)
    if len(pieces) < 2:
        return None
    context = multiprocessing.get_context("fork")
    done_bytes: Any = context.Array("q", len(pieces), lock=False)  # each piece's progress, shared memory
    next_piece: Any = context.Value("i", 1)  # the first piece is the command's own
    first_lines: Any = context.Array("q", len(pieces), lock=False)  # counted by the first helper (see _Pieces)
    total = sum(piece.size for piece in pieces)
    folders = [out_dir, *(out_dir / PART_FOLDER.format(index) for index in range(1, len(pieces)))]
    for folder in folders[1:]:
        folder.mkdir(exist_ok=True)

    def report() -> None:
        if progress is not None:
            progress(sum(done_bytes), total)

    work = _Pieces(pieces, job, folders, done_bytes, next_piece, first_lines, context.Event())
    children: list[tuple[Any, Connection]] = []
    outcomes: dict[int, PieceOutcome] = {}
    try:
        for helper in range(min(workers, len(pieces)) - 1):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_screen_taken_pieces, args=(work, sender, helper == 0), daemon=True)
            process.start()
            sender.close()
            children.append((process, receiver))
        outcomes.update(work.screen_from(0, report))
        for process, receiver in children:
            outcomes.update(_result_of(process, receiver, report))
        report()  # every piece's last count is in: the bar reaches the end
        in_order = [outcomes[index] for index in range(len(pieces))]
        if not apart([outcome.subjects for outcome in in_order if outcome.subjects is not None], out_dir):
            return None  # someone's rows are in two pieces: the caller screens the files in one process
        append_parts(out_dir, folders[1:])
    finally:
        for outcome in outcomes.values():
            if outcome.subjects is not None:
                outcome.subjects.remove()
        for process, receiver in children:
            if process.is_alive():
                process.kill()
            process.join()
            receiver.close()
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
    tally = RunTally()
    warnings: list[str] = []
    for outcome in in_order:
        tally.merge(outcome.tally)
        warnings.extend(outcome.header_warnings)
    return PieceOutcome(tally, warnings)


@dataclass
class _Pieces:
    """What every process of a split run shares: the pieces, where each writes, their progress, the next to take.

    A piece's first line number (for SOURCE_LINE and errors.csv) takes a pass over the file before it: the first
    helper counts them all while the command screens the first piece, whose number is 1. A process that needs one
    before they are published counts them itself: the same numbers, never a wait.
    """

    pieces: list[FilePiece]
    job: PieceJob
    folders: list[Path]
    done_bytes: Any
    next_piece: Any
    first_lines: Any
    lines_counted: Any  # an Event: first_lines is filled in
    _numbered_here: list[FilePiece] | None = None

    def take(self) -> int | None:
        with self.next_piece.get_lock():
            index = self.next_piece.value
            if index >= len(self.pieces):
                return None
            self.next_piece.value = index + 1
            return index

    def count_lines(self) -> None:
        for index, piece in enumerate(number_lines(self.pieces)):
            self.first_lines[index] = piece.first_line
        self.lines_counted.set()

    def numbered(self, index: int) -> FilePiece:
        piece = self.pieces[index]
        if piece.first_line:
            return piece
        if self.lines_counted.is_set():
            return dataclasses.replace(piece, first_line=self.first_lines[index])
        if self._numbered_here is None:
            self._numbered_here = number_lines(self.pieces)
        return self._numbered_here[index]

    def screen_from(self, first: int | None, on_progress: Callable[[], None] = lambda: None) -> dict[int, PieceOutcome]:
        """Screen piece ``first``, then every piece this process can take, each into its own folder."""
        outcomes: dict[int, PieceOutcome] = {}
        index = first
        while index is not None:

            def report(done: int, _total: int, index: int = index) -> None:
                self.done_bytes[index] = done
                on_progress()

            outcomes[index] = screen_pieces(
                [self.numbered(index)], self.job, self.folders[index], headers=index == 0, progress=report,
                keep_subject_log=True,
            )
            index = self.take()
        return outcomes


def _screen_taken_pieces(work: _Pieces, sender: Connection, counts_lines: bool) -> None:
    """The body of a forked process: (for the first, count the pieces' lines, then) screen pieces as they are free
    and send back their tallies, or the error."""
    try:
        if counts_lines:
            work.count_lines()
        sender.send(("done", work.screen_from(work.take())))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        sender.send(("error", error))
    finally:
        sender.close()


def _result_of(process: Any, receiver: Connection, on_wait: Callable[[], None]) -> dict[int, PieceOutcome]:
    while not receiver.poll(POLL_SECONDS):
        on_wait()
        if not process.is_alive() and not receiver.poll():
            raise RuntimeError(f"a bulk screening process stopped without a result (exit code {process.exitcode})")
    status, value = receiver.recv()
    if status == "error":
        raise value
    return value


def append_parts(out_dir: Path, part_dirs: list[Path]) -> None:
    """Each streamed file of the later pieces (or queue parts), appended in order to the first one's."""
    for name in RunWriters.STREAMED_FILES:
        # Unbuffered and not opened for appending: copy_file_range moves the offsets of both, and refuses O_APPEND.
        with open(out_dir / name, "r+b", buffering=0) as target:
            target.seek(0, os.SEEK_END)
            for part_dir in part_dirs:
                with open(part_dir / name, "rb", buffering=0) as part:
                    _copy_rest(part, target)


def _copy_rest(source: BinaryIO, target: BinaryIO) -> None:
    """The rest of ``source`` to ``target``; in the kernel where it can (results.csv runs to gigabytes)."""
    remaining = os.fstat(source.fileno()).st_size - source.tell()
    try:
        while remaining > 0:
            copied = os.copy_file_range(source.fileno(), target.fileno(), remaining)
            if copied == 0:
                break
            remaining -= copied
    except (AttributeError, OSError):  # not Linux, or a file system that cannot: copy through this process
        shutil.copyfileobj(source, target, 1 << 20)
