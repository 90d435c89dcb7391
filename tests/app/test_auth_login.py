"""The log-in pages: password, second factor, enrolment, session rotation and limits, log-out."""
from __future__ import annotations

import time

import pyotp
import pytest
from sqlalchemy import select

from app.auth.decorators import SECOND_FACTOR_SESSION_KEY
from app.models import AuditEvent
from tests.support.hygiene import ClientRequest
from tests.support.staff_accounts import PASSWORD, give_password, give_totp, post_password

GENERIC_ERROR = "The email address or password is not right"


@pytest.fixture
def attorney(make_user, db_session):
    return give_password(make_user("attorney"), db_session)


def audit_actions(db_session, user):
    return [e.action for e in db_session.scalars(select(AuditEvent).where(AuditEvent.user_id == user.id))]


@pytest.fixture
def second_browser(make_app):
    """Another device on the same database. Its own app object, so Flask's `g` (where Flask-WTF caches the CSRF
    token) is not shared with the test's app context."""
    return ClientRequest(make_app().test_client())


def wrong_code(totp):
    return f"{(int(totp.now()) + 500_000) % 1_000_000:06d}"


def test_login_page_passes_hygiene_checks(client_request):
    page = client_request.get("/auth/login")
    assert page.find("input", attrs={"name": "password", "type": "password", "autocomplete": "current-password"})


def test_login_page_is_in_spanish_for_a_spanish_browser(client_request):
    page = client_request.get("/auth/login", headers={"Accept-Language": "es"})
    assert page.h1.get_text() == "Iniciar sesión"


def test_wrong_password_gives_the_generic_error_and_keeps_the_email_but_not_the_password(client_request, attorney):
    page = post_password(client_request, attorney.email, "not the password", expected_status=200)
    assert GENERIC_ERROR in page.find(class_="error-summary").get_text()
    assert page.title.get_text().startswith("Error:")
    assert page.find("input", attrs={"name": "email"})["value"] == attorney.email
    assert not page.find("input", attrs={"name": "password"}).get("value")


def test_unknown_email_gives_the_same_error_as_a_wrong_password(client_request, attorney):
    unknown = post_password(client_request, "nobody@example.org", expected_status=200)
    wrong = post_password(client_request, attorney.email, "not the password", expected_status=200)
    assert unknown.find(class_="error-summary").get_text() == wrong.find(class_="error-summary").get_text()


def test_locked_account_is_refused_with_the_same_generic_error(client_request, attorney):
    for _ in range(5):
        post_password(client_request, attorney.email, "not the password", expected_status=200)
    page = post_password(client_request, attorney.email, PASSWORD, expected_status=200)
    assert GENERIC_ERROR in page.find(class_="error-summary").get_text()


def test_login_attempts_are_rate_limited_per_address(make_app):
    client = make_app(RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False).test_client()
    statuses = [client.post("/auth/login", data={"email": "a@example.org", "password": "x"}).status_code
                for _ in range(11)]
    assert statuses[-1] == 429


@pytest.mark.parametrize("role", ["attorney", "da", "admin"])
def test_roles_that_need_a_second_factor_are_sent_to_enrol_without_one(client_request, make_user, db_session, role):
    user = give_password(make_user(role), db_session)
    response = post_password(client_request, user.email)
    assert response.headers["Location"].startswith("/auth/enrol")
    assert client_request.client.get("/auth/account").headers["Location"].startswith("/auth/second-factor")


@pytest.mark.parametrize("role", ["attorney", "da", "admin"])
def test_roles_with_an_app_are_asked_for_a_code_after_the_password(client_request, make_user, db_session, role):
    user = give_password(make_user(role), db_session)
    give_totp(user, db_session)
    assert post_password(client_request, user.email).headers["Location"].startswith("/auth/second-factor")
    assert client_request.client.get("/auth/account").status_code == 302


def test_volunteer_without_an_app_is_logged_in_by_the_password(client_request, make_user, db_session):
    volunteer = give_password(make_user("volunteer"), db_session)
    post_password(client_request, volunteer.email)
    page = client_request.get("/auth/account")
    assert volunteer.name in page.get_text()
    assert "login" in audit_actions(db_session, volunteer)


def test_right_code_completes_the_login(client_request, attorney, db_session):
    totp = give_totp(attorney, db_session)
    post_password(client_request, attorney.email)
    client_request.get("/auth/second-factor")
    response = client_request.post("/auth/second-factor", {"code": totp.now()})
    assert client_request.client.get(response.headers["Location"]).status_code == 200
    actions = audit_actions(db_session, attorney)
    assert actions[actions.index("second_factor_passed") + 1] == "login"
    assert attorney.last_login_at is not None and attorney.failed_logins == 0


