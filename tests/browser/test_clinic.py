"""A clinic afternoon in a real browser on a tablet (issue 11): one volunteer helps three people in a row, one in
Spanish; each receipt and packet belongs to its person; "back" after "next person" shows nothing of the last one; a
page sent while the server is down says so and keeps what was typed; axe on every clinic page."""
from __future__ import annotations

import subprocess
from typing import Any, Iterator

import pytest

from tests.browser.conftest import phone_page, run_axe
from tests.browser.test_journey import fill, path_of, press_submit, walk_questions
from tests.support.clinic import answers_for
from tests.support.live_data import STAFF_PASSWORD, live_database
from tests.support.live_server import LiveServer

TABLET = {"width": 820, "height": 1180}
RESIDENTS = (("Ana Uno", "en"), ("Beto Dos", "es"), ("Carla Tres", "en"))


@pytest.fixture
def tablet(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    yield from phone_page(browser, request, viewport=TABLET, accept_downloads=True)


@pytest.fixture
def clinic_event(live_server: LiveServer, tmp_path: Any) -> int:
    """An event of the Alameda public defender today, with one volunteer (password, no second factor) invited."""
    import datetime as dt

    from app.auth.passwords import hash_password
    from app.models import ClinicEvent, ClinicVolunteer, PartnerOffice, User

    with live_database(live_server, tmp_path) as session:
        office = session.query(PartnerOffice).filter_by(slug="alameda-public-defender").one()
        volunteer = User(email="val@example.org", name="Val Volunteer", role="volunteer", office=office,
                         recovery_codes=[], password_hash=hash_password(STAFF_PASSWORD))
        event = ClinicEvent(name="Oakland reentry fair", event_date=dt.date.today(), place="Main Library",
                            county_id=office.county_id, office=office, help_window_days=7)
        session.add_all([volunteer, event])
        session.flush()
        session.add(ClinicVolunteer(event_id=event.id, user_id=volunteer.id))
        session.commit()
        return event.id


def accessible(page: Any, checked: list[str]) -> None:
    """axe-core on the page: no serious or critical violation; the page's path is noted in `checked`."""
    violations = run_axe(page)
    assert violations == [], f"{page.url}: {[(v['id'], v['impact'], v['help']) for v in violations]}"
    checked.append("/" + page.url.split("/", 3)[3].split("?")[0])


def log_in(page: Any, base: str) -> None:
    page.goto(base + "/clinic/")
    page.get_by_label("Email address").fill("val@example.org")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def click_and_wait(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def download(page: Any, link: Any) -> bytes:
    with page.expect_download() as started:
        link.click()
    path = started.value.path()
    with open(path, "rb") as handle:
        return handle.read()


def start_and_answer_until(page: Any, base: str, event_id: int, name: str, stop_before: str) -> None:
    """Logged in: a new person at the event, answered up to the page `stop_before`."""
    page.goto(base + f"/clinic/events/{event_id}")
    click_and_wait(page, page.get_by_role("button", name="Start with a new person"))
    walk_questions(page, base, answers_for(name), None, stop_before=stop_before)


def help_one(page: Any, base: str, event_id: int, name: str, language: str, checked: list[str] | None) -> str:
    """From the event page to the sent page; returns the reference on the receipt."""
    page.locator(f"input[name=language][value={language}]").check()
    click_and_wait(page, page.get_by_role("button", name="Start with a new person"))
    walk_questions(page, base, answers_for(name), None)
    if checked is not None:
        accessible(page, checked)  # check answers, under the clinic banner
    page.goto(base + "/results")
    page.goto(base + "/consent")  # the public consent page sends the volunteer to the read-aloud one
    assert path_of(page, base) == "/clinic/consent"
    if checked is not None:
        accessible(page, checked)
    assert page.locator(".read-aloud").get_attribute("lang") == language
    page.locator(f"input[name=read_language][value={language}]").check()
    page.locator("input[name=agreed]").check()
    click_and_wait(page, page.get_by_role("button", name="Send the application"))
    assert path_of(page, base) == "/clinic/sent"
    accessible(page, checked if checked is not None else [])
    receipt = page.locator(".receipt")
    assert receipt.get_attribute("lang") == language and name in receipt.inner_text()
    return page.locator(".receipt-code").inner_text()


def test_a_volunteer_helps_three_people_in_a_row_and_nothing_crosses_between_them(tablet, live_server,
                                                                                  clinic_event):
    page, base, checked = tablet, live_server.url, []
    log_in(page, base)
    assert path_of(page, base) == "/clinic/"
    accessible(page, checked)
    click_and_wait(page, page.get_by_role("link", name="Oakland reentry fair"))
    accessible(page, checked)
    references = []
    for position, (name, language) in enumerate(RESIDENTS):
        reference = help_one(page, base, clinic_event, name, language, checked if position == 0 else None)
        references.append(reference)
        papers = pdf_text(download(page, page.get_by_role("link", name="Receipt and court papers (PDF)")))
        assert reference in papers and name.upper() in papers.upper()
        assert not any(other.upper() in papers.upper() for other, _ in RESIDENTS if other != name)
        click_and_wait(page, page.get_by_role("button", name="Next person"))
        assert path_of(page, base) == f"/clinic/events/{clinic_event}"
        for _ in range(3):  # back through the last person's pages: the server shows none of them
            page.go_back()
            page.wait_for_load_state()
            assert name not in page.content() and reference not in page.content(), page.url
        page.goto(base + f"/clinic/events/{clinic_event}")
    click_and_wait(page, page.get_by_role("link", name=f"Receipt {references[1]}"))
    accessible(page, checked)
    assert "Beto Dos" in page.locator(".receipt").inner_text()
    page.go_back()
    table = page.locator("main table").inner_text()
    assert all(name in table for name, _ in RESIDENTS) and all(reference in table for reference in references)
    batch = pdf_text(download(page, page.get_by_role("link", name="Print all receipts and court papers (one PDF)")))
    positions = [batch.index(reference) for reference in references]
    assert positions == sorted(positions)
    assert batch.count("Recibo") == 1 and batch.count("Receipt") == 2
    assert {"/clinic/", f"/clinic/events/{clinic_event}", "/clinic/consent", "/clinic/sent",
            "/check-answers"} <= set(checked)


def test_a_page_sent_while_the_server_is_down_says_so_and_keeps_what_was_typed(tablet, live_server, clinic_event):
    page, base = tablet, live_server.url
    log_in(page, base)
    start_and_answer_until(page, base, clinic_event, "Dora Wifi", "/question/address")
    fill(page, {"street": "12 Lake St", "city": "Oakland", "state": "CA", "zip": "94610"})
    # a shared laptop: the browser must not offer this person's address to the next one
    assert page.locator("input[name=street]").get_attribute("autocomplete") == "off"
    live_server.stop()
    page.locator("main form button[type=submit]").last.click()
    notice = page.locator("[data-offline-notice]")
    notice.wait_for()
    assert "was not sent" in notice.inner_text()
    assert page.locator("input[name=street]").input_value() == "12 Lake St"
    assert path_of(page, base) == "/question/address"
    live_server.start()
    press_submit(page)
    assert path_of(page, base) != "/question/address"
    page.goto(base + "/question/address")
    assert page.locator("input[name=street]").input_value() == "12 Lake St"


def test_end_my_shift_leaves_the_browser_logged_out_and_empty(tablet, live_server, clinic_event):
    page, base = tablet, live_server.url
    log_in(page, base)
    start_and_answer_until(page, base, clinic_event, "Eva Turno", "/question/address")
    page.get_by_role("link", name="Give them a code to finish at home").click()
    accessible(page, [])
    assert "Eva Turno" in page.locator(".receipt").inner_text()
    page.goto(base + f"/clinic/events/{clinic_event}")
    click_and_wait(page, page.get_by_role("button", name="End my shift"))
    assert "/auth/login" in page.url
    page.go_back()
    page.wait_for_load_state()
    assert "Eva Turno" not in page.content()
    page.goto(base + "/question/name")
    assert "Eva Turno" not in page.content()


def test_an_attorney_creates_an_event_and_invites_a_volunteer(tablet, live_server, tmp_path):
    import pyotp

    from tests.support.live_data import add_staff_with_authenticator

    page, base, checked = tablet, live_server.url, []
    with live_database(live_server, tmp_path) as session:
        secret = add_staff_with_authenticator(session, "ines@example.org", "Ines Abogada", "attorney",
                                              "alameda-public-defender")
    page.goto(base + "/clinic/events/new")
    page.get_by_label("Email address").fill("ines@example.org")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Log in"))
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert path_of(page, base) == "/clinic/events/new"
    click_and_wait(page, page.get_by_role("button", name="Create the event"))
    assert page.title().startswith("Error: ")
    accessible(page, checked)
    fill(page, {"name": "Fruitvale fair", "event_date-month": "3", "event_date-day": "14", "event_date-year": "2027",
                "place": "Fruitvale Library"})
    click_and_wait(page, page.get_by_role("button", name="Create the event"))
    assert page.locator("h1").inner_text() == "Fruitvale fair"
    accessible(page, checked)
    fill(page, {"email": "new.helper@example.org", "name": "New Helper"})
    click_and_wait(page, page.get_by_role("button", name="Invite", exact=True))
    assert "new.helper@example.org" in page.locator("main table").inner_text()
    accessible(page, checked)
    click_and_wait(page, page.get_by_role("link", name="Change the event's details"))
    assert page.locator("#place").input_value() == "Fruitvale Library"
    accessible(page, checked)
    fill(page, {"place": "Cesar Chavez Library"})
    click_and_wait(page, page.get_by_role("button", name="Save the changes"))
    assert "Cesar Chavez Library" in page.locator(".summary-list").inner_text()
