"""Signed, expiring, single-use links for invitations and password resets.

A token is signed with the app's secret key and carries a fingerprint of the account's state (password hash,
session version, active flag). Setting a password changes that state, so the link cannot be used twice; an admin
disabling the account or logging it out everywhere also voids every link already sent. Nothing is stored.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.config import ConfigError, missing_secret_key_message
from app.extensions import db
from app.models import User

INVITATION = "invitation"
PASSWORD_RESET = "password-reset"
LIFETIMES = {INVITATION: dt.timedelta(days=7), PASSWORD_RESET: dt.timedelta(hours=1)}


def make_token(user: User, purpose: str) -> str:
    return _serializer(purpose).dumps({"user": user.id, "state": _state_fingerprint(user)})


def user_from_token(token: str, purpose: str, now: dt.datetime) -> User | None:
    """The account the link was made for, or None when it is forged, expired, already used or revoked."""
    try:
        payload, issued_at = _serializer(purpose).loads(token, return_timestamp=True)
    except BadSignature:
        return None
    if _as_naive_utc(now) - _as_naive_utc(issued_at) > LIFETIMES[purpose]:
        return None
    user = db.session.get(User, payload.get("user")) if isinstance(payload, dict) else None
    if user is None or not user.active or payload.get("state") != _state_fingerprint(user):
        return None
    return user


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    # The purpose is the salt: an invitation token is never accepted as a reset token, or the reverse.
    key = current_app.config["SECRET_KEY"]
    if not key:  # a `flask` command run in production without SECRET_KEY: no link may be signed
        raise ConfigError(missing_secret_key_message())
    return URLSafeTimedSerializer(key, salt=f"staff-{purpose}")


def _state_fingerprint(user: User) -> str:
    state = f"{user.password_hash or ''}|{user.session_version}|{user.active}"
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def _as_naive_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment
