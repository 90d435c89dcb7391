"""Which stored screenings the current rules would answer differently, so an office can see whose referral changed.

A submitted application keeps the screening it was given (`application.screening`, stamped with the rules version).
Re-running the current engine on the same answers and the same "today" isolates what the rules changed from what time
changed. Only identifiers and the rule's vocabulary are reported, never a person's name or case number.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import Application, PartnerOffice, Referral

COMPARED = ("outcome", "relief", "statute", "missing")


@dataclass(frozen=True)
class ChangedAnswer:
    reference: str
    offices: tuple[str, ...]  # slugs of the offices its referrals are with
    stored_version: str | None
    conviction: str  # the screening's conviction id ("c1"...)
    remedy: str
    before: str
    after: str


def _answers(screening: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(conviction id, remedy) -> a short, stable description of the answer."""
    found: dict[tuple[str, str], str] = {}
    for result in screening.get("convictions") or []:
        for determination in result.get("determinations") or []:
            parts = [str(determination.get(name) or "") if name != "missing"
                     else "+".join(determination.get("missing") or []) for name in COMPARED]
            found[(str(result.get("id")), str(determination.get("remedy")))] = " ".join(p for p in parts if p)
    return found


def changed_answers(office_slug: str | None = None) -> Iterator[ChangedAnswer]:
    """Every determination of a stored screening that the current rules would answer differently."""
    from app.applications.facts import screen_application  # imported late to keep this module light

    # A JSON column stores Python None as JSON null, so "no screening" is told apart in Python, below.
    query = select(Application).where(Application.status != "draft").order_by(Application.id)
    if office_slug is not None:
        query = query.where(Application.id.in_(
            select(Referral.application_id).join(PartnerOffice).where(PartnerOffice.slug == office_slug)))
    for application in db.session.scalars(query):
        stored = application.screening
        if not stored:
            continue
        today = dt.date.fromisoformat(stored["today"]) if stored.get("today") else None
        before = _answers(stored)
        after = _answers(screen_application(application, today).to_dict())
        if before == after:
            continue
        offices = tuple(sorted(db.session.scalars(
            select(PartnerOffice.slug).join(Referral).where(Referral.application_id == application.id))))
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) != after.get(key):
                yield ChangedAnswer(application.reference, offices, stored.get("engine_version"), key[0], key[1],
                                    before.get(key, "(none)"), after.get(key, "(none)"))

