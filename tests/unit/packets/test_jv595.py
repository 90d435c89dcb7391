"""The JV-595 request to seal juvenile records (WIC 781), filed for a person with the juvenile route and read back
with pdftotext. The questionnaire knows only that a juvenile case exists, so the form carries the person's own
details and the cover sheet names what is left blank."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import Person, screen
from app.packets import Applicant, build_packet
from app.packets.planning import plan_packet
from tests.support.pdf import pdf_text

TODAY = date(2026, 11, 29)
JUVENILE = Person(juvenile_case=True)
APPLICANT = Applicant(name="Ana Example", aka="Ana E. Ejemplo", date_of_birth="2001-07-15", address="9 Oak St",
                      city="Fresno", state="CA", zip="93721")


def plan(person: Person) -> tuple:
    return plan_packet([], screen(person, [], TODAY), today=TODAY)


def read_back(applicant: Applicant, *, language: str = "en") -> str:
    return pdf_text(build_packet(applicant, [], screen(JUVENILE, [], TODAY), today=TODAY, language=language))


def test_a_person_with_a_juvenile_case_gets_one_set_holding_the_jv_595() -> None:
    (case_set,) = plan(JUVENILE)

    assert case_set.form_numbers == ("JV-595",)


def test_without_a_juvenile_case_no_request_is_planned() -> None:
    assert plan(Person(juvenile_case=False)) == ()


def test_the_juvenile_set_asks_an_attorney_to_review_it_first() -> None:
    (case_set,) = plan(JUVENILE)

    assert case_set.needs_review
    assert "WIC 781" in case_set.review_reasons[0].en


def test_the_court_of_the_juvenile_case_is_left_unknown() -> None:
    (case_set,) = plan(JUVENILE)

    assert case_set.county is None


@pytest.fixture(scope="module")
def jv595_text() -> str:
    return read_back(APPLICANT)


def test_the_form_carries_its_number_title_and_statute(jv595_text: str) -> None:
    assert "REQUEST TO SEAL JUVENILE RECORDS" in jv595_text
    assert "JV-595 [edition not confirmed]" in jv595_text
    assert "Welfare and Institutions Code, § 781" in jv595_text


def test_the_form_names_the_person_other_names_and_birth_date(jv595_text: str) -> None:
    assert "My name is Ana Example" in jv595_text
    assert "including as a minor: Ana E. Ejemplo" in jv595_text
    assert "Date of birth: 07/15/2001" in jv595_text


def test_an_adult_has_the_18_or_older_box_checked(jv595_text: str) -> None:
    assert "X I am 18 or older." in jv595_text


@pytest.mark.parametrize("date_of_birth", ["2010-01-02", None], ids=["a minor", "birth date unknown"])
def test_the_18_or_older_box_stays_empty_unless_the_birth_date_shows_it(date_of_birth: str | None) -> None:
    text = read_back(Applicant(name="Ana Example", date_of_birth=date_of_birth))

    assert "I am 18 or older." in text
    assert "X I am 18 or older." not in text


def test_the_statements_only_the_person_can_make_are_left_unchecked(jv595_text: str) -> None:
    assert "X Since my juvenile case" not in jv595_text
    assert "X No civil lawsuit" not in jv595_text


def test_the_cover_sheet_says_what_was_left_blank_and_where_to_take_it(jv595_text: str) -> None:
    assert "Our questions did not ask about your juvenile case, so the county, the case number" in jv595_text
    assert "Take this request to the probation department of the county where your juvenile case was." in jv595_text


def test_the_cover_sheets_next_steps_are_the_juvenile_courts_not_a_criminal_petitions(jv595_text: str) -> None:
    flat = " ".join(jv595_text.split())
    assert "The probation department looks into your request" in flat
    assert "The District Attorney may answer or object." not in flat


def test_the_spanish_cover_sheet_says_what_was_left_blank() -> None:
    text = read_back(APPLICANT, language="es")

    assert "Nuestras preguntas no pidieron datos de su caso juvenil" in text
    assert "REQUEST TO SEAL JUVENILE RECORDS" in text  # the form itself stays in English
