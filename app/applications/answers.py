"""Saving answers page by page: each page's form data parsed into the answers JSON, `Conviction` rows and the typed
columns staff search, plus the county lists the pages offer."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.applications.facts import arrest_facts
from app.applications.journey import (
    ARRESTS_SUMMARY,
    CONVICTIONS_SUMMARY,
    STEPS,
    StepRef,
    arrest_at,
    arrests_of,
    conviction_at,
)
from app.applications.lifecycle import retention_deadline
from app.applications.tokens import queue_resume_link
from app.eligibility import parse_offense
from app.extensions import db
from app.models import Application, Conviction, County, PartnerOffice, utcnow


TRI_STATE = {"yes": True, "no": False}
NOT_LISTED = "not_listed"
NOT_SURE = "not_sure"
UNKNOWN = "unknown"


def tri_state(value: Any) -> bool | None:
    """"yes" / "no" / anything else ("unknown", "rather_not_say", blank) as True / False / None."""
    return TRI_STATE.get(value)


def date_from_parts(parts: dict[str, Any] | None) -> dt.date | None:
    """A whole date from day/month/year boxes, or None when any part is missing (the forms validate the rest)."""
    if not parts:
        return None
    try:
        return dt.date(int(parts.get("year")), int(parts.get("month")), int(parts.get("day")))
    except (TypeError, ValueError):
        return None


def _year_from_parts(parts: dict[str, Any] | None) -> int | None:
    try:
        return int((parts or {}).get("year"))
    except (TypeError, ValueError):
        return None


def clean_text(value: Any) -> Any:
    return value.strip() or None if isinstance(value, str) else value


def with_answers(application: Application, **changes: Any) -> None:
    """JSON columns do not notice in-place changes: build a new dict and assign it."""
    answers = copy.deepcopy(application.answers or {})
    answers.update(changes)
    application.answers = answers


def _apply_counties(application: Application, data: dict[str, Any]) -> None:
    with_answers(application, counties=list(data.get("counties") or []))


def _apply_name(application: Application, data: dict[str, Any]) -> None:
    application.full_name = clean_text(data.get("full_name"))
    with_answers(application, other_names=clean_text(data.get("other_names")))


def _apply_date_of_birth(application: Application, data: dict[str, Any]) -> None:
    application.date_of_birth = date_from_parts(data.get("date_of_birth"))


def _apply_contact(application: Application, data: dict[str, Any]) -> None:
    methods = list(data.get("methods") or [])
    application.email = clean_text(data.get("email")) if "email" in methods else None
    application.phone = clean_text(data.get("phone")) if {"phone", "text"} & set(methods) else None
    with_answers(application, contact={"methods": methods})


def _apply_address(application: Application, data: dict[str, Any]) -> None:
    with_answers(application, address={key: clean_text(data.get(key)) for key in ("street", "city", "state", "zip")})


def _situation(fact: str) -> Callable[[Application, dict[str, Any]], None]:
    def apply(application: Application, data: dict[str, Any]) -> None:
        situation = dict((application.answers or {}).get("situation", {}))
        situation[fact] = tri_state(data.get("answer"))
        with_answers(application, situation=situation)

    return apply


def _apply_income(application: Application, data: dict[str, Any]) -> None:
    household = dict((application.answers or {}).get("household", {}))
    amount = "".join(ch for ch in str(data.get("monthly_income") or "") if ch.isdigit())
    household["monthly_income"] = None if data.get("rather_not_say") or not amount else int(amount)
    with_answers(application, household=household)


def _apply_home(application: Application, data: dict[str, Any]) -> None:
    household = dict((application.answers or {}).get("household", {}))
    household["owns_home"] = tri_state(data.get("answer"))
    with_answers(application, household=household)


def _apply_hearing(application: Application, data: dict[str, Any]) -> None:
    choices = set(data.get("choices") or [])
    with_answers(application, petition={"waive_original_judge": "waive_original_judge" in choices,
                                        "waive_appearance": "waive_appearance" in choices})


def _apply_more_convictions(application: Application, data: dict[str, Any]) -> None:
    pass  # a list page (convictions, arrests) only records that the list is complete (in "pages")


PERSON_APPLIERS: dict[str, Callable[[Application, dict[str, Any]], None]] = {
    "counties": _apply_counties,
    "name": _apply_name,
    "date-of-birth": _apply_date_of_birth,
    "contact": _apply_contact,
    "address": _apply_address,
    "probation-or-parole": _situation("on_probation_or_parole"),
    "in-custody": _situation("in_custody"),
    "pending-charges": _situation("pending_charges"),
    "sex-offender-registration": _situation("registered_sex_offender"),
    "serious-felony": _situation("superstrike_prior"),
    "partner-violence": _situation("partner_violence_survivor"),
    "trafficking-survivor": _situation("trafficking_survivor"),
    "veteran": _situation("veteran"),
    "citizen": _situation("us_citizen"),
    "juvenile": _situation("juvenile_case"),
    "arrests": _situation("has_arrests"),
    "arrests-list": _apply_more_convictions,
    "any-convictions": _situation("has_convictions"),
    "convictions": _apply_more_convictions,
    "income": _apply_income,
    "home": _apply_home,
    "hearing": _apply_hearing,
}


def _offense_text(data: dict[str, Any]) -> str:
    """The offense page's answer: the typed code section, else the chosen one, else "" (unknown)."""
    chosen = data.get("offense")
    typed = clean_text(data.get("offense_code"))
    return (typed or ("" if chosen in (None, "", UNKNOWN) else chosen))[:200]


