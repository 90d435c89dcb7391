"""Personal data is kept only as long as someone needs it. Run `flask retention purge` daily.

- Drafts untouched for DRAFT_RETENTION_DAYS go (every saved page moves a draft's `purge_after` forward in
  app.applications.answers, so "untouched" means no answer saved since).
- Submitted applications are the partner office's working records while any referral is open. Once every referral
  is finished (granted, denied, closed) and nothing has happened for SUBMITTED_RETENTION_DAYS, or an application that
  reached no office was submitted that long ago, it goes with its convictions, referrals and their history.
- Audit entries (identifiers only: who, which record, when, from which address) go after AUDIT_RETENTION_DAYS.
Every retention period is listed in docs/privacy.md.
"""
from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import delete, or_, select

from app.extensions import db
from app.models import Application, AuditEvent, utcnow
from app.models.referrals import FINISHED_STATUSES, Referral


def purge_stale_drafts(now: dt.datetime | None = None) -> int:
    """Delete drafts whose retention deadline has passed (their convictions go with them); returns how many."""
    now = now or utcnow()
    stale = db.session.scalars(
        select(Application).where(Application.status == "draft", Application.purge_after < now)
    ).all()
    for application in stale:
        db.session.delete(application)
    db.session.commit()
    return len(stale)


def finished_submissions(now: dt.datetime) -> list[Application]:
    """Submitted applications older than the retention period with no referral still open or recently active."""
    cutoff = now - dt.timedelta(days=current_app.config["SUBMITTED_RETENTION_DAYS"])
    still_needed = select(Referral.id).where(
        Referral.application_id == Application.id,
        or_(Referral.status.not_in(FINISHED_STATUSES), Referral.last_activity_at >= cutoff),
    )
    return list(db.session.scalars(
        select(Application).where(Application.status == "submitted", Application.submitted_at < cutoff,
                                  ~still_needed.exists())
    ))


def purge_finished_submissions(now: dt.datetime | None = None) -> int:
    """Delete finished submissions past SUBMITTED_RETENTION_DAYS; returns how many."""
    from app.applications.lifecycle import delete_application

    finished = finished_submissions(now or utcnow())
    for application in finished:
        delete_application(application)
    return len(finished)


def purge_old_audit_events(now: dt.datetime | None = None) -> int:
    """Delete audit entries older than AUDIT_RETENTION_DAYS (a year by default); returns how many."""
    cutoff = (now or utcnow()) - dt.timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])
    deleted = db.session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff)).rowcount
    db.session.commit()
    return deleted
