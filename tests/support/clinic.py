"""Clinic events, invited volunteers, and residents helped through the questionnaire on a volunteer's test client."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from tests.support.hygiene import csrf_token_from
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until


def make_event(db_session: Any, office_slug: str = "alameda-public-defender", *, days_ago: int = 0,
               help_window_days: int = 7, name: str = "Reentry fair") -> Any:
    from app.models import ClinicEvent, PartnerOffice

    office = db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == office_slug)).one()
    event = ClinicEvent(name=name, event_date=dt.date.today() - dt.timedelta(days=days_ago), place="Main Library",
                        county_id=office.county_id, office=office, help_window_days=help_window_days)
    db_session.add(event)
    db_session.commit()
    return event


def invite(db_session: Any, event: Any, user: Any) -> None:
    from app.models import ClinicVolunteer

    db_session.add(ClinicVolunteer(event_id=event.id, user_id=user.id))
    db_session.commit()


def answers_for(name: str, **pages: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The Alameda marijuana answers under another name (and any pages replaced)."""
    return {**MARIJUANA_IN_ALAMEDA, "/question/name": {"full_name": name, "other_names": ""}, **pages}


def start_resident(client: Any, event_id: int, language: str = "en") -> str:
    """Press "Start with a new person"; returns the first question's URL."""
    token = csrf_token_from(client.get(f"/clinic/events/{event_id}").get_data(as_text=True))
    response = client.post(f"/clinic/events/{event_id}/start", data={"csrf_token": token, "language": language})
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def help_resident(client_request: Any, event_id: int, name: str, language: str = "en",
                  read_language: str | None = None) -> None:
    """A whole resident, from "Start with a new person" to the consent read aloud and sent."""
    first = start_resident(client_request.client, event_id, language)
    answer_until(client_request, answers_for(name), first_url=first)
    client_request.post("/clinic/consent", {"read_language": read_language or language, "agreed": "y"})


def next_person(client: Any) -> Any:
    token = csrf_token_from(client.get("/clinic/sent").get_data(as_text=True))
    return client.post("/clinic/next-person", data={"csrf_token": token})


@pytest.fixture
def volunteer(make_user: Any) -> Any:
    """A volunteer of the Alameda public defender (import the fixture into a test module to use it)."""
    return make_user("volunteer", "alameda-public-defender", name="Val Volunteer")


@pytest.fixture
def event(db_session: Any, volunteer: Any) -> Any:
    """Today's event of the Alameda public defender, with `volunteer` invited."""
    found = make_event(db_session)
    invite(db_session, found, volunteer)
    return found
