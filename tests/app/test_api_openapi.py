"""GET /api/v1/openapi.json: an OpenAPI 3 document that describes every API route as it behaves."""

from __future__ import annotations

from typing import Any, Iterator

from app.api.openapi import openapi_document
from app.api.packet import read_packet_extras

SCHEMAS = "#/components/schemas/"
ERRORS = {"$ref": SCHEMAS + "Errors"}


def document(client: Any) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def test_every_api_route_is_described(app: Any, client: Any) -> None:
    paths = document(client)["paths"]
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}

    assert {("/api/v1/screen", "post"), ("/api/v1/packet", "post")} <= routes
    assert routes == {(path, method) for path, operations in paths.items() for method in operations}


def test_the_document_has_the_shape_of_openapi_3(client: Any) -> None:
    openapi = document(client)

    assert openapi["openapi"].startswith("3.") and openapi["info"]["title"] and openapi["info"]["version"]
    for operations in openapi["paths"].values():
        for operation in operations.values():
            assert operation["summary"] and operation["responses"]
            for status, response in operation["responses"].items():
                assert status.isdigit() and response["description"]
            if "requestBody" in operation:
                assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schemas = openapi["components"]["schemas"]
    unresolved = {ref for ref in references(openapi) if not ref.startswith(SCHEMAS) or ref[len(SCHEMAS):] not in schemas}
    assert unresolved == set()


def test_the_packet_answers_a_pdf_or_the_errors_shape(client: Any) -> None:
    packet = document(client)["paths"]["/api/v1/packet"]["post"]

    assert packet["requestBody"]["required"] is True
    assert packet["requestBody"]["content"]["application/json"]["schema"] == {"$ref": SCHEMAS + "PacketRequest"}
    responses = packet["responses"]
    assert responses["200"]["content"]["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    for status in ("400", "413", "422", "429", "503"):
        assert responses[status]["content"]["application/json"]["schema"] == ERRORS, status


def test_the_packet_request_is_the_screening_body_plus_the_applicant(client: Any) -> None:
    schemas = document(client)["components"]["schemas"]

    screening_body, extras = schemas["PacketRequest"]["allOf"]
    assert screening_body == {"$ref": SCHEMAS + "ScreenRequest"}
    assert extras["required"] == ["applicant"]
    assert set(extras["properties"]) == {"applicant", "attorney", "choices", "language"}
    assert schemas["Applicant"]["required"] == ["name"]
    assert schemas["Attorney"]["required"] == ["name", "bar_number"]


def test_a_packet_body_using_every_documented_field_is_accepted() -> None:
    schemas = openapi_document()["components"]["schemas"]

    def filled(schema: str) -> dict[str, Any]:
        return {key: True if spec.get("type") == "boolean" else "1234"
                for key, spec in schemas[schema]["properties"].items()}

    extras, errors = read_packet_extras({"applicant": filled("Applicant"), "attorney": filled("Attorney"),
                                         "choices": filled("PacketChoices"), "language": "es"})

    assert errors == []
    assert extras is not None and extras.attorney is not None and extras.choices.waive_appearance
