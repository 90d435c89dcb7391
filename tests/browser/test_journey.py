"""The resident's journey in a real browser on a phone-sized screen: English, Spanish with "I don't know", JavaScript
off, leaving and coming back after a server restart; axe-core on every page."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from tests.browser.conftest import phone_page, run_axe
from tests.support.intake import MARIJUANA_IN_ALAMEDA

DONT_KNOW = {
    **MARIJUANA_IN_ALAMEDA,
    "/question/counties": {"counties": ["not_sure"]},
    "/question/serious-felony": {"answer": "unknown"},
    "/conviction/1/county": {"county": "Alameda"},
    "/conviction/1/case-number": {"case_number": ""},
    "/conviction/1/offense": {"offense": "unknown"},
    "/conviction/1/level": {"answer": "unknown"},
    "/conviction/1/date": {},
    "/conviction/1/sentence": {"answer": "unknown"},
    "/conviction/1/sentence-finished": {"answer": "unknown"},
    "/conviction/1/probation-completed": {"answer": "unknown"},
    "/question/income": {"rather_not_say": True},
    "/question/home": {"answer": "unknown"},
    "/question/hearing": {},
}


@pytest.fixture
def no_js_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A phone-sized page with JavaScript switched off."""
    yield from phone_page(browser, request, java_script_enabled=False)


def path_of(page: Any, base: str) -> str:
    return page.url[len(base):].split("?")[0]


def assert_accessible(page: Any, checked: list[str] | None) -> None:
    """axe-core needs JavaScript: a page opened with it off (checked is None) is only walked."""
    if checked is None:
        return
    violations = run_axe(page)
    assert violations == [], f"{page.url}: {[(v['id'], v['impact'], v['help']) for v in violations]}"
    checked.append(page.url)


def fill(page: Any, data: dict[str, Any]) -> None:
    """Answer the page the way a person does: tick, choose or type each answer."""
    for name, value in data.items():
        if value is True:
            page.check(f"input[name='{name}']")
        elif isinstance(value, list):
            for item in value:
                page.check(f"input[name='{name}'][value='{item}']")
        elif page.locator(f"select[name='{name}']").count():
            page.select_option(f"select[name='{name}']", value)
        elif page.locator(f"input[type=radio][name='{name}']").count():
            page.check(f"input[name='{name}'][value='{value}']")
        else:
            page.fill(f"[name='{name}']", value)


def press_submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def walk_questions(page: Any, base: str, answers: dict[str, dict[str, Any]], checked: list[str] | None,
                   stop_before: str | None = None) -> None:
    for _ in range(60):
        path = path_of(page, base)
        if path in ("/check-answers", stop_before):
            return
        assert path in answers, f"the journey asked {path}, which the test has no answer for"
        assert_accessible(page, checked)
        fill(page, answers[path])
        press_submit(page)
    raise AssertionError("the journey did not end")


def finish(page: Any, checked: list[str] | None, continue_label: str, see_results: str, send: str) -> str:
    """From check answers: results, consent, send; returns the confirmation's reference code."""
    assert_accessible(page, checked)
    page.get_by_role("link", name=see_results).click()
    assert_accessible(page, checked)
    page.get_by_role("link", name=continue_label, exact=True).click()
    assert_accessible(page, checked)
    page.locator("input[name=share]").check()
    page.locator("input[name=understands]").check()
    page.get_by_role("button", name=send).click()
    assert_accessible(page, checked)
    return page.locator(".panel strong").inner_text()


def test_the_whole_journey_in_english_on_a_phone(page, live_server):
    base, checked = live_server.url, []
    page.goto(base + "/")
    assert_accessible(page, checked)
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    press_submit(page)  # nothing chosen: the error summary, focused once the page (and its script) has loaded
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.dataset.errorSummary") == ""
    assert_accessible(page, checked)
    walk_questions(page, base, MARIJUANA_IN_ALAMEDA, checked)
    assert page.locator("h1").inner_text() == "Check your answers"
    page.get_by_role("link", name="Save and come back later").click()
    assert_accessible(page, checked)
    page.get_by_role("link", name="Continue my application").click()
    reference = finish(page, checked, "Continue", "See my results", "Send my application")
    assert page.locator("h1").inner_text() == "Application sent"
    assert len(reference) == 7 and "Alameda County Public Defender" in page.locator("main").inner_text()
    page.goto(base + "/resume")
    assert_accessible(page, checked)
    assert len(checked) >= 30, checked


def test_the_whole_journey_in_spanish_answering_i_dont_know(page, live_server):
    base, checked = live_server.url, []
    page.goto(base + "/")
    page.get_by_role("link", name="Español").click()
    assert_accessible(page, checked)
    page.get_by_role("button", name="Empezar ahora").click()
    assert page.locator("html").get_attribute("lang") == "es"
    walk_questions(page, base, DONT_KNOW, checked)
    assert page.locator("h1").inner_text() == "Revise sus respuestas"
    assert "No sé" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ver mis resultados").click()
    results = page.locator("main").text_content()  # the words as written (tags are shown in capitals)
    assert "Un abogado debe revisarlo" in results and "Parece posible" not in results
    page.go_back()
    finish(page, checked, "Continuar", "Ver mis resultados", "Enviar mi solicitud")
    assert page.locator("h1").inner_text() == "Solicitud enviada"


def test_with_javascript_off_leave_midway_restart_the_server_resume_with_the_link_and_send(no_js_page, live_server):
    page, base = no_js_page, live_server.url
    page.goto(base + "/")
    page.get_by_role("button", name="Start now").click()
    walk_questions(page, base, MARIJUANA_IN_ALAMEDA, None, stop_before="/conviction/1/level")
    page.get_by_role("link", name="Save and come back later").click()
    link = page.locator(".resume-link a").inner_text()
    page.context.clear_cookies()
    live_server.restart()
    page.goto(link)
    assert path_of(page, base) == "/conviction/1/level"
    page.locator("a.back-link").click()
    assert page.locator("select[name=offense]").input_value() == "HS 11357"
    press_submit(page)
    walk_questions(page, base, MARIJUANA_IN_ALAMEDA, None)
    finish(page, None, "Continue", "See my results", "Send my application")
    assert page.locator("h1").inner_text() == "Application sent"


def test_typing_in_the_search_box_narrows_the_offense_list(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start now").click()
    page.goto(live_server.url + "/conviction/1/offense")
    everything = page.locator("select[name=offense] option").count()
    page.get_by_label("Search the list").fill("marij")
    options = page.locator("select[name=offense] option").all_inner_texts()
    assert len(options) < everything and "Possession of marijuana (HS 11357)" in options
    assert "I don't know what it was for" in options
    page.select_option("select[name=offense]", "HS 11357")
    press_submit(page)
    assert page.url.endswith("/conviction/1/level")

