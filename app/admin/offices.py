"""What admins change about offices and counties. The routing rule is JSON in the database; admins edit it as a few
plain fields, and conditions this form does not know about are kept as they were."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import select

from app.audit import record_audit
from app.extensions import db
from app.models import County, PartnerOffice, User


@dataclass(frozen=True)
class RoutingFields:
    """`owns_home` None means "either"; `monthly_income_below` None means no income condition."""

    priority: int | None
    monthly_income_below: int | None
    owns_home: bool | None


@dataclass(frozen=True)
class OfficeContacts:
    name: str
    website: str | None
    phone: str | None
    notification_email: str | None


def routing_fields(routing: dict[str, Any] | None) -> RoutingFields:
    when = (routing or {}).get("when") or {}
    return RoutingFields(priority=(routing or {}).get("priority"),
                         monthly_income_below=when.get("monthly_income_below"),
                         owns_home=when.get("owns_home"))


def routing_with(routing: dict[str, Any] | None, fields: RoutingFields) -> dict[str, Any]:
    """A new routing rule from the fields; other keys and conditions of the old rule are left untouched."""
    updated = {key: value for key, value in (routing or {}).items() if key not in ("priority", "when")}
    when = {key: value for key, value in ((routing or {}).get("when") or {}).items()
            if key not in ("monthly_income_below", "owns_home")}
    if fields.monthly_income_below is not None:
        when["monthly_income_below"] = fields.monthly_income_below
    if fields.owns_home is not None:
        when["owns_home"] = fields.owns_home
    if fields.priority is not None:
        updated["priority"] = fields.priority
    updated["when"] = when
    return updated


def update_office(by: User, office: PartnerOffice, contacts: OfficeContacts, live: bool,
                  routing: RoutingFields) -> None:
    office.name = contacts.name
    office.website = contacts.website or None
    office.phone = contacts.phone or None
    office.notification_email = contacts.notification_email or None
    office.live = live
    office.routing = routing_with(office.routing, routing)
    record_audit(by, "office_updated", "partner_office", office.id)
    db.session.commit()


def set_participating_counties(by: User, participating_ids: Iterable[int]) -> list[County]:
    """Sets each county's flag; returns (and audits) only the counties whose flag changed."""
    wanted = set(participating_ids)
    changed = []
    for county in db.session.scalars(select(County).order_by(County.name)):
        if county.participating != (county.id in wanted):
            county.participating = county.id in wanted
            record_audit(by, "county_joined" if county.participating else "county_left", "county", county.id)
            changed.append(county)
    db.session.commit()
    return changed
