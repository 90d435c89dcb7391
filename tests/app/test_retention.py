"""Submitted applications are deleted once the office's work is over and the retention period has passed."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import Application, utcnow
from app.models.referrals import Referral, ReferralEvent
from app.retention import purge_finished_submissions
from tests.support.partner import build_application, routed_application

LONG_AGO = utcnow() - dt.timedelta(days=400)


@pytest.fixture
def old_submission(db_session):
    application = routed_application(["San Francisco"])
    application.submitted_at = LONG_AGO
    for referral in db_session.scalars(select(Referral).where(Referral.application_id == application.id)):
        referral.last_activity_at = LONG_AGO
    db_session.commit()
    return application


def set_status(db_session, application, status):
    for referral in db_session.scalars(select(Referral).where(Referral.application_id == application.id)):
        referral.status = status
    db_session.commit()


def test_finished_submission_past_retention_is_deleted_with_its_referrals(db_session, old_submission):
    set_status(db_session, old_submission, "closed")
    application_id = old_submission.id
    assert purge_finished_submissions() == 1
    assert db_session.get(Application, application_id) is None
    assert db_session.scalars(select(Referral).where(Referral.application_id == application_id)).all() == []
    assert db_session.scalars(select(ReferralEvent)).all() == []


def test_submission_with_an_open_referral_is_kept(db_session, old_submission):
    set_status(db_session, old_submission, "in_review")
    assert purge_finished_submissions() == 0


def test_recently_finished_submission_is_kept(db_session, old_submission):
    set_status(db_session, old_submission, "granted")
    for referral in db_session.scalars(select(Referral)):
        referral.last_activity_at = utcnow()
    db_session.commit()
    assert purge_finished_submissions() == 0


def test_retention_command_reports_what_it_deleted(app, old_submission, db_session):
    set_status(db_session, old_submission, "denied")
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0
    assert "finished applications deleted: 1" in result.output


def test_submission_that_reached_no_office_is_deleted_once_the_period_has_passed(db_session):
    unrouted = build_application(["Kern"])
    unrouted.submitted_at = LONG_AGO
    recent = build_application(["Kern"])
    db_session.commit()
    assert purge_finished_submissions() == 1
    assert db_session.scalars(select(Application.id)).all() == [recent.id]


def test_one_open_referral_keeps_the_whole_submission(db_session):
    application = routed_application(["San Francisco", "Alameda"])
    application.submitted_at = LONG_AGO
    referrals = db_session.scalars(select(Referral).where(Referral.application_id == application.id)
                                   .order_by(Referral.id)).all()
    assert len(referrals) == 2
    referrals[0].status, referrals[1].status = "closed", "in_review"
    for referral in referrals:
        referral.last_activity_at = LONG_AGO
    db_session.commit()
    assert purge_finished_submissions() == 0
    referrals[1].status = "granted"
    db_session.commit()
    assert purge_finished_submissions() == 1


def audit_entry(db_session, age_days: int) -> int:
    from app.models import AuditEvent

    entry = AuditEvent(action="referral.view", object_type="referral", object_id="1",
                       created_at=utcnow() - dt.timedelta(days=age_days))
    db_session.add(entry)
    db_session.commit()
    return entry.id


def test_audit_entries_older_than_a_year_are_deleted(db_session):
    from app.models import AuditEvent
    from app.retention import purge_old_audit_events

    old, recent = audit_entry(db_session, 366), audit_entry(db_session, 364)
    assert purge_old_audit_events() == 1
    assert db_session.scalars(select(AuditEvent.id)).all() == [recent] and old != recent


def test_a_deleted_application_leaves_no_search_terms_behind(db_session):
    from app.applications.lifecycle import delete_application
    from app.models import SearchTerm

    delete_application(routed_application(["San Francisco"], full_name="Rosa Delgado"))
    assert db_session.scalars(select(SearchTerm)).all() == []
