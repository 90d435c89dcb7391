"""The office's referrals as CSV, safe to open in a spreadsheet."""
from __future__ import annotations

from typing import Iterable

from app.models import Referral
from app.spreadsheet import csv_text

HEADER = ("reference", "name", "county", "status", "received", "opened", "last_activity", "language")


def referrals_csv(referrals: Iterable[Referral]) -> str:
    return csv_text(HEADER, ((
        referral.application.reference,
        referral.application.full_name or "",
        referral.county.name,
        referral.status,
        timestamp(referral.created_at),
        timestamp(referral.opened_at),
        timestamp(referral.last_activity_at),
        referral.application.language,
    ) for referral in referrals))


def timestamp(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
