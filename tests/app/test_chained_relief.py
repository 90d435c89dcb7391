"""Chained relief on the resident's results and in the attorney's memo, and the memo's flag on unverified rules."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.applications.facts import screen_application
from app.models import Referral
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until
from tests.support.partner import build_application

# A felony PC 261.5(d) on probation, finished: PC 1203.4(b) excludes it only as a felony, so 17(b) comes first.
FELONY_261_5_D = {**MARIJUANA_IN_ALAMEDA,
                  "/conviction/1/offense": {"offense": "", "offense_code": "PC 261.5(d)"},
                  "/conviction/1/level": {"answer": "felony"}}


def test_results_say_to_reduce_first_then_dismiss(client_request):
    assert answer_until(client_request, FELONY_261_5_D) == "/check-answers"

    text = " ".join(client_request.get("/results").get_text().split())

    assert "In this order: PC 1203.4(b) bars dismissing this offense only as a felony." in text


def referral_with(db_session, **conviction_facts) -> Referral:
    """A submitted, screened and routed application with one San Francisco conviction of these facts."""
    from app.referrals import route_application

    application = build_application(["San Francisco"], screening=None)
    for name, value in conviction_facts.items():
        setattr(application.convictions[0], name, value)
    application.screening = screen_application(application).to_dict()
    route_application(application)
    db_session.commit()
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


def test_the_memo_shows_the_chained_order(client_request, sf_attorney, db_session):
    referral = referral_with(db_session, offense_text="PC 261.5(d)", level="felony", sentence="probation",
                             probation_completed=True, probation_violated=False, sentence_completed=True)

    page = client_request.get(f"/partner/referrals/{referral.id}")

    assert "Chained relief, in this order: PC 1203.4(b) bars dismissing" in " ".join(page.get_text().split())


def test_the_memo_flags_an_answer_resting_on_an_unverified_rule(client_request, sf_attorney, db_session):
    referral = referral_with(db_session, offense_text="HS 11359", level="felony", sentence="probation")

    text = " ".join(client_request.get(f"/partner/referrals/{referral.id}").get_text().split())

    assert "Unverified: this answer rests on a rule we have not yet re-read against the statute text." in text
    assert "HS 11358(d), 11359(c), 11360(a)(3)" in text
