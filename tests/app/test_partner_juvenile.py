"""A juvenile-only application in the attorney's dashboard: the memo names the JV-595 and the packet holds it."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.applications.facts import screen_application
from app.models import Referral
from tests.support.partner import build_application


@pytest.fixture
def juvenile_referral(db_session):
    """Submitted and routed as the questionnaire leaves it: a juvenile case, no conviction, the counties page said
    San Francisco."""
    from app.referrals import route_application

    application = build_application([], screening=None)
    application.answers = {**application.answers, "counties": ["San Francisco"],
                           "situation": {"juvenile_case": True, "has_convictions": False}}
    application.screening = screen_application(application).to_dict()
    route_application(application)
    db_session.commit()
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


def test_a_juvenile_only_person_is_routed_by_the_counties_they_chose(juvenile_referral):
    assert juvenile_referral.county.name == "San Francisco"


def test_the_memo_names_the_juvenile_sealing_request(client_request, sf_attorney, juvenile_referral):
    page = client_request.get(f"/partner/referrals/{juvenile_referral.id}")

    assert "Form: JV-595" in " ".join(page.get_text().split())


def test_the_attorney_is_offered_the_packet(client_request, sf_attorney, juvenile_referral):
    page = client_request.get(f"/partner/referrals/{juvenile_referral.id}")

    assert page.find("a", href=f"/partner/referrals/{juvenile_referral.id}/packet.pdf") is not None


def test_the_attorneys_packet_holds_the_jv_595_in_the_attorneys_name(client, sf_attorney, juvenile_referral):
    response = client.get(f"/partner/referrals/{juvenile_referral.id}/packet.pdf")

    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "REQUEST TO SEAL JUVENILE RECORDS" in text
    assert "234567" in text  # the attorney's bar number in the caption
