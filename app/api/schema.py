"""JSON body -> engine facts for POST /api/v1/screen (contract: docs/api.md).

Plain Python, no Flask: the web questionnaire can reuse it. Problems are collected, not raised,
so one answer names every bad field at once. Error messages never echo the submitted values,
which are criminal-history facts about a person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from app.eligibility import ARREST_OUTCOMES, LEVELS, SENTENCES, ArrestFacts, ConvictionFacts, Person
from app.json_limits import MAX_JSON_DEPTH, TooDeep, loads_bounded

MAX_BODY_BYTES = 1024 * 1024
BODY_TOO_LARGE = f"the body must be at most {MAX_BODY_BYTES} bytes"
MAX_CONVICTIONS = 200
MAX_ARRESTS = 50
MAX_ID_LENGTH = 100
MAX_OFFENSE_LENGTH = 500
MAX_TEXT_LENGTH = 100

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_COUNTIES_FILE = Path(__file__).resolve().parent.parent / "data" / "counties.json"
COUNTIES: dict[str, str] = {
    row["name"].casefold(): row["name"] for row in json.loads(_COUNTIES_FILE.read_text("utf-8"))["counties"]
}

PERSON_FLAGS: tuple[str, ...] = (
    "registered_sex_offender",
    "superstrike_prior",
    "on_probation_or_parole",
    "in_custody",
    "pending_charges",
    "partner_violence_survivor",
    "trafficking_survivor",
    "us_citizen",
    "veteran",
    "juvenile_case",
)
CONVICTION_FLAGS: tuple[str, ...] = (
    "probation_completed",
    "probation_violated",
    "sentence_completed",
    "value_over_950",
    "probation_terminated_early",
    "mandatory_supervision",
    "dej_dismissed",
    "trafficking_victim",
    "prison_term_suspended",
    "marijuana_over_limit",
    "fire_camp",
)


class TooLarge(Exception):
    """The request is over the API's limits (answered with 413); `field` names the list that is too long."""

    def __init__(self, message: str, field: str = "convictions") -> None:
        super().__init__(message)
        self.field = field


class UnreadableBody(Exception):
    """A body the API cannot read: over MAX_BODY_BYTES (`status` 413) or not UTF-8 JSON (400)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message}


@dataclass(slots=True)
class ScreenRequest:
    person: Person
    convictions: list[ConvictionFacts]
    today: date
    arrests: list[ArrestFacts] = field(default_factory=list)


@dataclass(slots=True)
class _Reader:
    """Reads one JSON object's fields, noting every problem under its dotted path."""

    errors: list[FieldError] = field(default_factory=list)

    def fail(self, path: str | None, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def flag(self, source: dict[str, Any], key: str, path: str) -> bool | None:
        value = source.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.fail(f"{path}.{key}", "must be true, false or null")
        return None

    def day(self, source: dict[str, Any], key: str, path: str, latest: date | None = None) -> date | None:
        value = source.get(key)
        if value is None:
            return None
        where = f"{path}.{key}" if path else key
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            self.fail(where, "must be a date written YYYY-MM-DD, or null")
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.fail(where, "is not a real calendar date")
            return None
        if latest is not None and parsed > latest:
            self.fail(where, "must not be after today")
            return None
        return parsed

    def choice(self, source: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]) -> str | None:
        value = source.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.lower() in allowed:
            return value.lower()
        self.fail(f"{path}.{key}", f"must be one of {', '.join(allowed)}, or null")
        return None

    def text(self, source: dict[str, Any], key: str, path: str, limit: int, required: bool = False) -> str | None:
        value = source.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{path}.{key}", "must be a non-empty string" if required else "must be a string or null")
            return None
        if len(value) > limit:
            self.fail(f"{path}.{key}", f"must be at most {limit} characters")
            return None
        return value


