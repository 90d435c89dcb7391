"""Clinic events: a day at a library or reentry fair where volunteers fill in applications beside residents."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.core import County, PartnerOffice, User, utcnow


class ClinicEvent(db.Model):
    """One event, hosted by one partner office. Its volunteers reach its applications only until the help window
    closes: the event day plus `help_window_days` (for receipts reprinted and papers finished in the days after)."""

    __tablename__ = "clinic_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    event_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("partner_office.id"), index=True)
    help_window_days: Mapped[int] = mapped_column(Integer, default=7)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    county: Mapped[County] = relationship()
    office: Mapped[PartnerOffice] = relationship()
    created_by: Mapped[User | None] = relationship()
    invitations: Mapped[list[ClinicVolunteer]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ClinicVolunteer.id")

    @property
    def window_closes_at(self) -> dt.datetime:
        """The first moment (naive UTC midnight) after the help window: the end of the event day plus the window."""
        last_day = self.event_date + dt.timedelta(days=self.help_window_days)
        return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())

    def window_open(self, now: dt.datetime) -> bool:
        return now < self.window_closes_at

    def __repr__(self) -> str:
        return f"<ClinicEvent {self.id} {self.event_date}>"


class ClinicVolunteer(db.Model):
    """A volunteer invited to an event: the only thing that lets a volunteer see the event's applications."""

    __tablename__ = "clinic_volunteer"
    __table_args__ = (UniqueConstraint("event_id", "user_id", name="uq_clinic_volunteer_event_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("clinic_event.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    invited_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    event: Mapped[ClinicEvent] = relationship(back_populates="invitations")
    user: Mapped[User] = relationship(foreign_keys=[user_id])
