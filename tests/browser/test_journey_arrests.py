"""People whose record is not a conviction, in a real browser on a phone, axe on every page: an arrest that was
dismissed (PC 851.91, CR-409 with its CR-410 order) and a juvenile case (WIC 781, the JV-595 request). Each downloads
the papers, which are read back with pdftotext."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.test_journey import assert_accessible, fill, finish, press_submit, walk_questions
from tests.support.intake import ARREST_ONLY_IN_ALAMEDA, JUVENILE_ONLY
from tests.support.pdf import pdf_text


def start_journey(page: Any, base: str) -> None:
    page.goto(base + "/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()


def answer_and_send(page: Any, base: str, answers: dict[str, dict[str, Any]], checked: list[str]) -> tuple[str, str]:
    """Start, answer every page, read the results, send; returns the check-answers and results pages' text."""
    start_journey(page, base)
    walk_questions(page, base, answers, checked)
    summary = page.locator("main").inner_text()
    page.get_by_role("link", name="See my results").click()
    results = page.locator("main").inner_text()
    page.go_back()
    finish(page, checked, "Continue", "See my results", "Send my application")
    assert page.locator("h1").inner_text() == "Application sent"
    return summary, results


def downloaded_papers(page: Any, tmp_path: Path) -> str:
    """Download the court papers from the confirmation page as the person would; their text, spaces collapsed."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your court papers (PDF)").click()
    pdf = tmp_path / "papers.pdf"
    download.value.save_as(pdf)
    return pdf_text(pdf.read_bytes())


def test_an_arrest_only_person_gets_arrest_sealing_and_sends_the_application(page, live_server, tmp_path):
    checked: list[str] = []
    summary, results = answer_and_send(page, live_server.url, ARREST_ONLY_IN_ALAMEDA, checked)
    assert "Arrest 1: Alameda, 2015, dismissed" in summary
    assert "Sealing an arrest that did not lead to a conviction (Penal Code 851.91)" in results
    assert "CR-409" in results
    assert "Alameda County Public Defender" in page.locator("main").inner_text()
    assert any("/arrest/1/arrest-outcome" in url for url in checked), checked

    papers = downloaded_papers(page, tmp_path)
    assert "PETITION TO SEAL ARREST AND RELATED RECORDS" in papers
    assert "Date of arrest: 03/04/2015" in papers and "X the charges were dismissed" in papers
    assert "CR-410 [New January 1, 2019]" in papers and "The court GRANTS the petition." in papers


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


SECOND_ARREST = {
    "/arrest/2/arrest-county": {"county": "San Francisco"},
    "/arrest/2/arrest-date": {"arrest_date-year": "2019"},
    "/arrest/2/arrest-offense": {"offense_code": "PC 484"},
    "/arrest/2/arrest-agency": {"agency": "San Francisco Police Department"},
    "/arrest/2/arrest-outcome": {"answer": "acquitted"},
}


def test_a_person_adds_a_second_arrest_then_removes_the_first(page, live_server):
    base, checked = live_server.url, []
    start_journey(page, base)
    walk_questions(page, base, ARREST_ONLY_IN_ALAMEDA, checked, stop_before="/question/arrests-list")
    fill(page, {"answer": "yes"})
    press_submit(page)
    walk_questions(page, base, SECOND_ARREST, checked, stop_before="/question/arrests-list")
    assert_accessible(page, checked)  # the list with a remove button per arrest
    with page.expect_navigation():
        page.get_by_role("button", name="Remove arrest 1").click()
    assert_accessible(page, checked)
    listed = page.locator("main").inner_text()
    assert page.locator("h1").inner_text() == "You have added 1 arrest"
    assert "Arrest 1: San Francisco, not guilty" in listed and "Alameda" not in listed


def test_a_person_with_only_a_juvenile_case_gets_the_wic_781_route_and_the_jv_595(page, live_server, tmp_path):
    checked: list[str] = []
    _, results = answer_and_send(page, live_server.url, JUVENILE_ONLY, checked)
    assert any("/question/juvenile" in url for url in checked), checked
    assert "Sealing juvenile records (Welfare and Institutions Code 781 and 786)" in results
    assert "JV-595" in results
    assert "Alameda County Public Defender" in page.locator("main").inner_text()  # routed by the counties page

    papers = downloaded_papers(page, tmp_path)
    assert "REQUEST TO SEAL JUVENILE RECORDS" in papers
    assert "My name is Ana Example" in papers and "Date of birth: 04/02/1980" in papers
    assert "X I am 18 or older." in papers
    assert "Take this request to the probation department" in papers
