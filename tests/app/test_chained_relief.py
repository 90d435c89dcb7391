"""Chained relief on the resident's results and in the attorney's memo, and the memo's flag on unverified rules."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.applications import screen_application
from app.models import Referral
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until
from tests.support.partner import build_application

# A felony PC 261.5(d) on probation, finished: PC 1203.4(b) excludes it only as a felony, so 17(b) comes first.
FELONY_261_5_D = {**MARIJUANA_IN_ALAMEDA,
                  "/conviction/1/offense": {"offense": "", "offense_code": "PC 261.5(d)"},
                  "/conviction/1/level": {"answer": "felony"}}


@pytest.fixture
def attorney(make_user, login_as):
    user = make_user("attorney", "sf-public-defender", bar_number="234567")
    login_as(user)
    return user


def test_results_say_to_reduce_first_then_dismiss(client_request):
    assert answer_until(client_request, FELONY_261_5_D) == "/check-answers"

    text = " ".join(client_request.get("/results").get_text().split())

    assert "In this order: PC 1203.4(b) bars dismissing this offense only as a felony." in text


def test_the_memo_shows_the_chained_order(client_request, attorney, db_session):
    from app.referrals import route_application

    application = build_application(["San Francisco"], screening=None)
    conviction = application.convictions[0]
    conviction.offense_text, conviction.level, conviction.sentence = "PC 261.5(d)", "felony", "probation"
    conviction.probation_completed, conviction.probation_violated, conviction.sentence_completed = True, False, True
    application.screening = screen_application(application).to_dict()
    route_application(application)
    db_session.commit()
    referral = db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()

    page = client_request.get(f"/partner/referrals/{referral.id}")

    assert "Chained relief, in this order: PC 1203.4(b) bars dismissing" in " ".join(page.get_text().split())


def test_the_memo_flags_an_answer_resting_on_an_unverified_rule(client_request, attorney, db_session):
    from app.referrals import route_application

    application = build_application(["San Francisco"], screening=None)
    conviction = application.convictions[0]
    conviction.offense_text, conviction.level, conviction.sentence = "HS 11359", "felony", "probation"
    application.screening = screen_application(application).to_dict()
    route_application(application)
    db_session.commit()
    referral = db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()

    text = " ".join(client_request.get(f"/partner/referrals/{referral.id}").get_text().split())

    assert "Unverified: this answer rests on a rule we have not yet re-read against the statute text." in text
    assert "HS 11358(d), 11359(c), 11360(a)(3)" in text
