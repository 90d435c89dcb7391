"""An arrest-only application in the attorney's dashboard: the memo shows each arrest, the packet its CR-409."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.applications.facts import screen_application
from app.models import Referral
from tests.support.partner import build_application

ARREST = {"county": "San Francisco", "arrest_date": "2015-03-04", "agency": "San Francisco Police Department",
          "outcome": "dismissed", "offense_text": "PC 242", "pages": {}}


@pytest.fixture
def arrest_referral(db_session):
    """Submitted and routed as the questionnaire leaves it: one dismissed arrest in San Francisco, no conviction."""
    from app.referrals import route_application

    application = build_application([], screening=None)
    application.answers = {**application.answers, "arrests": [ARREST],
                           "situation": {"has_arrests": True, "has_convictions": False}}
    application.screening = screen_application(application).to_dict()
    route_application(application)
    db_session.commit()
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


def memo_text(client_request, referral) -> str:
    page = client_request.get(f"/partner/referrals/{referral.id}")
    return " ".join(page.find("h2", id="memo").find_parent().get_text().split())


def test_an_arrest_only_person_is_routed_to_the_arrest_countys_office(arrest_referral):
    assert arrest_referral.county.name == "San Francisco"


def test_the_memo_shows_the_arrest_and_its_sealing(client_request, sf_attorney, arrest_referral):
    text = memo_text(client_request, arrest_referral)

    assert "Arrest 1 without a conviction" in text
    assert "2015-03-04 · San Francisco · San Francisco Police Department · Charges dismissed" in text
    assert "Sealing of an arrest without a conviction (PC 851.91)" in text and "Form: CR-409" in text


def test_the_memo_shows_the_automatic_arrest_relief_note(client_request, sf_attorney, arrest_referral):
    assert "PC 851.93" in memo_text(client_request, arrest_referral)


def test_the_attorneys_packet_holds_the_cr_409(client, sf_attorney, arrest_referral):
    response = client.get(f"/partner/referrals/{arrest_referral.id}/packet.pdf")

    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "PETITION TO SEAL ARREST AND RELATED RECORDS" in text
    assert "San Francisco Police Department" in text
