"""app.api.schema, the JSON body -> engine facts reader, without a request (the questionnaire reuses it)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from app.api.schema import (
    MAX_BODY_BYTES, MAX_CONVICTIONS, TooLarge, UnreadableBody, read_json_body, read_screen_request,
)
from app.eligibility import Person

SERVER_TODAY = date(2026, 11, 29)


def read(body: Any) -> Any:
    return read_screen_request(body, server_today=SERVER_TODAY)


def test_only_id_and_offense_are_required() -> None:
    parsed, errors = read({"convictions": [{"id": "c1", "offense": "HS 11357"}]})

    assert errors == []
    assert parsed.person == Person()
    assert parsed.today == SERVER_TODAY
    assert (parsed.convictions[0].id, parsed.convictions[0].offense_text) == ("c1", "HS 11357")
    assert parsed.convictions[0].level is None


def test_county_is_stored_in_its_canonical_spelling() -> None:
    parsed, _ = read({"convictions": [{"id": "c1", "offense": "x", "county": " san joaquin "}]})

    assert parsed.convictions[0].county == "San Joaquin"


def test_vocabulary_values_are_read_in_any_case() -> None:
    parsed, _ = read({"convictions": [{"id": "c1", "offense": "x", "level": "FELONY", "sentence": "State_Prison"}]})

    assert (parsed.convictions[0].level, parsed.convictions[0].sentence) == ("felony", "state_prison")


def test_body_today_is_used_for_date_checks() -> None:
    _, errors = read({"today": "2012-01-01", "convictions": [{"id": "c1", "offense": "x", "conviction_date": "2013-01-01"}]})

    assert [e.field for e in errors] == ["convictions[0].conviction_date"]


def test_sentence_completion_may_lie_ahead() -> None:
    """An expected end of sentence is a fact people know; the engine reads a future date as still serving."""
    parsed, errors = read({"convictions": [{"id": "c1", "offense": "x", "sentence_completed_date": "2027-06-01"}]})

    assert errors == [] and parsed.convictions[0].sentence_completed_date == date(2027, 6, 1)


def test_too_many_convictions_raise_too_large() -> None:
    with pytest.raises(TooLarge):
        read({"convictions": [{"id": f"c{i}", "offense": "x"} for i in range(MAX_CONVICTIONS + 1)]})


def test_a_body_declared_too_large_is_refused_before_any_of_it_is_read() -> None:
    stream = io.BytesIO(b"{}")
    with pytest.raises(UnreadableBody) as refused:
        read_json_body(stream, declared_length=MAX_BODY_BYTES + 1)

    assert refused.value.status == 413 and stream.tell() == 0


@pytest.mark.parametrize(("raw", "status"), [
    pytest.param(b"x" * (MAX_BODY_BYTES + 1), 413, id="longer than declared"),
    pytest.param(b"{", 400, id="not JSON"),
    pytest.param(b"\xff\xfe", 400, id="not UTF-8"),
])
def test_an_unreadable_body_is_refused_with_the_status_to_answer(raw: bytes, status: int) -> None:
    with pytest.raises(UnreadableBody) as refused:
        read_json_body(io.BytesIO(raw), declared_length=None)

    assert refused.value.status == status


def test_unknown_keys_are_ignored_for_forward_compatibility() -> None:
    parsed, errors = read({"convictions": [{"id": "c1", "offense": "x", "notes": "anything"}], "version": 2})

    assert errors == [] and len(parsed.convictions) == 1
