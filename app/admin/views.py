"""The admin area: offices, counties, users, and the lists that need an admin's eye (failed mail, unrouted
applications). Every change is audited and committed by the service function it calls."""
from __future__ import annotations

from typing import Callable

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager
from wtforms.fields.choices import SelectChoice

from app import outbox, referrals
from app.admin import bp
from app.admin.forms import CountiesForm, InviteForm, OfficeForm
from app.admin.offices import OfficeContacts, RoutingFields, routing_fields, set_participating_counties, update_office
from app.audit import record_audit
from app.auth import accounts
from app.auth.decorators import staff_required
from app.auth.forms import ConfirmForm
from app.extensions import db
from app.models import County, OutboxMessage, PartnerOffice, User, utcnow

OWNS_HOME_TO_FIELD = {"any": None, "yes": True, "no": False}
FIELD_TO_OWNS_HOME = {value: key for key, value in OWNS_HOME_TO_FIELD.items()}

# The buttons on a user's page: (service function, confirmation message).
USER_ACTIONS: dict[str, tuple[Callable[[User, User], None], object]] = {
    "disable": (lambda by, user: accounts.set_active(by, user, False), _l("The account is disabled.")),
    "enable": (lambda by, user: accounts.set_active(by, user, True), _l("The account is enabled.")),
    "reset-second-factor": (accounts.reset_second_factor,
                            _l("Their second factor is reset. They will set up a new app at their next log-in.")),
    "log-out-everywhere": (accounts.log_out_everywhere, _l("They are logged out everywhere.")),
    "resend-invitation": (accounts.resend_invitation, _l("A new invitation is on its way.")),
}


@bp.get("/")
@staff_required("admin")
def index() -> ResponseReturnValue:
    return render_template("admin/index.html", failed_mail=outbox.failed_count(), unrouted=referrals.unrouted_count())


@bp.get("/offices")
@staff_required("admin")
def offices() -> ResponseReturnValue:
    rows = db.session.scalars(select(PartnerOffice).join(PartnerOffice.county)
                              .options(contains_eager(PartnerOffice.county))  # the page names each one's county
                              .order_by(County.name, PartnerOffice.name))
    return render_template("admin/offices.html", offices=list(rows))


@bp.route("/offices/<int:office_id>", methods=["GET", "POST"])
@staff_required("admin")
def edit_office(office_id: int) -> ResponseReturnValue:
    office = db.session.get(PartnerOffice, office_id) or abort(404)
    rule = routing_fields(office.routing)
    form = OfficeForm(obj=office, priority=rule.priority, monthly_income_below=rule.monthly_income_below,
                      owns_home=FIELD_TO_OWNS_HOME[rule.owns_home])
    if form.validate_on_submit():
        update_office(current_user, office,
                      OfficeContacts(form.name.data.strip(), form.website.data, form.phone.data,
                                     form.notification_email.data),
                      live=form.live.data,
                      routing=RoutingFields(form.priority.data, form.monthly_income_below.data,
                                            OWNS_HOME_TO_FIELD[form.owns_home.data]))
        flash(_("The office is saved."), "success")
        return redirect(url_for("admin.offices"))
    return render_template("admin/office.html", form=form, office=office)


@bp.route("/counties", methods=["GET", "POST"])
@staff_required("admin")
def counties() -> ResponseReturnValue:
    all_counties = list(db.session.scalars(select(County).order_by(County.name)))
    form = CountiesForm(participating=[c.id for c in all_counties if c.participating])
    form.participating.choices = [SelectChoice(c.id, c.name) for c in all_counties]
    if form.validate_on_submit():
        changed = set_participating_counties(current_user, form.participating.data)
        flash(_("Saved. %(count)d counties changed.", count=len(changed)), "success")
        return redirect(url_for("admin.counties"))
    return render_template("admin/counties.html", form=form)


@bp.get("/users")
@staff_required("admin")
def users() -> ResponseReturnValue:
    rows = db.session.scalars(select(User).order_by(User.active.desc(), User.name))
    return render_template("admin/users.html", users=list(rows), now_utc=utcnow())


@bp.route("/users/invite", methods=["GET", "POST"])
@staff_required("admin")
def invite_user() -> ResponseReturnValue:
    form = InviteForm()
    form.office_id.choices = [SelectChoice(0, _("Choose an office"))] + [
        SelectChoice(o.id, o.name) for o in db.session.scalars(select(PartnerOffice).order_by(PartnerOffice.name))]
    form.county_id.choices = [SelectChoice(0, _("Choose a county"))] + [
        SelectChoice(c.id, c.name) for c in db.session.scalars(select(County).order_by(County.name))]
    if form.validate_on_submit():
        scope = accounts.SCOPE_BY_ROLE.get(form.role.data)
        try:
            user, _link = accounts.invite(
                current_user, form.email.data, form.name.data, form.role.data,
                office=db.session.get(PartnerOffice, form.office_id.data) if scope == "office" else None,
                county=db.session.get(County, form.county_id.data) if scope == "county" else None,
                bar_number=form.bar_number.data if form.role.data == "attorney" else None)
        except accounts.EmailAlreadyUsed:
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            flash(_("Invitation sent to %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.user_page", user_id=user.id))
    return render_template("admin/invite.html", form=form)


@bp.get("/users/<int:user_id>")
@staff_required("admin")
def user_page(user_id: int) -> ResponseReturnValue:
    account = db.session.get(User, user_id) or abort(404)
    return render_template("admin/user.html", account=account, now_utc=utcnow())


@bp.post("/users/<int:user_id>/<action>")
@staff_required("admin")
def user_action(user_id: int, action: str) -> ResponseReturnValue:
    account = db.session.get(User, user_id) or abort(404)
    if action not in USER_ACTIONS or not ConfirmForm().validate_on_submit():
        abort(400)
    change, message = USER_ACTIONS[action]
    try:
        change(current_user, account)
    except ValueError:
        flash(_("That change is not possible for this account."), "error")
    else:
        flash(str(message), "success")
    return redirect(url_for("admin.user_page", user_id=account.id))


@bp.get("/failed-mail")
@staff_required("admin")
def failed_mail() -> ResponseReturnValue:
    # The list shows residents' e-mail addresses: audited like the other admin lists of personal data.
    record_audit(current_user, "viewed_failed_mail", "outbox_message", None)
    db.session.commit()
    return render_template("admin/failed_mail.html", messages=outbox.failed_messages())


@bp.post("/failed-mail/<int:message_id>/retry")
@staff_required("admin")
def retry_mail(message_id: int) -> ResponseReturnValue:
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status != "failed" or not ConfirmForm().validate_on_submit():
        abort(404)
    outbox.requeue(message)
    record_audit(current_user, "mail_requeued", "outbox_message", message.id)
    db.session.commit()
    flash(_("The message will be tried again."), "success")
    return redirect(url_for("admin.failed_mail"))


@bp.get("/unrouted")
@staff_required("admin")
def unrouted() -> ResponseReturnValue:
    # Audited before the query: the commit would otherwise expire the loaded rows and reload each one.
    record_audit(current_user, "viewed_unrouted_applications", "application", None)
    db.session.commit()
    return render_template("admin/unrouted.html", applications=referrals.unrouted_applications())
