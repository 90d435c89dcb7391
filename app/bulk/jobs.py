"""Bulk runs started from the web: store the upload, find runs whose worker died, and delete what
a run leaves behind when its time is up.

The run itself is screened by queue workers (app.bulk.queue, app.bulk.tasks), with the CLI's code.
A step that stops touching its heartbeat (worker or process killed) is marked failed the next time
anyone looks, so no page waits forever.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import IO

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from app.bulk.outputs import ERRORS_FILE, PROP64_RESULTS_FILE, REPORT_FILE, RESULTS_FILE, SUMMARY_FILE, court_list_name
from app.bulk.policy import DA_OUTCOMES, BulkOptions
from app.extensions import db
from app.models import BulkJob, County, User, utcnow
from app.models.bulk import ACTIVE_STATUSES, new_job_token

UPLOAD_NAME = "upload.csv"
CHUNK_BYTES = 1 << 20
HEARTBEAT_SECONDS = 5
STALE_AFTER = dt.timedelta(seconds=120)
# Why a job failed, as a key the status page translates (app.bulk.views.error_messages).
UNREADABLE, CRASHED, INTERRUPTED, NOT_QUEUED = "unreadable", "crashed", "interrupted", "not_queued"
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


def _new_job(user: User, county: County, upload_name: str, options: BulkOptions, as_of: dt.date) -> BulkJob:
    """A queued run's row and its empty folder; the caller stores the upload in it."""
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
    job_folder(job).mkdir(parents=True, exist_ok=True)
    return job


def create_job(user: User, county: County, upload: IO[bytes], upload_name: str, options: BulkOptions, as_of: dt.date) -> BulkJob:
    job = _new_job(user, county, upload_name, options, as_of)
    job.upload_bytes = save_stream(upload, job_folder(job) / UPLOAD_NAME)
    return job


def create_statewide_jobs(
    user: User, upload: IO[bytes], upload_name: str, options: BulkOptions, as_of: dt.date
) -> list[BulkJob]:
    """A statewide file screened as one run per county (all 58, by name), each an ordinary queue run.

    The upload is stored once and linked into every run's folder (a hard link: no copy of a file that can run to
    gigabytes; deleting one run's files leaves the others'). The runs share a ``statewide_run`` token, which keeps
    them off every county DA's list: each holds the whole state's people.
    """
    counties = list(db.session.scalars(select(County).order_by(County.name)))
    first = create_job(user, counties[0], upload, upload_name, options, as_of)
    stored = job_folder(first) / UPLOAD_NAME
    created = [first]
    for county in counties[1:]:
        job = _new_job(user, county, upload_name, options, as_of)
        try:
            os.link(stored, job_folder(job) / UPLOAD_NAME)
        except OSError:  # a file system without hard links: a copy
            shutil.copyfile(stored, job_folder(job) / UPLOAD_NAME)
        job.upload_bytes = first.upload_bytes
        created.append(job)
    statewide_run = new_job_token()
    for job in created:
        job.statewide_run = statewide_run
    return created


def statewide_runs() -> list[list[BulkJob]]:
    """Every statewide run whose files still exist (its county runs by county name), newest first."""
    found = db.session.scalars(
        select(BulkJob).join(County).where(BulkJob.statewide_run.is_not(None), BulkJob.status != "deleted")
        .options(contains_eager(BulkJob.county))  # the page names each run's county: one query, not 58
        .order_by(County.name)
    )
    runs: dict[str, list[BulkJob]] = {}
    for job in found:
        runs.setdefault(job.statewide_run, []).append(job)  # type: ignore[arg-type]
    return sorted(runs.values(), key=lambda run: min(job.created_at for job in run), reverse=True)


def finish(job: BulkJob, status: str, error: str | None = None, summary: dict | None = None) -> None:
    job.status, job.error, job.summary = status, error, summary
    job.progress = 100 if status == "done" else job.progress
    job.heartbeat_at, job.finished_at = None, utcnow()
    db.session.commit()


def is_interrupted(job: BulkJob, cutoff: dt.datetime, runs_in_this_process: bool) -> bool:
    """A step stopped beating (its worker or web process died), or, when runs live on threads of
    the web process, nothing of the run is alive at all. A run waiting on the queue is not stale:
    it waits for a free worker, however long that takes, and survives any web restart."""
    beats = [job.heartbeat_at, *(part.heartbeat_at for part in job.parts if part.status == "running")]
    if any(beat is not None and beat < cutoff for beat in beats):
        return True
    alive = any(beat is not None and beat >= cutoff for beat in beats)
    return runs_in_this_process and not alive and job.created_at < cutoff


def fail_interrupted_jobs() -> int:
    """Runs whose worker stopped (restart, crash) would show "running" forever: mark them failed."""
    cutoff = utcnow() - STALE_AFTER
    runs_in_this_process = not current_app.config["BULK_QUEUE_URL"]
    active = db.session.scalars(select(BulkJob).where(BulkJob.status.in_(ACTIVE_STATUSES))).all()
    stale = [job for job in active if is_interrupted(job, cutoff, runs_in_this_process)]
    for job in stale:
        job.status, job.error, job.finished_at = "failed", INTERRUPTED, utcnow()
    if stale:
        db.session.commit()
    return len(stale)


def county_jobs(county_id: int) -> list[BulkJob]:
    """The county's own runs whose files still exist, newest first (never a statewide run's county runs)."""
    return list(
        db.session.scalars(
            select(BulkJob)
            .where(BulkJob.county_id == county_id, BulkJob.statewide_run.is_(None), BulkJob.status != "deleted")
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