def read_json_body(stream: IO[bytes], declared_length: int | None) -> Any:
    """The decoded request body, for every endpoint that takes JSON. Raises UnreadableBody; never reads more than
    MAX_BODY_BYTES + 1 bytes, and nothing at all when the declared length is already too large."""
    if declared_length is not None and declared_length > MAX_BODY_BYTES:
        raise UnreadableBody(413, BODY_TOO_LARGE)
    raw = stream.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise UnreadableBody(413, BODY_TOO_LARGE)
    try:
        return loads_bounded(raw.decode("utf-8"))
    except TooDeep:
        raise UnreadableBody(400, f"the body must not nest arrays or objects more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError:
        raise UnreadableBody(400, "the body must be UTF-8 JSON") from None


def read_screen_request(body: Any, server_today: date) -> tuple[ScreenRequest | None, list[FieldError]]:
    """Validate a decoded body. Raises TooLarge past MAX_CONVICTIONS or MAX_ARRESTS; otherwise returns facts or errors."""
    reader = _Reader()
    if not isinstance(body, dict):
        reader.fail(None, "the body must be a JSON object")
        return None, reader.errors

    today = reader.day(body, "today", "") or server_today
    person = _read_person(reader, body.get("person"), today)

    convictions = _read_items(reader, body, "convictions", MAX_CONVICTIONS, _read_conviction, today, required=True)
    arrests = _read_items(reader, body, "arrests", MAX_ARRESTS, _read_arrest, today, required=False)

    if reader.errors:
        return None, reader.errors
    return ScreenRequest(person=person, convictions=convictions, today=today, arrests=arrests), []


def _read_items(reader: _Reader, body: dict[str, Any], key: str, limit: int,
                read_item: Callable[[_Reader, Any, str, date], Any], today: date, *, required: bool) -> list[Any]:
    """A list of convictions or arrests, each with an id unique within it. Raises TooLarge past `limit`."""
    raw = body.get(key)
    if raw is None and not required:
        return []
    if not isinstance(raw, list):
        reader.fail(key, "is required and must be a list" if required else "must be a list or null")
        return []
    if len(raw) > limit:
        raise TooLarge(f"at most {limit} {key} per request", key)
    items: list[Any] = []
    seen_ids: set[str] = set()
    for index, raw_item in enumerate(raw):
        item = read_item(reader, raw_item, f"{key}[{index}]", today)
        if item is None:
            continue
        if item.id in seen_ids:
            reader.fail(f"{key}[{index}].id", "must be unique within the request")
        seen_ids.add(item.id)
        items.append(item)
    return items


def _read_person(reader: _Reader, raw: Any, today: date) -> Person:
    if raw is None:
        return Person()
    if not isinstance(raw, dict):
        reader.fail("person", "must be an object or null")
        return Person()
    flags = {key: reader.flag(raw, key, "person") for key in PERSON_FLAGS}
    return Person(date_of_birth=reader.day(raw, "date_of_birth", "person", latest=today), **flags)


def _read_county(reader: _Reader, raw: dict[str, Any], path: str) -> str | None:
    county = reader.text(raw, "county", path, MAX_TEXT_LENGTH)
    if county is None:
        return None
    known = COUNTIES.get(county.strip().casefold())
    if known is None:
        reader.fail(f"{path}.county", "must be one of California's 58 counties, or null")
    return known


def _read_arrest(reader: _Reader, raw: Any, path: str, today: date) -> ArrestFacts | None:
    if not isinstance(raw, dict):
        reader.fail(path, "must be an object")
        return None
    errors_before = len(reader.errors)
    facts = ArrestFacts(
        id=reader.text(raw, "id", path, MAX_ID_LENGTH, required=True) or "",
        county=_read_county(reader, raw, path),
        arrest_date=reader.day(raw, "arrest_date", path, latest=today),
        agency=reader.text(raw, "agency", path, MAX_TEXT_LENGTH),
        outcome=reader.choice(raw, "outcome", path, ARREST_OUTCOMES),
        offense_text=reader.text(raw, "offense", path, MAX_OFFENSE_LENGTH) or "",
    )
    return facts if len(reader.errors) == errors_before else None


def _read_conviction(reader: _Reader, raw: Any, path: str, today: date) -> ConvictionFacts | None:
    if not isinstance(raw, dict):
        reader.fail(path, "must be an object")
        return None
    errors_before = len(reader.errors)
    conviction_id = reader.text(raw, "id", path, MAX_ID_LENGTH, required=True)
    offense_text = reader.text(raw, "offense", path, MAX_OFFENSE_LENGTH, required=True)
    county = _read_county(reader, raw, path)
    facts = ConvictionFacts(
        id=conviction_id or "",
        offense_text=offense_text or "",
        county=county,
        case_number=reader.text(raw, "case_number", path, MAX_TEXT_LENGTH),
        level=reader.choice(raw, "level", path, LEVELS),
        conviction_date=reader.day(raw, "conviction_date", path, latest=today),
        offense_date=reader.day(raw, "offense_date", path, latest=today),
        sentence=reader.choice(raw, "sentence", path, SENTENCES),
        sentence_completed_date=reader.day(raw, "sentence_completed_date", path),
        **{key: reader.flag(raw, key, path) for key in CONVICTION_FLAGS},
    )
    return facts if len(reader.errors) == errors_before else None
