"""Every question page: page hygiene, server-side validation with an error summary, typed values kept, and that
eligibility is never a validation error."""
from __future__ import annotations

import pytest

from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until, start

QUESTION_PAGES = list(MARIJUANA_IN_ALAMEDA)


@pytest.fixture
def started(client_request):
    """A fresh application in this browser; returns the client_request."""
    start(client_request.client)
    return client_request


@pytest.mark.parametrize("url", QUESTION_PAGES)
def test_every_question_page_passes_hygiene_and_has_a_back_link(started, url):
    page = started.get(url)
    assert page.find("a", class_="back-link")
    assert page.find("button", type="submit").get_text(strip=True) == "Continue"


@pytest.mark.parametrize("url, data, message", [
    ("/question/counties", {}, "Select a county, or “I'm not sure”"),
    ("/question/counties", {"counties": ["Alameda", "not_sure"]}, "Select counties, or “I'm not sure”, but not both"),
    ("/question/name", {"full_name": ""}, "Enter your full name"),
    ("/question/date-of-birth", {}, "Enter your date of birth"),
    ("/question/contact", {}, "Select how the office can contact you, or “Do not contact me”"),
    ("/question/contact", {"methods": ["email", "none"], "email": "a@example.org"},
     "Select ways to contact you, or “Do not contact me”, but not both"),
    ("/question/contact", {"methods": ["email"]}, "Enter your email address"),
    ("/question/contact", {"methods": ["text"], "phone": "555"}, "Enter a phone number with 10 digits, like 510 555 0123"),
    ("/question/address", {"zip": "9461"}, "Enter a ZIP code with 5 numbers, like 94612"),
    ("/question/probation-or-parole", {}, "Select yes, no or “I don't know”"),
    ("/question/in-custody", {}, "Select yes, no or “I don't know”"),
    ("/question/pending-charges", {}, "Select yes, no or “I don't know”"),
    ("/question/sex-offender-registration", {}, "Select yes, no or “I don't know”"),
    ("/question/serious-felony", {}, "Select yes, no or “I don't know”"),
    ("/conviction/1/county", {"county": ""}, "Choose a county, or “I don't know”"),
    ("/conviction/1/case-number", {"case_number": "x" * 61}, "Case number must be 60 characters or fewer"),
    ("/conviction/1/offense", {}, "Choose what the conviction was for, type the code section, or choose “I don't know”"),
    ("/conviction/1/offense", {"offense": "HS 11357", "offense_code": "PC 459.5"},
     "Choose from the list or type the code section, but not both"),
    ("/conviction/1/offense", {"offense": "XX 1"}, "Choose an offense from the list"),
    ("/conviction/1/level", {}, "Select felony, misdemeanor, infraction or “I don't know”"),
    ("/conviction/1/date", {"conviction_date-day": "3"}, "Enter the year, or leave all three boxes empty if you don't know"),
    ("/conviction/1/date", {"conviction_date-year": "12"}, "Enter the year as 4 numbers, like 2012"),
    ("/conviction/1/date", {"conviction_date-month": "13", "conviction_date-year": "2012"},
     "Enter the month as a number from 1 to 12"),
    ("/conviction/1/date", {"conviction_date-day": "31", "conviction_date-month": "2", "conviction_date-year": "2012"},
     "Enter a real date, like 14 6 2012"),
    ("/conviction/1/sentence", {}, "Select the sentence, or “I don't know”"),
    ("/conviction/1/sentence-finished", {}, "Select yes, no or “I don't know”"),
    ("/question/convictions", {}, "Select yes if you have another conviction to add"),
    ("/conviction/1/trafficking", {}, "Select yes, no or “I'd rather not say”"),
    ("/question/income", {}, "Enter your monthly income, or choose “I'd rather not say”"),
    ("/question/income", {"monthly_income": "lots"}, "Enter the amount in whole dollars, like 1800"),
    ("/question/income", {"monthly_income": "100", "rather_not_say": "y"},
     "Enter an amount, or choose “I'd rather not say”, but not both"),
    ("/question/home", {}, "Select yes, no or “I'd rather not say”"),
])
def test_an_unusable_answer_shows_the_error_summary_and_the_field_error(started, url, data, message):
    page = started.post(url, data, expected_status=200)
    assert page.title.get_text().startswith("Error: ")
    summary = page.find(attrs={"data-error-summary": True})
    assert summary is not None and summary.get("tabindex") == "-1"
    assert message in [link.get_text(strip=True) for link in summary.find_all("a")]
    anchor = summary.find("a")["href"].lstrip("#")
    assert page.find(id=anchor) is not None, "the summary links to the field"
    assert message in page.find(class_="error-message").get_text()


