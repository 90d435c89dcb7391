"""Only what the chosen options need is stored (issue 17): a field whose option is unchosen is saved empty."""
from __future__ import annotations

from sqlalchemy import select

from app.models import Application
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until


def stored(db_session) -> Application:
    db_session.expire_all()
    return db_session.scalars(select(Application)).one()


def test_a_phone_number_typed_but_not_chosen_as_contact_is_not_stored(client_request, db_session):
    url = answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/contact")
    client_request.post(url, {"methods": ["email"], "email": "ana@example.org", "phone": "510 555 0123"})
    application = stored(db_session)
    assert application.answers["pages"]["contact"]["phone"] is None
    assert application.phone is None and application.email == "ana@example.org"


def test_an_email_address_unchosen_later_is_deleted_from_the_stored_answers(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    client_request.post("/question/contact", {"methods": ["phone"], "email": "ana@example.org", "phone": "5105550123"})
    application = stored(db_session)
    assert application.answers["pages"]["contact"]["email"] is None and application.email is None
    assert application.answers["pages"]["contact"]["phone"] == "5105550123"


def test_an_unchosen_field_is_not_validated(client_request, db_session):
    url = answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/contact")
    response = client_request.post(url, {"methods": ["email"], "email": "ana@example.org", "phone": "12"})
    assert response.status_code == 302
