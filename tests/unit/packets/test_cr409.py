"""The CR-409 petition to seal an arrest (PC 851.91) and its CR-410 order, planned from a screening and read back with
pdftotext."""

from __future__ import annotations

from datetime import date

import pytest

from app.eligibility import ArrestFacts, ConvictionFacts, Person, screen
from app.packets import Applicant, build_packet
from app.packets.planning import plan_packet
from tests.support.pdf import pdf_text

TODAY = date(2026, 11, 29)
DISMISSED = ArrestFacts(id="a1", county="Alameda", arrest_date=date(2015, 3, 4), agency="Oakland Police Department",
                        outcome="dismissed", offense_text="PC 242")
APPLICANT = Applicant(name="Maria Example", address="1 Main St", city="Oakland", state="CA", zip="94612")


def plan(*arrests: ArrestFacts) -> tuple:
    return plan_packet([], screen(Person(), [], TODAY, arrests=arrests), today=TODAY, arrests=arrests)


def test_each_arrest_is_its_own_set_of_cr_409_its_cr_410_order_and_proof_of_service() -> None:
    second = ArrestFacts(id="a2", county="Alameda", outcome="acquitted")

    sets = plan(DISMISSED, second)

    assert [case_set.form_numbers for case_set in sets] == [("CR-409", "CR-410", "POS")] * 2


def test_an_arrest_that_cannot_be_sealed_files_nothing() -> None:
    murder = ArrestFacts(id="a1", county="Alameda", outcome="dismissed", offense_text="PC 187")

    assert plan(murder) == ()


def test_an_arrest_without_charges_asks_an_attorney_to_review_first() -> None:
    (case_set,) = plan(ArrestFacts(id="a1", county="Alameda", outcome="no_charges"))

    assert case_set.needs_review


@pytest.fixture(scope="module")
def cr409_text() -> str:
    return pdf_text(build_packet(APPLICANT, [], screen(Person(), [], TODAY, arrests=[DISMISSED]), today=TODAY,
                                 arrests=[DISMISSED]))


def test_the_petition_names_the_arrest_date_and_agency(cr409_text: str) -> None:
    assert "Date of arrest: 03/04/2015" in cr409_text
    assert "made the arrest: Oakland Police Department" in cr409_text


def test_the_dismissed_box_is_checked(cr409_text: str) -> None:
    assert "X the charges were dismissed and may not be refiled" in cr409_text


def test_the_form_carries_its_number_revision_and_the_851_93_note(cr409_text: str) -> None:
    assert "CR-409 [Rev. January 1, 2024]" in cr409_text
    assert "PETITION TO SEAL ARREST AND RELATED RECORDS" in cr409_text
    assert "section 851.93" in cr409_text


def test_the_cover_sheet_says_to_serve_the_arresting_agency(cr409_text: str) -> None:
    assert "the police or sheriff's department that made the arrest (Oakland Police Department)" in cr409_text


def test_the_proof_of_service_names_the_arresting_agency(cr409_text: str) -> None:
    assert "X CR-409 Seal Arrest Records (PC 851.91)" in cr409_text
    assert "and the arresting agency: Oakland Police Department" in cr409_text



CR410_FOOTER = "CR-410 [New January 1, 2019]"


@pytest.fixture(scope="module")
def cr410_text(cr409_text: str) -> str:
    """The order alone: from its form number above item 1 to its footer."""
    start = cr409_text.index("CR-410 CLERK STAMPS DATE HERE")
    return cr409_text[start:cr409_text.index(CR410_FOOTER, start) + len(CR410_FOOTER)]


def test_the_order_follows_the_petition_in_the_packet(cr409_text: str) -> None:
    assert cr409_text.index("CR-409 [Rev. January 1, 2024]") < cr409_text.index("CR-410 CLERK STAMPS DATE HERE")


def test_the_order_carries_its_number_edition_and_sections(cr410_text: str) -> None:
    assert "ORDER TO SEAL ARREST AND RELATED RECORDS" in cr410_text
    assert "Penal Code, §§ 851.91, 851.92" in cr410_text
    assert cr410_text.endswith(CR410_FOOTER)


def test_the_order_names_the_petitioner_and_mailing_address(cr410_text: str) -> None:
    assert "NAME: Maria Example" in cr410_text
    assert "MAILING ADDRESS: 1 Main St, Oakland, CA, 94612" in cr410_text


def test_the_order_leaves_the_ruling_to_the_judge(cr410_text: str) -> None:
    assert "The court GRANTS the petition." in cr410_text
    assert "The court DENIES the petition (check one)" in cr410_text
    assert "SIGNATURE OF JUDICIAL OFFICER" in cr410_text
    assert " X " not in cr410_text  # no box is checked for the court


def test_the_order_states_what_sealing_does_not_change(cr410_text: str) -> None:
    assert "may be pleaded and proved in any later prosecution" in cr410_text
    assert "California State Lottery Commission" in cr410_text
    assert "Penal Code section 29800" in cr410_text


def test_the_cover_sheet_lists_the_order_for_the_judge(cr409_text: str) -> None:
    assert "CR-410: Order to Seal Arrest and Related Records. The judge fills it out; do not sign it." in cr409_text


# A domestic violence arrest with two DV convictions within three years: PC 851.91(c)(2), interests of justice.
DV_ARREST = ArrestFacts(id="a1", county="Alameda", arrest_date=date(2015, 3, 4), agency="Oakland Police Department",
                        outcome="dismissed", offense_text="PC 273.5")
DV_PATTERN = [ConvictionFacts(id=f"c{n}", offense_text="PC 273.5", county="Alameda", conviction_date=when)
              for n, when in enumerate((date(2013, 1, 5), date(2014, 6, 1)), start=1)]


def test_an_abuse_pattern_asks_for_sealing_in_the_interests_of_justice() -> None:
    sets = plan_packet([], screen(Person(), DV_PATTERN, TODAY, arrests=[DV_ARREST]), today=TODAY, arrests=[DV_ARREST])

    (arrest_set,) = [case_set for case_set in sets if case_set.cr409]
    assert arrest_set.cr409.interests_of_justice


def test_an_arrest_without_a_pattern_asks_for_sealing_as_of_right(cr409_text: str) -> None:
    assert "X as a matter of right (§ 851.91(c)(1))" in cr409_text
    assert "X in the interests of justice" not in cr409_text


def test_the_petition_checks_the_interests_of_justice_box_for_an_abuse_pattern() -> None:
    text = pdf_text(build_packet(APPLICANT, [], screen(Person(), DV_PATTERN, TODAY, arrests=[DV_ARREST]), today=TODAY,
                                 arrests=[DV_ARREST]))

    assert "X in the interests of justice (§ 851.91(c)(2))" in text
    assert "X as a matter of right" not in text
