"""A stored application becomes its petition packet: the resident's whole packet, or one office's county."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models import Application, Conviction, PartnerOffice
from app.packets import NothingToFile, packet_for_application
from app.packets.parties import Attorney


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def application(db_session):
    application = Application(
        reference="K7M-4QX", token_hash="f" * 64, status="submitted", language="es",
        full_name="Maria Example", date_of_birth=dt.date(1980, 4, 2), email="maria@example.org",
        answers={
            "address": {"street": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94612"},
            "situation": {"registered_sex_offender": False, "superstrike_prior": False, "on_probation_or_parole": False,
                          "in_custody": False, "pending_charges": False},
        },
    )
    application.convictions = [
        Conviction(position=0, county="Alameda", case_number="12-CR-3456", offense_text="HS 11357(b)",
                   level="misdemeanor", conviction_date=dt.date(2012, 5, 1), sentence="probation",
                   probation_completed=True, probation_violated=False, sentence_completed=True),
        Conviction(position=1, county="Fresno", case_number="F-2013-77", offense_text="VC 23152(a)",
                   level="misdemeanor", conviction_date=dt.date(2013, 6, 1), sentence="probation",
                   probation_completed=True, probation_violated=False, sentence_completed=True),
    ]
    db_session.add(application)
    db_session.commit()
    return application


def test_resident_packet_holds_a_set_per_county_in_their_language(application):
    text = pdf_text(packet_for_application(application, today=dt.date(2026, 11, 29)))
    assert "12-CR-3456" in text and "F-2013-77" in text
    assert "CR-400" in text and "CR-180" in text
    assert "Maria Example" in text


def test_office_packet_is_limited_to_its_county_with_the_attorney_caption(application, db_session):
    attorney = Attorney(name="Ada Lawyer", bar_number="123456", firm="Alameda County Public Defender")
    text = pdf_text(packet_for_application(application, attorney=attorney, counties=["Alameda"],
                                           today=dt.date(2026, 11, 29)))
    assert "12-CR-3456" in text and "F-2013-77" not in text
    assert "123456" in text and "Ada Lawyer" in text


def test_cover_sheet_names_each_countys_office(application, db_session):
    office = db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "east-bay-community-law-center")).one()
    text = pdf_text(packet_for_application(application, offices_by_county={"Alameda": office},
                                           today=dt.date(2026, 11, 29)))
    assert "East Bay Community Law Center" in text


def test_county_with_nothing_to_file_raises(application):
    with pytest.raises(NothingToFile):
        packet_for_application(application, counties=["Kern"], today=dt.date(2026, 11, 29))


def test_the_persons_good_cause_statement_goes_into_a_late_prop_47_petition(db_session):
    application = Application(
        reference="P47-LTE", token_hash="e" * 64, status="submitted", language="en", full_name="Luis Example",
        answers={"good_cause_statement": "I did not know about the law until this year.",
                 "situation": {"registered_sex_offender": False, "superstrike_prior": False}},
    )
    application.convictions = [
        Conviction(position=0, county="Fresno", case_number="F12-9", offense_text="PC 459.5", level="felony",
                   conviction_date=dt.date(2012, 5, 1), sentence="probation", probation_completed=True,
                   probation_violated=False, sentence_completed=True, value_over_950=False),
    ]
    db_session.add(application)
    db_session.commit()
    text = " ".join(pdf_text(packet_for_application(application, today=dt.date(2026, 11, 29))).split())
    assert "I did not know about the law until this year." in text


@pytest.fixture
def juvenile_only(db_session):
    application = Application(
        reference="JUV-595", token_hash="d" * 64, status="submitted", language="en", full_name="Ana Example",
        date_of_birth=dt.date(1980, 4, 2),
        answers={"address": {"street": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94612"},
                 "situation": {"juvenile_case": True}},
    )
    db_session.add(application)
    db_session.commit()
    return application


def test_a_juvenile_only_persons_packet_is_the_jv_595_with_their_birth_date(juvenile_only):
    text = " ".join(pdf_text(packet_for_application(juvenile_only, today=dt.date(2026, 11, 29))).split())

    assert "REQUEST TO SEAL JUVENILE RECORDS" in text
    assert "Date of birth: 04/02/1980" in text


def test_a_juvenile_only_person_is_offered_the_papers(juvenile_only):
    from app.applications.facts import screen_application
    from app.intake.presenters import packet_available

    juvenile_only.screening = screen_application(juvenile_only, dt.date(2026, 11, 29)).to_dict()

    assert packet_available(juvenile_only)
