"""Log-in pages. Each view parses its form, calls one service function and renders or redirects."""
from __future__ import annotations

import datetime as dt
import time

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from app.audit import record_audit
from app.auth import accounts, bp, second_factor, service, sessions, tokens
from app.auth.decorators import staff_required
from app.auth.forms import CodeForm, ConfirmForm, EmailForm, LoginForm, NewPasswordForm
from app.extensions import db, limiter
from app.models import utcnow
from app.site.views import safe_next

# Per address; the per-account lockout (5 failures, 10 minutes) stops slower, spread-out guessing.
ATTEMPTS_PER_ADDRESS = "10 per minute"
# Where each role starts, when that area exists in this build; otherwise the account page.
ROLE_HOME_PATHS = {"admin": "/admin/", "attorney": "/partner/", "da": "/bulk/", "court": "/lookup/publish",
                   "volunteer": "/clinic/"}


@bp.before_app_request
def enforce_session_limits() -> ResponseReturnValue | None:
    """30 minutes idle or 12 hours in all, whichever comes first; any request counts as activity."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    now = time.time()
    reason = service.session_expiry(*sessions.timestamps(), now=now)
    if reason is None:
        sessions.touch(now)
        return None
    record_audit(current_user, f"session_expired_{reason}", "user", current_user.id)
    db.session.commit()
    sessions.end()
    flash(_("You were logged out because you were inactive for 30 minutes.") if reason == "idle"
          else _("You were logged out because you had been logged in for 12 hours."), "error")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?") if request.method == "GET" else None))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(ATTEMPTS_PER_ADDRESS, methods=["POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(_next_step())
    form = LoginForm()
    if form.validate_on_submit():
        now = utcnow()
        user = service.check_password(form.email.data, form.password.data, now)
        if user is not None:
            sessions.start(user)
            if not user.needs_second_factor:
                service.complete_login(user, now)
            return redirect(_next_step())
        form.form_errors.append(_("The email address or password is not right, or the account is locked after too "
                                  "many attempts. Try again, or wait 10 minutes."))
    return render_template("auth/login.html", form=form)


@bp.route("/second-factor", methods=["GET", "POST"], endpoint="second_factor")
@limiter.limit(ATTEMPTS_PER_ADDRESS, methods=["POST"])
def check_second_factor() -> ResponseReturnValue:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if sessions.second_factor_passed() or not current_user.needs_second_factor or service.must_enrol(current_user):
        return redirect(_next_step())
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        method = service.check_second_factor(current_user, form.code.data, now)
        if method is not None:
            _pass_second_factor(now, completes_login=True)
            if method == "recovery_code":
                flash(_("You used a recovery code. You have %(count)d left.",
                        count=len(current_user.recovery_codes)), "success")
            return redirect(_next_step())
        if service.is_locked(current_user, now):
            sessions.end()
            flash(_("Too many wrong codes. The account is locked for 10 minutes."), "error")
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("The code is not right. Enter the newest code from your app, or a recovery code "
                                  "you have not used before."))
    return render_template("auth/second_factor.html", form=form)


@bp.route("/enrol", methods=["GET", "POST"])
def enrol() -> ResponseReturnValue:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.totp_confirmed_at is not None:
        return redirect(_next_step())
    completes_login = service.must_enrol(current_user)
    secret = service.pending_totp_secret(current_user)
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        codes = service.confirm_enrolment(current_user, form.code.data, now)
        if codes is not None:
            _pass_second_factor(now, completes_login=completes_login)
            return render_template("auth/recovery_codes.html", codes=codes, continue_to=_next_step())
        form.code.errors.append(_("The code is not right. Enter the code your app shows now."))
    qr_code = second_factor.qr_code_svg(second_factor.provisioning_uri(current_user),
                                        title=_("QR code to scan with your authenticator app"))
    # segno draws the QR code as path data from the URI and escapes the title: no user text reaches the markup raw.
    return render_template("auth/enrol.html", form=form, qr_code=Markup(qr_code),  # nosec B704
                           secret_groups=[secret[i:i + 4] for i in range(0, len(secret), 4)])


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if ConfirmForm().validate_on_submit() and current_user.is_authenticated:
        accounts.log_out(current_user)
        sessions.end()
        flash(_("You have logged out."), "success")
    return redirect(url_for("auth.login"))


@bp.get("/account")
@staff_required()
def account() -> ResponseReturnValue:
    return render_template("auth/account.html")


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(ATTEMPTS_PER_ADDRESS, methods=["POST"])
def request_password_reset() -> ResponseReturnValue:
    form = EmailForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data)
        return render_template("auth/reset_requested.html", email=form.email.data)
    return render_template("auth/request_reset.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    return _choose_password(token, tokens.PASSWORD_RESET)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    return _choose_password(token, tokens.INVITATION)


def _choose_password(token: str, purpose: str) -> ResponseReturnValue:
    """Both links end the same way: a new password, then the ordinary log-in, second factor included."""
    user = tokens.user_from_token(token, purpose, utcnow())
    if user is None:
        return render_template("auth/link_invalid.html", purpose=purpose), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        accounts.set_password(user, form.password.data, purpose)
        if current_user.is_authenticated:
            sessions.end()
        flash(_("Your password is set. Log in with it now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/choose_password.html", form=form, purpose=purpose, user=user)


def _pass_second_factor(now: dt.datetime, *, completes_login: bool) -> None:
    """A right code, checked or just enrolled: one place, so both rotate the session and record the log-in alike.

    Enrolling from the account page (not to finish a log-in) passes the second factor but records no new log-in.
    """
    sessions.mark_second_factor_passed()
    if completes_login:
        service.complete_login(current_user, now)


def _next_step() -> str:
    """Where a user in the middle of logging in goes next: enrolment, the second factor, or their page."""
    if not current_user.is_authenticated:
        return url_for("auth.login")
    next_target = request.args.get("next")
    if service.must_enrol(current_user):
        return url_for("auth.enrol", next=next_target)
    if current_user.needs_second_factor and not sessions.second_factor_passed():
        return url_for("auth.second_factor", next=next_target)
    return safe_next(next_target) if next_target else _home_path(current_user.role)


def _home_path(role: str) -> str:
    path = ROLE_HOME_PATHS.get(role, "/")
    try:
        current_app.url_map.bind("").match(path, method="GET")
    except RequestRedirect:
        return path
    except HTTPException:  # that area is not part of this build (yet)
        return url_for("auth.account")
    return path
