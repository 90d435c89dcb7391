"""The court packet an attorney downloads: only the convictions of the referral's county, with the attorney and the
office in the caption (the resident's own download is a self-help packet in their name)."""
from __future__ import annotations

from app.applications.journey import arrests_of
from app.models import Referral, User
from app.packets import Attorney, packet_for_application
from app.packets.planning import stored_person_route_files
from app.partner.memo import convictions_by_screening_id


def attorney_caption(user: User, referral: Referral) -> Attorney:
    """The caption box from what we know: the user's name, bar number and e-mail, the office's name and phone.

    An account without a bar number leaves that line for the attorney to write in.
    """
    office = referral.office
    return Attorney(name=user.name, bar_number=user.bar_number or "", firm=office.name, phone=office.phone,
                    email=user.email)


def packet_expected(referral: Referral) -> bool:
    """Whether the stored screening calls for a petition on any conviction or arrest of the referral's county, or for
    the juvenile sealing request.

    Read from the stored screening so the page need not render a PDF to know whether to offer one.
    """
    application = referral.application
    convictions = convictions_by_screening_id(application.convictions)
    county = referral.county.name.casefold()
    for result in (application.screening or {}).get("convictions") or []:
        conviction = convictions.get(str(result.get("id")))
        in_county = conviction is not None and (conviction.county or "").casefold() == county
        if in_county and any(d.get("outcome") != "not_eligible" for d in result.get("determinations") or []):
            return True
    arrests = arrests_of(application)
    for index, result in enumerate((application.screening or {}).get("arrests") or []):
        in_county = index < len(arrests) and (arrests[index].get("county") or "").casefold() == county
        if in_county and any(d.get("outcome") != "not_eligible" for d in result.get("determinations") or []):
            return True
    return stored_person_route_files(application.screening or {})  # the JV-595, which no county bounds


def referral_packet(referral: Referral, user: User) -> bytes:
    """The PDF; raises app.packets.NothingToFile when the county's convictions call for no petition."""
    return packet_for_application(
        referral.application,
        attorney=attorney_caption(user, referral),
        counties=[referral.county.name],
        offices_by_county={referral.county.name: referral.office},
    )
