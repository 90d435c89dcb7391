"""`flask screening diff`: the stored screenings whose answers the current rules would change, by office."""
from __future__ import annotations

import datetime as dt

from app.applications.facts import screen_application
from app.screening_diff import changed_answers
from tests.support.partner import build_application, routed_application

STORED_TODAY = dt.date(2026, 11, 29)


def _changes_for(application, **filters):
    return [change for change in changed_answers(**filters) if change.reference == application.reference]


def _store_current_screening(application):
    application.screening = screen_application(application, STORED_TODAY).to_dict()


def _pretend_older_rules_said(application, outcome):
    """Rewrite the stored answer as an earlier ENGINE_VERSION might have given it."""
    stored = dict(application.screening)
    stored["engine_version"] = "2026.11.0"
    stored["convictions"][0]["determinations"][0]["outcome"] = outcome
    application.screening = {**stored}


def test_a_screening_the_current_rules_still_give_is_not_listed(db_session):
    application = routed_application(["Alameda"])
    _store_current_screening(application)
    db_session.commit()

    assert _changes_for(application) == []


def test_a_changed_answer_is_listed_with_its_reference_office_and_both_answers(db_session):
    application = routed_application(["Alameda"])
    _store_current_screening(application)
    current = dict(application.screening["convictions"][0]["determinations"][0])
    _pretend_older_rules_said(application, "not_eligible")
    db_session.commit()

    [change] = _changes_for(application)

    assert (change.reference, change.stored_version, change.conviction) == (application.reference, "2026.11.0", "c1")
    assert change.remedy == current["remedy"]
    assert change.before.startswith("not_eligible") and change.after.startswith(current["outcome"])
    assert change.offices and all(slug for slug in change.offices)


def test_the_office_filter_lists_only_that_offices_referrals(db_session):
    application = routed_application(["Alameda"])
    _store_current_screening(application)
    _pretend_older_rules_said(application, "not_eligible")
    db_session.commit()
    [change] = _changes_for(application)

    assert _changes_for(application, office_slug=change.offices[0])
    assert _changes_for(application, office_slug="no-such-office") == []


def test_the_listing_never_holds_a_name_or_case_number(db_session):
    application = routed_application(["Alameda"])
    _store_current_screening(application)
    _pretend_older_rules_said(application, "not_eligible")
    db_session.commit()

    text = repr(_changes_for(application))

    assert "Maria Example" not in text and "CR-0" not in text


def test_the_command_prints_a_csv_of_changed_answers(app, db_session):
    application = routed_application(["Alameda"])
    _store_current_screening(application)
    _pretend_older_rules_said(application, "not_eligible")
    db_session.commit()

    result = app.test_cli_runner().invoke(args=["screening", "diff"])

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "reference,offices,stored_version,conviction,remedy,before,after"
    assert application.reference in result.stdout and "1 answers change" in result.stderr


def test_an_application_without_a_stored_screening_is_skipped(db_session):
    application = build_application(["Alameda"])
    db_session.commit()

    assert _changes_for(application) == []