@pytest.mark.parametrize("data, message", [
    ({"date_of_birth-day": "2", "date_of_birth-year": "1980"}, "Your date of birth must include a day, month and year"),
    ({"date_of_birth-day": "30", "date_of_birth-month": "2", "date_of_birth-year": "1980"},
     "Date of birth must be a real date, like 3 27 1985"),
    ({"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2999"},
     "Date of birth must be in the past"),
    ({"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1850"},
     "Check the year of your date of birth"),
])
def test_date_of_birth_must_be_a_whole_real_past_date(started, data, message):
    page = started.post("/question/date-of-birth", data, expected_status=200)
    assert message in page.find(class_="error-summary").get_text()


def test_typed_values_are_kept_when_the_page_is_shown_again(started):
    page = started.post("/question/contact", {"methods": ["email", "text"], "email": "ana at example", "phone": "510"},
                        expected_status=200)
    assert page.find("input", attrs={"name": "email"})["value"] == "ana at example"
    assert page.find("input", attrs={"name": "phone"})["value"] == "510"
    checked = [box["value"] for box in page.find_all("input", attrs={"name": "methods", "checked": True})]
    assert checked == ["email", "text"]


def test_the_date_boxes_keep_a_half_typed_date(started):
    page = started.post("/question/date-of-birth", {"date_of_birth-day": "2", "date_of_birth-year": "1980"},
                        expected_status=200)
    assert page.find("input", attrs={"name": "date_of_birth-day"})["value"] == "2"
    assert page.find("input", attrs={"name": "date_of_birth-year"})["value"] == "1980"


def test_a_saved_answer_fills_the_page_again(started):
    started.post("/question/name", {"full_name": "Ana Example", "other_names": ""})
    page = started.get("/question/name")
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Ana Example"


@pytest.mark.parametrize("url, data", [
    ("/question/in-custody", {"answer": "yes"}),
    ("/question/pending-charges", {"answer": "yes"}),
    ("/question/sex-offender-registration", {"answer": "yes"}),
    ("/question/serious-felony", {"answer": "yes"}),
    ("/conviction/1/offense", {"offense": "unknown"}),
    ("/conviction/1/offense", {"offense_code": "something I can't remember"}),
    ("/conviction/1/level", {"answer": "felony"}),
    ("/conviction/1/sentence", {"answer": "state_prison"}),
    ("/conviction/1/date", {}),
])
def test_an_answer_that_makes_relief_unlikely_is_never_a_validation_error(started, url, data):
    started.post(url, data, expected_status=302)


def test_the_year_alone_is_enough_for_the_conviction_date(started):
    started.post("/conviction/1/date", {"conviction_date-year": "2012"}, expected_status=302)


def test_a_code_typed_in_the_fallback_box_is_accepted(started):
    started.post("/conviction/1/offense", {"offense": "", "offense_code": "11357(b) HS"}, expected_status=302)


def test_address_is_required_only_when_contact_by_mail_was_chosen(started):
    started.post("/question/address", {}, expected_status=302)
    started.post("/question/contact", {"methods": ["mail"]})
    page = started.post("/question/address", {}, expected_status=200)
    assert "Enter your street address, because you asked to be contacted by mail" in page.get_text()


