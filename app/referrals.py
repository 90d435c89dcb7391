"""Referrals: which office works an application, and everything an office does with it.

Plain functions over the session: none commits, so each change and the notices it causes (written to the outbox)
are committed together by the caller, or not at all. Changes by staff are written to the audit log here, so no view
can forget to; reads are audited by the views that show them.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from app import outbox, search_index
from app.audit import record_audit
from app.extensions import db
from app.models import (
    FINISHED_STATUSES,
    REFERRAL_STATUSES,
    Application,
    ClinicEvent,
    County,
    OutboxMessage,
    PartnerOffice,
    Referral,
    ReferralEvent,
    User,
    utcnow,
)

log = logging.getLogger(__name__)

STATUS_LABELS = {
    "new": _l("New"),
    "in_review": _l("In review"),
    "needs_update": _l("Needs update"),
    "filed": _l("Filed"),
    "granted": _l("Granted"),
    "denied": _l("Denied"),
    "closed": _l("Closed"),
}

DEFAULT_STALE_DAYS = 14
# Offices that state no priority come after those that do.
UNSTATED_PRIORITY = 1_000


# --- Routing -------------------------------------------------------------------------------------------------------

# A fact the resident did not give (None) never satisfies a condition, so they fall to an office without one.


def _income_below(household: Mapping[str, Any], limit: int) -> bool:
    income = household.get("monthly_income")
    return income is not None and income < limit


def _owns_home_is(household: Mapping[str, Any], wanted: bool) -> bool:
    owns_home = household.get("owns_home")
    return owns_home is not None and owns_home == wanted


# What an office's `routing["when"]` may say, and how each condition is tested against the household facts.
CONDITIONS = {"monthly_income_below": _income_below, "owns_home": _owns_home_is}


def routing_errors(routing: Mapping[str, Any]) -> list[str]:
    """Problems with an office's routing rule (the seeded ones in app/data are tested with it): an unknown condition
    or a value of the wrong type would silently never match."""
    errors = []
    priority = routing.get("priority")
    if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool)):
        errors.append("priority must be a whole number")
    when = routing.get("when") or {}
    if not isinstance(when, dict):
        return [*errors, "when must be an object"]
    for name, value in when.items():
        if name not in CONDITIONS:
            errors.append(f"unknown condition {name!r} (known: {', '.join(sorted(CONDITIONS))})")
        elif name == "monthly_income_below" and (not isinstance(value, int) or isinstance(value, bool)):
            errors.append("monthly_income_below must be a whole number of dollars")
        elif name == "owns_home" and not isinstance(value, bool):
            errors.append("owns_home must be true or false")
    return errors


def office_matches(office: PartnerOffice, household: Mapping[str, Any]) -> bool:
    when = (office.routing or {}).get("when") or {}
    return all(name in CONDITIONS and CONDITIONS[name](household, value) for name, value in when.items())


def office_priority(office: PartnerOffice) -> tuple[int, int]:
    return ((office.routing or {}).get("priority", UNSTATED_PRIORITY), office.id or 0)


def choose_office(offices: Iterable[PartnerOffice], household: Mapping[str, Any]) -> PartnerOffice | None:
    """The live office with the best (lowest) priority whose conditions the household meets.

    If no office's conditions are met, the last in priority takes the referral: a county with a live office never
    leaves a resident without one.
    """
    live = sorted((o for o in offices if o.live), key=office_priority)
    if not live:
        return None
    return next((o for o in live if office_matches(o, household)), live[-1])


def household_facts(application: Application) -> dict[str, Any]:
    household = (application.answers or {}).get("household") or {}
    return {"monthly_income": household.get("monthly_income"), "owns_home": household.get("owns_home")}


def route_application(application: Application) -> list[Referral]:
    """One referral per responsible office, by the county of each conviction and arrest; safe to call again.

    Counties that do not participate or have no live office get no referral; an application with no referral at all
    is marked "not_routed" (the resident gets the self-help path; admins see it in `unrouted_applications`). Each
    office gets one new-referral notice through the outbox. Added to the session; the caller commits.
    """
    counties = _counties_by_name()
    existing = {referral.county_id: referral for referral in _referrals_of(application)}
    household = household_facts(application)
    referrals: list[Referral] = []
    for county_name in _conviction_county_names(application):
        county = counties.get(county_name.casefold())
        if county is None or not county.participating:
            continue
        referral = existing.get(county.id)
        if referral is None:
            office = choose_office(county.offices, household)
            if office is None:
                continue
            referral = _create_referral(application, county, office)
            existing[county.id] = referral
        referrals.append(referral)
    application.routing_status = "routed" if referrals else "not_routed"
    return referrals


def unrouted_applications() -> list[Application]:
    """Submitted applications no office took (for the admin area), newest first."""
    return list(db.session.scalars(
        select(Application)
        .where(Application.routing_status == "not_routed")
        .options(selectinload(Application.convictions))
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    ))


def unrouted_count() -> int:
    """How many applications `unrouted_applications` lists, without loading them (the admin home page)."""
    return db.session.scalar(select(func.count()).select_from(Application)
                             .where(Application.routing_status == "not_routed")) or 0


def _create_referral(application: Application, county: County, office: PartnerOffice) -> Referral:
    now = utcnow()
    referral = Referral(application=application, county=county, office=office, status="new", created_at=now,
                        last_activity_at=now)
    referral.events.append(ReferralEvent(kind="created", created_at=now, to_status="new", to_office_id=office.id))
    db.session.add(referral)
    notify_office(office)
    return referral


def notify_office(office: PartnerOffice) -> OutboxMessage | None:
    """The new-referral notice: no application data, only a link to log in."""
    if not office.notification_email:
        log.warning("partner office %s has no notification address; its new referral notice was not queued",
                    office.slug)
        return None
    return outbox.enqueue(to=office.notification_email, template="office_new_referral", language="en",
                          context={"office_name": office.name})


def notify_office_of_withdrawal(referral: Referral) -> OutboxMessage | None:
    """The resident deleted a sent application: its office hears which one went (by reference, nothing else), so
    nobody goes on working a case, or calls a person, that is gone."""
    office = referral.office
    if not office.notification_email:
        log.warning("partner office %s has no notification address; its withdrawal notice was not queued", office.slug)
        return None
    return outbox.enqueue(to=office.notification_email, template="office_application_withdrawn", language="en",
                          context={"office_name": office.name, "reference": referral.application.reference})


def _conviction_county_names(application: Application) -> list[str]:
    """Distinct counties of the convictions, then of the arrests to seal, in the order the resident listed them (so
    referral order is stable). A person whose only record is a juvenile case names no such county: the counties they
    chose on the first page ("Where were you arrested or convicted?") route them instead, so the JV-595 reaches an
    office."""
    from app.applications.answers import county_names
    from app.applications.facts import arrest_facts, person_facts

    seen: dict[str, str] = {}
    named = [conviction.county for conviction in application.convictions]
    named += [arrest.county for arrest in arrest_facts(application)]
    if not any(named) and person_facts(application).juvenile_case:
        named = county_names(application)  # only the first page's counties: no conviction or arrest names one
    for county in named:
        name = (county or "").strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _counties_by_name() -> dict[str, County]:
    counties = db.session.scalars(select(County).options(selectinload(County.offices)))
    return {county.name.casefold(): county for county in counties}


def _referrals_of(application: Application) -> list[Referral]:
    if application.id is None:
        return []
    return list(db.session.scalars(select(Referral).where(Referral.application_id == application.id)))


# --- The office's work ---------------------------------------------------------------------------------------------


def mark_opened(referral: Referral, user: User) -> None:
    """The first time anyone in the office opens a referral; until then the digest counts it as unopened."""
    if referral.opened_at is None:
        referral.opened_at = utcnow()
    record_audit(user, "referral.view", "referral", referral.id)


def change_status(referral: Referral, new_status: str, user: User, *, notify_resident: bool = False) -> ReferralEvent:
    """Move a referral to `new_status`; with `notify_resident`, tell the resident in their language.

    The resident can only be told if they gave an e-mail address; the event records whether a notice was queued.
    """
    if new_status not in REFERRAL_STATUSES:
        raise ValueError(f"unknown referral status {new_status!r}")
    application = referral.application
    notified = bool(notify_resident and application.email)
    event = _add_event(referral, user, kind="status", from_status=referral.status, to_status=new_status,
                       resident_notified=notified)
    referral.status = new_status
    if notified:
        outbox.enqueue(
            to=application.email,
            template="resident_status_update",
            language=application.language,
            context={"reference": application.reference, "status": new_status, "office_name": referral.office.name,
                     "office_phone": referral.office.phone},
        )
    record_audit(user, "referral.status", "referral", referral.id)
    return event


def add_note(referral: Referral, user: User, text: str) -> ReferralEvent:
    """Notes are part of the history and are never edited; a correction is another note."""
    text = text.strip()
    if not text:
        raise ValueError("a note cannot be empty")
    event = _add_event(referral, user, kind="note", note=text)
    record_audit(user, "referral.note", "referral", referral.id)
    return event


def transfer_targets(referral: Referral) -> list[PartnerOffice]:
    """Live offices that could take this referral: the county's others first, then the rest by name."""
    offices = db.session.scalars(
        select(PartnerOffice).where(PartnerOffice.live, PartnerOffice.id != referral.office_id)
        .options(selectinload(PartnerOffice.county))
    ).all()
    return sorted(offices, key=lambda o: (o.county_id != referral.county_id, o.name))


