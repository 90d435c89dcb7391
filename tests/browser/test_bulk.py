"""The bulk tool in a real browser: a DA screens the county's DOJ file, an administrator a statewide one, with axe on
every page they see. The live server has no queue, so runs go on a thread of the server, one after another."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
import pytest

from app.doj.synthetic import conviction_row, write_rows
from tests.browser.conftest import run_axe
from tests.support.live_data import STAFF_PASSWORD, add_staff_with_authenticator, live_database
from tests.support.live_server import LiveServer
from tests.support.partner import wait_until

RUN_DEADLINE_SECONDS = 90  # 58 small county runs one after another on the server's thread


@pytest.fixture
def doj_file(tmp_path: Path) -> Path:
    rows = [
        conviction_row("1", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN"),
        conviction_row("2", "11359 HS-SALE", "F", county="SAN JOAQUIN"),
        conviction_row("3", "11360 HS-TRANSPORT", "F", county="FRESNO"),
    ]
    return write_rows(tmp_path / "county.csv", rows)


def log_in(page: Any, server: LiveServer, email: str, secret: str) -> None:
    page.goto(server.url + "/bulk/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()


def reloaded_text(page: Any) -> str:
    page.reload()
    return page.locator("main").inner_text()


def test_a_da_screens_the_countys_file_and_downloads_the_report(page, live_server, tmp_path, doj_file):
    with live_database(live_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "dana@example.org", "Dana Fiscal", "da", county_name="San Joaquin")
    log_in(page, live_server, "dana@example.org", secret)
    assert page.locator("h1").inner_text() == "Prop 64 bulk screening"
    page.get_by_role("button", name="Upload and screen").click()  # no file chosen
    assert "Choose the DOJ file to upload" in page.locator(".error-summary").inner_text()
    assert run_axe(page) == []

    page.set_input_files("#doj_file", str(doj_file))
    page.get_by_role("button", name="Upload and screen").click()
    assert page.locator("h1").inner_text() == "Bulk screening run"
    wait_until(lambda: "Done" in reloaded_text(page), timeout=RUN_DEADLINE_SECONDS, interval=0.5)
    assert run_axe(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="report.pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def test_an_administrator_screens_a_statewide_file_for_every_county(page, live_server, tmp_path, doj_file):
    with live_database(live_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "ada@example.org", "Ada Admin", "admin")
    log_in(page, live_server, "ada@example.org", secret)
    assert "statewide DOJ research file" in page.locator("main").inner_text()
    assert run_axe(page) == []

    page.set_input_files("#doj_file", str(doj_file))
    page.get_by_role("button", name="Upload and screen").click()
    assert "each of California's 58 counties" in page.locator("main").inner_text()
    wait_until(lambda: "58 of 58 counties done, 0 failed" in reloaded_text(page), timeout=RUN_DEADLINE_SECONDS,
               interval=1.0)
    assert run_axe(page) == []
    page.get_by_role("link", name="Fresno").click()
    assert "Fresno" in page.locator(".summary-list").first.inner_text()
    assert run_axe(page) == []