def test_next_page_survives_both_steps(client_request, make_user, db_session):
    admin = give_password(make_user("admin"), db_session)
    totp = give_totp(admin, db_session)
    response = client_request.post("/auth/login?next=/admin/users", {"email": admin.email, "password": PASSWORD})
    assert response.headers["Location"] == "/auth/second-factor?next=/admin/users"
    response = client_request.post("/auth/second-factor?next=/admin/users", {"code": totp.now()})
    assert response.headers["Location"] == "/admin/users"


def test_next_page_cannot_leave_the_site(client_request, make_user, db_session):
    volunteer = give_password(make_user("volunteer"), db_session)
    response = client_request.post("/auth/login?next=https://evil.example/", {"email": volunteer.email,
                                                                              "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_wrong_code_is_refused_with_an_error(client_request, attorney, db_session):
    totp = give_totp(attorney, db_session)
    post_password(client_request, attorney.email)
    page = client_request.post("/auth/second-factor", {"code": wrong_code(totp)}, expected_status=200)
    assert "The code is not right" in page.find(class_="error-summary").get_text()


def test_a_code_used_once_cannot_log_in_a_second_session(client_request, attorney, db_session, second_browser):
    totp = give_totp(attorney, db_session)
    code = totp.now()
    post_password(client_request, attorney.email)
    client_request.post("/auth/second-factor", {"code": code})
    attacker = second_browser
    post_password(attacker, attorney.email)
    attacker.post("/auth/second-factor", {"code": code}, expected_status=200)
    assert attacker.client.get("/auth/account").headers["Location"].startswith("/auth/second-factor")


def test_five_wrong_codes_log_the_user_out_and_lock_the_account(client_request, attorney, db_session):
    totp = give_totp(attorney, db_session)
    post_password(client_request, attorney.email)
    for _ in range(4):
        client_request.post("/auth/second-factor", {"code": wrong_code(totp)}, expected_status=200)
    response = client_request.post("/auth/second-factor", {"code": wrong_code(totp)})
    assert response.headers["Location"] == "/auth/login"
    assert attorney.locked_until is not None
    assert post_password(client_request, attorney.email, expected_status=200).find(class_="error-summary")


# --- Enrolment ------------------------------------------------------------------------------------------------------

def test_enrolment_shows_a_qr_code_as_inline_svg_and_the_key_as_text(client_request, attorney, db_session):
    post_password(client_request, attorney.email)
    page = client_request.get("/auth/enrol")
    svg = page.select_one(".qr-code-wrap svg")
    assert svg is not None and svg.find("path") is not None and svg.title.get_text()
    assert page.find("img") is None, "no data: image, which the CSP would have to allow"
    key = page.select_one(".secret-key").get_text().replace(" ", "").strip()
    assert key == attorney.totp_secret


def test_enrolment_shows_the_same_key_when_the_page_is_reloaded(client_request, attorney):
    post_password(client_request, attorney.email)
    first = client_request.get("/auth/enrol").select_one(".secret-key").get_text()
    assert client_request.get("/auth/enrol").select_one(".secret-key").get_text() == first


def test_enrolment_refuses_a_wrong_confirmation_code(client_request, attorney, db_session):
    post_password(client_request, attorney.email)
    client_request.get("/auth/enrol")
    totp = pyotp.TOTP(attorney.totp_secret)
    page = client_request.post("/auth/enrol", {"code": wrong_code(totp)}, expected_status=200)
    assert page.find(class_="error-summary") and page.select_one(".qr-code-wrap svg")
    assert attorney.totp_confirmed_at is None


def test_enrolment_confirmed_shows_ten_recovery_codes_once_and_logs_in(client_request, attorney, db_session):
    post_password(client_request, attorney.email)
    client_request.get("/auth/enrol")
    page = client_request.post("/auth/enrol", {"code": pyotp.TOTP(attorney.totp_secret).now()}, expected_status=200)
    assert len(page.select(".recovery-codes li")) == 10
    assert attorney.totp_confirmed_at is not None
    assert client_request.client.get("/auth/account").status_code == 200
    assert client_request.client.get("/auth/enrol").status_code == 302, "codes are never shown again"


def test_volunteer_may_enrol_and_then_needs_the_code_next_time(client_request, make_user, db_session, second_browser):
    volunteer = give_password(make_user("volunteer"), db_session)
    post_password(client_request, volunteer.email)
    client_request.get("/auth/enrol")
    client_request.post("/auth/enrol", {"code": pyotp.TOTP(volunteer.totp_secret).now()}, expected_status=200)
    assert post_password(second_browser, volunteer.email).headers["Location"].startswith(
        "/auth/second-factor")


# --- Session --------------------------------------------------------------------------------------------------------

def test_session_content_is_replaced_at_login_and_again_after_the_second_factor(client_request, attorney, db_session):
    totp = give_totp(attorney, db_session)
    client = client_request.client
    client.get("/auth/login")
    with client.session_transaction() as session:
        session["planted_by_attacker"] = "fixation"
        before = session.get("session_nonce")
    post_password(client_request, attorney.email)
    with client.session_transaction() as session:
        assert "planted_by_attacker" not in session
        after_password = session["session_nonce"]
        assert after_password != before and session["_user_id"] == attorney.get_id()
    client_request.post("/auth/second-factor", {"code": totp.now()})
    with client.session_transaction() as session:
        assert session["session_nonce"] != after_password and session[SECOND_FACTOR_SESSION_KEY] is True


def test_language_choice_survives_the_login(client_request, make_user, db_session):
    volunteer = give_password(make_user("volunteer"), db_session)
    client_request.client.get("/language/es?next=/")
    post_password(client_request, volunteer.email)
    assert client_request.get("/auth/account").html["lang"] == "es"


def age_session(client, *, logged_in_seconds_ago, seen_seconds_ago):
    with client.session_transaction() as session:
        session["login_at"] = time.time() - logged_in_seconds_ago
        session["last_seen"] = time.time() - seen_seconds_ago


def test_idle_for_30_minutes_logs_out_with_a_message(client, client_request, login_as, attorney, db_session):
    login_as(attorney)
    age_session(client, logged_in_seconds_ago=3600, seen_seconds_ago=31 * 60)
    response = client.get("/auth/account")
    assert response.headers["Location"] == "/auth/login?next=/auth/account"
    page = client_request.get("/auth/login?next=/auth/account")
    assert "inactive for 30 minutes" in page.find(class_="notice").get_text()
    assert client.get("/auth/account").status_code == 302
    assert "session_expired_idle" in audit_actions(db_session, attorney)


def test_activity_within_30_minutes_keeps_the_session(client, login_as, attorney):
    login_as(attorney)
    age_session(client, logged_in_seconds_ago=3600, seen_seconds_ago=29 * 60)
    assert client.get("/auth/account").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session["last_seen"] < 60


def test_twelve_hours_after_login_the_session_ends_however_active(client, client_request, login_as, attorney):
    login_as(attorney)
    age_session(client, logged_in_seconds_ago=12 * 3600 + 1, seen_seconds_ago=10)
    assert client.get("/auth/account").headers["Location"].startswith("/auth/login")
    assert "12 hours" in client_request.get("/auth/login").find(class_="notice").get_text()


def test_logout_is_a_post_that_ends_every_session_of_the_account(client, client_request, login_as, attorney, app,
                                                                  db_session):
    login_as(attorney)
    other_device = app.test_client()
    from tests.support.sessions import log_in_test_client

    db_session.refresh(attorney)
    log_in_test_client(other_device, attorney)
    assert client.get("/auth/logout").status_code == 405
    response = client_request.post("/auth/logout", csrf_from="/auth/account")
    assert response.headers["Location"] == "/auth/login"
    assert client.get("/auth/account").status_code == 302
    assert other_device.get("/auth/account").status_code == 302
    assert "logout" in audit_actions(db_session, attorney)


def test_logout_without_the_csrf_token_is_refused(client, login_as, attorney):
    login_as(attorney)
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/auth/account").status_code == 200


def test_account_page_passes_hygiene_checks_and_offers_log_out(client_request, login_as, attorney):
    login_as(attorney)
    page = client_request.get("/auth/account")
    assert page.find("form", action="/auth/logout").find("input", attrs={"name": "csrf_token"})


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get("/auth/account").headers["Location"] == "/auth/login?next=/auth/account"


def test_someone_half_way_through_logging_in_can_log_out(client_request, attorney, db_session):
    give_totp(attorney, db_session)
    post_password(client_request, attorney.email)
    page = client_request.get("/auth/second-factor")
    assert page.find("form", action="/auth/logout")
    client_request.post("/auth/logout", csrf_from="/auth/second-factor")
    assert client_request.client.get("/auth/login").status_code == 200
