"""The resident's receipt (on screen, printed, or as a PDF page) and the event's batch of receipts and papers.

A receipt is in the resident's language, whatever the volunteer's: the reference code, how to go on or check at
home, what happens next, and the office that has the case with its phone number.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from markupsafe import Markup
from pypdf import PdfWriter

from app.applications.lifecycle import referrals_of
from app.clinic.forms import CONSENT_STATEMENT
from app.models import Application, ClinicEvent
from app.packets import NothingToFile
from app.packets.for_application import resident_packet
from app.packets.rendering import render_pdf


@dataclass(frozen=True)
class OfficeLine:
    name: str
    phone: str | None
    county: str


@dataclass(frozen=True)
class Receipt:
    reference: str
    full_name: str
    language: str
    submitted: bool
    resume_address: str
    event_name: str
    event_date: str
    offices: tuple[OfficeLine, ...]
    host_office: OfficeLine
    retention_days: int


def receipt_for(application: Application, event: ClinicEvent) -> Receipt:
    offices = tuple(OfficeLine(r.office.name, r.office.phone, r.county.name) for r in referrals_of(application))
    return Receipt(
        reference=application.reference,
        full_name=application.full_name or "",
        language=application.language,
        submitted=application.status != "draft",
        resume_address=current_app.config["BASE_URL"].rstrip("/") + url_for("intake.resume_by_code"),
        event_name=event.name,
        event_date=event.event_date.isoformat(),
        offices=offices,
        host_office=OfficeLine(event.office.name, event.office.phone, event.county.name),
        retention_days=current_app.config["DRAFT_RETENTION_DAYS"],
    )


def receipt_html(receipt: Receipt) -> Markup:
    """The receipt's words in the resident's language, for a page that is otherwise in the volunteer's."""
    with force_locale(receipt.language):
        return Markup(render_template("clinic/_receipt_body.html", receipt=receipt))  # nosec B704: an autoescaped template


def consent_statement(language: str) -> list[str]:
    with force_locale(language):
        return [str(sentence) for sentence in CONSENT_STATEMENT]


def receipt_pdf(receipt: Receipt) -> bytes:
    with force_locale(receipt.language):
        html = render_template("clinic/pdf/receipt.html", receipt=receipt, body=receipt_html(receipt))
    return render_pdf([html])


def resident_pdfs(application: Application, event: ClinicEvent) -> list[bytes]:
    """The receipt, then the court papers when the screening calls for any (a receipt alone otherwise)."""
    documents = [receipt_pdf(receipt_for(application, event))]
    if application.status != "draft":
        try:
            documents.append(resident_packet(application))
        except NothingToFile:
            pass
    return documents


def batch_pdf(applications: Iterable[Application], event: ClinicEvent) -> bytes:
    """Every resident's receipt and papers, in the order given, as one PDF to print."""
    writer = PdfWriter()
    for application in applications:
        for document in resident_pdfs(application, event):
            writer.append(io.BytesIO(document))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
