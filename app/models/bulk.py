"""A DA's bulk screening run started from the web: the row that survives reloads and restarts.

Only counts and identifiers live here; the uploaded file and the outputs (which hold names and
records) stay on disk in the job's folder until they are deleted.
"""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String
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

    user: Mapped[User] = relationship()
    county: Mapped[County] = relationship()

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def __repr__(self) -> str:
        return f"<BulkJob {self.id} {self.status}>"
