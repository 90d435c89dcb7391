"""What a resident's secrets open, and where they are kept (issue 17): a sent application resumed by code and birth
date gives neither its petition nor a one-request deletion; the session cookie holds no resume token; the office
hears of a withdrawal."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.applications import lifecycle
from app.models import Application, utcnow
from app.models.referrals import OutboxMessage
from app.outbox import render
from tests.support.hygiene import ClientRequest, csrf_token_from
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until

CONSENT = {"share": "y", "understands": "y"}
DATE_OF_BIRTH = {"date_of_birth-day": "2", "date_of_birth-month": "4", "date_of_birth-year": "1980"}


def stored(db_session) -> Application:
    db_session.expire_all()
    return db_session.scalars(select(Application)).one()


def link_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def sent(client_request):
    """An application answered and sent from this browser."""
    answer_until(client_request, MARIJUANA_IN_ALAMEDA)
    client_request.post("/consent", CONSENT)
    return client_request


@pytest.fixture
def by_code(sent, db_session, make_app):
    """Another browser that came back with the code and date of birth only."""
    browser = ClientRequest(make_app().test_client())
    browser.post("/resume", {"reference": stored(db_session).reference, **DATE_OF_BIRTH})
    return browser


def test_the_browser_that_sent_the_application_downloads_its_petition(sent):
    assert sent.client.get("/petition.pdf").mimetype == "application/pdf"


def test_a_browser_that_resumed_by_code_gets_no_petition(by_code):
    response = by_code.client.get("/petition.pdf")
    assert response.status_code == 302 and response.headers["Location"] == "/confirmation"


def test_the_confirmation_offers_a_browser_that_resumed_by_code_to_email_the_link(by_code):
    page = by_code.get("/confirmation")
    assert not page.find("a", href="/petition.pdf")
    assert page.find("form", action="/petition/email-link")


def test_the_emailed_link_opens_the_petition(by_code, db_session, make_app):
    by_code.post("/petition/email-link", {}, csrf_from="/confirmation")
    db_session.expire_all()  # the other browser's app replaced the token: read the row as the mail worker would
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "petition_link")).one()
    assert message.to_address == "ana@example.org" and "resume_url" not in message.context
    link = re.search(r"https?://\S+/resume/\S+", render(message).body).group(0)
    browser = make_app().test_client()
    browser.get(link_path(link))
    assert browser.get("/petition.pdf").mimetype == "application/pdf"


def test_a_sent_application_is_not_deleted_by_a_request_without_the_confirmation_nonce(sent, db_session):
    token = csrf_token_from(sent.client.get("/save").get_data(as_text=True))
    response = sent.client.post("/delete", data={"csrf_token": token, "reference": stored(db_session).reference})
    assert response.status_code == 200
    assert stored(db_session).status == "submitted"


def confirmation_form(client_request) -> dict[str, str]:
    page = client_request.get("/delete")
    return {field["name"]: field.get("value", "") for field in page.select("form input[type=hidden]")}


def test_a_delete_nonce_is_used_up_by_a_wrong_try(sent, db_session):
    form = confirmation_form(sent)
    sent.client.post("/delete", data={**form, "reference": "AAA-AAA"})
    response = sent.client.post("/delete", data={**form, "reference": stored(db_session).reference})
    assert response.status_code == 200 and stored(db_session).status == "submitted"


def test_the_confirmation_page_s_nonce_and_the_typed_code_delete_a_sent_application(sent, db_session):
    form = confirmation_form(sent)
    response = sent.client.post("/delete", data={**form, "reference": stored(db_session).reference})
    assert response.headers["Location"] == "/deleted"
    assert db_session.scalars(select(Application)).first() is None


def test_an_expired_delete_nonce_is_refused(sent, db_session):
    application = stored(db_session)
    nonce = lifecycle.issue_delete_nonce(application)
    application.delete_nonce_expires_at = utcnow() - dt.timedelta(seconds=1)
    db_session.commit()
    assert not lifecycle.delete_is_confirmed(application, nonce, application.reference)


def test_withdrawing_a_sent_application_tells_its_office(sent, db_session):
    reference = stored(db_session).reference
    sent.client.post("/delete", data={**confirmation_form(sent), "reference": reference})
    notice = db_session.scalars(select(OutboxMessage)
                                .where(OutboxMessage.template == "office_application_withdrawn")).one()
    assert notice.to_address == "alameda-public-defender@example.org"
    assert reference in render(notice).body


def session_of(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def test_the_session_cookie_holds_no_resume_token(app, client_request):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    token = link_path(client_request.get("/save").find("p", class_="resume-link").a["href"]).removeprefix("/resume/")
    cookie = client_request.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert token not in cookie and token not in str(session_of(app, client_request.client))


def test_resuming_by_code_elsewhere_ends_this_browser_s_session(make_app, db_session):
    first = ClientRequest(make_app().test_client())  # apps of their own: each request gets a fresh `g`
    answer_until(first, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    ClientRequest(make_app().test_client()).post("/resume", {"reference": stored(db_session).reference,
                                                             **DATE_OF_BIRTH})
    response = first.client.get("/question/address")
    assert response.status_code == 302 and response.headers["Location"].startswith("/resume")


def test_a_session_from_before_that_holds_the_token_is_moved_off_it(app, client):
    application, token = lifecycle.create_draft(language="en")
    with client.session_transaction() as session:
        session["intake_token"] = token
    assert client.get("/continue").headers["Location"] == "/question/counties"
    assert "intake_token" not in session_of(app, client)
    assert client.get("/continue").headers["Location"] == "/question/counties"
