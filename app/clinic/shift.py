"""A volunteer's shift on a shared laptop: the resident at hand, the volunteer's own language, and the check on
every questionnaire page that this volunteer may still see this resident.

The resident's application is held the way a resident's own browser holds it (app.intake.resident_session), marked
"clinic"; the shift only adds the event and the volunteer's own language, which the pages of /clinic use while the
questionnaire speaks the resident's.
"""
from __future__ import annotations

from flask import current_app, has_request_context, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.audit import record_audit
from app.clinic.access import volunteer_may_open
from app.extensions import db
from app.intake.resident_session import OPENED_AT_CLINIC, current_application, forget, opened_at_clinic, remember
from app.models import Application, ClinicEvent, utcnow

SHIFT_KEY = "clinic"


def own_language() -> str:
    return (session.get(SHIFT_KEY) or {}).get("own_language") or session.get("language") \
        or current_app.config["BABEL_DEFAULT_LOCALE"]


def clinic_page_language() -> str | None:
    """On a shift, the clinic's own pages speak the volunteer's language while the questionnaire speaks the
    resident's (the locale selector asks this first)."""
    if has_request_context() and request.blueprint == "clinic" and on_shift():
        return own_language()
    return None


def set_own_language(code: str) -> None:
    session[SHIFT_KEY] = {**(session.get(SHIFT_KEY) or {}), "own_language": code}


def on_shift() -> bool:
    return SHIFT_KEY in session


def start() -> None:
    """A volunteer's first clinic page: from now on their own pages keep their language."""
    if SHIFT_KEY not in session:
        session[SHIFT_KEY] = {"own_language": own_language()}


def begin_resident(application: Application, event: ClinicEvent) -> None:
    """The browser now holds this resident's new application, in the resident's language."""
    session[SHIFT_KEY] = {"event": event.id, "own_language": own_language()}
    remember(application, via=OPENED_AT_CLINIC)


def resident_at_hand() -> Application | None:
    """The application the volunteer is filling in now, if any."""
    return current_application() if opened_at_clinic() else None


def next_person() -> None:
    """Nothing of the last resident stays in the session; the pages speak the volunteer's language again."""
    forget()
    session["language"] = own_language()


def guard_questionnaire() -> Response | None:
    """Before every questionnaire page: a clinic application is shown only to a volunteer invited to its event,
    while the help window is open; each page shown is audited like a staff view."""
    if not opened_at_clinic():
        return None
    application = current_application()
    if application is None or not volunteer_may_open(current_user, application, utcnow()):
        forget()
        return redirect(url_for("clinic.home"))
    record_audit(current_user, "clinic.questionnaire_viewed", "application", application.id)
    db.session.commit()
    return None
