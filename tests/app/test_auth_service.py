"""Log-in rules without a browser: lockout, TOTP, recovery codes, session limits, links. Time is passed in."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.auth import accounts, service, tokens
from app.models import AuditEvent, utcnow
from tests.support.staff_accounts import PASSWORD, code_at, give_password, give_totp

NOW = dt.datetime(2026, 11, 29, 12, 0, 0)


@pytest.fixture
def attorney(make_user, db_session):
    return give_password(make_user("attorney"), db_session)


def actions_for(db_session, user):
    return [e.action for e in db_session.scalars(select(AuditEvent).where(AuditEvent.user_id == user.id)
                                                 .order_by(AuditEvent.id))]


def fail_password(user, times, at=NOW):
    for _ in range(times):
        assert service.check_password(user.email, "wrong password, sorry", at) is None


# --- Password and lockout -------------------------------------------------------------------------------------------

def test_right_password_returns_the_account(attorney):
    assert service.check_password(attorney.email, PASSWORD, NOW) == attorney


def test_hash_with_older_argon2_parameters_is_upgraded_at_log_in(attorney, db_session):
    from argon2 import PasswordHasher

    attorney.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    db_session.commit()
    service.check_password(attorney.email, PASSWORD, NOW)
    assert not PasswordHasher().check_needs_rehash(attorney.password_hash)
    assert service.check_password(attorney.email, PASSWORD, NOW) == attorney


def test_email_address_is_matched_whatever_its_case(attorney):
    assert service.check_password("  " + attorney.email.upper(), PASSWORD, NOW) == attorney


def test_unknown_address_and_wrong_password_look_the_same(attorney):
    assert service.check_password("nobody@example.org", PASSWORD, NOW) is None
    assert service.check_password(attorney.email, "wrong password, sorry", NOW) is None


def test_attempt_with_an_unknown_address_is_audited_without_the_address(db_session):
    service.check_password("nobody@example.org", PASSWORD, NOW)
    event = db_session.scalars(select(AuditEvent)).one()
    assert (event.user_id, event.action, event.object_id) == (None, "login_failed_unknown_address", None)


def test_four_failures_do_not_lock_the_account(attorney):
    fail_password(attorney, 4)
    assert service.check_password(attorney.email, PASSWORD, NOW) == attorney


def test_five_failures_lock_the_account_even_against_the_right_password(attorney):
    fail_password(attorney, 5)
    assert service.is_locked(attorney, NOW)
    assert service.check_password(attorney.email, PASSWORD, NOW + dt.timedelta(minutes=9, seconds=59)) is None


def test_lockout_ends_after_ten_minutes(attorney):
    fail_password(attorney, 5)
    assert service.check_password(attorney.email, PASSWORD, NOW + dt.timedelta(minutes=10, seconds=1)) == attorney


def test_failures_and_lockout_are_audited(attorney, db_session):
    fail_password(attorney, 5)
    assert actions_for(db_session, attorney) == ["login_failed"] * 5 + ["account_locked"]


def test_disabled_account_cannot_log_in(attorney, db_session):
    attorney.active = False
    db_session.commit()
    assert service.check_password(attorney.email, PASSWORD, NOW) is None
    assert actions_for(db_session, attorney) == ["login_refused"]


def test_invited_account_without_a_password_cannot_log_in(make_user):
    invited = make_user("attorney")
    assert service.check_password(invited.email, "", NOW) is None


# --- Second factor --------------------------------------------------------------------------------------------------

def test_second_factor_is_required_for_attorneys_das_and_admins_only(make_user):
    assert [make_user(role).needs_second_factor for role in ("attorney", "da", "admin", "volunteer")] == [
        True, True, True, False]


def test_volunteer_who_enrolled_uses_the_second_factor_too(make_user, db_session):
    volunteer = make_user("volunteer")
    give_totp(volunteer, db_session)
    assert volunteer.needs_second_factor


def test_current_totp_code_is_accepted(attorney, db_session):
    totp = give_totp(attorney, db_session)
    assert service.check_second_factor(attorney, code_at(totp, NOW), NOW) == "totp"


def test_code_from_the_previous_step_is_accepted_for_clock_drift(attorney, db_session):
    totp = give_totp(attorney, db_session)
    assert service.check_second_factor(attorney, code_at(totp, NOW - dt.timedelta(seconds=30)), NOW) == "totp"


def test_code_two_steps_old_is_refused(attorney, db_session):
    totp = give_totp(attorney, db_session)
    assert service.check_second_factor(attorney, code_at(totp, NOW - dt.timedelta(seconds=60)), NOW) is None


def test_wrong_code_is_refused_and_counts_as_a_failure(attorney, db_session):
    totp = give_totp(attorney, db_session)
    wrong = f"{(int(code_at(totp, NOW)) + 1) % 1_000_000:06d}"
    assert service.check_second_factor(attorney, wrong, NOW) is None
    assert attorney.failed_logins == 1 and "second_factor_failed" in actions_for(db_session, attorney)


def test_a_used_code_cannot_be_replayed_within_its_window(attorney, db_session):
    totp = give_totp(attorney, db_session)
    code = code_at(totp, NOW)
    assert service.check_second_factor(attorney, code, NOW) == "totp"
    assert service.check_second_factor(attorney, code, NOW + dt.timedelta(seconds=20)) is None


def test_an_older_code_is_refused_once_a_newer_one_was_used(attorney, db_session):
    totp = give_totp(attorney, db_session)
    assert service.check_second_factor(attorney, code_at(totp, NOW), NOW) == "totp"
    older = code_at(totp, NOW - dt.timedelta(seconds=30))
    assert service.check_second_factor(attorney, older, NOW + dt.timedelta(seconds=1)) is None


def test_five_wrong_codes_lock_the_account(attorney, db_session):
    totp = give_totp(attorney, db_session)
    for _ in range(5):
        service.check_second_factor(attorney, "000000" if code_at(totp, NOW) != "000000" else "111111", NOW)
    assert service.check_second_factor(attorney, code_at(totp, NOW), NOW) is None
    assert service.is_locked(attorney, NOW)


def test_recovery_code_works_once(attorney, db_session):
    codes = service.confirm_enrolment(attorney, code_at(_enrolling(attorney), NOW), NOW)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert service.check_second_factor(attorney, codes[3], NOW) == "recovery_code"
    assert service.check_second_factor(attorney, codes[3], NOW) is None
    assert len(attorney.recovery_codes) == 9


def test_recovery_codes_are_stored_only_as_hashes(attorney, db_session):
    codes = service.confirm_enrolment(attorney, code_at(_enrolling(attorney), NOW), NOW)
    assert not set(codes) & set(attorney.recovery_codes)


def test_enrolment_refuses_a_wrong_confirmation_code(attorney):
    totp = _enrolling(attorney)
    wrong = f"{(int(code_at(totp, NOW)) + 1) % 1_000_000:06d}"
    assert service.confirm_enrolment(attorney, wrong, NOW) is None
    assert attorney.totp_confirmed_at is None


def test_enrolment_is_audited(attorney, db_session):
    service.confirm_enrolment(attorney, code_at(_enrolling(attorney), NOW), NOW)
    assert attorney.totp_confirmed_at == NOW
    assert "second_factor_enrolled" in actions_for(db_session, attorney)


def _enrolling(user):
    import pyotp

    return pyotp.TOTP(service.pending_totp_secret(user))


# --- Session limits -------------------------------------------------------------------------------------------------

MINUTE = 60.0


@pytest.mark.parametrize(("logged_in_minutes_ago", "seen_minutes_ago", "expected"), [
    (5, 1, None),
    (60, 29, None),
    (60, 31, "idle"),
    (11 * 60 + 59, 1, None),
    (12 * 60 + 1, 1, "absolute"),
])
def test_session_ends_after_30_idle_minutes_or_12_hours(logged_in_minutes_ago, seen_minutes_ago, expected):
    now = 1_800_000_000.0
    assert service.session_expiry(now - logged_in_minutes_ago * MINUTE, now - seen_minutes_ago * MINUTE, now) == expected


def test_session_without_timestamps_has_ended():
    assert service.session_expiry(None, None, 1_800_000_000.0) == "absolute"


# --- Links in e-mails -----------------------------------------------------------------------------------------------

def test_invitation_link_finds_its_account(make_user):
    invited = make_user("attorney")
    assert tokens.user_from_token(tokens.make_token(invited, tokens.INVITATION), tokens.INVITATION, utcnow()) == invited


def test_invitation_link_works_only_once(make_user):
    invited = make_user("attorney")
    token = tokens.make_token(invited, tokens.INVITATION)
    accounts.set_password(invited, PASSWORD, tokens.INVITATION)
    assert tokens.user_from_token(token, tokens.INVITATION, utcnow()) is None


def test_invitation_link_expires_after_seven_days(make_user):
    invited = make_user("attorney")
    token = tokens.make_token(invited, tokens.INVITATION)
    assert tokens.user_from_token(token, tokens.INVITATION, utcnow() + dt.timedelta(days=6, hours=23)) == invited
    assert tokens.user_from_token(token, tokens.INVITATION, utcnow() + dt.timedelta(days=7, minutes=1)) is None


def test_reset_link_expires_after_an_hour(attorney):
    token = tokens.make_token(attorney, tokens.PASSWORD_RESET)
    assert tokens.user_from_token(token, tokens.PASSWORD_RESET, utcnow() + dt.timedelta(minutes=61)) is None


def test_an_invitation_link_is_not_a_reset_link(make_user):
    invited = make_user("attorney")
    assert tokens.user_from_token(tokens.make_token(invited, tokens.INVITATION), tokens.PASSWORD_RESET, utcnow()) is None


def test_a_tampered_link_is_refused(attorney):
    token = tokens.make_token(attorney, tokens.PASSWORD_RESET)
    assert tokens.user_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), tokens.PASSWORD_RESET,
                                  utcnow()) is None


def test_disabling_an_account_voids_its_links(attorney, make_user, db_session):
    admin = make_user("admin")
    token = tokens.make_token(attorney, tokens.PASSWORD_RESET)
    accounts.set_active(admin, attorney, False)
    accounts.set_active(admin, attorney, True)
    assert tokens.user_from_token(token, tokens.PASSWORD_RESET, utcnow()) is None