def test_the_offense_list_is_grouped_by_topic_with_i_dont_know_and_a_code_box(started):
    page = started.get("/conviction/1/offense")
    groups = [group["label"] for group in page.find("select").find_all("optgroup")]
    assert {"Marijuana", "Other drugs", "Theft and property", "Driving"} <= set(groups)
    options = [option.get_text() for option in page.find("select").find_all("option")]
    assert "Possession of marijuana (HS 11357)" in options and "I don't know what it was for" in options
    assert page.find("input", attrs={"name": "offense_code"})


def test_each_page_says_which_section_it_is_in(started):
    assert "Section 2 of 5: Your situation now" in started.get("/question/in-custody").get_text()
    assert "Section 4 of 5: Your convictions – conviction 1" in started.get("/conviction/1/level").get_text()


def test_the_counties_question_fits_arrests_as_well_as_convictions(started):
    page = started.get("/question/counties")

    assert page.find("h1").get_text(strip=True) == "Where were you arrested or convicted?"
    assert "arrested or charged even if the case was dropped" in page.get_text()


def test_the_counties_question_in_spanish_asks_about_arrests_too(client_request):
    client_request.client.get("/language/es")
    start(client_request.client)

    assert client_request.get("/question/counties").find("h1").get_text(strip=True) == "¿Dónde lo arrestaron o lo condenaron?"


def test_the_back_link_goes_to_the_previous_question(started):
    page = started.get("/question/name")
    assert page.find("a", class_="back-link")["href"] == "/question/counties"


def test_a_question_about_a_conviction_not_yet_added_is_not_found(started):
    started.get("/conviction/2/county", expected_status=404)


def test_an_unknown_question_is_not_found(started):
    started.get("/question/social-security-number", expected_status=404)


def test_without_an_application_a_question_sends_the_person_to_resume(client):
    response = client.get("/question/name")
    assert response.status_code == 302 and response.headers["Location"].startswith("/resume")


def test_questions_and_errors_are_in_spanish_for_a_spanish_speaker(client_request):
    client_request.client.get("/language/es")
    start(client_request.client)
    page = client_request.post("/question/in-custody", {}, expected_status=200)
    assert page.html["lang"] == "es"
    assert page.h1.get_text(strip=True) == "¿Está ahora en la cárcel o en prisión?"
    assert "Seleccione sí, no o “No sé”" in page.find(class_="error-summary").get_text()
    assert page.title.get_text().startswith("Error: ")


def test_the_offense_list_is_in_spanish_for_a_spanish_speaker(client_request):
    client_request.client.get("/language/es")
    start(client_request.client)
    options = [o.get_text() for o in client_request.get("/conviction/1/offense").find_all("option")]
    assert "Posesión de marihuana (HS 11357)" in options


def test_the_household_questions_are_asked_only_where_routing_needs_them(client_request):
    answers = {**MARIJUANA_IN_ALAMEDA, "/question/counties": {"counties": ["San Francisco"]},
               "/conviction/1/county": {"county": "San Francisco"}}
    visited = []
    original_get = client_request.get

    def recording_get(url, *args, **kwargs):
        visited.append(url.split("?")[0])
        return original_get(url, *args, **kwargs)

    client_request.get = recording_get
    answer_until(client_request, answers)
    assert "/question/income" not in visited and "/question/home" not in visited
    assert "/question/hearing" in visited


def test_the_county_of_a_conviction_starts_as_the_one_county_chosen_earlier(started):
    started.post("/question/counties", {"counties": ["Fresno"]})
    page = started.get("/conviction/1/county")
    assert page.find("option", selected=True)["value"] == "Fresno"
    page = started.post("/conviction/1/county", {"county": ""}, expected_status=200)
    assert "Choose a county, or “I don't know”" in page.find(class_="error-summary").get_text()
