"""The office's referrals as CSV, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
from typing import Iterable

from app.models import Referral
from app.spreadsheet import neutralise

HEADER = ("reference", "name", "county", "status", "received", "opened", "last_activity", "language")


def referrals_csv(referrals: Iterable[Referral]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for referral in referrals:
        application = referral.application
        writer.writerow([neutralise(value) for value in (
            application.reference,
            application.full_name or "",
            referral.county.name,
            referral.status,
            _timestamp(referral.created_at),
            _timestamp(referral.opened_at),
            _timestamp(referral.last_activity_at),
            application.language,
        )])
    return buffer.getvalue()


def _timestamp(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
