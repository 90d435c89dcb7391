"""POST /api/v1/packet against the contract in screening-api.md: the screening body plus an applicant, a PDF back."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from app.api.packet import read_packet_extras

URL = "/api/v1/packet"

COMPLETED_POSSESSION = {
    "id": "c1", "county": "Alameda", "case_number": "12-CR-3456", "offense": "HS 11357(b)", "level": "misdemeanor",
    "conviction_date": "2012-05-01", "sentence": "probation", "probation_completed": True, "probation_violated": False,
    "sentence_completed": True, "sentence_completed_date": "2013-05-01", "value_over_950": None,
}
SETTLED_PERSON = {
    "registered_sex_offender": False, "superstrike_prior": False, "on_probation_or_parole": False, "in_custody": False,
    "pending_charges": False,
}
APPLICANT = {"name": "Maria Example", "address": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94612",
             "phone": "510-555-0100", "email": "maria@example.org"}


def body(**changes: Any) -> dict[str, Any]:
    return {"today": "2026-11-29", "person": SETTLED_PERSON, "convictions": [COMPLETED_POSSESSION], "applicant": APPLICANT,
            **changes}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text(extraction_mode="layout") for page in PdfReader(BytesIO(data)).pages)


def test_packet_answers_with_a_pdf_download(client: Any) -> None:
    response = client.post(URL, json=body())
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]


def test_packet_holds_the_forms_the_screening_calls_for(client: Any) -> None:
    text = pdf_text(client.post(URL, json=body()).data)
    assert "CR-400 [New July 1, 2017]" in text and "CR-180 [Rev. January 1, 2024]" in text
    assert re.search(r"X\s+APPLICATION:", text)


def test_without_an_attorney_the_applicant_files_in_pro_per(client: Any) -> None:
    assert "Petitioner in pro per" in pdf_text(client.post(URL, json=body()).data)


def test_an_attorney_in_the_body_fills_the_attorney_caption(client: Any) -> None:
    attorney = {"name": "Ana Lawyer", "bar_number": "123456", "firm": "Example Public Defender"}
    text = pdf_text(client.post(URL, json=body(attorney=attorney)).data)
    assert re.search(r"STATE BAR NO\.:\s+123456", text) and "Petitioner Maria Example" in text


def test_language_es_gives_a_spanish_cover_sheet(client: Any) -> None:
    assert "Sus documentos para la corte" in pdf_text(client.post(URL, json=body(language="es")).data)


def test_a_missing_applicant_is_a_400_naming_the_field(client: Any) -> None:
    payload = body()
    del payload["applicant"]
    response = client.post(URL, json=payload)
    assert response.status_code == 400
    assert response.get_json() == {"errors": [{"field": "applicant", "message": "is required"}]}


def test_screening_errors_and_packet_errors_are_reported_together(client: Any) -> None:
    response = client.post(URL, json=body(convictions=[{**COMPLETED_POSSESSION, "conviction_date": "2012-13-01"}],
                                          applicant={"name": ""}))
    fields = {error["field"] for error in response.get_json()["errors"]}
    assert response.status_code == 400 and fields == {"convictions[0].conviction_date", "applicant.name"}


def test_nothing_to_file_is_a_422(client: Any) -> None:
    charged_again = {**SETTLED_PERSON, "pending_charges": True}
    prison_felony = {**COMPLETED_POSSESSION, "offense": "PC 288(a)", "level": "felony", "sentence": "state_prison"}
    response = client.post(URL, json=body(person=charged_again, convictions=[prison_felony]))
    assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "convictions"


def test_a_body_that_is_not_json_is_a_400(client: Any) -> None:
    response = client.post(URL, data=b"\xff not json", content_type="application/json")
    assert response.status_code == 400


def test_errors_never_echo_the_submitted_values(client: Any) -> None:
    response = client.post(URL, json=body(applicant={"name": "Maria Example", "phone": 5105550100}))
    assert response.status_code == 400 and b"5105550100" not in response.data


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"attorney": {"name": "Ana Lawyer"}}, "attorney.bar_number"),
        ({"choices": {"waive_appearance": "yes"}}, "choices.waive_appearance"),
        ({"choices": {"personal_statement": "x" * 9000}}, "choices.personal_statement"),
        ({"language": "fr"}, "language"),
    ],
)
def test_packet_fields_are_validated(extra: dict[str, Any], field: str) -> None:
    extras, errors = read_packet_extras({"applicant": {"name": "Maria Example"}, **extra})
    assert extras is None and [error.field for error in errors] == [field]


def test_choices_reach_the_packet() -> None:
    extras, _ = read_packet_extras({"applicant": {"name": "Maria"}, "choices": {"waive_appearance": True,
                                                                                 "personal_statement": " My words. "}})
    assert extras is not None and extras.choices.waive_appearance and extras.choices.personal_statement == "My words."


def test_a_body_over_one_megabyte_is_a_413(client: Any) -> None:
    oversized = body(applicant={**APPLICANT, "aka": "x" * (1024 * 1024)})
    assert client.post(URL, json=oversized).status_code == 413


def test_an_applicant_who_leaves_out_the_state_files_as_a_california_resident() -> None:
    extras, _ = read_packet_extras({"applicant": {"name": "Maria", "city": "Fresno"}})
    assert extras is not None and extras.applicant.state == "CA" and extras.applicant.city == "Fresno"
