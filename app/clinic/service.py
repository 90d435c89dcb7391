"""Clinic events and the applications volunteers fill in at them: plain functions, testable without a request.

The questionnaire itself is the public one (app.applications); a clinic application differs only in what it
records: `source = "clinic"`, its event and volunteer, and who read the consent statement aloud, in which language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from app.applications.lifecycle import create_draft
from app.audit import record_audit
from app.auth import accounts
from app.auth.service import find_user_by_email
from app.extensions import db
from app.models import Application, ClinicEvent, ClinicVolunteer, County, PartnerOffice, User


@dataclass(frozen=True)
class EventDetails:
    name: str
    event_date: dt.date
    place: str
    county: County
    office: PartnerOffice
    help_window_days: int | None = None


def create_event(by: User, details: EventDetails) -> ClinicEvent:
    """An admin's event for any office, or an attorney's for their own office (the view offers nothing else)."""
    if by.role != "admin" and not (by.role == "attorney" and by.office_id == details.office.id):
        raise PermissionError("only an admin or an attorney of the hosting office creates its events")
    window = details.help_window_days
    event = ClinicEvent(name=details.name.strip(), event_date=details.event_date, place=details.place.strip(),
                        county=details.county, office=details.office, created_by=by,
                        help_window_days=default_help_window() if window is None else window)
    db.session.add(event)
    db.session.flush()
    record_audit(by, "clinic.event_created", "clinic_event", event.id)
    db.session.commit()
    return event


def update_event(by: User, event: ClinicEvent, details: EventDetails) -> None:
    """Change an event's details (a date moved, a new place, a longer help window). An attorney keeps it in their own
    office; the residents already helped and their referrals stay as they are."""
    if by.role != "admin" and not (by.role == "attorney" and by.office_id == details.office.id == event.office_id):
        raise PermissionError("only an admin or an attorney of the hosting office changes its events")
    event.name, event.event_date, event.place = details.name.strip(), details.event_date, details.place.strip()
    event.county, event.office = details.county, details.office
    if details.help_window_days is not None:
        event.help_window_days = details.help_window_days
    record_audit(by, "clinic.event_changed", "clinic_event", event.id)
    db.session.commit()


class NotAVolunteer(ValueError):
    """The address belongs to a staff account that is not a volunteer's: it cannot be invited to an event."""


def invite_volunteer(by: User, event: ClinicEvent, email: str, name: str = "") -> tuple[User, bool]:
    """Invite a volunteer to the event by e-mail address: an existing volunteer account is added at once; an unknown
    address gets a volunteer account of the hosting office through the staff invitation flow (a link to choose a
    password). Returns the account and whether it is new. Inviting twice changes nothing."""
    user = find_user_by_email(email)
    created = user is None
    if user is None:
        user, _link = accounts.invite(by, email, name or email.split("@")[0], "volunteer", office=event.office)
    elif user.role != "volunteer":
        raise NotAVolunteer(email)
    already = db.session.scalar(select(ClinicVolunteer.id).where(ClinicVolunteer.event_id == event.id,
                                                                 ClinicVolunteer.user_id == user.id))
    if already is None:
        db.session.add(ClinicVolunteer(event=event, user=user, invited_by_id=by.id))
        record_audit(by, "clinic.volunteer_invited", "clinic_event", event.id)
        db.session.commit()
    return user, created


def remove_volunteer(by: User, event: ClinicEvent, user_id: int) -> None:
    invitation = db.session.scalars(select(ClinicVolunteer).where(ClinicVolunteer.event_id == event.id,
                                                                  ClinicVolunteer.user_id == user_id)).one_or_none()
    if invitation is not None:
        db.session.delete(invitation)
        record_audit(by, "clinic.volunteer_removed", "clinic_event", event.id)
        db.session.commit()


def start_application(volunteer: User, event: ClinicEvent, language: str) -> Application:
    """A new draft for the next resident, in the resident's own language, tagged with the event and volunteer."""
    application, _token = create_draft(language=language, source="clinic")
    application.clinic_event_id = event.id
    application.volunteer_id = volunteer.id
    record_audit(volunteer, "clinic.application_started", "application", application.id)
    db.session.commit()
    return application


def event_applications(event: ClinicEvent) -> list[Application]:
    """Everyone helped at the event, in the order they were helped (the batch PDF and the CSV keep this order)."""
    return list(db.session.scalars(select(Application).where(Application.clinic_event_id == event.id)
                                   .order_by(Application.created_at, Application.id)))


def submitted_applications(event: ClinicEvent) -> list[Application]:
    return [application for application in event_applications(event) if application.status != "draft"]


# One batch PDF holds at most this many people: about 1.3 s of rendering each on a 2-core machine
# (benchmarks/clinic_batch.py), so a part stays well inside the web server's 60 s request timeout.
BATCH_PART_SIZE = 20


@dataclass(frozen=True)
class BatchPart:
    number: int  # 1-based
    first: int  # the first and last person's position in the order they were helped, 1-based
    last: int


def batch_parts(sent: int, size: int | None = None) -> list[BatchPart]:
    """The parts a day's batch is printed in: one PDF for up to `size` people, then one per `size`."""
    size = size or BATCH_PART_SIZE
    return [BatchPart(number, first, min(first + size - 1, sent))
            for number, first in enumerate(range(1, sent + 1, size), start=1)]


def batch_part(applications: list[Application], number: int, size: int | None = None) -> list[Application] | None:
    """The applications of part `number`, or None past the end."""
    size = size or BATCH_PART_SIZE
    if number < 1 or (number - 1) * size >= max(len(applications), 1):
        return None
    return applications[(number - 1) * size:number * size]


def window_closes_on(event: ClinicEvent) -> dt.date:
    """The last day volunteers can open the event (for the pages: the window ends at midnight after it)."""
    return event.window_closes_at.date() - dt.timedelta(days=1)


def default_help_window() -> int:
    return int(current_app.config["CLINIC_HELP_WINDOW_DAYS"])
