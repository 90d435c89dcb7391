"""POST /api/v1/screen and GET /api/v1/openapi.json: thin views over app.api.schema and the engine."""

from __future__ import annotations

from datetime import date

from flask import Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from app.api import bp
from app.api.openapi import openapi_document
from app.api.schema import TooLarge, UnreadableBody, read_json_body, read_screen_request
from app.eligibility import screen
from app.extensions import limiter

DEFAULT_RATE_LIMIT = "60/minute"


def _rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def _errors(status: int, message: str, field: str | None = None) -> tuple[Response, int]:
    return jsonify(errors=[{"field": field, "message": message}]), status


@bp.post("/screen")
@limiter.limit(_rate_limit)
def screen_convictions() -> tuple[Response, int]:
    try:
        body = read_json_body(request.stream, request.content_length)
    except UnreadableBody as unreadable:
        return _errors(unreadable.status, str(unreadable))
    try:
        parsed, problems = read_screen_request(body, server_today=date.today())
    except TooLarge as too_large:
        return _errors(413, str(too_large), too_large.field)
    if parsed is None:
        return jsonify(errors=[problem.to_dict() for problem in problems]), 400
    result = screen(parsed.person, parsed.convictions, parsed.today, parsed.arrests)
    return jsonify(result.to_dict()), 200


@bp.get("/openapi.json")
def openapi() -> tuple[Response, int]:
    return jsonify(openapi_document()), 200


@bp.errorhandler(HTTPException)
def api_http_error(error: HTTPException) -> tuple[Response, int]:
    """Every API failure keeps the contract's shape, including 405, 413 and 429 raised outside the views."""
    return _errors(error.code or 400, error.description or error.name)
