"""POST /api/v1/screen with `arrests`: arrests that did not lead to a conviction (PC 851.91, docs/api.md)."""

from __future__ import annotations

from typing import Any

from app.api.schema import MAX_ARRESTS

URL = "/api/v1/screen"
DISMISSED = {"id": "a1", "county": "alameda", "arrest_date": "2015-03-04", "agency": "Oakland Police Department",
             "outcome": "dismissed", "offense": "PC 242"}


def screen(client: Any, *arrests: dict[str, Any], convictions: list[Any] | None = None) -> Any:
    return client.post(URL, json={"today": "2026-11-29", "convictions": convictions or [], "arrests": list(arrests)})


def test_an_arrest_only_person_gets_pc_851_91_sealing_on_cr_409(client: Any) -> None:
    answer = screen(client, DISMISSED).get_json()

    (arrest,) = answer["arrests"]
    (determination,) = arrest["determinations"]
    assert (arrest["id"], determination["remedy"], determination["outcome"], determination["form"]) == (
        "a1", "pc851_91", "eligible", "CR-409")


def test_an_arrest_carries_the_pc_851_93_note(client: Any) -> None:
    (arrest,) = screen(client, DISMISSED).get_json()["arrests"]

    assert [note["statute"] for note in arrest["automatic_relief"]] == ["PC 851.93"]


def test_a_body_without_arrests_answers_an_empty_arrests_list(client: Any) -> None:
    response = client.post(URL, json={"today": "2026-11-29", "convictions": []})

    assert response.status_code == 200
    assert response.get_json()["arrests"] == []


def test_an_unknown_outcome_is_refused_with_its_field(client: Any) -> None:
    response = screen(client, {**DISMISSED, "outcome": "pardoned"})

    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == ["arrests[0].outcome"]


def test_arrest_ids_must_be_unique(client: Any) -> None:
    response = screen(client, DISMISSED, DISMISSED)

    assert [error["field"] for error in response.get_json()["errors"]] == ["arrests[1].id"]


def test_too_many_arrests_is_413_naming_arrests(client: Any) -> None:
    many = [{**DISMISSED, "id": f"a{n}"} for n in range(MAX_ARRESTS + 1)]

    response = screen(client, *many)

    assert response.status_code == 413
    assert response.get_json()["errors"][0]["field"] == "arrests"


def test_the_openapi_document_describes_arrests(client: Any) -> None:
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]

    assert "arrests" in schemas["ScreenRequest"]["properties"]
    assert "arrests" in schemas["Screening"]["properties"]
    assert "pc851_91" in schemas["Determination"]["properties"]["remedy"]["enum"]
