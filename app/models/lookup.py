"""Relief a court granted, published for the public look-up (issue 12), and who published it.

A `ClearedRecord` holds no readable personal data: only a keyed hash (HMAC-SHA256 under LOOKUP_HMAC_KEY) of the
normalized county, case number, date of birth and last name, beside the relief and the order's date. A database
dump alone does not say who was cleared; finding a row needs all four values and the key.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import County, User, utcnow

RELIEFS = ("dismissal", "reduction", "sealing")
BATCH_SOURCES = ("bulk_run", "csv")


class PublishBatch(db.Model):
    """One publication (or withdrawal): who, when, for which county, from what, and how many rows did what."""

    __tablename__ = "publish_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"), index=True)  # None: an admin's CSV of several
    source: Mapped[str] = mapped_column(String(10))
    bulk_job_id: Mapped[int | None] = mapped_column(ForeignKey("bulk_job.id", ondelete="SET NULL"))
    order_date: Mapped[dt.date | None] = mapped_column(Date)  # a bulk run's confirmed court order date
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_replaced: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)  # bulk rows without a case number, birth date or name
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()
    county: Mapped[County | None] = relationship()


class ClearedRecord(db.Model):
    __tablename__ = "cleared_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    lookup_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(16), index=True)  # which LOOKUP_HMAC_KEY made the hash (rotation)
    relief: Mapped[str] = mapped_column(String(12))
    order_date: Mapped[dt.date] = mapped_column(Date)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("publish_batch.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    county: Mapped[County] = relationship()