def transfer(referral: Referral, to_office: PartnerOffice, user: User, *, reason: str = "") -> ReferralEvent:
    """Hand a referral to another office: history stays with it, and the new office sees it as new and unopened."""
    if to_office.id == referral.office_id:
        raise ValueError("the referral is already with this office")
    if not to_office.live:
        raise ValueError("offices that are not live cannot take referrals")
    event = _add_event(referral, user, kind="transfer", from_status=referral.status, to_status="new",
                       from_office_id=referral.office_id, to_office_id=to_office.id, note=reason.strip() or None)
    referral.office = to_office
    referral.status = "new"
    referral.opened_at = None
    notify_office(to_office)
    record_audit(user, "referral.transfer", "referral", referral.id)
    return event


def _add_event(referral: Referral, user: User, **fields: Any) -> ReferralEvent:
    event = ReferralEvent(user_id=user.id, created_at=utcnow(), **fields)
    referral.events.append(event)
    referral.last_activity_at = event.created_at
    return event


# --- The office's queue --------------------------------------------------------------------------------------------


# The queries below take the user's office_id, which is None for staff without an office: they then match nothing.


def referral_for_office(referral_id: int, office_id: int | None) -> Referral | None:
    """The referral only if it belongs to the office: the one gate every partner route goes through."""
    return db.session.scalars(
        select(Referral).where(Referral.id == referral_id, Referral.office_id == office_id)
    ).one_or_none()


