"""The API contract for the routes beside the dismissals (issue 15): each person fact that raises a route, through
POST /api/v1/screen, gives that remedy with its outcome, relief and statute, and the OpenAPI description lists it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.test_api_screen import SETTLED_PERSON, URL, body, conviction

FELONY_PRISON = conviction(offense="PC 459", level="felony", sentence="state_prison", probation_completed=None,
                           sentence_completed=True, sentence_completed_date="2015-05-01")
ON_PAROLE = conviction(offense="PC 459", level="felony", sentence="state_prison", probation_completed=None,
                       sentence_completed=False, sentence_completed_date=None)

ROUTES = [
    pytest.param({"trafficking_survivor": True}, conviction(offense="PC 647(b)"),
                 ("pc236_14", "needs_review", "vacate", "PC 236.14(a)"), id="pc236_14 trafficking survivor"),
    pytest.param({"partner_violence_survivor": True}, conviction(offense="PC 459.5"),
                 ("pc236_15", "needs_review", "vacate", "PC 236.15(a)"), id="pc236_15 partner-violence survivor"),
    pytest.param({"us_citizen": False}, conviction(),
                 ("pc1473_7", "needs_review", "vacate", "PC 1473.7(a)(1)"), id="pc1473_7 not a citizen"),
    pytest.param({"veteran": True, "on_probation_or_parole": True}, ON_PAROLE,
                 ("pc1170_91", "needs_review", "resentence", "PC 1170.91(b)(1)"), id="pc1170_91 veteran serving a felony term"),
    pytest.param({"veteran": True}, conviction(offense="PC 459.5"),
                 ("pc1170_9", "needs_review", "dismiss", "PC 1170.9(h)"), id="pc1170_9 veteran after probation"),
    pytest.param({}, FELONY_PRISON, ("pc4852_01", "needs_review", "certificate_of_rehabilitation", "PC 4852.01"), id="pc4852_01 state prison felony"),
]


def determination_of(answer: dict[str, Any], remedy: str) -> dict[str, Any]:
    found = [d for d in answer["convictions"][0]["determinations"] if d["remedy"] == remedy]
    assert found, f"{remedy} missing from {[d['remedy'] for d in answer['convictions'][0]['determinations']]}"
    return found[0]


@pytest.mark.parametrize(("person", "subject", "expected"), ROUTES)
def test_a_person_fact_raises_its_route(client: Any, person: dict[str, Any], subject: dict[str, Any],
                                        expected: tuple[str | None, ...]) -> None:
    remedy, outcome, relief, statute = expected
    response = client.post(URL, json=body(person={**SETTLED_PERSON, **person}, convictions=[subject]))

    assert response.status_code == 200, response.get_json()
    found = determination_of(response.get_json(), remedy)
    assert (found["outcome"], found["relief"], found["statute"]) == (outcome, relief, statute)
    assert found["reasons"] and all(reason["en"] and reason["es"] for reason in found["reasons"])


def test_an_unanswered_private_question_raises_no_vacatur(client: Any) -> None:
    answer = client.post(URL, json=body(convictions=[conviction(offense="PC 647(b)")])).get_json()
    remedies = {d["remedy"]: d["outcome"] for d in answer["convictions"][0]["determinations"]}
    assert remedies.get("pc236_14", "not_eligible") == "not_eligible"


def test_the_openapi_description_lists_every_route(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    text = str(spec)
    for remedy in ("pc236_14", "pc236_15", "pc1473_7", "pc1170_91", "pc1170_9", "pc4852_01", "pc851_91", "wic781"):
        assert remedy in text, remedy
    assert "trafficking_survivor" in text
