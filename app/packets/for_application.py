"""A stored application's packet: the bridge between the questionnaire's records and the pure packet service.

The resident downloads the whole packet; a partner office downloads the sets of its own county, with its attorney in
the caption. The screening is re-run with today's date, since the papers are filed now and every time-based rule
(years since judgment, deadlines) must be judged as of filing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from app.applications.facts import (
    applicant_details,
    arrest_facts,
    conviction_facts,
    petition_choices,
    screen_application,
)
from app.applications.lifecycle import referrals_of
from app.lookup.matching import granted_relief_by_conviction
from app.models import Application, PartnerOffice
from app.packets.parties import Applicant, Attorney, OfficeContact, PacketChoices
from app.packets.service import build_packet


def resident_packet(application: Application) -> bytes:
    """The resident's own papers (every county), each cover sheet naming the office that county's case went to: the
    public download and the clinic's receipt-and-papers PDF. Raises NothingToFile when nothing calls for a petition."""
    return packet_for_application(
        application, offices_by_county={referral.county.name: referral.office for referral in referrals_of(application)})


def office_contact(office: PartnerOffice) -> OfficeContact:
    return OfficeContact(name=office.name, phone=office.phone, website=office.website, email=None)


def packet_for_application(
    application: Application,
    *,
    attorney: Attorney | None = None,
    counties: Collection[str] | None = None,
    offices_by_county: dict[str, PartnerOffice] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The filled forms for `application`, limited to the convictions and arrests of `counties` when given.

    Raises app.packets.NothingToFile when none of those convictions calls for a petition.
    """
    today = today or dt.date.today()
    facts = conviction_facts(application)
    arrests = arrest_facts(application)
    if counties is not None:
        wanted = {name.lower() for name in counties}
        facts = [f for f in facts if (f.county or "").lower() in wanted]
        arrests = [a for a in arrests if (a.county or "").lower() in wanted]
    return build_packet(
        Applicant(**applicant_details(application)),
        facts,
        screen_application(application, today),  # the whole record is screened; `facts` picks the sets to file
        language=application.language,
        attorney=attorney,
        choices=PacketChoices(**petition_choices(application)),
        offices_by_county={county: office_contact(o) for county, o in (offices_by_county or {}).items()},
        today=today,
        relief_granted=granted_relief_by_conviction(application).keys(),  # a court already cleared these cases
        arrests=arrests,
    )
