"""Which application this browser holds: the session names it and how it was reached, never the resume token or
the answers. The intake pages and the clinic's volunteer pages share it."""
from __future__ import annotations

from flask import g, session

from app.applications import tokens
from app.models import Application

SESSION_KEY = "intake"
LEGACY_TOKEN_KEY = "intake_token"  # sessions from before issue 17 held the resume token itself
OPENED_BY_CODE = "code"
OPENED_AT_CLINIC = "clinic"


def current_application() -> Application | None:
    """The application this browser's session names, while its resume token has not been replaced."""
    if "application" not in g:
        if session.get(LEGACY_TOKEN_KEY):
            g.application = tokens.find_by_token(session.pop(LEGACY_TOKEN_KEY))
            if g.application is not None:
                remember(g.application, via="link")
        else:
            held = session.get(SESSION_KEY) or {}
            g.application = tokens.find_for_session(held.get("application"), held.get("fingerprint"))
    return g.application


def opened_via() -> str | None:
    return (session.get(SESSION_KEY) or {}).get("via")


def opened_by_code() -> bool:
    """Reached with the reference code and birth date only: enough to go on with a draft, not to take a sent
    application's papers (that needs the e-mailed link)."""
    return opened_via() == OPENED_BY_CODE


def opened_at_clinic() -> bool:
    """A volunteer's browser holds the application (app.clinic.shift checks the volunteer on every page)."""
    return opened_via() == OPENED_AT_CLINIC


def remember(application: Application, via: str) -> None:
    """This browser now holds `application`, reached `via` "start", "link", "code" or "clinic"."""
    session[SESSION_KEY] = {"application": application.id, "via": via,
                            "fingerprint": tokens.session_fingerprint(application)}
    session["language"] = application.language
    g.application = application


def forget() -> None:
    """The browser holds no application any more (deleted, or the next person at a clinic)."""
    session.pop(SESSION_KEY, None)
    g.pop("application", None)