def _set_offense(conviction: Conviction, data: dict[str, Any]) -> None:
    text = _offense_text(data)
    conviction.offense_text = text
    parsed = parse_offense(text) if text else None
    conviction.code = parsed.code if parsed else None
    conviction.section = parsed.section if parsed else None
    conviction.subdivision = parsed.subdivision if parsed else None


def _set_date(conviction: Conviction, data: dict[str, Any]) -> None:
    parts = data.get("conviction_date")
    conviction.conviction_date = date_from_parts(parts)
    conviction.conviction_year = _year_from_parts(parts)


def _set_fact(name: str, parse: Callable[[Any], Any] = tri_state) -> Callable[[Conviction, dict[str, Any]], None]:
    """A conviction fact from a page's single `answer` field; facts without a column go in the `facts` JSON."""
    def apply(conviction: Conviction, data: dict[str, Any]) -> None:
        value = parse(data.get("answer"))
        if hasattr(Conviction, name):
            setattr(conviction, name, value)
        else:
            conviction.facts = {**(conviction.facts or {}), name: value}

    return apply


def _set_finished_date(conviction: Conviction, data: dict[str, Any]) -> None:
    conviction.sentence_completed_date = date_from_parts(data.get("finished_date"))


def _set_offense_date(conviction: Conviction, data: dict[str, Any]) -> None:
    """Kept in the facts JSON as ISO text (no column): asked only where Prop 47 or 64 turns on it."""
    offense_date = date_from_parts(data.get("offense_date"))
    conviction.facts = {**(conviction.facts or {}), "offense_date": offense_date.isoformat() if offense_date else None}


CONVICTION_APPLIERS: dict[str, Callable[[Conviction, dict[str, Any]], None]] = {
    "county": lambda conviction, data: setattr(conviction, "county", None if data.get("county") in (None, "", UNKNOWN)
                                               else data["county"]),
    "case-number": lambda conviction, data: setattr(conviction, "case_number", clean_text(data.get("case_number"))),
    "offense": _set_offense,
    "level": _set_fact("level", lambda v: None if v in (None, "", UNKNOWN) else v),
    "date": _set_date,
    "sentence": _set_fact("sentence", lambda v: None if v in (None, "", UNKNOWN) else v),
    "sentence-finished": _set_fact("sentence_completed"),
    "probation-completed": _set_fact("probation_completed"),
    "probation-ended-early": _set_fact("probation_terminated_early"),
    "value": _set_fact("value_over_950"),
    "probation-violated": _set_fact("probation_violated"),
    "finished-date": _set_finished_date,
    "mandatory-supervision": _set_fact("mandatory_supervision"),
    "trafficking": _set_fact("trafficking_victim"),
    "offense-date": _set_offense_date,
    "prison-suspended": _set_fact("prison_term_suspended"),
    "marijuana-amount": _set_fact("marijuana_over_limit"),
    "fire-camp": _set_fact("fire_camp"),
}


def _choice_or_none(value: Any) -> Any:
    return None if value in (None, "", UNKNOWN) else value


def _arrest_fact(name: str, field: str, parse: Callable[[Any], Any]) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    """An arrest fact `name` from the page's `field`, parsed; arrests live in the answers JSON (dates as ISO text)."""
    def apply(arrest: dict[str, Any], data: dict[str, Any]) -> None:
        arrest[name] = parse(data.get(field))

    return apply


def _iso_from_parts(parts: Any) -> str | None:
    day = date_from_parts(parts)
    return day.isoformat() if day else None


ARREST_APPLIERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], None]] = {
    "arrest-county": _arrest_fact("county", "county", _choice_or_none),
    "arrest-date": _arrest_fact("arrest_date", "arrest_date", _iso_from_parts),
    "arrest-offense": lambda arrest, data: arrest.update(offense_text=_offense_text(data)),
    "arrest-agency": _arrest_fact("agency", "agency", clean_text),
    "arrest-outcome": _arrest_fact("outcome", "answer", _choice_or_none),
}


def _save_arrest_page(application: Application, ref: StepRef, data: dict[str, Any]) -> None:
    """One arrest page; the page after the last arrest adds one (and the list is asked about again)."""
    arrests = copy.deepcopy(arrests_of(application))
    pages = dict(application.answers.get("pages", {}))
    index = ref.index or 1
    if index > len(arrests):
        arrests.append({"pages": {}})
        pages.pop(ARRESTS_SUMMARY.slug, None)
        index = len(arrests)
    arrest = arrests[index - 1]
    ARREST_APPLIERS[ref.slug](arrest, data)
    arrest.setdefault("pages", {})[ref.slug] = data
    with_answers(application, arrests=arrests, pages=pages)


