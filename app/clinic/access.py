"""Who may see a clinic event and its applications. Every clinic route goes through these functions, so an event or
an application outside a user's scope is a 404 by any route or identifier.

- an admin manages every event; an attorney manages the events their office hosts;
- a volunteer sees the events they are invited to, and only until the event's help window closes;
- a volunteer never reaches an application that was not filled in at one of those events.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Application, ClinicEvent, ClinicVolunteer, User


def can_manage(user: User, event: ClinicEvent) -> bool:
    return user.role == "admin" or (user.role == "attorney" and user.office_id == event.office_id)


def managed_events(user: User) -> list[ClinicEvent]:
    """The events an admin or attorney runs, newest first."""
    query = select(ClinicEvent).order_by(ClinicEvent.event_date.desc(), ClinicEvent.id.desc())
    if user.role == "attorney":
        query = query.where(ClinicEvent.office_id == user.office_id)
    elif user.role != "admin":
        return []
    return list(db.session.scalars(query))


def volunteer_events(user: User, now: dt.datetime) -> list[ClinicEvent]:
    """The events a volunteer is invited to whose help window is still open, soonest first."""
    if user.role != "volunteer":
        return []
    invited = db.session.scalars(
        select(ClinicEvent).join(ClinicVolunteer, ClinicVolunteer.event_id == ClinicEvent.id)
        .where(ClinicVolunteer.user_id == user.id)
        .order_by(ClinicEvent.event_date, ClinicEvent.id))
    return [event for event in invited if event.window_open(now)]


def is_invited(user: User, event: ClinicEvent) -> bool:
    return db.session.scalar(select(ClinicVolunteer.id).where(ClinicVolunteer.event_id == event.id,
                                                              ClinicVolunteer.user_id == user.id)) is not None


def volunteer_may_enter(user: User, event: ClinicEvent, now: dt.datetime) -> bool:
    return user.role == "volunteer" and event.window_open(now) and is_invited(user, event)


def event_for(user: User, event_id: int, now: dt.datetime) -> ClinicEvent | None:
    """The event if `user` may see it now: the one gate of every event page."""
    event = db.session.get(ClinicEvent, event_id)
    if event is None:
        return None
    if can_manage(user, event) or volunteer_may_enter(user, event, now):
        return event
    return None


def application_for(event: ClinicEvent, application_id: int) -> Application | None:
    """An application of this event (the caller got the event through `event_for`)."""
    return db.session.scalars(select(Application).where(Application.id == application_id,
                                                        Application.clinic_event_id == event.id)).one_or_none()


def volunteer_may_open(user: User, application: Application, now: dt.datetime) -> bool:
    """Whether a volunteer's browser may go on showing this resident's questionnaire."""
    event = application.clinic_event
    return (getattr(user, "is_authenticated", False) and event is not None
            and volunteer_may_enter(user, event, now))
