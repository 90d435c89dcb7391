"""The steps of a web run: plan (cut the upload into parts), screen each part, join the parts.

On the queue (app.bulk.queue) each step is its own RQ job, so the parts of one county's file can be
screened at the same time by workers on different machines; without a queue the same steps run one
after another on a thread of the web process (``launch_thread``). Either way every step reads and
writes only the job row and the job's folder in instance storage, so any worker can take any step.

The joined outputs are those of one process, byte for byte: as in ``app.bulk.workers``, the upload
is cut only where a person's rows start, part 0 writes the headers, the later parts' rows are
appended in file order, and a person found in two parts sends the run back to one pass. Each step
can be run again after a failure: a part rewrites its own folder, the join rebuilds the outputs.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select, update

from app.bulk import jobs
from app.bulk.outputs import RunTally, RunWriters
from app.bulk.pieces import PieceJob, PieceOutcome, screen_pieces
from app.bulk.policy import options_from_json
from app.bulk.runner import california_county, finish_run
from app.bulk.workers import PART_FOLDER, append_parts
from app.doj.reader import DojFileError, FilePiece, check_readable, split_at_subjects
from app.doj.seen import SubjectLog, apart
from app.extensions import db
from app.models import BulkJob, BulkJobPart, utcnow

log = logging.getLogger(__name__)

ATTEMPTS = 2  # a failed step is tried once more, then the run is reported failed with the reason
OUTCOME_FILE = ".outcome-{}.json"


class StepFailed(Exception):
    """Raised to the queue so that it retries the step (the failure itself is already recorded)."""


# -- where a part writes ------------------------------------------------------------------------


def _upload(job: BulkJob, app: Flask) -> Path:
    return jobs.job_folder(job, app) / jobs.UPLOAD_NAME


def _part_folder(job: BulkJob, index: int, app: Flask) -> Path:
    """Every part writes beside the outputs (part 0 with the CSV headers), so a join that is tried
    again starts from the parts' own files, never from half-joined ones."""
    return jobs.output_folder(job, app) / PART_FOLDER.format(index)


def _outcome_file(job: BulkJob, index: int, app: Flask) -> Path:
    return jobs.output_folder(job, app) / OUTCOME_FILE.format(index)


def _piece_job(job: BulkJob) -> PieceJob:
    return PieceJob(california_county(job.county.name), options_from_json(job.options), job.as_of)


def piece_bytes(app: Flask) -> int:
    return max(1, int(app.config["BULK_QUEUE_PIECE_MB"] * 1024 * 1024))


# -- the steps ----------------------------------------------------------------------------------


