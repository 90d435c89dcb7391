"""Account lifecycle: invitations (there is no self-registration), password resets, and what an admin can do to
an account. Every change is audited and committed with the e-mail it causes (the outbox shares the transaction).
"""
from __future__ import annotations

import datetime as dt

from flask import current_app, url_for

from app.audit import record_audit
from app.auth import tokens
from app.auth.passwords import hash_password
from app.auth.service import find_user_by_email
from app.extensions import db
from app.models import County, PartnerOffice, User


# What scopes each role's access: attorneys and volunteers see their office's work, a DA their county's.
SCOPE_BY_ROLE = {"attorney": "office", "volunteer": "office", "da": "county", "court": "county"}


class EmailAlreadyUsed(ValueError):
    """Another account already has this e-mail address."""


class MissingScope(ValueError):
    """The role needs an office or a county (see SCOPE_BY_ROLE) and none was given."""


def invite(by: User | None, email: str, name: str, role: str, office: PartnerOffice | None = None,
           county: County | None = None, bar_number: str | None = None) -> tuple[User, str]:
    """Create the account without a password and e-mail a link to choose one; returns the account and the link
    (the command line prints it). `by` is None from the command line."""
    scope = SCOPE_BY_ROLE.get(role)
    if (scope == "office" and office is None) or (scope == "county" and county is None):
        raise MissingScope(f"a {role} needs a {scope}")
    if find_user_by_email(email) is not None:
        raise EmailAlreadyUsed(email)
    user = User(email=email.strip().lower(), name=name.strip(), role=role, office=office, county=county,
                bar_number=(bar_number or "").strip() or None, password_hash=None, active=True, session_version=0,
                failed_logins=0, recovery_codes=[])
    db.session.add(user)
    db.session.flush()
    link = _send_link(user, tokens.INVITATION, "staff_invitation", "auth.accept_invitation")
    record_audit(by, "user_invited", "user", user.id)
    db.session.commit()
    return user, link


def resend_invitation(by: User, user: User) -> None:
    """A new link for an invitation that expired; an account that already chose a password needs a reset instead."""
    if user.password_hash is not None:
        raise ValueError("this account has already accepted its invitation")
    _send_link(user, tokens.INVITATION, "staff_invitation", "auth.accept_invitation")
    record_audit(by, "invitation_resent", "user", user.id)
    db.session.commit()


def request_password_reset(email: str) -> None:
    """Sends a link only to an active account with a password; the caller shows the same page either way."""
    user = find_user_by_email(email)
    if user is None or not user.active or user.password_hash is None:
        return
    _send_link(user, tokens.PASSWORD_RESET, "password_reset", "auth.reset_password")
    record_audit(user, "password_reset_requested", "user", user.id)
    db.session.commit()


def set_password(user: User, password: str, purpose: str) -> None:
    """Used by both links. Bumping the session version logs out every other session and voids the link.

    It deliberately changes nothing about the second factor: the next log-in still asks for it.
    """
    user.password_hash = hash_password(password)
    user.session_version += 1
    record_audit(user, "invitation_accepted" if purpose == tokens.INVITATION else "password_reset", "user", user.id)
    db.session.commit()


def set_active(by: User, user: User, active: bool) -> None:
    if by.id == user.id and not active:
        raise ValueError("an admin cannot disable their own account")
    user.active = active
    user.session_version += 1
    record_audit(by, "user_enabled" if active else "user_disabled", "user", user.id)
    db.session.commit()


def reset_second_factor(by: User, user: User) -> None:
    """For a lost phone: the next log-in goes to enrolment. Old recovery codes stop working too."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.recovery_codes = []
    user.session_version += 1
    record_audit(by, "second_factor_reset", "user", user.id)
    db.session.commit()


def log_out_everywhere(by: User, user: User) -> None:
    """An admin ending every session of an account (a lost laptop, a suspicion)."""
    _end_all_sessions(by, user, "sessions_ended")


def log_out(user: User) -> None:
    """Logging out ends every session of the account: a copied cookie cannot be revoked on its own (see
    app/auth/sessions.py), so the session version is bumped."""
    _end_all_sessions(user, user, "logout")


def _end_all_sessions(by: User, user: User, action: str) -> None:
    user.session_version += 1
    record_audit(by, action, "user", user.id)
    db.session.commit()


def external_url(endpoint: str, **values: str) -> str:
    """Links in e-mails use BASE_URL, never the request's Host header (which a client can forge)."""
    base_url = current_app.config["BASE_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base_url):
        return url_for(endpoint, _external=True, **values)


def _send_link(user: User, purpose: str, template: str, endpoint: str) -> str:
    from app.outbox import enqueue  # the outbox adds its row to this session; we commit both together

    link = external_url(endpoint, token=tokens.make_token(user, purpose))
    lifetime = tokens.LIFETIMES[purpose]
    enqueue(to=user.email, template=template, language="en",
            context={"name": user.name, "role": user.role, "link": link,
                     "valid_hours": int(lifetime / dt.timedelta(hours=1))})
    return link
