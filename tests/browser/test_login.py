"""A staff member logs in on a phone: password, then a real code from an authenticator app."""
from __future__ import annotations

from typing import Any

import pyotp
import pytest

from tests.browser.conftest import run_axe
from tests.support.keys import TEST_KEYS
from tests.support.live_data import STAFF_PASSWORD, add_staff_with_authenticator, live_database

PASSWORD = STAFF_PASSWORD


@pytest.fixture
def admin_with_app(live_server: Any, tmp_path: Any) -> dict[str, str]:
    """An admin in the live server's database, with a password and a confirmed authenticator app."""
    with live_database(live_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "admin@example.org", "Ada Admin", "admin")
    return {"email": "admin@example.org", "secret": secret}


def log_in(page: Any, live_server: Any, account: dict[str, str], start: str = "/admin/") -> None:
    page.goto(live_server.url + start)
    assert page.locator("h1").inner_text() == "Log in"
    page.get_by_label("Email address").fill(account["email"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.locator("h1").inner_text() == "Enter the code from your authenticator app"
    page.get_by_label("Code").fill(pyotp.TOTP(account["secret"]).now())
    page.get_by_role("button", name="Continue").click()


def test_admin_logs_in_with_password_and_totp_code_on_a_phone(page, live_server, admin_with_app):
    log_in(page, live_server, admin_with_app)
    assert page.locator("h1").inner_text() == "Admin"
    assert page.url == live_server.url + "/admin/"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"


def test_wrong_password_shows_the_error_summary_with_focus(page, live_server, admin_with_app):
    page.goto(live_server.url + "/auth/login")
    page.get_by_label("Email address").fill(admin_with_app["email"])
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    from playwright.sync_api import expect  # here, so a missing playwright skips the tier instead of breaking it

    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.get_by_label("Password").input_value() == ""


def test_login_and_second_factor_pages_have_no_serious_accessibility_violations(page, live_server, admin_with_app):
    page.goto(live_server.url + "/auth/login")
    assert run_axe(page) == []
    page.get_by_label("Email address").fill(admin_with_app["email"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert run_axe(page) == []


def test_new_admin_enrols_by_typing_the_key_shown_under_the_qr_code(page, live_server, admin_with_app, tmp_path):
    from app import create_app
    from app.extensions import db
    from app.models import User

    app = create_app({"APP_ENV": "testing", "SECRET_KEY": "x", **TEST_KEYS,
                      "DATABASE_URL": live_server.env["DATABASE_URL"],
                      "INSTANCE_PATH": str(tmp_path / "setup-instance")})
    with app.app_context():
        user = db.session.query(User).filter_by(email=admin_with_app["email"]).one()
        user.totp_secret = user.totp_confirmed_at = None
        db.session.commit()
        db.engine.dispose()
    page.goto(live_server.url + "/auth/login")
    page.get_by_label("Email address").fill(admin_with_app["email"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.locator("h1").inner_text() == "Set up your authenticator app"
    qr_code = page.locator(".qr-code-wrap svg")
    assert qr_code.is_visible() and qr_code.bounding_box()["width"] <= 360
    assert run_axe(page) == []
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("h1").inner_text() == "Save your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved my codes").click()
    assert page.locator("h1").inner_text() == "Admin"


@pytest.mark.parametrize("path", ["/admin/users/invite", "/admin/offices", "/admin/counties"])
def test_admin_forms_have_no_serious_accessibility_violations(page, live_server, admin_with_app, path):
    log_in(page, live_server, admin_with_app, start=path)
    assert page.url == live_server.url + path
    assert run_axe(page) == []


def test_log_out_button_in_the_header_ends_the_session(page, live_server, admin_with_app):
    log_in(page, live_server, admin_with_app)
    page.get_by_role("button", name="Log out").click()
    assert page.locator("h1").inner_text() == "Log in"
    assert page.get_by_role("status").inner_text() == "You have logged out."
    page.goto(live_server.url + "/admin/")
    assert page.locator("h1").inner_text() == "Log in"
