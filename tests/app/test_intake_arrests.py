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



SECOND_ARREST = {
    "/arrest/2/arrest-county": {"county": "San Francisco"},
    "/arrest/2/arrest-date": {"arrest_date-day": "", "arrest_date-month": "", "arrest_date-year": "2019"},
    "/arrest/2/arrest-offense": {"offense": "", "offense_code": "PC 484"},
    "/arrest/2/arrest-agency": {"agency": "San Francisco Police Department"},
    "/arrest/2/arrest-outcome": {"answer": "acquitted"},
}


@pytest.fixture
def two_arrests(arrest_only):
    """The arrest-only person added a second arrest, in San Francisco, and is back on check answers."""
    location = arrest_only.post("/question/arrests-list", {"answer": "yes"}).headers["Location"]
    assert answer_until(arrest_only, {**ARREST_ONLY_IN_ALAMEDA, **SECOND_ARREST}, first_url=location) == "/check-answers"
    return arrest_only


def test_the_arrests_list_offers_to_remove_each_arrest_when_there_are_two(two_arrests):
    page = two_arrests.get("/question/arrests-list")

    actions = [form["action"] for form in page.select("form.inline-form")]
    assert actions == ["/arrest/1/remove", "/arrest/2/remove"]
    assert page.find("button", string="Remove arrest 2") is not None


def test_one_arrest_offers_no_remove_button(arrest_only):
    assert arrest_only.get("/question/arrests-list").select("form.inline-form") == []


def test_removing_an_arrest_takes_it_off_and_the_next_moves_up(two_arrests, db_session):
    two_arrests.post("/arrest/1/remove", {}, csrf_from="/question/arrests-list")

    (arrest,) = facts.arrest_facts(only_application(db_session))
    assert (arrest.id, arrest.county, arrest.outcome) == ("a1", "San Francisco", "acquitted")


def test_after_removing_an_arrest_the_list_asks_again_whether_there_are_more(two_arrests):
    response = two_arrests.post("/arrest/2/remove", {}, csrf_from="/question/arrests-list")

    assert response.headers["Location"] == "/question/arrests-list"
    assert two_arrests.client.get("/check-answers").headers["Location"] == "/question/arrests-list"


def test_removing_an_arrest_needs_the_pages_csrf_token(two_arrests, db_session):
    assert two_arrests.client.post("/arrest/2/remove", data={}).status_code == 400
    assert len(facts.arrest_facts(only_application(db_session))) == 2


def test_a_get_removes_no_arrest(two_arrests, db_session):
    assert two_arrests.client.get("/arrest/2/remove").status_code == 404  # no page has that name
    assert len(facts.arrest_facts(only_application(db_session))) == 2


def test_a_sent_application_keeps_its_arrests(two_arrests, db_session):
    application = only_application(db_session)
    application.status = "submitted"
    db_session.commit()

    answers.remove_arrest(application, 1)

    assert len(facts.arrest_facts(only_application(db_session))) == 2