def status_counts(office_id: int | None) -> dict[str, int]:
    rows = db.session.execute(
        select(Referral.status, func.count()).where(Referral.office_id == office_id).group_by(Referral.status)
    )
    counts = dict.fromkeys(REFERRAL_STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None
    search: str = ""
    county_id: int | None = None
    event_id: int | None = None  # referrals of applications filled in at this clinic event
    page: int = 1


def _office_queue_query(office_id: int | None, queue_filter: QueueFilter) -> Any:
    query = (
        select(Referral)
        .join(Referral.application)
        .where(Referral.office_id == office_id)
        .options(selectinload(Referral.county), selectinload(Referral.application))
        .order_by(Referral.created_at, Referral.id)
    )
    if queue_filter.status:
        query = query.where(Referral.status == queue_filter.status)
    if queue_filter.county_id:
        query = query.where(Referral.county_id == queue_filter.county_id)
    if queue_filter.event_id:
        query = query.where(Application.clinic_event_id == queue_filter.event_id)
    term = " ".join(queue_filter.search.split())
    if term:
        # Names and case numbers are encrypted: they are matched through their blind indexes (app.search_index).
        query = query.where(or_(Application.reference == term.upper(), search_index.matches(term)))
    return query


def office_queue(office_id: int | None, queue_filter: QueueFilter = QueueFilter()) -> list[Referral]:
    """All the office's referrals that match, oldest first (for the CSV export)."""
    return list(db.session.scalars(_office_queue_query(office_id, queue_filter)))


def office_queue_page(office_id: int | None, queue_filter: QueueFilter, per_page: int | None = None) -> Pagination:
    """The page ``queue_filter.page`` of the office's matching referrals, oldest activity first; a page past
    the end gives the last one, so a link kept from before the list shrank still shows something."""
    per_page = per_page or QUEUE_PAGE_SIZE
    query = _office_queue_query(office_id, queue_filter)
    page = db.paginate(query, page=max(queue_filter.page, 1), per_page=per_page, max_per_page=per_page, error_out=False)
    if not page.items and page.page > 1 and page.total:
        page = db.paginate(query, page=page.pages, per_page=per_page, max_per_page=per_page, error_out=False)
    return page


def office_counties(office_id: int | None) -> list[County]:
    """Counties the office has referrals from (for the county filter)."""
    return list(db.session.scalars(
        select(County).join(Referral, Referral.county_id == County.id)
        .where(Referral.office_id == office_id).distinct().order_by(County.name)
    ))


def office_events(office_id: int | None) -> list[ClinicEvent]:
    """Clinic events the office has referrals from (for the event filter), newest first."""
    return list(db.session.scalars(
        select(ClinicEvent).join(Application, Application.clinic_event_id == ClinicEvent.id)
        .join(Referral, Referral.application_id == Application.id)
        .where(Referral.office_id == office_id).distinct()
        .order_by(ClinicEvent.event_date.desc(), ClinicEvent.id.desc())
    ))


# --- The daily digest ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeBacklog:
    office: PartnerOffice
    unopened: int
    stale: int


def office_backlogs(now: dt.datetime, stale_days: int) -> list[OfficeBacklog]:
    """Per live office: referrals nobody has opened, and opened unfinished ones with no activity for `stale_days`."""
    stale_before = now - dt.timedelta(days=stale_days)
    unopened = func.sum(case((Referral.opened_at.is_(None), 1), else_=0))
    stale = func.sum(case((
        Referral.opened_at.is_not(None) & Referral.status.not_in(FINISHED_STATUSES)
        & (Referral.last_activity_at < stale_before), 1), else_=0))
    rows = db.session.execute(
        select(PartnerOffice, unopened, stale)
        .join(Referral, Referral.office_id == PartnerOffice.id)
        .where(PartnerOffice.live)
        .group_by(PartnerOffice.id)
        .order_by(PartnerOffice.id)
    )
    return [OfficeBacklog(office, int(u or 0), int(s or 0)) for office, u, s in rows if u or s]


def enqueue_office_digests(now: dt.datetime | None = None) -> list[OutboxMessage]:
    """One digest per office with unopened or stale referrals, at most once a day; counts only, no case data."""
    now = now or utcnow()
    stale_days = current_app.config.get("REFERRAL_STALE_DAYS", DEFAULT_STALE_DAYS)
    backlogs = office_backlogs(now, stale_days)
    keys = {backlog.office.id: f"digest:{backlog.office.id}:{now.date().isoformat()}" for backlog in backlogs}
    already_queued = set(db.session.scalars(
        select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(keys.values()))))
    queued = []
    for backlog in backlogs:
        office = backlog.office
        if not office.notification_email:
            log.warning("partner office %s has no notification address; no digest queued", office.slug)
            continue
        key = keys[office.id]
        if key in already_queued:
            continue
        queued.append(outbox.enqueue(
            to=office.notification_email, template="office_digest", language="en", dedupe_key=key,
            context={"office_name": office.name, "unopened": backlog.unopened, "stale": backlog.stale,
                     "stale_days": stale_days},
        ))
    return queued
