"""POST /api/v1/screen and GET /api/v1/openapi.json against the contract in docs/api.md."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.eligibility import ENGINE_VERSION, OUTCOMES, REMEDIES

URL = "/api/v1/screen"

COMPLETED_POSSESSION = {
    "id": "c1",
    "county": "Alameda",
    "case_number": "12-CR-3456",
    "offense": "HS 11357(b)",
    "level": "misdemeanor",
    "conviction_date": "2012-05-01",
    "sentence": "probation",
    "probation_completed": True,
    "probation_violated": False,
    "sentence_completed": True,
    "sentence_completed_date": "2013-05-01",
    "value_over_950": None,
}
SETTLED_PERSON = {
    "date_of_birth": "1980-04-02",
    "registered_sex_offender": False,
    "superstrike_prior": False,
    "on_probation_or_parole": False,
    "in_custody": False,
    "pending_charges": False,
}


def body(**changes: Any) -> dict[str, Any]:
    return {"today": "2026-11-29", "person": SETTLED_PERSON, "convictions": [COMPLETED_POSSESSION], **changes}


def conviction(**changes: Any) -> dict[str, Any]:
    return {**COMPLETED_POSSESSION, **changes}


def errors_of(response: Any) -> list[dict[str, Any]]:
    return response.get_json()["errors"]


def test_contract_example_gives_prop64_dismiss_and_seal(client: Any) -> None:
    response = client.post(URL, json=body())

    assert response.status_code == 200
    answer = response.get_json()
    assert answer["engine_version"] == ENGINE_VERSION
    assert answer["today"] == "2026-11-29"
    result = answer["convictions"][0]
    assert result["id"] == "c1"
    assert result["offense"] == {
        "code": "HS", "section": "11357", "subdivision": "b",
        "label": "Possession of marijuana", "label_es": "Posesión de marihuana",
    }
    prop64 = result["determinations"][0]
    assert {key: prop64[key] for key in ("remedy", "outcome", "relief", "statute", "form", "missing")} == {
        "remedy": "prop64", "outcome": "eligible", "relief": "dismiss_and_seal",
        "statute": "HS 11361.8(e)", "form": "CR-400", "missing": [],
    }
    assert all(reason["en"] and reason["es"] for reason in prop64["reasons"])


def test_every_determination_uses_the_contract_vocabulary(client: Any) -> None:
    answer = client.post(URL, json=body()).get_json()

    for determination in answer["convictions"][0]["determinations"]:
        assert determination["remedy"] in REMEDIES
        assert determination["outcome"] in OUTCOMES


def test_automatic_relief_notes_name_the_conviction_and_statute(client: Any) -> None:
    answer = client.post(URL, json=body()).get_json()

    assert answer["automatic_relief"][0]["conviction"] == "c1"
    assert answer["automatic_relief"][0]["statute"] == "HS 11361.9"


def test_today_defaults_to_the_server_date(client: Any) -> None:
    from datetime import date

    answer = client.post(URL, json={"convictions": [COMPLETED_POSSESSION]}).get_json()

    assert answer["today"] == date.today().isoformat()


def test_unknown_person_facts_give_needs_review_naming_them(client: Any) -> None:
    felony = conviction(offense="11359 HS-POSSESS MARIJUANA FOR SALE", level="felony")

    answer = client.post(URL, json=body(person=None, convictions=[felony])).get_json()

    prop64 = answer["convictions"][0]["determinations"][0]
    assert prop64["outcome"] == "needs_review"
    assert "person.superstrike_prior" in prop64["missing"]


def test_unreadable_offense_is_screened_with_a_null_offense(client: Any) -> None:
    answer = client.post(URL, json=body(convictions=[conviction(offense="something I don't remember")])).get_json()

    result = answer["convictions"][0]
    assert result["offense"] is None
    assert all("offense" in d["missing"] for d in result["determinations"])


def test_county_is_accepted_in_any_case(client: Any) -> None:
    response = client.post(URL, json=body(convictions=[conviction(county="SAN JOAQUIN")]))

    assert response.status_code == 200


def test_no_csrf_token_is_needed(client: Any, make_app: Any) -> None:
    guarded = make_app(WTF_CSRF_ENABLED=True).test_client()

    assert guarded.post(URL, json=body()).status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param(body(convictions=None), "convictions", id="missing convictions list"),
        pytest.param(body(convictions={"c1": COMPLETED_POSSESSION}), "convictions", id="convictions not a list"),
        pytest.param(body(convictions=["HS 11357"]), "convictions[0]", id="conviction not an object"),
        pytest.param(body(convictions=[conviction(id=None)]), "convictions[0].id", id="missing id"),
        pytest.param(body(convictions=[conviction(id=7)]), "convictions[0].id", id="id not a string"),
        pytest.param(body(convictions=[conviction(offense=None)]), "convictions[0].offense", id="missing offense"),
        pytest.param(body(convictions=[conviction(offense="x" * 501)]), "convictions[0].offense", id="offense too long"),
        pytest.param(body(convictions=[conviction(level="serious")]), "convictions[0].level", id="level outside vocabulary"),
        pytest.param(body(convictions=[conviction(sentence="jail")]), "convictions[0].sentence", id="sentence outside vocabulary"),
        pytest.param(body(convictions=[conviction(county="Gotham")]), "convictions[0].county", id="not a California county"),
        pytest.param(body(convictions=[conviction(conviction_date="2021-02-30")]), "convictions[0].conviction_date", id="impossible date"),
        pytest.param(body(convictions=[conviction(conviction_date="05/01/2012")]), "convictions[0].conviction_date", id="date not ISO"),
        pytest.param(body(convictions=[conviction(conviction_date="2030-01-01")]), "convictions[0].conviction_date", id="conviction after today"),
        pytest.param(body(convictions=[conviction(sentence_completed="yes")]), "convictions[0].sentence_completed", id="flag not boolean"),
        pytest.param(body(convictions=[conviction(probation_violated=0)]), "convictions[0].probation_violated", id="number is not a boolean"),
        pytest.param(body(convictions=[conviction(), conviction()]), "convictions[1].id", id="duplicate ids"),
        pytest.param(body(person=[]), "person", id="person not an object"),
        pytest.param(body(person={"in_custody": "no"}), "person.in_custody", id="person flag not boolean"),
        pytest.param(body(person={"date_of_birth": "1980-13-01"}), "person.date_of_birth", id="impossible birth date"),
        pytest.param(body(today="yesterday"), "today", id="today not a date"),
        pytest.param([COMPLETED_POSSESSION], None, id="body not an object"),
    ],
)
def test_invalid_body_gives_400_naming_the_field(client: Any, payload: Any, field: str | None) -> None:
    response = client.post(URL, json=payload)

    assert response.status_code == 400
    assert field in [error["field"] for error in errors_of(response)]


def test_all_bad_fields_are_reported_at_once(client: Any) -> None:
    payload = body(convictions=[conviction(level="serious", sentence="jail")])

    fields = {error["field"] for error in errors_of(client.post(URL, json=payload))}

    assert fields == {"convictions[0].level", "convictions[0].sentence"}


def test_error_messages_do_not_echo_submitted_values(client: Any) -> None:
    response = client.post(URL, json=body(convictions=[conviction(case_number=12345678)]))

    assert response.status_code == 400
    assert "12345678" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"{not json", id="malformed JSON"),
        pytest.param(b"", id="empty body"),
        pytest.param(b"\xff\xfe\x00", id="not UTF-8"),
    ],
)
def test_body_that_is_not_json_gives_400(client: Any, raw: bytes) -> None:
    response = client.post(URL, data=raw, content_type="application/json")

    assert response.status_code == 400
    assert errors_of(response)[0]["message"]


def test_more_than_200_convictions_gives_413(client: Any) -> None:
    many = [conviction(id=f"c{index}") for index in range(201)]

    response = client.post(URL, json=body(convictions=many))

    assert response.status_code == 413
    assert errors_of(response)[0]["field"] == "convictions"


def test_exactly_200_convictions_are_screened(client: Any) -> None:
    many = [conviction(id=f"c{index}") for index in range(200)]

    response = client.post(URL, json=body(convictions=many))

    assert response.status_code == 200
    assert len(response.get_json()["convictions"]) == 200


def test_body_over_one_megabyte_gives_413(client: Any) -> None:
    padded = json.dumps(body(padding="x" * (1024 * 1024))).encode()

    response = client.post(URL, data=padded, content_type="application/json")

    assert response.status_code == 413
    assert "errors" in response.get_json()


def test_wrong_method_keeps_the_error_shape(client: Any) -> None:
    response = client.get(URL)

    assert response.status_code == 405
    assert errors_of(response)[0]["message"]


def test_requests_past_the_rate_limit_get_429(make_app: Any) -> None:
    limited = make_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="2/minute").test_client()

    statuses = [limited.post(URL, json=body()).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert errors_of(limited.post(URL, json=body()))[0]["message"]


def test_openapi_document_describes_the_screen_endpoint(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")

    document = response.get_json()
    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    assert "post" in document["paths"]["/api/v1/screen"]
    schemas = document["components"]["schemas"]
    assert schemas["Determination"]["properties"]["remedy"]["enum"] == list(REMEDIES)
