from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, jsonify, redirect, request, session
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.clinic import shift
from app.extensions import db, limiter
from app.site import bp


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """For load balancers: 503 (not 500) when the database cannot answer, so the instance is taken out of rotation."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


def safe_next(target: str | None) -> str:
    """Only same-site paths: the switch must not become an open redirect.

    Browsers read a backslash as a slash, so "/\\evil.example" means "//evil.example": refused as well.
    """
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@bp.get("/language/<code>")
def switch_language(code: str):
    """A plain link (works without JavaScript); the choice persists in the session."""
    target = safe_next(request.args.get("next"))
    if code in current_app.config["LANGUAGES"]:
        if shift.on_shift() and (target == "/clinic" or target.startswith("/clinic/")):
            shift.set_own_language(code)  # a volunteer's own pages; the resident's questions keep theirs
        else:
            session["language"] = code
    return redirect(target)