def plan_job(app: Flask, job_id: int) -> int:
    """Mark the run started and cut its upload into parts at people's first rows; how many parts
    to screen (0 when the run is no longer waiting, e.g. deleted or already failed)."""
    job = db.session.get(BulkJob, job_id)
    if job is None or job.status not in ("queued", "running"):
        return 0
    if job.parts:  # planned before, then the queue lost the rest: plan the same parts again
        return len(job.parts)
    upload = _upload(job, app)
    if not upload.is_file():  # not the DA's file at fault: this worker does not see the shared instance folder
        raise FileNotFoundError(f"the upload of bulk job {job_id} is not in {jobs.storage_root(app)}")
    check_readable([upload])
    wanted = max(1, -(-upload.stat().st_size // piece_bytes(app)))  # parts of at most about BULK_QUEUE_PIECE_MB
    pieces = split_at_subjects(upload, wanted, piece_bytes(app) // 2)
    job.parts = [
        BulkJobPart(index=index, start=piece.start, end=piece.end, first_line=piece.first_line, bytes_total=piece.size)
        for index, piece in enumerate(pieces)
    ]
    job.status, job.started_at = "running", utcnow()
    jobs.output_folder(job, app).mkdir(parents=True, exist_ok=True)
    db.session.commit()
    return len(pieces)


def screen_part(app: Flask, job_id: int, index: int, worker: str) -> None:
    """Screen one part into its own folder and keep its outcome (counts, people seen) for the join."""
    job = db.session.get(BulkJob, job_id)
    part = _part(job_id, index)
    if job is None or job.status != "running" or part is None or part.status == "done":
        return
    part.status, part.worker, part.heartbeat_at = "running", worker[:120], utcnow()
    part.bytes_read = part.rows_read = part.rows_rejected = 0  # a retried part counts again from the start
    db.session.commit()
    folder = _part_folder(job, index, app)
    folder.mkdir(parents=True, exist_ok=True)
    tally = RunTally()
    piece = FilePiece(_upload(job, app), part.start, part.end, part.first_line)
    recorder = _PartRecorder(part, tally)
    try:
        outcome = screen_pieces(
            [piece], _piece_job(job), folder, headers=index == 0, progress=recorder, tally=tally, keep_subject_log=True
        )
    except BaseException:
        db.session.rollback()
        part.status, part.heartbeat_at = "queued", None  # waiting for its next attempt, not a dead worker's
        db.session.commit()
        raise
    _outcome_file(job, index, app).write_text(json.dumps(outcome_to_json(outcome)), encoding="utf-8")
    recorder.write(part.bytes_total)
    part.status = "done"
    db.session.commit()


def join_parts(app: Flask, job_id: int) -> None:
    """Append the later parts' files to part 0's, write the PDFs and summary, and finish the run."""
    job = db.session.get(BulkJob, job_id)
    if job is None or job.status != "running":
        return
    job.heartbeat_at = utcnow()
    db.session.commit()
    out = jobs.output_folder(job, app)
    outcomes: list[PieceOutcome] = []
    for part in job.parts:
        data = json.loads(_outcome_file(job, part.index, app).read_text(encoding="utf-8"))
        outcomes.append(outcome_from_json(data, _part_folder(job, part.index, app)))
    if apart([outcome.subjects for outcome in outcomes if outcome.subjects is not None], out):
        first, *later = [_part_folder(job, part.index, app) for part in job.parts]
        for name in RunWriters.STREAMED_FILES:
            shutil.copyfile(first / name, out / name)
        append_parts(out, later)
        outcome = PieceOutcome(RunTally(), [])
        for part_outcome in outcomes:
            outcome.tally.merge(part_outcome.tally)
            outcome.header_warnings.extend(part_outcome.header_warnings)
    else:  # someone's rows are in two parts (a file not grouped by person): one pass, as the CLI does
        outcome = screen_in_one_pass(job, app)
    started = job.started_at or utcnow()
    summary = finish_run(outcome, [_upload(job, app)], _piece_job(job), out, lambda: (utcnow() - started).total_seconds())
    _remove_part_files(job, app)  # only now: a join tried again needs them
    jobs.finish(job, "done", summary=summary.data)  # counts only: no names or records


def screen_in_one_pass(job: BulkJob, app: Flask) -> PieceOutcome:
    """The whole upload by one worker, straight into the outputs, as the CLI's one process screens it."""
    total = job.upload_bytes
    tally = RunTally()

    def record(done: int, _total: int) -> None:
        job.bytes_read, job.rows_read, job.rows_rejected = min(done, total), tally.rows_read, tally.rows_rejected
        job.heartbeat_at = utcnow()
        db.session.commit()

    return screen_pieces([_upload(job, app)], _piece_job(job), jobs.output_folder(job, app), headers=True, progress=_every_few_seconds(record), tally=tally)


def _remove_part_files(job: BulkJob, app: Flask) -> None:
    for part in job.parts:
        _outcome_file(job, part.index, app).unlink(missing_ok=True)
        shutil.rmtree(_part_folder(job, part.index, app), ignore_errors=True)


def outcome_to_json(outcome: PieceOutcome) -> dict[str, Any]:
    """A part's counts as plain JSON for the join, which may run on another machine (no pickle: the
    shared folder is read as data, never as code)."""
    tally = {field.name: getattr(outcome.tally, field.name) for field in fields(outcome.tally)}
    subjects = outcome.subjects.to_json() if outcome.subjects is not None else None
    return {"tally": tally, "header_warnings": outcome.header_warnings, "subjects": subjects}


def outcome_from_json(data: dict[str, Any], folder: Path) -> PieceOutcome:
    """A part's outcome as the join reads it; ``folder`` is the part's folder, which holds its log of IDs."""
    tally = dict(data["tally"])
    tally["outcomes"] = Counter(tally["outcomes"])
    tally["by_section"] = {section: Counter(counts) for section, counts in tally["by_section"].items()}
    subjects = SubjectLog.from_json(data["subjects"], folder) if data["subjects"] else None
    return PieceOutcome(RunTally(**tally), data["header_warnings"], subjects)


def _part(job_id: int, index: int) -> BulkJobPart | None:
    return db.session.scalar(select(BulkJobPart).where(BulkJobPart.job_id == job_id, BulkJobPart.index == index))


# -- live figures -------------------------------------------------------------------------------


def _every_few_seconds(write: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """A progress callback that writes to the database at most every HEARTBEAT_SECONDS (and at the end)."""
    last = [0.0]

    def callback(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= jobs.HEARTBEAT_SECONDS or done >= total:
            last[0] = now
            write(done, total)

    return callback


class _PartRecorder:
    """Writes a part's figures and heartbeat, then the job row's sums over all its parts."""

    def __init__(self, part: BulkJobPart, tally: RunTally) -> None:
        self.part, self.tally = part, tally
        self._callback = _every_few_seconds(lambda done, _total: self.write(done))

    def __call__(self, done: int, total: int) -> None:
        self._callback(done, total)

    def write(self, done: int) -> None:
        part = self.part
        part.bytes_read, part.rows_read, part.rows_rejected = done, self.tally.rows_read, self.tally.rows_rejected
        part.heartbeat_at = utcnow()
        db.session.flush()
        db.session.execute(_job_sums(part.job_id))  # one statement: parts on other machines write theirs alike
        db.session.commit()


def _job_sums(job_id: int) -> Any:
    def total(column: Any) -> Any:
        return select(func.coalesce(func.sum(column), 0)).where(BulkJobPart.job_id == job_id).scalar_subquery()

    return (
        update(BulkJob)
        .where(BulkJob.id == job_id)
        .values(bytes_read=total(BulkJobPart.bytes_read), rows_read=total(BulkJobPart.rows_read), rows_rejected=total(BulkJobPart.rows_rejected))
        .execution_options(synchronize_session=False)
    )


# -- failures and retries -----------------------------------------------------------------------


def run_step(app: Flask, job_id: int, step: Callable[..., Any], *args: Any, last_attempt: bool) -> Any:
    """Run one step in its own app context. A file that cannot be read fails the run at once
    (trying again cannot help); any other error raises StepFailed for another attempt, or, on the
    last attempt, fails the run with the error's type as its reason (never its message, which could
    quote a row of the file)."""
    with app.app_context():
        try:
            return step(app, job_id, *args)
        except DojFileError:
            _fail(job_id, jobs.UNREADABLE, None)
            return None
        except Exception as error:  # noqa: BLE001 - recorded on the job, then retried or reported
            log.error("bulk job %s: %s failed: %s", job_id, step.__name__, type(error).__name__)
            _fail(job_id, jobs.CRASHED, type(error).__name__, final=last_attempt)
            raise StepFailed(type(error).__name__) from error
        finally:
            db.session.remove()


def _fail(job_id: int, reason: str, detail: str | None, final: bool = True) -> None:
    db.session.rollback()
    job = db.session.get(BulkJob, job_id)
    if job is None or not job.active:
        return
    job.attempts += 1
    if final:
        job.error_detail = detail
        jobs.finish(job, "failed", error=reason)
    else:
        job.heartbeat_at = None  # waiting on the queue for its second attempt: not a dead step
        db.session.commit()


# -- without a queue: the same steps on a thread of the web process -----------------------------


def run_eagerly(app: Flask, job_id: int) -> None:
    """Every step in turn, each tried twice, as a queue with one worker would; never raises."""
    worker = f"web-process-{os.getpid()}"

    def attempt(step: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        for number in range(1, ATTEMPTS + 1):
            try:
                return True, run_step(app, job_id, step, *args, last_attempt=number == ATTEMPTS)
            except StepFailed:
                continue
        return False, None

    ok, parts = attempt(plan_job)
    for index in range(parts or 0):
        ok, _ = attempt(screen_part, index, worker)
        if not ok:
            return
    if ok and parts:
        attempt(join_parts)


def launch_thread(app: Flask, *job_ids: int) -> threading.Thread:
    """The runs one after another on one thread (a statewide upload's 58 county runs do not start 58 threads)."""

    def run_in_turn() -> None:
        for job_id in job_ids:
            run_eagerly(app, job_id)

    thread = threading.Thread(target=run_in_turn, name=f"bulk-job-{job_ids[0]}", daemon=True)
    thread.start()
    return thread
