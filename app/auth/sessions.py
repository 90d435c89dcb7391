"""The staff session, kept in Flask's signed session cookie.

What "rotating the session" means with a cookie session: there is no server-side session id to replace. The cookie
*is* the session, so at log-in (and again when the second factor is passed) we clear everything the cookie carried,
set a fresh random nonce, and write a new cookie. A cookie planted or read before log-in (session fixation) therefore
never becomes a logged-in session. What a cookie session cannot do is revoke one copy of a cookie on the server:
that is why log-out bumps the account's `session_version` (every copy, on every device, stops working), and why the
time limits are checked against timestamps inside the signed cookie, which a client cannot move.
"""
from __future__ import annotations

import secrets
import time

from flask import current_app, g, session
from flask_login import login_user, logout_user

from app.auth.decorators import SECOND_FACTOR_SESSION_KEY
from app.models import User

LOGIN_AT_KEY = "login_at"
LAST_SEEN_KEY = "last_seen"
NONCE_KEY = "session_nonce"
# Flask-Login's keys, plus ours, survive the second rotation; everything else is dropped.
_LOGIN_KEYS = ("_user_id", "_fresh", "_id", LOGIN_AT_KEY, LAST_SEEN_KEY)
_PREFERENCE_KEYS = ("language",)


def start(user: User, now: float | None = None) -> None:
    """The password was right: a brand-new session for this user, second factor not yet passed."""
    _rotate(keep=_PREFERENCE_KEYS)
    login_user(user, remember=False)
    moment = time.time() if now is None else now
    session[LOGIN_AT_KEY] = moment
    session[LAST_SEEN_KEY] = moment


def mark_second_factor_passed() -> None:
    _rotate(keep=_PREFERENCE_KEYS + _LOGIN_KEYS)
    session[SECOND_FACTOR_SESSION_KEY] = True


def second_factor_passed() -> bool:
    return bool(session.get(SECOND_FACTOR_SESSION_KEY))


def touch(now: float) -> None:
    session[LAST_SEEN_KEY] = now


def timestamps() -> tuple[float | None, float | None]:
    return session.get(LOGIN_AT_KEY), session.get(LAST_SEEN_KEY)


def end() -> None:
    logout_user()
    _rotate(keep=_PREFERENCE_KEYS)


def _rotate(keep: tuple[str, ...]) -> None:
    kept = {key: session[key] for key in keep if key in session}
    session.clear()
    session.update(kept)
    session[NONCE_KEY] = secrets.token_urlsafe(16)
    # Flask-WTF caches the CSRF token of the old session on `g`; the next form must get one for the new session.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
