"""POST /api/v1/packet: the screening body plus "applicant" (and optional "attorney") in, the filled forms out as PDF.

Reuses the screening parser (app.api.schema) and the packet service (app.packets); this module
only reads the packet-specific fields. Errors never echo submitted values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Response, current_app, jsonify, request

from app.api import bp
from app.api.schema import FieldError, TooLarge, UnreadableBody, read_json_body, read_screen_request
from app.eligibility import screen
from app.extensions import limiter
from app.packets import (
    MAX_STATEMENT_CHARS, Applicant, Attorney, NothingToFile, PacketChoices, PacketRenderTimeout, build_packet,
)

MAX_FIELD_LENGTH = 200
PACKET_RATE_LIMIT = "10/minute"  # each answer is a PDF render, heavier than a screening
LANGUAGES = ("en", "es")
APPLICANT_FIELDS = ("aka", "date_of_birth", "address", "city", "state", "zip", "phone", "email")
ATTORNEY_FIELDS = ("firm", "street", "city", "state", "zip", "phone", "email")
CHOICE_FLAGS = ("waive_original_judge", "waive_appearance")


@dataclass(frozen=True, slots=True)
class PacketExtras:
    applicant: Applicant
    attorney: Attorney | None
    choices: PacketChoices
    language: str


def read_packet_extras(body: dict[str, Any]) -> tuple[PacketExtras | None, list[FieldError]]:
    """The fields /packet adds to the screening body: applicant (required), attorney, choices, language."""
    errors: list[FieldError] = []

    def text(source: dict[str, Any], key: str, path: str, *, required: bool = False, limit: int = MAX_FIELD_LENGTH) -> str | None:
        value = source.get(key)
        if value is None or (isinstance(value, str) and not value.strip() and not required):
            if required:
                errors.append(FieldError(f"{path}.{key}", "is required"))
            return None
        if not isinstance(value, str) or not value.strip():
            errors.append(FieldError(f"{path}.{key}", "must be a non-empty string" if required else "must be a string or null"))
            return None
        if len(value) > limit:
            errors.append(FieldError(f"{path}.{key}", f"must be at most {limit} characters"))
            return None
        return value.strip()

    def section(key: str, *, required: bool) -> dict[str, Any] | None:
        value = body.get(key)
        if value is None:
            if required:
                errors.append(FieldError(key, "is required"))
            return None
        if not isinstance(value, dict):
            errors.append(FieldError(key, "must be an object" + ("" if required else " or null")))
            return None
        return value

    applicant = None
    if (raw := section("applicant", required=True)) is not None:
        name = text(raw, "name", "applicant", required=True)
        given = {key: text(raw, key, "applicant") for key in APPLICANT_FIELDS}
        # A field left out keeps the dataclass default (state "CA": these are California court papers).
        applicant = Applicant(name=name or "", **{key: value for key, value in given.items() if value is not None})

    attorney = None
    if (raw := section("attorney", required=False)) is not None:
        name = text(raw, "name", "attorney", required=True)
        bar_number = text(raw, "bar_number", "attorney", required=True)
        attorney = Attorney(name=name or "", bar_number=bar_number or "", **{key: text(raw, key, "attorney") for key in ATTORNEY_FIELDS})

    choices = PacketChoices()
    if (raw := section("choices", required=False)) is not None:
        for key in CHOICE_FLAGS:
            if not isinstance(raw.get(key, False), bool):
                errors.append(FieldError(f"choices.{key}", "must be true or false"))
        choices = PacketChoices(
            waive_original_judge=raw.get("waive_original_judge") is True,
            waive_appearance=raw.get("waive_appearance") is True,
            personal_statement=text(raw, "personal_statement", "choices", limit=MAX_STATEMENT_CHARS),
            good_cause_statement=text(raw, "good_cause_statement", "choices", limit=MAX_STATEMENT_CHARS),
        )

    language = body.get("language") or "en"
    if language not in LANGUAGES:
        errors.append(FieldError("language", f"must be one of {', '.join(LANGUAGES)}"))

    if errors or applicant is None:
        return None, errors
    return PacketExtras(applicant=applicant, attorney=attorney, choices=choices, language=language), []


def _errors(status: int, errors: list[FieldError]) -> tuple[Response, int]:
    return jsonify(errors=[error.to_dict() for error in errors]), status


def _rate_limit() -> str:
    return str(current_app.config.get("API_PACKET_RATE_LIMIT", PACKET_RATE_LIMIT))


@bp.post("/packet")
@limiter.limit(_rate_limit)
def packet() -> Response | tuple[Response, int]:
    try:
        body = read_json_body(request.stream, request.content_length)
    except UnreadableBody as unreadable:
        return _errors(unreadable.status, [FieldError(None, str(unreadable))])
    try:
        parsed, problems = read_screen_request(body, server_today=date.today())
    except TooLarge as too_large:
        return _errors(413, [FieldError(too_large.field, str(too_large))])
    extras, extra_problems = read_packet_extras(body) if isinstance(body, dict) else (None, [])
    if parsed is None or extras is None:
        return _errors(400, problems + extra_problems)

    screening = screen(parsed.person, parsed.convictions, parsed.today, parsed.arrests)
    try:
        pdf = build_packet(
            extras.applicant, parsed.convictions, screening, language=extras.language, attorney=extras.attorney,
            choices=extras.choices, today=parsed.today, arrests=parsed.arrests,
        )
    except NothingToFile:
        return _errors(422, [FieldError("convictions", "the screening calls for no petition, so there is nothing to file")])
    except PacketRenderTimeout:
        return _errors(503, [FieldError(None, "the packet took too long to render; try again with fewer convictions")])
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="petition-packet.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response
