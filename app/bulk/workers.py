"""A bulk run split between processes: a county's file is cut where one person's rows end, each
process screens its share into its own files, and the shares are joined in file order.

The outputs are the ones a single process writes, byte for byte: every person is screened whole
by one process, and the shares are appended in order. If a person's rows turn out to be in two
shares (a file not grouped by person), the split is abandoned and the caller screens the files in
one process, which flags such people as before.

Processes are forked, so only the main thread may split a run (forking a threaded server could
copy a lock that some other thread holds); a run started elsewhere uses one process.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, BinaryIO

from app.bulk.outputs import RunTally, RunWriters
from app.bulk.pieces import PieceJob, PieceOutcome, ProgressCallback, screen_pieces
from app.doj.reader import FilePiece, split_at_subjects
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


def share_pieces(paths: Sequence[Path], workers: int) -> list[list[FilePiece]]:
    """The files cut into ``workers`` shares of about equal size, in file order (fewer when small)."""
    pieces = [piece for path in paths for piece in split_at_subjects(path, workers, MIN_PIECE_BYTES)]
    total = sum(piece.size for piece in pieces)
    shares: list[list[FilePiece]] = [[]]
    done = 0
    for piece in pieces:
        if shares[-1] and done >= total * len(shares) / workers:
            shares.append([])
        shares[-1].append(piece)
        done += piece.size
    return shares


def screen_in_processes(
    paths: Sequence[Path],
    job: PieceJob,
    out_dir: Path,
    workers: int,
    progress: ProgressCallback | None = None,
) -> PieceOutcome | None:
    """The run's streaming part in up to ``workers`` processes; None when it should run in one
    (nothing to split, not the main thread, or a person's rows found in two shares)."""
    if workers <= 1 or not can_split():
        return None
    shares = share_pieces(paths, workers)
    if len(shares) < 2:
        return None
    context = multiprocessing.get_context("fork")
    done_bytes: Any = context.Array("q", len(shares), lock=False)  # each share's progress, shared memory
    total = sum(piece.size for share in shares for piece in share)

    def report(done: int, _total: int) -> None:
        done_bytes[0] = done
        if progress is not None:
            progress(sum(done_bytes), total)

    children: list[tuple[Any, Connection, Path]] = []
    outcomes: list[PieceOutcome] = []
    try:
        for index, share in enumerate(shares[1:], start=1):
            part_dir = out_dir / PART_FOLDER.format(index)
            part_dir.mkdir(exist_ok=True)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_screen_share, args=(share, job, part_dir, done_bytes, index, sender), daemon=True)
            process.start()
            sender.close()
            children.append((process, receiver, part_dir))
        outcomes.append(screen_pieces(shares[0], job, out_dir, headers=True, progress=report, keep_subject_log=True))
        for process, receiver, _ in children:
            outcomes.append(_result_of(process, receiver, lambda: report(done_bytes[0], total)))
        report(done_bytes[0], total)  # every share's last count is in: the bar reaches the end
        if not apart([outcome.subjects for outcome in outcomes if outcome.subjects is not None], out_dir):
            return None  # someone's rows are in two shares: the caller screens the files in one process
        append_parts(out_dir, [part_dir for _, _, part_dir in children])
    finally:
        for outcome in outcomes:
            if outcome.subjects is not None:
                outcome.subjects.remove()
        for process, receiver, part_dir in children:
            if process.is_alive():
                process.kill()
            process.join()
            receiver.close()
            shutil.rmtree(part_dir, ignore_errors=True)
    tally = RunTally()
    warnings: list[str] = []
    for outcome in outcomes:
        tally.merge(outcome.tally)
        warnings.extend(outcome.header_warnings)
    return PieceOutcome(tally, warnings)


def _screen_share(
    share: list[FilePiece], job: PieceJob, part_dir: Path, done_bytes: Any, index: int, sender: Connection
) -> None:
    """The body of a forked process: screen one share and send back its tally (or the error)."""

    def report(done: int, _total: int) -> None:
        done_bytes[index] = done

    try:
        sender.send(("done", screen_pieces(share, job, part_dir, headers=False, progress=report, keep_subject_log=True)))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        sender.send(("error", error))
    finally:
        sender.close()


def _result_of(process: Any, receiver: Connection, on_wait: Callable[[], None]) -> PieceOutcome:
    while not receiver.poll(POLL_SECONDS):
        on_wait()
        if not process.is_alive() and not receiver.poll():
            raise RuntimeError(f"a bulk screening process stopped without a result (exit code {process.exitcode})")
    status, value = receiver.recv()
    if status == "error":
        raise value
    return value


def append_parts(out_dir: Path, part_dirs: list[Path]) -> None:
    """Each streamed file of the later shares, appended in order to the first share's."""
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
