"""Consent and submission: the one step that turns a draft into a referral."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import update

from app.applications.answers import clean_text, with_answers
from app.applications.facts import screen_application
from app.eligibility import ENGINE_VERSION
from app.extensions import db
from app.models import Application, utcnow


@dataclass(frozen=True)
class ReadAloud:
    """At a clinic, consent is the resident's answer to a statement a volunteer read aloud: who read it, in which
    language. Stored with the time of consent, in the same UPDATE as the submission."""

    volunteer_id: int
    language: str


def submit(application: Application, personal_statement: str | None, today: dt.date | None = None,
           good_cause_statement: str | None = None, read_aloud: ReadAloud | None = None) -> bool:
    """Consent given: stamp the screening, route to the partner office, queue the emails, all in one transaction.

    Idempotent under double taps and back-and-resubmit: the status flips from draft to submitted in one conditional
    UPDATE, so only the first of two concurrent requests does the work. Returns True when this call submitted it.
    """
    now = utcnow()
    consent_reader = ({"consent_read_by_id": read_aloud.volunteer_id, "consent_read_language": read_aloud.language}
                      if read_aloud is not None else {})
    claimed = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == "draft")
        .values(status="submitted", submitted_at=now, consent_at=now, updated_at=now, purge_after=None,
                **consent_reader)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        db.session.refresh(application)
        return False
    db.session.refresh(application)
    with_answers(application, personal_statement=clean_text(personal_statement),
                 good_cause_statement=clean_text(good_cause_statement), consent={"share": True, "understands": True})
    screening = screen_application(application, today)
    application.screening = screening.to_dict()
    application.engine_version = ENGINE_VERSION

    from app.outbox import enqueue
    from app.referrals import route_application

    route_application(application)
    if application.email:
        enqueue(to=application.email, template="resident_confirmation", language=application.language,
                context={"reference": application.reference, "routing_status": application.routing_status})
    db.session.commit()
    return True
