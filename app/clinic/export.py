"""The event's list of everyone helped: the rows of the event page and the CSV for the hosting office."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Application, ClinicEvent, Referral, User
from app.partner.export import timestamp
from app.spreadsheet import csv_text

HEADER = ("reference", "name", "status", "referral_offices", "language", "started", "sent", "volunteer",
          "consent_read_by", "consent_read_in")


@dataclass(frozen=True)
class HelpedRow:
    application_id: int
    reference: str
    name: str
    status: str
    offices: tuple[str, ...]
    language: str
    started: str
    sent: str
    volunteer: str
    consent_read_by: str
    consent_read_in: str


def event_rows(event: ClinicEvent) -> list[HelpedRow]:
    """One row per application, in the order people were helped; referrals and staff names in two queries."""
    applications = list(db.session.scalars(
        select(Application).where(Application.clinic_event_id == event.id)
        .options(selectinload(Application.volunteer), selectinload(Application.consent_read_by))
        .order_by(Application.created_at, Application.id)))
    offices: dict[int, set[str]] = {}
    if applications:
        referrals = db.session.scalars(select(Referral).options(selectinload(Referral.office))
                                       .where(Referral.application_id.in_([a.id for a in applications])))
        for referral in referrals:
            offices.setdefault(referral.application_id, set()).add(referral.office.name)
    return [HelpedRow(
        application_id=a.id, reference=a.reference, name=a.full_name or "", status=a.status,
        offices=tuple(sorted(offices.get(a.id, ()))), language=a.language, started=timestamp(a.created_at),
        sent=timestamp(a.submitted_at), volunteer=_name(a.volunteer), consent_read_by=_name(a.consent_read_by),
        consent_read_in=a.consent_read_language or "") for a in applications]


def _name(user: User | None) -> str:
    return user.name if user is not None else ""


def event_csv(event: ClinicEvent) -> str:
    return csv_text(HEADER, ((row.reference, row.name, row.status, "; ".join(row.offices), row.language,
                              row.started, row.sent, row.volunteer, row.consent_read_by, row.consent_read_in)
                             for row in event_rows(event)))
