"""A DA's bulk screening run started from the web: the row that survives reloads and restarts.

Only counts and identifiers live here; the uploaded file and the outputs (which hold names and
records) stay on disk in the job's folder until they are deleted.
"""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import County, User, utcnow

JOB_STATUSES = ("queued", "running", "done", "failed", "deleted")
ACTIVE_STATUSES = ("queued", "running")


def new_job_token() -> str:
    return secrets.token_urlsafe(16)


class BulkJob(db.Model):
    __tablename__ = "bulk_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_job_token)  # in URLs: not guessable
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent of bytes read
    as_of: Mapped[dt.date] = mapped_column(Date)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    upload_name: Mapped[str] = mapped_column(String(120))
    upload_bytes: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # counts only
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # a running job touches it; stale = dead
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    delete_after: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    # Live figures for the status page, the sums of the parts' own (app.bulk.tasks keeps them current).
    bytes_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failed attempts of this run's steps (each is tried twice)
    error_detail: Mapped[str | None] = mapped_column(String(120))  # the failure's exception type, never file content
    # Set on each county's run of an administrator's statewide upload (the same token for all 58); None for a DA's run.
    statewide_run: Mapped[str | None] = mapped_column(String(32), index=True)

    user: Mapped[User] = relationship()
    county: Mapped[County] = relationship()
    parts: Mapped[list[BulkJobPart]] = relationship(back_populates="job", order_by="BulkJobPart.index", cascade="all, delete-orphan")

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def __repr__(self) -> str:
        return f"<BulkJob {self.id} {self.status}>"


class BulkJobPart(db.Model):
    """One queue job's share of an upload: a byte range that starts at a person's first row.

    Parts of one run may be screened at once by workers on different machines; each writes its own
    figures here, so a retried part starts its counts again instead of adding to a failed attempt's.
    """

    __tablename__ = "bulk_job_part"
    __table_args__ = (UniqueConstraint("job_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("bulk_job.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(BigInteger)
    end: Mapped[int | None] = mapped_column(BigInteger)  # None: to the end of the file
    first_line: Mapped[int] = mapped_column(Integer)
    bytes_total: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    bytes_read: Mapped[int] = mapped_column(BigInteger, default=0)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    worker: Mapped[str | None] = mapped_column(String(120))  # the queue worker that screened it

    job: Mapped[BulkJob] = relationship(back_populates="parts")
