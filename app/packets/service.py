"""The packet service: application data in, PDF bytes out (no Flask, no database)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from app.eligibility.context import years_between
from app.eligibility.facts import ArrestFacts, ConvictionFacts
from app.eligibility.results import Screening
from app.packets.cover_text import LANGUAGES, cover_text
from app.packets.forms import FORMS
from app.packets.parties import Applicant, Attorney, OfficeContact, PacketChoices, caption_party
from app.packets.planning import CaseSet, plan_packet
from app.packets.rendering import render_html, render_pdf

MAX_STATEMENT_CHARS = 8000  # about three pages of MC-031; bounds the render time


class NothingToFile(ValueError):
    """The screening calls for no petition (every remedy was not_eligible)."""


def build_packet(
    applicant: Applicant,
    convictions: Sequence[ConvictionFacts],
    screening: Screening,
    *,
    language: str = "en",
    attorney: Attorney | None = None,
    choices: PacketChoices | None = None,
    office: OfficeContact | None = None,
    offices_by_county: Mapping[str, OfficeContact] | None = None,
    today: date,
    timeout_seconds: float | None = None,
    relief_granted: Collection[str] = (),
    arrests: Sequence[ArrestFacts] = (),
) -> bytes:
    """One set of forms per court case, each behind a cover sheet in the person's language.

    A person with cases in two counties is helped by two offices: `offices_by_county` names each county's office for
    its cover sheet; `office` is the fallback.
    """
    choices = choices or PacketChoices()
    for statement in (choices.personal_statement, choices.good_cause_statement):
        if statement is not None and len(statement) > MAX_STATEMENT_CHARS:
            raise ValueError(f"statement longer than {MAX_STATEMENT_CHARS} characters")
    case_sets = plan_packet(convictions, screening, today=today, relief_granted=relief_granted, arrests=arrests)
    if not case_sets:
        raise NothingToFile("the screening calls for no petition")
    documents = packet_html(
        case_sets, applicant, language=language, attorney=attorney, choices=choices, office=office, today=today,
        offices_by_county=offices_by_county,
    )
    return render_pdf(documents, timeout_seconds=timeout_seconds)


def packet_html(
    case_sets: Sequence[CaseSet],
    applicant: Applicant,
    *,
    language: str,
    attorney: Attorney | None,
    choices: PacketChoices,
    office: OfficeContact | None,
    today: date,
    offices_by_county: Mapping[str, OfficeContact] | None = None,
) -> list[str]:
    """The HTML of every document in the packet, in order; separate from rendering so it can be benchmarked and inspected."""
    lang = language if language in LANGUAGES else "en"
    text = cover_text(lang)
    party = caption_party(applicant, attorney)
    documents: list[str] = []
    for case_set in case_sets:
        common: dict[str, Any] = {
            "case": case_set,
            "party": party,
            "applicant": applicant,
            "court": case_set.court,
            "defendant": defendant_name(applicant),
            "case_number": case_set.case_number or "",
            "choices": choices,
            "today": today,
            "lang": "en",  # the court forms themselves are English-only
            "document_title": text["document_title"],
        }
        documents.append(
            render_html("cover.html", {**common, "form": None, "lang": lang, "t": text,
                                       "office": (offices_by_county or {}).get(case_set.county or "", office),
                                       "forms": FORMS})
        )
        for key in case_set.form_numbers:
            meta = FORMS[key]
            documents.append(render_html(meta.template, {**common, "form": meta,
                                                         **_form_specific(key, case_set, applicant, today)}))
    return documents


def defendant_name(applicant: Applicant) -> str:
    """Name as the caption shows it; another name the case was filed under helps the clerk find the file."""
    return f"{applicant.name}, aka {applicant.aka}" if applicant.aka else applicant.name


def _form_specific(key: str, case_set: CaseSet, applicant: Applicant, today: date) -> dict[str, Any]:
    if key in ("CR-180", "MC-025", "MC-031", "CR-181"):
        return {"request": case_set.cr180}
    if key in ("CR-400", "CR-401"):
        return {"request": case_set.cr400}
    if key == "PROP-47":
        return {"request": case_set.prop47}
    if key in ("CR-409", "CR-410"):
        return {"request": case_set.cr409}
    if key == "JV-595":
        birth = _parse_date(applicant.date_of_birth)
        return {"request": None, "date_of_birth": f"{birth:%m/%d/%Y}" if birth else "",
                "adult": birth is not None and years_between(birth, today) >= ADULT_AGE}
    return {"request": None}


ADULT_AGE = 18  # WIC 781(a): a person may ask once 18, or five years after the case ended


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
