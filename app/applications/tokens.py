"""Resume tokens and reference codes: how a person comes back to their application, and the e-mails that carry a link.

Only a token's hash is stored; the token itself is derived again from a per-row salt and SECRET_KEY whenever a page
or an e-mail needs the link.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Application


# Reference codes are read aloud and typed on phones: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def hash_token(token: str) -> str:
    """Only the hash is stored, so a database leak does not hand out resume links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_reference() -> str:
    """A short code a person can write down and read out, like "K7M-4QX"."""
    while True:
        raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"{raw[:3]}-{raw[3:]}"
        if db.session.scalar(select(Application.id).where(Application.reference == reference)) is None:
            return reference


def normalise_reference(typed: str) -> str:
    """People type "k7m4qx", "K7M 4QX" or "K7M-4QX": all mean the same code."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    return f"{raw[:3]}-{raw[3:]}" if len(raw) == 6 else raw


def find_by_token(token: str | None) -> Application | None:
    if not token:
        return None
    return db.session.scalar(select(Application).where(Application.token_hash == hash_token(token)))


def _derive_token(salt: str) -> str:
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), f"resume-link:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def new_token(application: Application) -> str:
    application.token_salt = secrets.token_hex(16)
    token = _derive_token(application.token_salt)
    application.token_hash = hash_token(token)
    return token


def rotate_token(application: Application) -> str:
    """A fresh resume token (after resuming by code); old links, and browsers holding the old one, stop working."""
    token = new_token(application)
    db.session.commit()
    return token


def resume_token(application: Application) -> str:
    """The application's current resume token, made again from its salt and SECRET_KEY: a page or an e-mail can show
    the link without the token being kept in the cookie or the outbox. A row older than the salt gets a new token."""
    if application.token_salt is None:
        return rotate_token(application)
    return _derive_token(application.token_salt)


def session_fingerprint(application: Application) -> str:
    """What a browser's session holds to name its application's current token: part of the token's hash, which
    opens nothing by itself, and changes when the token is replaced."""
    return application.token_hash[:16]


def find_for_session(application_id: Any, fingerprint: Any) -> Application | None:
    """The application a session names, if its token has not been replaced since."""
    if not isinstance(application_id, int) or not isinstance(fingerprint, str):
        return None
    application = db.session.get(Application, application_id)
    if application is None or not hmac.compare_digest(session_fingerprint(application), fingerprint):
        return None
    return application


def resume_by_reference(reference: str, date_of_birth: dt.date) -> tuple[Application, str] | None:
    """The short code plus date of birth bring a person back; a new token replaces the old link."""
    application = db.session.scalar(select(Application).where(Application.reference == normalise_reference(reference)))
    if application is None or application.date_of_birth != date_of_birth:
        return None
    return application, rotate_token(application)


def resume_url(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/resume/{token}"


def resume_url_of(reference: str) -> str:
    """The resume link of the application with this reference, made when an e-mail is sent (app.outbox)."""
    application = db.session.scalar(select(Application).where(Application.reference == reference))
    if application is None:
        raise LookupError(f"no application {reference}: its link cannot be sent")
    return resume_url(resume_token(application))


def queue_resume_link(application: Application, template: str = "resume_link") -> None:
    """Queued in the outbox (delivered with retries) in the caller's transaction; the caller commits. The row names
    the application; the link itself is made when the message is sent."""
    from app.outbox import RESUME_LINK_OF, enqueue

    if application.email:
        enqueue(to=application.email, template=template, language=application.language,
                context={"reference": application.reference, RESUME_LINK_OF: application.reference,
                         "retention_days": current_app.config["DRAFT_RETENTION_DAYS"]})


def email_resume_link(application: Application) -> None:
    """"Email me this link" on the save page: the resume link, queued and committed."""
    queue_resume_link(application)
    db.session.commit()


def email_petition_link(application: Application) -> None:
    """A submitted application resumed by code: its papers open from the link this sends to the person's address."""
    queue_resume_link(application, template="petition_link")
    db.session.commit()
