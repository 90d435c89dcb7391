"""A person whose only record is an arrest that was dismissed, in a real browser on a phone: axe on every page."""
from __future__ import annotations

from tests.browser.test_journey import assert_accessible, finish, press_submit, walk_questions
from tests.support.intake import ARREST_ONLY_IN_ALAMEDA


def test_an_arrest_only_person_gets_arrest_sealing_and_sends_the_application(page, live_server):
    base, checked = live_server.url, []
    page.goto(base + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    walk_questions(page, base, ARREST_ONLY_IN_ALAMEDA, checked)
    assert "Arrest 1: Alameda, 2015, dismissed" in page.locator("main").inner_text()
    page.get_by_role("link", name="See my results").click()
    results = page.locator("main").inner_text()
    assert "Sealing an arrest that did not lead to a conviction (Penal Code 851.91)" in results
    assert "CR-409" in results
    page.go_back()
    finish(page, checked, "Continue", "See my results", "Send my application")
    assert page.locator("h1").inner_text() == "Application sent"
    assert "Alameda County Public Defender" in page.locator("main").inner_text()
    assert any("/arrest/1/arrest-outcome" in url for url in checked), checked


def test_the_arrest_pages_are_accessible_in_spanish(page, live_server):
    base, checked = live_server.url, []
    page.goto(base + "/")
    page.get_by_role("link", name="Español").click()
    page.get_by_role("button", name="Empezar ahora").click()
    walk_questions(page, base, ARREST_ONLY_IN_ALAMEDA, checked, stop_before="/question/any-convictions")
    assert_accessible(page, checked)
    assert page.locator("h1").inner_text() == "¿También lo han condenado por un delito?"
    press_submit(page)  # nothing chosen: an error summary in Spanish
    assert page.title().startswith("Error")
