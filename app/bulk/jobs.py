"""Bulk runs started from the web: store the upload, run it on a background thread, keep the
job row current, and delete what it leaves behind when its time is up.

The thread shares ``run_bulk_screen`` with the CLI. A job that stops touching ``heartbeat_at``
(process restarted or killed) is marked failed the next time anyone looks, so no page waits forever.
"""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
import time
from pathlib import Path
from typing import IO

from flask import Flask, current_app
from sqlalchemy import select

from app.bulk.outputs import ERRORS_FILE, PROP64_RESULTS_FILE, REPORT_FILE, RESULTS_FILE, SUMMARY_FILE, court_list_name
from app.bulk.policy import DA_OUTCOMES, BulkOptions, options_from_json
from app.bulk.runner import run_bulk_screen
from app.doj.reader import DojFileError
from app.extensions import db
from app.models import BulkJob, County, User, utcnow
from app.models.bulk import ACTIVE_STATUSES

log = logging.getLogger(__name__)

UPLOAD_NAME = "upload.csv"
CHUNK_BYTES = 1 << 20
HEARTBEAT_SECONDS = 5
STALE_AFTER = dt.timedelta(seconds=120)
# Why a job failed, as a key the status page translates (app.bulk.views.error_messages).
UNREADABLE, CRASHED, INTERRUPTED = "unreadable", "crashed", "interrupted"
DOWNLOADS: tuple[str, ...] = (
    REPORT_FILE,
    *(court_list_name(outcome, ext) for outcome in DA_OUTCOMES for ext in ("pdf", "csv")),
    RESULTS_FILE,
    PROP64_RESULTS_FILE,
    ERRORS_FILE,
    SUMMARY_FILE,
)


def storage_root(app: Flask | None = None) -> Path:
    app = app or current_app
    return Path(app.instance_path) / "bulk"


def job_folder(job: BulkJob, app: Flask | None = None) -> Path:
    return storage_root(app) / job.token


def output_folder(job: BulkJob, app: Flask | None = None) -> Path:
    return job_folder(job, app) / "out"


def save_stream(stream: IO[bytes], destination: Path) -> int:
    """Copy in chunks: the file never sits in memory whole."""
    written = 0
    with open(destination, "wb") as handle:
        while chunk := stream.read(CHUNK_BYTES):
            handle.write(chunk)
            written += len(chunk)
    return written


def create_job(user: User, county: County, upload: IO[bytes], upload_name: str, options: BulkOptions, as_of: dt.date) -> BulkJob:
    retention = dt.timedelta(days=current_app.config["BULK_RETENTION_DAYS"])
    job = BulkJob(
        user_id=user.id,
        county_id=county.id,
        status="queued",
        progress=0,
        as_of=as_of,
        options=options.to_json(),
        upload_name=Path(upload_name or UPLOAD_NAME).name[:120],
        delete_after=utcnow() + retention,
    )
    db.session.add(job)
    db.session.flush()  # the token is set: the folder can be named
    folder = job_folder(job)
    folder.mkdir(parents=True, exist_ok=True)
    job.upload_bytes = save_stream(upload, folder / UPLOAD_NAME)
    return job


def launch(app: Flask, job_id: int) -> threading.Thread:
    thread = threading.Thread(target=run_job, args=(app, job_id), name=f"bulk-job-{job_id}", daemon=True)
    thread.start()
    return thread


class _ProgressRecorder:
    """Writes progress and a heartbeat at most every few seconds, not on every callback."""

    def __init__(self, job: BulkJob) -> None:
        self.job = job
        self.last_write = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last_write < HEARTBEAT_SECONDS and done < total:
            return
        self.last_write = now
        self.job.progress = min(99, int(done * 100 / total)) if total else 0
        self.job.heartbeat_at = utcnow()
        db.session.commit()


def run_job(app: Flask, job_id: int) -> None:
    """The background thread's body; it never raises (a failure is recorded on the job)."""
    with app.app_context():
        job = db.session.get(BulkJob, job_id)
        if job is None or job.status != "queued":
            return
        job.status, job.started_at, job.heartbeat_at = "running", utcnow(), utcnow()
        db.session.commit()
        folder = job_folder(job, app)
        try:
            summary = run_bulk_screen(
                [folder / UPLOAD_NAME],
                job.county.name,
                output_folder(job, app),
                options_from_json(job.options),
                job.as_of,
                progress=_ProgressRecorder(job),
                workers=1,  # a thread of the web server: never fork it (app.bulk.workers)
            )
        except DojFileError:
            _finish(job, "failed", error=UNREADABLE)
        except Exception as error:  # noqa: BLE001 - recorded on the job; message kept free of file contents
            log.error("bulk job %s failed: %s", job_id, type(error).__name__)
            _finish(job, "failed", error=CRASHED)
        else:
            _finish(job, "done", summary=summary.data)  # counts only: no names or records
        finally:
            db.session.remove()


def _finish(job: BulkJob, status: str, error: str | None = None, summary: dict | None = None) -> None:
    db.session.rollback()
    job.status, job.error, job.summary = status, error, summary
    job.progress = 100 if status == "done" else job.progress
    job.finished_at = utcnow()
    db.session.commit()


def fail_interrupted_jobs() -> int:
    """Jobs whose worker stopped (restart, crash) would show "running" forever: mark them failed."""
    cutoff = utcnow() - STALE_AFTER
    stale = db.session.scalars(
        select(BulkJob).where(BulkJob.status.in_(ACTIVE_STATUSES), BulkJob.heartbeat_at.is_(None) | (BulkJob.heartbeat_at < cutoff), BulkJob.created_at < cutoff)
    ).all()
    for job in stale:
        job.status, job.error, job.finished_at = "failed", INTERRUPTED, utcnow()
    if stale:
        db.session.commit()
    return len(stale)


def county_jobs(county_id: int) -> list[BulkJob]:
    """The county's runs whose files still exist, newest first."""
    return list(
        db.session.scalars(
            select(BulkJob)
            .where(BulkJob.county_id == county_id, BulkJob.status != "deleted")
            .order_by(BulkJob.created_at.desc())
        )
    )


def delete_job_files(job: BulkJob) -> None:
    shutil.rmtree(job_folder(job), ignore_errors=True)
    job.status = "deleted"
    job.summary = None


def purge_expired_jobs(now: dt.datetime | None = None) -> int:
    """Retention: uploads and outputs go after BULK_RETENTION_DAYS; the row stays for the audit trail."""
    expired = db.session.scalars(
        select(BulkJob).where(BulkJob.delete_after <= (now or utcnow()), BulkJob.status != "deleted")
    ).all()
    finished = [job for job in expired if not job.active]
    for job in finished:
        delete_job_files(job)
    db.session.commit()
    return len(finished)
