"""The attorneys' dashboard. Every route is for attorneys only and goes through `_own_referral`, so a referral of
another office is a 404 by any route or identifier (its existence is not revealed). Reads are audited here;
changes are audited by app.referrals."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.audit import record_audit
from app.auth.decorators import staff_required
from app.extensions import db
from app.models import REFERRAL_STATUSES, PartnerOffice, Referral
from app.packets import NothingToFile, PacketRenderTimeout
from app.partner import bp
from app.partner.answers import conviction_rows, person_rows
from app.partner.export import referrals_csv
from app.partner.forms import NoteForm, StatusForm, TransferForm
from app.partner.memo import OUTCOME_LABELS, screening_memo
from app.partner.packet import packet_expected, referral_packet
from app.referrals import (
    STATUS_LABELS,
    QueueFilter,
    add_note,
    change_status,
    mark_opened,
    office_counties,
    office_events,
    office_queue,
    office_queue_page,
    referral_for_office,
    status_counts,
    transfer,
    transfer_targets,
)


@bp.app_template_global()
def referral_status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@bp.get("/")
@staff_required("attorney")
def queue() -> str:
    office_id = current_user.office_id
    queue_filter = _queue_filter(request.args)
    record_audit(current_user, "referral.queue", "office", office_id)
    db.session.commit()
    return render_template(
        "partner/queue.html",
        queue_page=office_queue_page(office_id, queue_filter),
        counts=status_counts(office_id),
        counties=office_counties(office_id),
        events=office_events(office_id),
        queue_filter=queue_filter,
        statuses=REFERRAL_STATUSES,
    )


@bp.get("/export.csv")
@staff_required("attorney")
def export() -> Response:
    office_id = current_user.office_id
    # Written before the audit's commit, which would expire the loaded rows and reload each one (N+1 queries).
    body = referrals_csv(office_queue(office_id, _queue_filter(request.args)))
    record_audit(current_user, "referral.export", "office", office_id)
    db.session.commit()
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=referrals.csv"})


@bp.get("/referrals/<int:referral_id>")
@staff_required("attorney")
def referral(referral_id: int) -> str:
    found = _own_referral(referral_id)
    mark_opened(found, current_user)
    db.session.commit()
    return _referral_page(found)


@bp.post("/referrals/<int:referral_id>/status")
@staff_required("attorney")
def set_status(referral_id: int) -> Any:
    found = _own_referral(referral_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return _referral_page(found, status_form=form)
    event = change_status(found, form.status.data, current_user, notify_resident=form.notify_resident.data)
    db.session.commit()
    message = _("Status changed to “%(status)s”.", status=referral_status_label(event.to_status))
    if event.resident_notified:
        message += " " + _("The resident will receive an e-mail in their language.")
    elif form.notify_resident.data:
        message += " " + _("The resident gave no e-mail address, so no notice was sent.")
    flash(message, "success")
    return redirect(url_for("partner.referral", referral_id=found.id))


@bp.post("/referrals/<int:referral_id>/notes")
@staff_required("attorney")
def note(referral_id: int) -> Any:
    found = _own_referral(referral_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _referral_page(found, note_form=form)
    add_note(found, current_user, form.note.data)
    db.session.commit()
    flash(_("Note added."), "success")
    return redirect(url_for("partner.referral", referral_id=found.id) + "#history")


@bp.post("/referrals/<int:referral_id>/transfer")
@staff_required("attorney")
def transfer_referral(referral_id: int) -> Any:
    found = _own_referral(referral_id)
    form = TransferForm(transfer_targets(found))
    if not form.validate_on_submit():
        return _referral_page(found, transfer_form=form)
    to_office = db.session.get(PartnerOffice, form.office.data)
    transfer(found, to_office, current_user, reason=form.reason.data or "")
    db.session.commit()
    flash(_("Referral %(reference)s transferred to %(office)s.", reference=found.application.reference,
            office=to_office.name), "success")
    return redirect(url_for("partner.queue"))


@bp.get("/referrals/<int:referral_id>/packet.pdf")
@staff_required("attorney")
def packet(referral_id: int) -> Any:
    found = _own_referral(referral_id)
    try:
        pdf = referral_packet(found, current_user)
    except NothingToFile:
        flash(_("The screening calls for no petition on this county's convictions."), "error")
        return redirect(url_for("partner.referral", referral_id=found.id))
    except PacketRenderTimeout:
        flash(_("The packet took too long to prepare. Try again in a minute."), "error")
        return redirect(url_for("partner.referral", referral_id=found.id))
    record_audit(current_user, "referral.packet", "referral", found.id)
    db.session.commit()
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="packet-{found.application.reference}.pdf"'})


def _own_referral(referral_id: int) -> Referral:
    found = referral_for_office(referral_id, current_user.office_id)
    if found is None:
        abort(404)
    return found


def _referral_page(found: Referral, status_form: StatusForm | None = None, note_form: NoteForm | None = None,
                   transfer_form: TransferForm | None = None) -> str:
    """The referral page, with any form that failed validation shown again with its errors."""
    return render_template(
        "partner/referral.html",
        referral=found,
        application=found.application,
        memo=screening_memo(found.application, str(get_locale() or "en")),
        outcome_labels=OUTCOME_LABELS,
        packet_available=packet_expected(found),
        person_rows=person_rows(found.application),
        convictions=[(c, conviction_rows(c)) for c in found.application.convictions],
        status_form=status_form or StatusForm(formdata=None, data={"status": found.status}),
        note_form=note_form or NoteForm(formdata=None),
        transfer_form=transfer_form or TransferForm(transfer_targets(found), formdata=None),
        form=status_form or note_form or transfer_form,  # the layout prefixes the title with "Error:" for it
    )


def _queue_filter(args: Mapping[str, str]) -> QueueFilter:
    status = args.get("status")
    county = args.get("county", "")
    event = args.get("event", "")
    page = args.get("page", "")
    return QueueFilter(
        status=status if status in REFERRAL_STATUSES else None,
        search=args.get("q", "")[:200],
        county_id=int(county) if county.isdigit() and len(county) < 10 else None,
        event_id=int(event) if event.isdigit() and len(event) < 10 else None,
        page=int(page) if page.isdigit() and len(page) < 7 else 1,
    )
