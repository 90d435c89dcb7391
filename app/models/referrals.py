"""Referrals to partner offices, their history, and the outbox every notice passes through."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import EncryptedJSON, EncryptedString
from app.extensions import db
from app.models.core import Application, County, PartnerOffice, User, utcnow

# The queue's columns, in the order an attorney works a case.
REFERRAL_STATUSES = ("new", "in_review", "needs_update", "filed", "granted", "denied", "closed")
# Referrals in these statuses need nothing more from the office, so the digest never calls them stale.
FINISHED_STATUSES = ("granted", "denied", "closed")


class Referral(db.Model):
    """One application handed to one office, for the convictions of one county.

    The county is the idempotency key (routing twice never duplicates a referral) and stays put when the referral is
    transferred to another office; the office is whoever is working it now.
    """

    __tablename__ = "referral"
    __table_args__ = (UniqueConstraint("application_id", "county_id", name="uq_referral_application_county"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("partner_office.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # First time anyone in the office opened it; None is what the digest calls "unopened".
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Last status change, note or transfer; the digest calls a referral stale when this is old.
    last_activity_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship()
    county: Mapped[County] = relationship()
    office: Mapped[PartnerOffice] = relationship()
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.id"
    )

    def __repr__(self) -> str:
        return f"<Referral {self.id} {self.status}>"


class ReferralEvent(db.Model):
    """The referral's history: creation, status changes, notes and transfers, never rewritten."""

    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))  # created | status | note | transfer
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    from_office_id: Mapped[int | None] = mapped_column(ForeignKey("partner_office.id"))
    to_office_id: Mapped[int | None] = mapped_column(ForeignKey("partner_office.id"))
    note: Mapped[str | None] = mapped_column(EncryptedString("referral_event.note"))
    resident_notified: Mapped[bool] = mapped_column(Boolean, default=False)

    referral: Mapped[Referral] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()
    from_office: Mapped[PartnerOffice | None] = relationship(foreign_keys=[from_office_id])
    to_office: Mapped[PartnerOffice | None] = relationship(foreign_keys=[to_office_id])


class OutboxMessage(db.Model):
    """A notice waiting to be sent, written in the same transaction as the change that caused it.

    It is rendered only at delivery time (in `language`), so the row holds a template name and its context, not
    finished text. A worker claims a due message by moving `next_attempt_at` into the future (a lease): a worker that
    dies mid-send simply lets the lease run out and the message is tried again.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(EncryptedString("outbox_message.to_address"))
    # The blind index of the address (app.crypto), so a resident's unsent mail can be found and deleted with them.
    to_address_index: Mapped[str | None] = mapped_column(String(32), index=True)
    template: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(5), default="en")
    context: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("outbox_message.context"), default=dict)
    # Set for notices that must go out at most once per occasion (e.g. one digest per office per day).
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The kind of error only (e.g. "SMTPServerDisconnected"), never a server reply that could echo an address.
    last_error: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.template} {self.status}>"
