"""Rendered packets read back with pypdf: every filled value sits in its item."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from app.eligibility import ConvictionFacts, Person, screen
from app.packets import Applicant, Attorney, NothingToFile, OfficeContact, PacketChoices, build_packet
from tests.unit.packets.conftest import (
    CR180, CR181, CR400, CR401, MC025, MC031, TODAY, PacketText, ScreeningBuilder, determination, field, flat,
    is_checked, line_with, only, render,
)


def without_line_numbers(pleading: str) -> str:
    """Pleading paper numbers its lines 1-28 in the margin; drop them to read the sentences."""
    return re.sub(r"^\s*\d{1,2}(?=\s|$)", "", pleading, flags=re.M)


@pytest.fixture(scope="module")
def dismissal() -> PacketText:
    """One mandatory 1203.4 dismissal with a 17(b) reduction, rendered once for the tests that only read it."""
    builder = ScreeningBuilder()
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), determination("pc17b"))
    return render(builder, Applicant(name="Maria Example", address="1 Main St", city="Oakland", state="CA", zip="94612"))


def test_caption_names_the_defendant_case_and_county(dismissal: PacketText) -> None:
    page_one = dismissal.pages_of(CR180)[0]
    assert field(page_one, "DEFENDANT:") == "Maria Example"
    lines = page_one.splitlines()
    below_label = next(i for i, line in enumerate(lines) if "CASE NUMBER:" in line) + 1
    assert "12-CR-3456" in lines[below_label]
    assert field(page_one, "SUPERIOR COURT OF CALIFORNIA, COUNTY OF") == "ALAMEDA"


def test_without_an_attorney_the_person_files_in_pro_per(dismissal: PacketText) -> None:
    page_one = dismissal.pages_of(CR180)[0]
    assert field(page_one, "ATTORNEY FOR (name):") == "Petitioner in pro per"
    assert field(page_one, "NAME:") == "Maria Example"
    assert re.search(r"STATE BAR NO\.:\s+FOR COURT USE ONLY", page_one)


def test_an_attorney_fills_the_attorney_caption(builder: ScreeningBuilder, applicant: Applicant, attorney: Attorney) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    page_one = render(builder, applicant, attorney=attorney).pages_of(CR180)[0]
    assert field(page_one, "STATE BAR NO.:") == "123456"
    assert field(page_one, "NAME:") == "Ana Lawyer"
    assert field(page_one, "FIRM NAME:") == "Example Public Defender"
    assert field(page_one, "ATTORNEY FOR (name):") == "Petitioner Maria Example"


def test_counts_table_row_holds_code_section_type_and_reductions(dismissal: PacketText) -> None:
    row = line_with(dismissal.pages_of(CR180)[0], "459.5")
    assert row.split() == ["PC", "459.5", "felony", "yes", "no"]


def test_conviction_date_fills_item_one(dismissal: PacketText) -> None:
    assert "On (date): 05/01/2012, the petitioner" in flat(dismissal.pages_of(CR180)[0])


def test_every_cr180_page_repeats_case_number_and_page_count(dismissal: PacketText) -> None:
    pages = dismissal.pages_of(CR180)
    assert [bool(re.search(rf"Page {n}\s+of\s+3", page)) for n, page in enumerate(pages, 1)] == [True, True, True]
    assert all("12-CR-3456" in page for page in pages)


@pytest.mark.parametrize(
    ("basis", "checked", "unchecked"),
    [
        ("probation_fulfilled", "has fulfilled the conditions", ("has been discharged", "should be granted relief in the interests")),
        ("early_discharge", "has been discharged", ("has fulfilled the conditions", "should be granted relief in the interests")),
        ("interests_of_justice", "should be granted relief in the interests", ("has fulfilled the conditions", "has been discharged")),
    ],
)
def test_the_1203_4_basis_checks_its_own_box(
    builder: ScreeningBuilder, applicant: Applicant, basis: str, checked: str, unchecked: tuple[str, ...]
) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis=basis))
    page_one = render(builder, applicant).pages_of(CR180)[0]
    assert is_checked(page_one, "Felony or misdemeanor with probation granted")
    assert is_checked(page_one, checked)
    assert not any(is_checked(page_one, label) for label in unchecked)


def test_state_prison_felony_checks_item_5c(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459", determination("pc1203_41", basis="c"), sentence="state_prison")
    page_two = render(builder, applicant).pages_of(CR180)[1]
    assert is_checked(page_two, "Felony county jail sentence under Penal Code section 1170(h)(5)")
    assert is_checked(page_two, "more than two years have elapsed since petitioner completed a felony sentence in state prison")
    assert not is_checked(page_two, "more than one year has elapsed since petitioner completed")


def test_seven_counts_overflow_to_mc025(builder: ScreeningBuilder, applicant: Applicant) -> None:
    sections = ["459.5", "484", "488", "490.2", "496", "470", "476"]
    for section in sections:
        builder.add(f"PC {section}", determination("pc1203_4", basis="probation_fulfilled"))
    packet = render(builder, applicant)
    table_page = packet.pages_of(CR180)[0]
    assert all(re.search(rf"^\s*PC\s+{re.escape(s)}\s", table_page, re.M) for s in sections[:5])
    assert "2 more offense(s) listed on Attachment 1 (form MC-025)." in flat(table_page)
    attachment = only(packet.pages_of(MC025))
    assert line_with(attachment, " 470 ").split()[:3] == ["6", "PC", "470"]
    assert line_with(attachment, " 476 ").split()[:3] == ["7", "PC", "476"]
    assert "People v. Maria Example" in attachment and "12-CR-3456" in attachment


def test_five_counts_need_no_attachment(builder: ScreeningBuilder, applicant: Applicant) -> None:
    for _ in range(5):
        builder.add("PC 484", determination("pc1203_4", basis="probation_fulfilled"))
    assert render(builder, applicant).pages_of(MC025) == []


@pytest.mark.parametrize(("basis", "checked", "unchecked"), [("petition", "PETITION:", "APPLICATION:"), ("application", "APPLICATION:", "PETITION:")])
def test_cr400_checks_petition_or_application_by_basis(
    builder: ScreeningBuilder, applicant: Applicant, basis: str, checked: str, unchecked: str
) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis=basis))
    page = only(render(builder, applicant).pages_of(CR400))
    assert is_checked(page, checked) and not is_checked(page, unchecked)
    assert is_checked(page, "11357 - Possession of Marijuana")
    assert not is_checked(page, "11359 - Possession of Marijuana for Sale")


def test_cr400_header_box_follows_the_request(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("HS 11359", determination("prop64", basis="application"))
    page = only(render(builder, applicant).pages_of(CR400))
    assert is_checked(page, "REDESIGNATION OR DISMISSAL/SEALING") and not is_checked(page, "RESENTENCING OR DISMISSAL")


def test_cr400_waivers_are_the_persons_choices(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"))
    choices = PacketChoices(waive_original_judge=False, waive_appearance=True)
    page = only(render(builder, applicant, choices=choices).pages_of(CR400))
    assert not is_checked(page, "Petitioner/applicant waives the right to have this matter heard")
    assert is_checked(page, "Petitioner/applicant understands there is a right to personally attend")


def test_prop64_set_includes_the_cr401_proof_of_service(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"))
    page = only(render(builder, applicant).pages_of(CR401))
    assert "Office of the District Attorney, County of Alameda" in page


def test_cr181_carries_only_the_caption(dismissal: PacketText) -> None:
    pages = dismissal.pages_of(CR181)
    assert len(pages) == 2 and "DEFENDANT: Maria Example" in pages[0]
    assert not re.search(r"X\s+\S", "\n".join(pages).split("ORDER FOR DISMISSAL", 1)[1])


def test_cr180_proof_of_service_names_the_petition(dismissal: PacketText) -> None:
    page = only([p for p in dismissal.pages if "PROOF OF SERVICE FOR PETITION/APPLICATION" in p and "CR-401" not in p])
    assert is_checked(page, "CR-180 / CR 181") and not is_checked(page, "Prop 47 Reduction")


def test_discretionary_request_attaches_the_persons_statement(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="interests_of_justice"))
    choices = PacketChoices(personal_statement="I have worked as a nurse since 2015.")
    packet = render(builder, applicant, choices=choices)
    assert "I have worked as a nurse since 2015." in only(packet.pages_of(MC031))
    assert "See attached Declaration (form MC-031)." in packet.pages_of(CR180)[0]


def test_late_prop47_application_pleads_good_cause(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 496", determination("prop47", basis="application"), sentence="county_jail")
    choices = PacketChoices(good_cause_statement="I did not know the law had changed.")
    text = flat(without_line_numbers("\n".join(render(builder, applicant, choices=choices).pages)))
    assert "3. GOOD CAUSE FOR FILING AFTER NOVEMBER 4, 2022" in text
    assert "shows good cause as follows: I did not know the law had changed." in text
    assert "2. X REDUCTION TO MISDEMEANOR" in text and "1. RESENTENCING" in text
    assert "(specify code(s) and section(s)): PC 496, and was sentenced to (specify sentence imposed): county jail." in text


def test_timely_prop47_application_has_no_good_cause_paragraph(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 496", determination("prop47", basis="application"))
    text = "\n".join(render(builder, applicant, today=date(2021, 1, 4)).pages)
    assert "GOOD CAUSE" not in text


def test_spanish_cover_sheet(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    packet = render(builder, applicant, language="es")
    cover = flat(only(packet.cover_sheets("Sus documentos para la corte")))
    assert "Costos" in cover and "$0." in cover
    assert "por lo menos 15 días antes de la audiencia" in cover
    assert packet.language == "es"


def test_spanish_cover_sheet_gives_review_reasons_in_spanish(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", outcome="needs_review", basis="probation_fulfilled"))
    cover = flat(only(render(builder, applicant, language="es").cover_sheets("Sus documentos para la corte")))
    assert "Un abogado debe revisar estos documentos antes de que usted los presente." in cover
    assert "Se desconoce la fecha de fin de la condena." in cover


def test_english_cover_sheet_tells_fees_service_and_copies(dismissal: PacketText) -> None:
    cover = flat(only(dismissal.cover_sheets()))
    assert "$0. There is no filing fee" in cover
    assert "District Attorney must be served at least 15 days before the hearing" in cover
    assert "Make two copies of everything" in cover


def test_cover_sheet_asks_to_confirm_an_unverified_address(dismissal: PacketText) -> None:
    cover = flat(only(dismissal.cover_sheets()))
    assert "661 Washington Street" in cover
    assert "confirm the filing address on the court's website or with the clerk" in cover
    assert "661 Washington Street" not in dismissal.pages_of(CR180)[0]


def test_cover_sheet_shows_the_partner_office(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    office = OfficeContact(name="Example County Public Defender", phone="(510) 555-0123", website="https://pd.example.org")
    cover = only(render(builder, applicant, office=office).cover_sheets())
    assert "Example County Public Defender" in cover and "(510) 555-0123" in cover


def test_needs_review_cover_sheet_asks_for_an_attorney(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", outcome="needs_review", basis="probation_fulfilled"))
    packet = render(builder, applicant)
    cover = flat(only(packet.cover_sheets()))
    assert "An attorney should review these papers before you file them." in cover
    assert "The sentence end date is unknown." in cover
    assert packet.pages_of(CR180)


def test_prop64_and_dismissal_cases_in_two_counties_get_two_sets(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"), county="San Diego", case_number="SD-77")
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), county="Alameda", case_number="A-12")
    packet = render(builder, applicant)
    covers = packet.cover_sheets()
    assert len(covers) == 2
    assert "County of San Diego" in covers[0] and "SD-77" in covers[0]
    assert "County of Alameda" in covers[1] and "A-12" in covers[1]
    assert "SD-77" in only(packet.pages_of(CR400)) and packet.pages_of(CR180)[0].count("A-12") >= 1
    cover_positions = [i for i, page in enumerate(packet.pages) if page in covers]
    assert cover_positions[0] == 0 and packet.pages[cover_positions[1] - 1] == only(packet.pages_of(CR401))


def test_pdf_metadata_names_the_packet_and_language(dismissal: PacketText) -> None:
    assert dismissal.title == "Court papers to clear your record"
    assert dismissal.language == "en"


def test_only_the_self_hosted_fonts_are_embedded(dismissal: PacketText) -> None:
    fonts = set()
    for page in dismissal.reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font: Any = reference.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # embedded TrueType
            fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert fonts <= {"Form-Sans", "Form-Sans-Bold", "Form-Sans-Italic", "Form-Sans-Bold-Italic"}


def test_another_name_joins_the_defendant_line(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    page_one = render(builder, Applicant(name="Maria Example", aka="Maria Ejemplo")).pages_of(CR180)[0]
    assert field(page_one, "DEFENDANT:") == "Maria Example, aka Maria Ejemplo"


def test_user_text_is_escaped_not_interpreted(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    sneaky = Applicant(name='<img src="file:///etc/passwd">Eve')
    page_one = render(builder, sneaky).pages_of(CR180)[0]
    assert '<img src="file:///etc/passwd">Eve' in page_one


def test_a_screening_with_nothing_to_file_is_refused(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 187", determination("pc1203_4", outcome="not_eligible"))
    facts, screening = builder.build()
    with pytest.raises(NothingToFile):
        build_packet(applicant, facts, screening, today=TODAY)


def test_an_overlong_statement_is_refused_before_rendering(builder: ScreeningBuilder, applicant: Applicant) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="interests_of_justice"))
    facts, screening = builder.build()
    with pytest.raises(ValueError, match="statement"):
        build_packet(applicant, facts, screening, today=TODAY, choices=PacketChoices(personal_statement="x" * 9000))


def test_the_engines_own_screening_renders_a_set_per_case(applicant: Applicant) -> None:
    person = Person(registered_sex_offender=False, superstrike_prior=False, on_probation_or_parole=False,
                    in_custody=False, pending_charges=False)
    convictions = [
        ConvictionFacts(id="c1", offense_text="HS 11357(b)", county="San Diego", case_number="SD-1", level="misdemeanor",
                        conviction_date=date(2012, 5, 1), sentence="probation", probation_completed=True,
                        probation_violated=False, sentence_completed=True, sentence_completed_date=date(2013, 5, 1)),
        ConvictionFacts(id="c2", offense_text="PC 459", county="Alameda", case_number="A-9", level="felony",
                        conviction_date=date(2015, 5, 1), sentence="probation", probation_completed=True,
                        probation_violated=False, sentence_completed=True, sentence_completed_date=date(2018, 5, 1)),
    ]
    packet = PacketText(build_packet(applicant, convictions, screen(person, convictions, TODAY), today=TODAY))
    assert len(packet.cover_sheets()) == 2
    assert is_checked(only(packet.pages_of(CR400)), "APPLICATION:")
    alameda_cr180 = [page for page in packet.pages_of(CR180) if "A-9" in page]
    assert is_checked(alameda_cr180[0], "has fulfilled the conditions")
    assert line_with(alameda_cr180[0], " 459 ").split() == ["PC", "459", "felony", "yes", "no"]
