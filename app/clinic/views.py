"""Clinic mode: the volunteers' pages and the events' pages for the attorneys and admins who run them.

Every route goes through `_event` (app.clinic.access.event_for), so another event, or an event after its help window,
is a 404 by any identifier. Every page is audited. The questionnaire itself is the public one, under the intake
blueprint; app.clinic.shift guards it while a volunteer holds a resident's application.
"""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.applications.facts import needs_good_cause
from app.applications.journey import first_unanswered
from app.applications.submission import ReadAloud, submit
from app.audit import record_audit
from app.auth import sessions
from app.auth.decorators import staff_required
from app.clinic import access, bp, export, receipts, service, shift
from app.clinic.forms import ClinicConsentForm, EventForm, InviteVolunteerForm, StartResidentForm
from app.extensions import db
from app.intake.forms import ActionForm
from app.intake.presenters import step_url
from app.models import Application, ClinicEvent, County, PartnerOffice, utcnow
from app.packets import PacketRenderTimeout

MANAGERS = ("admin", "attorney")
STAFF = ("admin", "attorney", "volunteer")


@bp.before_request
def start_the_shift() -> None:
    """From a volunteer's first clinic page on, their own pages keep their language (app.clinic.shift)."""
    if current_user.is_authenticated and current_user.role == "volunteer":
        shift.start()


@bp.app_context_processor
def clinic_page_context() -> dict[str, object]:
    """On a shift, every page tells the browser it is a shared device (no autofill of the last person's answers);
    questionnaire pages filled in for someone show the clinic banner."""
    if not shift.on_shift():
        return {}
    application = shift.resident_at_hand() if request.blueprint == "intake" else None
    event = application.clinic_event if application is not None else None
    banner = {"event_id": event.id, "event_name": event.name} if event is not None else None
    return {"shared_device": True, "clinic_banner": banner}


def _event(event_id: int, audited_as: str | None = None) -> ClinicEvent:
    """The event if the user may see it now (404 otherwise); with `audited_as`, the view is audited."""
    event = access.event_for(current_user, event_id, utcnow())
    if event is None:
        abort(404)
    if audited_as:
        record_audit(current_user, audited_as, "clinic_event", event.id)
        db.session.commit()
    return event


def _managed_event(event_id: int) -> ClinicEvent:
    """An event this admin or attorney runs (404 for another office's)."""
    event = _event(event_id)
    if not access.can_manage(current_user, event):
        abort(404)
    return event


