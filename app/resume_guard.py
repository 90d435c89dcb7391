"""Resuming by reference code and date of birth, guarded against guessing (docs/security.md has the arithmetic).

Three limits, all counted in the rate-limit storage that every worker shares (app.ratelimits):
- per client: RESUME_RATE_LIMIT on the form's POSTs (Flask-Limiter, in the view);
- per code: after RESUME_CODE_FAILURE_LIMIT wrong birth dates (e.g. 5/day) the code is locked for the rest of the
  window, whatever address the guesses come from. A locked code and a code that does not exist answer alike, so the
  lock tells nobody which codes exist. The e-mailed link still works for the owner;
- across clients: RESUME_FAILURE_ALARM failures (e.g. 50/hour) raise an alarm once per window: an audit entry and a
  warning in the log, for a human to look at; past RESUME_GLOBAL_FAILURE_LIMIT (e.g. 500/hour) resuming by code
  pauses for everyone until the window ends. That cap is what bounds guesses spread over many addresses; its price
  is that an attacker can pause resuming by code (never the e-mailed links), so it sits well above honest traffic.
"""
from __future__ import annotations

import datetime as dt
import logging

from flask import current_app
from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string

from app.applications import tokens
from app.audit import record_audit
from app.extensions import db
from app.models import Application

log = logging.getLogger(__name__)

ALARM_ACTION = "resume_failure_burst"


class CodeLocked(Exception):
    """Too many wrong birth dates for this code: it cannot be used until its window ends."""


class ResumePaused(Exception):
    """Too many failures across all clients: resuming by code waits until the window ends."""


def resume(reference: str, date_of_birth: dt.date | None) -> tuple[Application, str] | None:
    """The application and a fresh resume token, None for a wrong code or birth date; raises CodeLocked or
    ResumePaused (before the birth date is even compared)."""
    code = tokens.normalise_reference(reference)
    cap = parse(current_app.config["RESUME_GLOBAL_FAILURE_LIMIT"])
    if _storage().get(_key(cap, "cap")) >= cap.amount:
        raise ResumePaused()
    per_code = parse(current_app.config["RESUME_CODE_FAILURE_LIMIT"])
    if _storage().get(_key(per_code, "code", code)) >= per_code.amount:
        _count_failure_across_clients()
        raise CodeLocked(code)
    found = tokens.resume_by_reference(code, date_of_birth) if date_of_birth else None
    if found is None:
        _storage().incr(_key(per_code, "code", code), per_code.get_expiry())
        _count_failure_across_clients()
        return None
    _storage().clear(_key(per_code, "code", code))
    return found


def _count_failure_across_clients() -> None:
    cap = parse(current_app.config["RESUME_GLOBAL_FAILURE_LIMIT"])
    _storage().incr(_key(cap, "cap"), cap.get_expiry())
    alarm = parse(current_app.config["RESUME_FAILURE_ALARM"])
    failures = _storage().incr(_key(alarm, "all"), alarm.get_expiry())
    if failures == alarm.amount:  # incr is atomic: exactly one request, in one worker, sees the threshold
        log.warning("resume by code: %s failed attempts across all clients within %s; someone may be guessing "
                    "codes (audit action %s)", failures, alarm, ALARM_ACTION)
        record_audit(None, ALARM_ACTION, "resume_by_code", object_id=failures)
        db.session.commit()


def _key(limit: RateLimitItem, *parts: str) -> str:
    return limit.key_for(current_app.config["RATELIMIT_KEY_PREFIX"], "resume-failures", *parts)


def _storage() -> Storage:
    """One storage client per app, built from the same URI as the rate limits, so every worker shares the counts."""
    if "resume_guard_storage" not in current_app.extensions:
        current_app.extensions["resume_guard_storage"] = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
    return current_app.extensions["resume_guard_storage"]
