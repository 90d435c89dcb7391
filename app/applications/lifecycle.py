"""An application's life: the draft is created, its language kept, and the person may delete or withdraw it.

The retention deadline lives here because every saved change postpones it (app.applications.answers calls it).
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets

from flask import current_app
from sqlalchemy import delete, select

from app.applications.tokens import hash_token, new_reference, new_token, normalise_reference
from app.crypto import address_index
from app.extensions import db
from app.models import Application, Referral, utcnow


def retention_deadline() -> dt.datetime:
    """When a draft left untouched from now on is purged; every saved change sets it again."""
    return utcnow() + dt.timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def create_draft(language: str, source: str = "web") -> tuple[Application, str]:
    """A new, empty application and its secret resume token (stored only as a hash)."""
    application = Application(reference=new_reference(), status="draft", language=language, answers={}, source=source,
                              purge_after=retention_deadline())
    token = new_token(application)
    db.session.add(application)
    db.session.commit()
    return application, token


def set_language(application: Application, language: str) -> None:
    """The language chosen during the journey sticks to the application (emails, results, petition cover)."""
    if application.language != language:
        application.language = language
        db.session.commit()


def referrals_of(application: Application) -> list[Referral]:
    """The application's referrals to partner offices (one per county an office took), in the order they were made."""
    return list(db.session.scalars(select(Referral).where(Referral.application_id == application.id)
                                   .order_by(Referral.id)))


# The e-mails a resident receives; unsent ones go with the application (their context holds its reference).
RESIDENT_TEMPLATES = ("resume_link", "petition_link", "resident_confirmation", "resident_status_update")


def delete_application(application: Application) -> None:
    """The person's own right to erase: the row, its convictions, any referral to an office and any e-mail to them
    not yet sent go; nothing is kept."""
    from app.models.referrals import OutboxMessage

    for referral in referrals_of(application):
        db.session.delete(referral)
    if application.email:
        db.session.execute(delete(OutboxMessage).where(
            OutboxMessage.to_address_index == address_index(application.email), OutboxMessage.status != "sent",
            OutboxMessage.template.in_(RESIDENT_TEMPLATES)))
    db.session.delete(application)
    db.session.commit()


def withdraw_application(application: Application) -> None:
    """The person deletes their own application: a sent one's offices are told it was withdrawn (queued in the same
    transaction), then everything goes as in delete_application."""
    from app.referrals import notify_office_of_withdrawal

    for referral in referrals_of(application):
        notify_office_of_withdrawal(referral)
    delete_application(application)


DELETE_NONCE_MINUTES = 15


def issue_delete_nonce(application: Application) -> str:
    """The first of the two requests that delete a sent application: a one-time nonce, kept hashed on the row, that
    the confirmation form sends back. Issuing one replaces any earlier one."""
    nonce = secrets.token_urlsafe(24)
    application.delete_nonce_hash = hash_token(nonce)
    application.delete_nonce_expires_at = utcnow() + dt.timedelta(minutes=DELETE_NONCE_MINUTES)
    db.session.commit()
    return nonce


def delete_is_confirmed(application: Application, nonce: str | None, typed_reference: str | None) -> bool:
    """The second request: the live nonce from the confirmation page and the reference code typed again. Any try
    uses the nonce up, so each confirmation page allows one attempt."""
    expected, expires_at = application.delete_nonce_hash, application.delete_nonce_expires_at
    application.delete_nonce_hash = application.delete_nonce_expires_at = None
    db.session.commit()
    return bool(
        expected and nonce and expires_at and expires_at > utcnow()
        and hmac.compare_digest(expected, hash_token(nonce))
        and normalise_reference(typed_reference or "") == application.reference
    )