def _pdf(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/")
@staff_required(*STAFF)
def home() -> str:
    record_audit(current_user, "clinic.home", "user", current_user.id)
    db.session.commit()
    if current_user.role == "volunteer":
        return render_template("clinic/home.html", events=access.volunteer_events(current_user, utcnow()),
                               managing=False, resident=shift.resident_at_hand())
    return render_template("clinic/home.html", events=access.managed_events(current_user), managing=True,
                           resident=None)


def _event_form() -> tuple[EventForm, list[PartnerOffice]]:
    """The event form with the offices and counties a manager may pick (an attorney: only their own office)."""
    form = EventForm()
    offices = list(db.session.scalars(select(PartnerOffice).order_by(PartnerOffice.name)))
    if current_user.role == "attorney":
        offices = [office for office in offices if office.id == current_user.office_id]
    form.office_id.choices = [SelectChoice(o.id, o.name) for o in offices]
    form.county_id.choices = [SelectChoice(c.id, c.name) for c in
                              db.session.scalars(select(County).where(County.participating).order_by(County.name))]
    return form, offices


def _event_details(form: EventForm) -> service.EventDetails:
    return service.EventDetails(
        name=form.name.data, event_date=form.event_date.value(), place=form.place.data,
        county=db.session.get(County, form.county_id.data), office=db.session.get(PartnerOffice, form.office_id.data),
        help_window_days=form.help_window_days.data)


@bp.route("/events/new", methods=["GET", "POST"])
@staff_required(*MANAGERS)
def new_event() -> Response | str:
    form, offices = _event_form()
    if request.method == "GET":
        form.help_window_days.data = service.default_help_window()
        if offices:
            form.county_id.data = offices[0].county_id
    if form.validate_on_submit():
        event = service.create_event(current_user, _event_details(form))
        flash(_("Event created. Now invite the volunteers."), "success")
        return redirect(url_for("clinic.event", event_id=event.id))
    return render_template("clinic/new_event.html", form=form, heading=_("Create a clinic event"),
                           button=_("Create the event"), back=url_for("clinic.home"))


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@staff_required(*MANAGERS)
def edit_event(event_id: int) -> Response | str:
    """The event's details changed by who runs it; the people already helped stay with it."""
    found = _managed_event(event_id)
    form, _offices = _event_form()
    if request.method == "GET":
        form.name.data, form.place.data = found.name, found.place
        form.county_id.data, form.office_id.data = found.county_id, found.office_id
        form.help_window_days.data = found.help_window_days
        when = found.event_date
        form.event_date.day.data, form.event_date.month.data, form.event_date.year.data = (
            str(when.day), str(when.month), str(when.year))
    if form.validate_on_submit():
        service.update_event(current_user, found, _event_details(form))
        flash(_("The event's details were changed."), "success")
        return redirect(url_for("clinic.event", event_id=found.id))
    return render_template("clinic/new_event.html", form=form, heading=_("Change the event's details"),
                           button=_("Save the changes"), back=url_for("clinic.event", event_id=found.id))


@bp.get("/events/<int:event_id>")
@staff_required(*STAFF)
def event(event_id: int) -> str:
    return _event_page(_event(event_id, "clinic.event_viewed"), InviteVolunteerForm())


def _event_page(found: ClinicEvent, invite_form: InviteVolunteerForm) -> str:
    rows = export.event_rows(found)
    return render_template("clinic/event.html", event=found, rows=rows,
                           batch_parts=service.batch_parts(sum(1 for row in rows if row.status != "draft")),
                           managing=access.can_manage(current_user, found),
                           window_closes_on=service.window_closes_on(found),
                           start_form=StartResidentForm(language=shift.own_language()),
                           invite_form=invite_form, action_form=ActionForm(), resident=shift.resident_at_hand())


@bp.post("/events/<int:event_id>/volunteers")
@staff_required(*MANAGERS)
def invite(event_id: int) -> Response | str:
    found = _managed_event(event_id)
    form = InviteVolunteerForm()
    if form.validate_on_submit():
        try:
            user, created = service.invite_volunteer(current_user, found, form.email.data, form.name.data or "")
        except service.NotAVolunteer:
            form.email.errors.append(_("This address belongs to a staff account that is not a volunteer's"))
        else:
            flash(_("%(name)s was sent an invitation to choose a password and is invited to this event.",
                    name=user.name) if created else _("%(name)s is invited to this event.", name=user.name),
                  "success")
            return redirect(url_for("clinic.event", event_id=found.id))
    return _event_page(found, form)


@bp.post("/events/<int:event_id>/volunteers/<int:user_id>/remove")
@staff_required(*MANAGERS)
def remove_volunteer(event_id: int, user_id: int) -> Response:
    found = _managed_event(event_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    service.remove_volunteer(current_user, found, user_id)
    return redirect(url_for("clinic.event", event_id=found.id))


@bp.post("/events/<int:event_id>/start")
@staff_required("volunteer")
def start_resident(event_id: int) -> Response:
    """"Start with a new person": a fresh application in the person's language; nothing of the last one is kept."""
    found = _event(event_id)
    form = StartResidentForm()
    if not form.validate_on_submit():
        abort(400)
    shift.next_person()
    application = service.start_application(current_user, found, form.language.data)
    shift.begin_resident(application, found)
    return redirect(step_url(first_unanswered(application)))


def _resident_in_hand() -> tuple[Application, ClinicEvent]:
    """The resident the volunteer is helping now, and their event (404 when none)."""
    application = shift.resident_at_hand()
    if application is None or application.clinic_event is None:
        abort(404)
    found = _event(application.clinic_event_id)
    return application, found


@bp.route("/consent", methods=["GET", "POST"])
@staff_required("volunteer")
def consent() -> Response | str:
    """The statement the volunteer reads aloud; the volunteer records the person's agreement and the language."""
    application, found = _resident_in_hand()
    if application.status != "draft":
        return redirect(url_for("clinic.resident_sent"))
    form = ClinicConsentForm(read_language=application.language) if request.method == "GET" else ClinicConsentForm()
    late_prop47 = needs_good_cause(application)
    if form.validate_on_submit():
        submit(application, form.personal_statement.data,
               good_cause_statement=form.good_cause_statement.data if late_prop47 else None,
               read_aloud=ReadAloud(current_user.id, form.read_language.data))
        record_audit(current_user, "clinic.consent_recorded", "application", application.id)
        db.session.commit()
        return redirect(url_for("clinic.resident_sent"))
    record_audit(current_user, "clinic.consent_viewed", "application", application.id)
    db.session.commit()
    return render_template("clinic/consent.html", form=form, application=application, event=found,
                           late_prop47=late_prop47, statement=receipts.consent_statement(application.language))


@bp.get("/sent")
@staff_required("volunteer")
def resident_sent() -> Response | str:
    """After sending: the receipt to print, the papers, and "next person"."""
    application, found = _resident_in_hand()
    if application.status == "draft":
        return redirect(url_for("clinic.consent"))
    record_audit(current_user, "clinic.receipt_viewed", "application", application.id)
    db.session.commit()
    return render_template("clinic/sent.html", receipt_html=_receipt_html(application, found), event=found,
                           application=application, action_form=ActionForm())


@bp.route("/finish-at-home", methods=["GET"])
@staff_required("volunteer")
def finish_at_home() -> str:
    """The person takes their code home and goes on there; the slip says how."""
    application, found = _resident_in_hand()
    record_audit(current_user, "clinic.handover_viewed", "application", application.id)
    db.session.commit()
    return render_template("clinic/finish_at_home.html", receipt_html=_receipt_html(application, found),
                           event=found, has_birth_date=application.date_of_birth is not None,
                           action_form=ActionForm())


@bp.post("/next-person")
@staff_required("volunteer")
def next_person() -> Response:
    """Forget the resident: the session holds no application, and the browser is told to drop its cache, so "back"
    re-asks the server, which has nothing to show."""
    if not ActionForm().validate_on_submit():
        abort(400)
    application = shift.resident_at_hand()
    event_id = application.clinic_event_id if application is not None else None
    shift.next_person()
    target = url_for("clinic.event", event_id=event_id) if event_id else url_for("clinic.home")
    response = redirect(target)
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.post("/end-shift")
@staff_required(*STAFF)
def end_shift() -> Response:
    """"End my shift": the resident and the volunteer are both forgotten; the next user starts from the log-in."""
    if not ActionForm().validate_on_submit():
        abort(400)
    language = shift.own_language()
    shift.next_person()
    record_audit(current_user, "clinic.shift_ended", "user", current_user.id)
    db.session.commit()
    sessions.end()
    session["language"] = language
    flash(_("Your shift has ended and you are logged out. Nothing of the people you helped is left on this "
            "computer."), "success")
    response = redirect(url_for("auth.login"))
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.get("/events/<int:event_id>/applications/<int:application_id>/receipt")
@staff_required(*STAFF)
def receipt(event_id: int, application_id: int) -> str:
    found, application = _event_application(event_id, application_id, "clinic.receipt_viewed")
    receipt = receipts.receipt_for(application, found)
    return render_template("clinic/receipt.html", receipt=receipt, receipt_html=receipts.receipt_html(receipt),
                           event=found, application=application)


def _event_application(event_id: int, application_id: int, audited_as: str) -> tuple[ClinicEvent, Application]:
    """An application of an event the user may see (404 otherwise), its view audited."""
    found = _event(event_id)
    application = access.application_for(found, application_id)
    if application is None:
        abort(404)
    record_audit(current_user, audited_as, "application", application.id)
    db.session.commit()
    return found, application


def _receipt_html(application: Application, found: ClinicEvent):  # type: ignore[no-untyped-def]
    return receipts.receipt_html(receipts.receipt_for(application, found))


@bp.get("/events/<int:event_id>/applications/<int:application_id>/papers.pdf")
@staff_required(*STAFF)
def papers(event_id: int, application_id: int) -> Response:
    """One resident's receipt and court papers as one PDF."""
    found, application = _event_application(event_id, application_id, "clinic.papers_downloaded")
    return _rendered(lambda: receipts.batch_pdf([application], found), f"clinic-{application.reference}.pdf", found)


@bp.get("/events/<int:event_id>/batch.pdf")
@staff_required(*STAFF)
def batch(event_id: int) -> Response:
    """Every sent application's receipt and papers, in the order people were helped, to print at once (in parts of
    service.BATCH_PART_SIZE people on a busy day: `?part=2`)."""
    found = _event(event_id, "clinic.batch_downloaded")
    number = request.args.get("part", "1")
    part = service.batch_part(service.submitted_applications(found), int(number) if number.isdigit() else 0)
    if part is None:
        abort(404)
    suffix = f"-part-{number}" if number != "1" else ""
    return _rendered(lambda: receipts.batch_pdf(part, found), f"clinic-event-{found.id}{suffix}.pdf", found)


def _rendered(render, filename: str, found: ClinicEvent) -> Response:
    try:
        return _pdf(render(), filename)
    except PacketRenderTimeout:
        flash(_("The papers took too long to prepare. Try again in a minute."), "error")
        return redirect(url_for("clinic.event", event_id=found.id))


@bp.get("/events/<int:event_id>/export.csv")
@staff_required(*MANAGERS)
def export_csv(event_id: int) -> Response:
    """The day's list for the hosting office (attorneys of that office and admins only)."""
    found = _managed_event(event_id)
    body = export.event_csv(found)
    record_audit(current_user, "clinic.export", "clinic_event", found.id)
    db.session.commit()  # after the CSV is written: the commit would expire the rows it reads
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="clinic-event-{found.id}.csv"'})
