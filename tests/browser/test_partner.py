"""An attorney's day in a real browser: log in with a TOTP code, open a new referral, read the memo, download the
packet, set a status and tell the resident, who receives the notice in Spanish over real SMTP, sent by the server's
own delivery thread."""
from __future__ import annotations

import shutil
from typing import Any, Iterator

import pyotp
import pytest

from tests.browser.conftest import run_axe
from tests.support.live_data import STAFF_PASSWORD as PASSWORD
from tests.support.live_data import add_staff_with_authenticator, live_database
from tests.support.live_server import LiveServer
from tests.support.partner import SCREENING, SmtpServer, wait_until

# The development delivery thread polls every 5 seconds; allow a few rounds.
MAIL_DEADLINE_SECONDS = 30


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailing_server(tmp_path: Any, sqlite_template: Any, smtp: SmtpServer) -> Iterator[LiveServer]:
    """The portal in development mode (so it delivers its own mail), sending to the test's SMTP server."""
    database = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, database)
    server = LiveServer(f"sqlite:///{database}", tmp_path / "instance",
                        extra_env={"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port)})
    server.start()
    yield server
    server.stop()


@pytest.fixture
def new_referral(mailing_server: LiveServer, tmp_path: Any) -> dict[str, Any]:
    """An SF attorney with password and authenticator app, and a Spanish speaker's application routed to SF."""
    from app.models import PartnerOffice
    from tests.support.partner import routed_application

    with live_database(mailing_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "ana@example.org", "Ana Abogada", "attorney",
                                              "sf-public-defender")
        office = session.query(PartnerOffice).filter_by(slug="sf-public-defender").one()
        application = routed_application(["San Francisco"], screening=SCREENING, language="es",
                                         email_address="rosa@example.org", full_name="Rosa Delgado")
        return {"secret": secret, "reference": application.reference, "office_email": office.notification_email}


def log_in(page: Any, server: LiveServer, secret: str) -> None:
    page.goto(server.url + "/partner/")
    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()


def test_attorney_works_a_new_referral_and_the_resident_is_told_in_spanish(page, mailing_server, smtp,
                                                                           new_referral):
    log_in(page, mailing_server, new_referral["secret"])
    assert page.url == mailing_server.url + "/partner/"
    assert page.locator("h1").inner_text() == "Referrals"
    row = page.locator("tbody tr", has_text=new_referral["reference"])
    assert row.locator(".tag").text_content() == "Unopened"

    row.get_by_role("link", name=new_referral["reference"]).click()
    assert page.locator("h1").inner_text() == f"Referral {new_referral['reference']}"
    memo = page.locator("#memo + .card")
    assert memo.locator(".tag").text_content() == "Eligible"
    assert "Possession of marijuana is no longer a crime for adults." in memo.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the court packet (PDF)").click()
    assert download.value.suggested_filename == f"packet-{new_referral['reference']}.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF")

    page.get_by_label("Filed").check()
    page.get_by_label("Tell the resident by e-mail, in their language").check()
    page.get_by_role("button", name="Save status").click()
    assert "The resident will receive an e-mail in their language." in page.locator(".notice-success").inner_text()

    [notice] = wait_until(lambda: smtp.inbox.to("rosa@example.org"), timeout=MAIL_DEADLINE_SECONDS)
    assert notice["Subject"] == f"Novedades sobre su solicitud para limpiar su récord {new_referral['reference']}"
    assert "Su petición fue presentada ante el tribunal." in notice.get_content()


def test_the_office_is_told_of_the_referral_without_any_of_its_details(mailing_server, smtp, new_referral):
    # No page visit needed: the server's readiness check was its first request, which started the delivery thread.
    [notice] = wait_until(lambda: smtp.inbox.to(new_referral["office_email"]), timeout=MAIL_DEADLINE_SECONDS)
    body = notice.get_content()
    assert new_referral["reference"] not in body and "Rosa" not in body
    assert f"{mailing_server.url}/partner/" in body


def test_queue_and_referral_pages_have_no_serious_accessibility_violations(page, mailing_server, new_referral):
    log_in(page, mailing_server, new_referral["secret"])
    assert run_axe(page) == []
    page.get_by_role("link", name=new_referral["reference"]).click()
    assert run_axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"



@pytest.fixture
def long_queue(mailing_server: LiveServer, tmp_path: Any) -> dict[str, Any]:
    """An SF attorney whose office has one referral more than a queue page holds (50)."""
    from tests.support.partner import routed_application

    with live_database(mailing_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "ana@example.org", "Ana Abogada", "attorney",
                                              "sf-public-defender")
        references = [routed_application(["San Francisco"], full_name=f"Person {n:02d}").reference for n in range(51)]
        return {"secret": secret, "last_reference": references[-1]}


def test_a_long_queue_pages_forward_in_the_browser_without_accessibility_violations(page, mailing_server, long_queue):
    log_in(page, mailing_server, long_queue["secret"])
    assert "Referrals 1 to 50 of 51" in page.locator("main").inner_text()
    assert run_axe(page) == []
    page.get_by_role("link", name="Next page").click()
    assert page.locator(".pagination").inner_text().count("Page 2 of 2") == 1
    assert page.locator("tbody tr").count() == 1
    assert page.locator("tbody tr").inner_text().startswith(long_queue["last_reference"])
    assert run_axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"
    page.get_by_role("link", name="Previous page").click()
    assert page.locator("tbody tr").count() == 50