def stored_answers(application: Application, ref: StepRef) -> dict[str, Any]:
    """What the person typed on this page last time, to fill the form again."""
    if ref.index is not None and ref.slug in STEPS and STEPS[ref.slug].per_arrest:
        return dict((arrest_at(application, ref.index) or {}).get("pages", {}).get(ref.slug, {}))
    if ref.index is None:
        return dict(application.answers.get("pages", {}).get(ref.slug, {}))
    conviction = conviction_at(application, ref.index)
    return dict((conviction.facts or {}).get("pages", {}).get(ref.slug, {})) if conviction else {}


def save_answers(application: Application, ref: StepRef, data: dict[str, Any]) -> None:
    """Store one page's answers at once (server-side, never in the cookie) and derive the typed facts from them.

    `data` is the page's cleaned form data (JSON-friendly: strings, lists, day/month/year dicts). A conviction page for
    the number after the last conviction adds that conviction. A newly given email address gets the resume link,
    queued in the same transaction.
    """
    if application.status != "draft":
        raise ApplicationLocked(application.reference)
    data = {key: value for key, value in data.items() if key not in ("csrf_token", "submit")}
    email_before = application.email
    if STEPS[ref.slug].per_arrest:
        _save_arrest_page(application, ref, data)
    elif ref.index is None:
        PERSON_APPLIERS[ref.slug](application, data)
        pages = dict(application.answers.get("pages", {}))
        pages[ref.slug] = data
        with_answers(application, pages=pages)
    else:
        conviction = conviction_at(application, ref.index) or add_conviction(application)
        CONVICTION_APPLIERS[ref.slug](conviction, data)
        facts = copy.deepcopy(conviction.facts or {})
        facts.setdefault("pages", {})[ref.slug] = data
        conviction.facts = facts
    if application.email and application.email != email_before:
        queue_resume_link(application)
    application.updated_at = utcnow()
    application.purge_after = retention_deadline()
    db.session.commit()


class ApplicationLocked(RuntimeError):
    """A submitted application's answers no longer change (the office already has them)."""


def add_conviction(application: Application) -> Conviction:
    """A new, empty conviction at the end of the list; the list changed, so "add another?" is asked again."""
    conviction = Conviction(position=len(application.convictions), offense_text="", facts={})
    application.convictions.append(conviction)
    pages = dict(application.answers.get("pages", {}))
    pages.pop(CONVICTIONS_SUMMARY.slug, None)
    with_answers(application, pages=pages)
    db.session.flush()
    return conviction


def remove_conviction(application: Application, index: int) -> None:
    conviction = conviction_at(application, index)
    if conviction is None or application.status != "draft":
        return
    application.convictions.remove(conviction)
    for position, remaining in enumerate(application.convictions):
        remaining.position = position
    _list_changed(application, CONVICTIONS_SUMMARY.slug)


def remove_arrest(application: Application, index: int) -> None:
    """Take arrest `index` (1-based) off a draft's list; the later ones move up a number, as convictions do."""
    if arrest_at(application, index) is None or application.status != "draft":
        return
    arrests = arrests_of(application)
    del arrests[index - 1]
    _list_changed(application, ARRESTS_SUMMARY.slug, arrests=arrests)


def _list_changed(application: Application, summary_slug: str, **changes: Any) -> None:
    """After an item is removed: the list page asks "add another?" again, and the change is saved."""
    pages = dict(application.answers.get("pages", {}))
    pages.pop(summary_slug, None)
    with_answers(application, pages=pages, **changes)
    application.updated_at = utcnow()
    application.purge_after = retention_deadline()  # a change like any other postpones the purge
    db.session.commit()


def county_names(application: Application) -> list[str]:
    """Every California county the person named, on the counties page or on a conviction."""
    named = [c for c in application.answers.get("counties", []) if c not in (NOT_LISTED, NOT_SURE)]
    named += [c.county for c in application.convictions if c.county]
    named += [arrest.county for arrest in arrest_facts(application) if arrest.county]
    return list(dict.fromkeys(named))


def household_questions_needed(application: Application) -> bool:
    """Routing needs income and home ownership only where a county's offices choose between them on those facts."""
    names = county_names(application)
    if not names:
        return False
    offices = db.session.scalars(
        select(PartnerOffice).join(County).where(County.name.in_(names), PartnerOffice.live.is_(True))
    ).all()
    return any((office.routing or {}).get("when") for office in offices)


def participating_counties() -> list[str]:
    return list(db.session.scalars(select(County.name).where(County.participating).order_by(County.name)))


def all_counties() -> list[str]:
    return list(db.session.scalars(select(County.name).order_by(County.name)))
