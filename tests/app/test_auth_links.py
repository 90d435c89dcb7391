"""Invitations and password resets: e-mailed single-use links, and no way around the second factor."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEvent, OutboxMessage
from tests.support.hygiene import ClientRequest
from tests.support.staff_accounts import (
    PASSWORD,
    give_password,
    give_totp,
    outbox_link,
    post_password,
    queued_templates,
)

NEW_PASSWORD = "a brand new long passphrase"


@pytest.fixture
def attorney(make_user, db_session):
    user = give_password(make_user("attorney"), db_session)
    give_totp(user, db_session)
    return user


def choose_password(client_request, link, password=NEW_PASSWORD, **kwargs):
    return client_request.post(link, {"password": password, "confirmation": password}, **kwargs)


def request_reset(client_request, email):
    return client_request.post("/auth/reset-password", {"email": email}, expected_status=200)


def test_reset_request_page_passes_hygiene_checks(client_request):
    client_request.get("/auth/reset-password")


def test_reset_request_queues_an_email_with_a_link(client_request, attorney, db_session):
    page = request_reset(client_request, attorney.email)
    assert page.h1.get_text() == "Check your email"
    assert outbox_link(db_session, "password_reset", attorney.email).startswith("/auth/reset-password/")


def test_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client_request, attorney, db_session):
    known = request_reset(client_request, attorney.email).find("main").get_text()
    unknown = request_reset(client_request, "nobody@example.org").find("main").get_text()
    assert known.replace(attorney.email, "X") == unknown.replace("nobody@example.org", "X")
    assert queued_templates(db_session, "nobody@example.org") == []


def test_reset_email_renders_with_its_link(client_request, attorney, db_session):
    from app.outbox import render

    request_reset(client_request, attorney.email)
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "password_reset")).one()
    email = render(message)
    assert email.subject == "Reset your Clear My Record California password"
    assert message.context["link"] in email.body and "authenticator" in email.body


def test_reset_link_sets_a_new_password_and_works_once(client_request, attorney, db_session):
    request_reset(client_request, attorney.email)
    link = outbox_link(db_session, "password_reset", attorney.email)
    client_request.get(link)
    assert choose_password(client_request, link).headers["Location"] == "/auth/login"
    page = client_request.get(link, expected_status=404)
    assert page.h1.get_text() == "This link no longer works"
    assert "password_reset" in [e.action for e in db_session.scalars(select(AuditEvent))]


def test_reset_does_not_bypass_the_second_factor(client_request, attorney, db_session):
    request_reset(client_request, attorney.email)
    choose_password(client_request, outbox_link(db_session, "password_reset", attorney.email))
    response = post_password(client_request, attorney.email, NEW_PASSWORD)
    assert response.headers["Location"].startswith("/auth/second-factor")
    assert client_request.client.get("/auth/account").headers["Location"].startswith("/auth/second-factor")


def test_reset_logs_out_every_other_session(client_request, attorney, db_session, make_app):
    logged_in_elsewhere = make_app().test_client()
    from tests.support.sessions import log_in_test_client

    log_in_test_client(logged_in_elsewhere, attorney)
    assert logged_in_elsewhere.get("/auth/account").status_code == 200
    request_reset(client_request, attorney.email)
    choose_password(client_request, outbox_link(db_session, "password_reset", attorney.email))
    assert logged_in_elsewhere.get("/auth/account").headers["Location"].startswith("/auth/login")


def test_old_password_stops_working_after_a_reset(client_request, attorney, db_session):
    request_reset(client_request, attorney.email)
    choose_password(client_request, outbox_link(db_session, "password_reset", attorney.email))
    assert post_password(client_request, attorney.email, PASSWORD, expected_status=200).find(class_="error-summary")


def test_new_password_must_be_long_and_typed_twice_the_same(client_request, attorney, db_session):
    request_reset(client_request, attorney.email)
    link = outbox_link(db_session, "password_reset", attorney.email)
    page = client_request.post(link, {"password": "short", "confirmation": "short"}, expected_status=200)
    assert "between 12 and 256 characters" in page.find(class_="error-summary").get_text()
    page = client_request.post(link, {"password": NEW_PASSWORD, "confirmation": NEW_PASSWORD + "!"},
                               expected_status=200)
    assert "not the same" in page.find(class_="error-summary").get_text()
    assert not any(field.get("value") for field in page.find_all("input", type="password"))


def test_invented_link_is_refused(client_request):
    client_request.get("/auth/invitation/not-a-real-token", expected_status=404)


# --- Invitations ----------------------------------------------------------------------------------------------------

@pytest.fixture
def invited(app, db_session):
    from app.auth import accounts
    from app.models import PartnerOffice

    sf = db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "sf-public-defender")).one()
    user, _link = accounts.invite(None, "New.Person@Example.org", "New Person", "attorney", office=sf)
    return user


def test_invitation_link_leads_to_choosing_a_password_then_to_enrolment(client_request, invited, db_session):
    link = outbox_link(db_session, "staff_invitation", "new.person@example.org")
    assert client_request.get(link).h1.get_text() == "Choose your password"
    choose_password(client_request, link)
    response = post_password(client_request, "new.person@example.org", NEW_PASSWORD)
    assert response.headers["Location"].startswith("/auth/enrol")


def test_invitation_link_works_only_once(client_request, invited, db_session):
    link = outbox_link(db_session, "staff_invitation", invited.email)
    choose_password(client_request, link)
    client_request.get(link, expected_status=404)
    choose_password(client_request, link, password="someone else's password", expected_status=404,
                    csrf_from="/auth/reset-password")


def test_invitation_email_renders_with_its_link(invited, db_session):
    from app.outbox import render

    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "staff_invitation")).one()
    email = render(message)
    assert email.recipients == ["new.person@example.org"]
    assert email.subject == "You have been invited to Clear My Record California"
    assert message.context["link"] in email.body and "168 hours" in email.body


def test_invitation_link_uses_the_configured_base_url_not_the_host_header(app, invited, db_session):
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "staff_invitation")).one()
    assert message.context["link"].startswith(app.config["BASE_URL"].rstrip("/") + "/auth/invitation/")


def test_invitation_is_audited(invited, db_session):
    assert db_session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(invited.id))).all() == [
        "user_invited"]


def test_command_line_creates_the_first_admin_and_prints_the_link(app, db_session):
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "boss@example.org", "--name", "Boss"])
    assert result.exit_code == 0, result.output
    assert "/auth/invitation/" in result.output
    link = result.output[result.output.index("/auth/invitation/"):].strip()
    assert ClientRequest(app.test_client()).get(link).h1.get_text() == "Choose your password"


def test_command_line_refuses_an_address_already_used(app, invited):
    result = app.test_cli_runner().invoke(args=["users", "create-admin", invited.email])
    assert result.exit_code != 0 and "already exists" in result.output


def test_command_line_invites_an_attorney_of_an_office(app, db_session):
    result = app.test_cli_runner().invoke(args=["users", "invite", "ana@example.org", "--name", "Ana Ruiz", "--role",
                                                "attorney", "--office", "sf-public-defender"])
    assert result.exit_code == 0 and "/auth/invitation/" in result.output


def test_command_line_refuses_an_attorney_without_an_office(app, db_session):
    result = app.test_cli_runner().invoke(args=["users", "invite", "ana@example.org", "--name", "Ana Ruiz", "--role",
                                                "attorney"])
    assert result.exit_code != 0 and "needs --office" in result.output


def test_demo_users_are_refused_outside_development(make_app):
    production_like = make_app(APP_ENV="production")
    assert production_like.test_cli_runner().invoke(args=["users", "seed-demo"]).exit_code != 0


def test_demo_users_print_their_credentials_and_can_log_in(app, client_request):
    from app.auth.cli import DEMO_PASSWORD

    result = app.test_cli_runner().invoke(args=["users", "seed-demo"])
    assert result.exit_code == 0 and "TOTP secret" in result.output
    response = post_password(client_request, "admin@example.org", DEMO_PASSWORD)
    assert response.headers["Location"].startswith("/auth/second-factor")
