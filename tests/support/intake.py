"""A resident's answers, page by page, and helpers that walk the questionnaire with them (test client or service)."""
from __future__ import annotations

from typing import Any

# URL path -> the form data a person sends on that page. A marijuana possession in Alameda, probation finished.
MARIJUANA_IN_ALAMEDA: dict[str, dict[str, Any]] = {
    "/question/counties": {"counties": ["Alameda"]},
    "/question/name": {"full_name": "Ana Example", "other_names": "Ana E."},
    "/question/date-of-birth": {"date_of_birth-day": "2", "date_of_birth-month": "4", "date_of_birth-year": "1980"},
    "/question/contact": {"methods": ["email"], "email": "ana@example.org", "phone": ""},
    "/question/address": {"street": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94612"},
    "/question/probation-or-parole": {"answer": "no"},
    "/question/in-custody": {"answer": "no"},
    "/question/pending-charges": {"answer": "no"},
    "/question/sex-offender-registration": {"answer": "no"},
    "/question/serious-felony": {"answer": "no"},
    "/question/partner-violence": {"answer": "no"},
    "/question/trafficking-survivor": {"answer": "no"},
    "/question/veteran": {"answer": "no"},
    "/question/citizen": {"answer": "yes"},
    "/question/juvenile": {"answer": "no"},
    "/question/arrests": {"answer": "no"},
    "/conviction/1/county": {"county": "Alameda"},
    "/conviction/1/case-number": {"case_number": "12-CR-3456"},
    "/conviction/1/offense": {"offense": "HS 11357", "offense_code": ""},
    "/conviction/1/level": {"answer": "misdemeanor"},
    "/conviction/1/date": {"conviction_date-day": "1", "conviction_date-month": "5", "conviction_date-year": "2012"},
    "/conviction/1/sentence": {"answer": "probation"},
    "/conviction/1/sentence-finished": {"answer": "yes"},
    "/conviction/1/probation-completed": {"answer": "yes"},
    "/conviction/1/probation-ended-early": {"answer": "no"},
    "/question/convictions": {"answer": "no"},
    "/conviction/1/probation-violated": {"answer": "no"},
    "/conviction/1/value": {"answer": "no"},
    "/conviction/1/finished-date": {},
    "/conviction/1/mandatory-supervision": {"answer": "no"},
    "/conviction/1/trafficking": {"answer": "no"},
    "/conviction/1/marijuana-amount": {"answer": "no"},
    "/conviction/1/prison-suspended": {"answer": "no"},
    "/conviction/1/offense-date": {},
    "/conviction/1/fire-camp": {"answer": "no"},
    "/question/income": {"monthly_income": "1800"},
    "/question/home": {"answer": "no"},
    "/question/hearing": {"choices": ["waive_appearance"]},
}

# A person whose only record is one arrest in Alameda whose charges were dismissed (PC 851.91).
ARREST_ONLY_IN_ALAMEDA: dict[str, dict[str, Any]] = {
    **{path: answer for path, answer in MARIJUANA_IN_ALAMEDA.items() if path.startswith("/question/")},
    "/question/arrests": {"answer": "yes"},
    "/arrest/1/arrest-county": {"county": "Alameda"},
    "/arrest/1/arrest-date": {"arrest_date-day": "4", "arrest_date-month": "3", "arrest_date-year": "2015"},
    "/arrest/1/arrest-offense": {"offense": "", "offense_code": "PC 242"},
    "/arrest/1/arrest-agency": {"agency": "Oakland Police Department"},
    "/arrest/1/arrest-outcome": {"answer": "dismissed"},
    "/question/arrests-list": {"answer": "no"},
    "/question/any-convictions": {"answer": "no"},
}

# A person whose only record is a juvenile case (WIC 781): no convictions, no arrests.
JUVENILE_ONLY: dict[str, dict[str, Any]] = {
    **{path: answer for path, answer in MARIJUANA_IN_ALAMEDA.items() if path.startswith("/question/")},
    "/question/juvenile": {"answer": "yes"},
    "/question/any-convictions": {"answer": "no"},
}


def only_application(db_session: Any) -> Any:
    """The one application the test made, read afresh."""
    from sqlalchemy import select

    from app.models import Application

    db_session.expire_all()
    return db_session.scalars(select(Application)).one()


def start(client: Any) -> str:
    """Press "Start now"; returns the first question's URL."""
    from tests.support.hygiene import csrf_token_from

    token = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post("/start", data={"csrf_token": token})
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def answer_until(client_request: Any, answers: dict[str, dict[str, Any]], stop_before: str | None = None,
                 first_url: str | None = None) -> str:
    """Answer every page the journey asks, from the first, until check answers or `stop_before`; returns where it
    stopped. Each page is fetched (hygiene-checked) and posted with its own CSRF token."""
    url = first_url or start(client_request.client)
    for _ in range(80):
        path = url.split("?")[0]
        if path == stop_before or path == "/check-answers":
            return url
        assert path in answers, f"the journey asked {path}, which the test has no answer for"
        client_request.get(url)
        url = client_request.post(url, answers[path]).headers["Location"]
    raise AssertionError("the journey did not end")
