"""Reference data (counties, partner offices) from app/data/*.json, loaded idempotently.

Re-running updates names and court details but never overwrites what an admin changed on purpose: the
`participating` flag, an office's `live` flag, routing rules and notification address are only set when a row is new.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.models import County, PartnerOffice

DATA = Path(__file__).resolve().parent / "data"


def load_json(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def office_email_from_environment(slug: str) -> str | None:
    """PARTNER_EMAIL_SF_PUBLIC_DEFENDER=intake@... configures an office without touching code or data files."""
    return os.environ.get("PARTNER_EMAIL_" + slug.upper().replace("-", "_")) or None


def seed_reference_data(demo: bool = False) -> dict[str, int]:
    counties = {c.name: c for c in db.session.scalars(select(County))}
    for row in load_json("counties.json")["counties"]:
        county = counties.get(row["name"])
        if county is None:
            county = County(name=row["name"], participating=row["participating"])
            db.session.add(county)
            counties[row["name"]] = county
        county.slug = row["slug"]
        county.court_name = row["court_name"]
        county.court_website = row.get("website")
    db.session.flush()

    offices = {o.slug: o for o in db.session.scalars(select(PartnerOffice))}
    for row in load_json("partner_offices.json")["offices"]:
        office = offices.get(row["slug"])
        if office is None:
            office = PartnerOffice(slug=row["slug"], live=row["live"], routing=row.get("routing") or {})
            db.session.add(office)
            offices[row["slug"]] = office
        office.name = row["name"]
        office.county = counties[row["county"]]
        office.website = row.get("website")
        office.phone = row.get("phone")
        configured = office_email_from_environment(row["slug"])
        if configured:
            office.notification_email = configured
        elif office.notification_email is None and demo:
            office.notification_email = f"{row['slug']}@example.org"
    db.session.commit()
    return {"counties": len(counties), "offices": len(offices)}
