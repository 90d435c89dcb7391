"""Submitted applications are deleted once the office's work is over and the retention period has passed."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models import Application, utcnow
from app.models.referrals import Referral, ReferralEvent
from app.retention import purge_finished_submissions
from tests.support.partner import routed_application

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
