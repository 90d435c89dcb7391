"""The look-up on a phone: a resident finds their own case, in English and in Spanish, and the pages pass axe."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.browser.conftest import run_axe
from tests.support.live_data import live_database
from tests.support.live_server import LiveServer
from tests.support.lookup import ORDER, publish_rows


@pytest.fixture
def lookup_server(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    """A live server with one published order, hashed under the key the server itself uses."""
    monkeypatch.setenv("LOOKUP_HMAC_KEY", "browser-test-key")
    database = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, database)
    server = LiveServer(f"sqlite:///{database}", tmp_path / "instance")
    with live_database(server, tmp_path) as session:
        from app.models import County, User

        county = session.query(County).filter_by(slug="san-francisco").one()
        user = User(email="da-browser@example.org", name="DA", role="da", county_id=county.id)
        session.add(user)
        session.commit()
        publish_rows(user, tmp_path, ORDER)
    server.start()
    yield server
    server.stop()


def _fill(page: Any, case_number: str = "sc 123", last_name: str = "garcia") -> None:
    page.select_option("#county", "san-francisco")
    page.fill("#case_number", case_number)
    page.fill("#date_of_birth-month", "3")
    page.fill("#date_of_birth-day", "27")
    page.fill("#date_of_birth-year", "1985")
    page.fill("#last_name", last_name)
    page.get_by_role("button").last.click()


def test_a_resident_finds_their_case_on_a_phone(page: Any, lookup_server: LiveServer) -> None:
    page.goto(lookup_server.url + "/check")
    assert run_axe(page) == []
    _fill(page)
    assert page.locator("h1").inner_text() == "The court dismissed the conviction"
    assert run_axe(page) == []


def test_a_resident_finds_their_case_in_spanish(page: Any, lookup_server: LiveServer) -> None:
    page.goto(lookup_server.url + "/language/es?next=/check")
    assert page.locator("h1").inner_text() == "¿Se limpió mi récord?"
    _fill(page)
    assert page.locator("h1").inner_text() == "El tribunal desestimó la condena"
    assert run_axe(page) == []


def test_the_no_record_and_error_pages_pass_axe(page: Any, lookup_server: LiveServer) -> None:
    page.goto(lookup_server.url + "/check")
    _fill(page, case_number="SC-999")
    assert page.locator("h1").inner_text() == "We have no record of relief for these details"
    assert run_axe(page) == []
    page.goto(lookup_server.url + "/check")
    _fill(page, last_name="")
    assert page.locator(".error-summary").is_visible()
    assert run_axe(page) == []
