"""The questionnaire's arrest branch: arrests or charges that were dropped, dismissed or ended in acquittal."""
from __future__ import annotations

import pytest

from app.applications import answers, facts, journey
from tests.support.intake import ARREST_ONLY_IN_ALAMEDA, MARIJUANA_IN_ALAMEDA, answer_until, only_application

@pytest.fixture
def arrest_only(client_request):
    """A person whose only record is one dismissed arrest has answered everything; the browser is on check answers."""
    assert answer_until(client_request, ARREST_ONLY_IN_ALAMEDA) == "/check-answers"
    return client_request


def test_an_arrest_only_person_is_asked_no_conviction_pages(arrest_only, db_session):
    asked = [ref.slug for ref in journey.journey(only_application(db_session))]

    assert "county" not in asked and "convictions" not in asked
    assert ["arrest-county", "arrest-date", "arrest-offense", "arrest-agency", "arrest-outcome", "arrests-list"] == [
        slug for slug in asked if slug.startswith("arrest")][1:]


def test_the_arrest_is_kept_as_engine_facts(arrest_only, db_session):
    (arrest,) = facts.arrest_facts(only_application(db_session))

    assert (arrest.id, arrest.county, arrest.arrest_date.isoformat(), arrest.agency, arrest.outcome) == (
        "a1", "Alameda", "2015-03-04", "Oakland Police Department", "dismissed")


def test_check_answers_shows_the_arrest_with_change_links(arrest_only):
    page = arrest_only.get("/check-answers")

    assert "Arrest 1: Alameda, 2015, dismissed" in page.get_text(" ")
    assert "/arrest/1/arrest-outcome?return=check" in [a["href"] for a in page.select("dd.change a")]


def test_results_offer_pc_851_91_sealing_on_cr_409(arrest_only):
    text = arrest_only.get("/results").get_text(" ")

    assert "Sealing an arrest that did not lead to a conviction (Penal Code 851.91)" in text
    assert "Court form: CR-409" in text
    assert "PC 851.93" in text


def test_the_arrest_county_routes_the_application(arrest_only, db_session):
    assert answers.county_names(only_application(db_session)) == ["Alameda"]


def test_answering_no_to_arrests_keeps_the_conviction_journey(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA)

    asked = [ref.slug for ref in journey.journey(only_application(db_session))]
    assert "arrest-county" not in asked and "any-convictions" not in asked and "county" in asked


def test_adding_a_second_arrest_opens_its_pages(arrest_only):
    location = arrest_only.post("/question/arrests-list", {"answer": "yes"}).headers["Location"]

    assert location.startswith("/arrest/2/arrest-county")


def test_an_arrest_page_is_not_served_under_a_conviction_url(arrest_only):
    assert arrest_only.client.get("/conviction/1/arrest-outcome").status_code == 404

