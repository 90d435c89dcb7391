"""Log-in rules, kept out of the views so they can be tested without a request: passwords, lockout, the second
factor, enrolment and the session time limits. Each function that changes an account audits and commits.

Time is always passed in (`now`), so tests move the clock instead of sleeping.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import func, select

from app.audit import record_audit
from app.auth import second_factor
from app.auth.passwords import verify_password
from app.extensions import db
from app.models import User

FAILURES_BEFORE_LOCKOUT = 5
LOCKOUT_DURATION = dt.timedelta(minutes=10)
IDLE_LIMIT = dt.timedelta(minutes=30)
ABSOLUTE_LIMIT = dt.timedelta(hours=12)

SecondFactorMethod = Literal["totp", "recovery_code"]
ExpiryReason = Literal["idle", "absolute"]


def find_user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(func.lower(User.email) == email.strip().lower())).first()


def is_locked(user: User, now: dt.datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def check_password(email: str, password: str, now: dt.datetime) -> User | None:
    """The account when the password is right and the account may log in; None otherwise, for every reason alike,
    so the caller cannot tell (and so cannot reveal) whether the address exists.

    A wrong password counts towards the lockout; a right one rehashes when the Argon2 parameters changed.
    """
    user = find_user_by_email(email)
    usable = user is not None and user.active and not is_locked(user, now)
    # Always one Argon2 verification (against a dummy hash when there is no usable account): same time either way.
    matches, new_hash = verify_password(user.password_hash if user is not None and usable else None, password)
    if user is None:
        record_audit(None, "login_failed_unknown_address", "user", None)
        db.session.commit()
        return None
    if not usable:
        record_audit(user, "login_refused", "user", user.id)
        db.session.commit()
        return None
    if not matches:
        _count_failure(user, now, "login_failed")
        db.session.commit()
        return None
    if new_hash:
        user.password_hash = new_hash
    record_audit(user, "password_accepted", "user", user.id)
    db.session.commit()
    return user


def check_second_factor(user: User, code: str, now: dt.datetime) -> SecondFactorMethod | None:
    """A TOTP code (not replayed) or an unused recovery code; wrong codes count towards the lockout."""
    if is_locked(user, now):
        record_audit(user, "second_factor_refused", "user", user.id)
        db.session.commit()
        return None
    method: SecondFactorMethod | None = None
    if second_factor.accept_totp(user, code, now):
        method = "totp"
    elif second_factor.use_recovery_code(user, code):
        method = "recovery_code"
    if method is None:
        _count_failure(user, now, "second_factor_failed")
    else:
        record_audit(user, "recovery_code_used" if method == "recovery_code" else "second_factor_passed", "user",
                     user.id)
    db.session.commit()
    return method


def complete_login(user: User, now: dt.datetime) -> None:
    """Both factors passed (or the only one the account has): the failure count starts again."""
    user.failed_logins = 0
    user.last_login_at = now
    record_audit(user, "login", "user", user.id)
    db.session.commit()


def must_enrol(user: User) -> bool:
    return user.needs_second_factor and user.totp_confirmed_at is None


def pending_totp_secret(user: User) -> str:
    """The secret shown during enrolment; kept on the account (unconfirmed) so reloading the page shows the same QR."""
    if user.totp_confirmed_at is not None:
        raise ValueError("the second factor is already set up; an admin must reset it first")
    if not user.totp_secret:
        user.totp_secret = second_factor.new_totp_secret()
        user.totp_last_step = None
        db.session.commit()
    return user.totp_secret


def confirm_enrolment(user: User, code: str, now: dt.datetime) -> list[str] | None:
    """The recovery codes (to show once) when the code proves the app was set up; None when the code is wrong."""
    if user.totp_confirmed_at is not None or not second_factor.accept_totp(user, code, now):
        return None
    user.totp_confirmed_at = now
    codes = second_factor.issue_recovery_codes(user)
    record_audit(user, "second_factor_enrolled", "user", user.id)
    db.session.commit()
    return codes


def session_expiry(logged_in_at: float | None, last_seen_at: float | None, now: float) -> ExpiryReason | None:
    """Why a session has ended (timestamps in seconds, as kept in the signed session cookie), or None."""
    if logged_in_at is None or now - logged_in_at > ABSOLUTE_LIMIT.total_seconds():
        return "absolute"
    if last_seen_at is None or now - last_seen_at > IDLE_LIMIT.total_seconds():
        return "idle"
    return None


def _count_failure(user: User, now: dt.datetime, action: str) -> None:
    user.failed_logins = (user.failed_logins or 0) + 1
    record_audit(user, action, "user", user.id)
    if user.failed_logins >= FAILURES_BEFORE_LOCKOUT:
        user.locked_until = now + LOCKOUT_DURATION
        user.failed_logins = 0
        record_audit(user, "account_locked", "user", user.id)
