"""Resuming by code and date of birth (issue 17): a code locks after a few wrong birth dates from any address, and a
burst of failures across clients raises an alarm."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from app.applications import answers, lifecycle
from app.applications.journey import StepRef
from app.models import AuditEvent
from app.resume_guard import ALARM_ACTION
from tests.support.hygiene import ClientRequest

RIGHT = {"date_of_birth-day": "2", "date_of_birth-month": "4", "date_of_birth-year": "1980"}
WRONG = {"date_of_birth-day": "3", "date_of_birth-month": "4", "date_of_birth-year": "1980"}
LOCKED_TEXT = "locked for today"


@pytest.fixture
def web(make_app):
    """The app the browsers talk to; its requests get their own app context (and so their own CSRF tokens)."""
    return make_app()


@pytest.fixture
def reference(app):
    application, _token = lifecycle.create_draft(language="en")
    answers.save_answers(application, StepRef("date-of-birth"),
                         {"date_of_birth": {"day": "2", "month": "4", "year": "1980"}})
    return application.reference


def try_resume(app, reference, date_of_birth, expected_status=200):
    """Each try from a new browser, as guesses spread over many addresses would come."""
    return ClientRequest(app.test_client()).post("/resume", {"reference": reference, **date_of_birth},
                                                 expected_status=expected_status)


def test_a_code_locks_after_five_wrong_birth_dates_even_for_the_right_one(web, reference):
    for _ in range(5):
        try_resume(web, reference, WRONG)
    page = try_resume(web, reference, RIGHT)
    assert LOCKED_TEXT in page.get_text()


def test_four_wrong_birth_dates_do_not_lock_the_code(web, reference):
    for _ in range(4):
        try_resume(web, reference, WRONG)
    assert try_resume(web, reference, RIGHT, expected_status=302).headers["Location"].startswith("/question/")


def test_a_locked_code_and_a_code_that_does_not_exist_answer_alike(web, reference):
    for code in (reference, "AAA-AAA"):
        for _ in range(5):
            try_resume(web, code, WRONG)
    assert LOCKED_TEXT in try_resume(web, reference, WRONG).get_text()
    assert LOCKED_TEXT in try_resume(web, "AAA-AAA", WRONG).get_text()


def test_resuming_clears_the_code_s_failures(web, reference):
    for _ in range(4):
        try_resume(web, reference, WRONG)
    try_resume(web, reference, RIGHT, expected_status=302)
    for _ in range(4):
        try_resume(web, reference, WRONG)
    try_resume(web, reference, RIGHT, expected_status=302)


def test_a_burst_of_failures_across_codes_writes_one_audit_entry_and_a_log_line(make_app, db_session, caplog):
    web = make_app(RESUME_FAILURE_ALARM="3/hour")
    caplog.set_level(logging.WARNING, logger="app.resume_guard")
    for code in ("AAA-AAA", "CCC-CCC", "DDD-DDD", "EEE-EEE"):
        try_resume(web, code, WRONG)
    alarms = db_session.scalars(select(AuditEvent).where(AuditEvent.action == ALARM_ACTION)).all()
    assert len(alarms) == 1 and alarms[0].object_type == "resume_by_code"
    assert [r for r in caplog.records if "someone may be guessing codes" in r.getMessage()]


def test_past_the_global_cap_resuming_by_code_pauses_even_for_the_right_birth_date(make_app, reference):
    web = make_app(RESUME_GLOBAL_FAILURE_LIMIT="3/hour")
    for code in ("AAA-AAA", "CCC-CCC", "DDD-DDD"):
        try_resume(web, code, WRONG)
    assert "paused for a while" in try_resume(web, reference, RIGHT).get_text()
