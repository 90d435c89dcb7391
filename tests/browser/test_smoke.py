"""The start page in a real browser on a phone-sized screen."""
from __future__ import annotations

from tests.browser.conftest import run_axe


def test_start_page_switches_to_spanish_on_a_phone(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Clear your California criminal record"
    page.get_by_role("link", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Limpie su récord criminal de California"


def test_spanish_choice_survives_navigation(page, live_server):
    page.goto(live_server.url + "/language/es?next=/")
    page.goto(live_server.url + "/healthz")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "es"


def test_start_page_has_no_serious_accessibility_violations(page, live_server):
    page.goto(live_server.url + "/")
    assert run_axe(page) == []


def test_skip_link_moves_focus_to_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
