"""The figures a DA watches while a web run goes on, worked out from the job row alone.

Workers keep the row's sums current (app.bulk.tasks); any web process, on any machine, can then
show the same figures without asking the queue.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.models import BulkJob, utcnow

MIN_SECONDS_FOR_A_RATE = 1.0  # before this, a rate is mostly noise: show none


@dataclass(frozen=True, slots=True)
class JobProgress:
    percent: int
    rows_read: int
    rows_rejected: int
    rows_per_second: int | None  # None until the run has gone on long enough to say
    seconds_left: int | None


def job_progress(job: BulkJob, now: dt.datetime | None = None) -> JobProgress:
    """Rows per second over the run so far; time left from the bytes still to read at the byte rate."""
    total = job.upload_bytes or 0
    done = min(job.bytes_read or 0, total)
    percent = min(99, done * 100 // total) if total and job.active else job.progress
    rows_per_second = seconds_left = None
    if job.started_at is not None and job.active:
        elapsed = ((now or utcnow()) - job.started_at).total_seconds()
        if elapsed >= MIN_SECONDS_FOR_A_RATE and done:
            rows_per_second = round(job.rows_read / elapsed)
            seconds_left = round((total - done) / (done / elapsed))
    return JobProgress(percent, job.rows_read or 0, job.rows_rejected or 0, rows_per_second, seconds_left)


def rounded_time_left(seconds: int) -> tuple[int, int]:
    """(minutes, seconds) rounded up to a 5-second step: a countdown that ticks every second misleads."""
    seconds = -(-seconds // 5) * 5
    return divmod(seconds, 60)
