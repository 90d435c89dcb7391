"""Who the papers are for and who helps: small value objects the caller fills in.

Only what goes on the forms or the cover sheet is asked for; nothing here is logged.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Applicant:
    """The petitioner (the defendant in the original case)."""

    name: str
    aka: str | None = None
    date_of_birth: str | None = None  # kept for the contract; the 2024 editions no longer print it
    address: str | None = None
    city: str | None = None
    state: str | None = "CA"
    zip: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Attorney:
    """A lawyer who generates the packet from the partner dashboard; fills the attorney caption."""

    name: str
    bar_number: str
    firm: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = "CA"
    zip: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class PacketChoices:
    """Choices the person made in the journey; the forms never assume them."""

    waive_original_judge: bool = False  # CR-400 item 3
    waive_appearance: bool = False  # CR-400 item 4
    personal_statement: str | None = None  # MC-031, for discretionary (interests of justice) requests
    good_cause_statement: str | None = None  # Prop 47 applications filed after 2022-11-04


@dataclass(frozen=True, slots=True)
class OfficeContact:
    """The partner legal office the application was routed to, printed on the cover sheet."""

    name: str
    phone: str | None = None
    website: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class CaptionParty:
    """The 'ATTORNEY OR PARTY WITHOUT ATTORNEY' box, already decided between lawyer and self."""

    name: str
    bar_number: str = ""
    firm: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    email: str = ""
    attorney_for: str = ""


IN_PRO_PER = "Petitioner in pro per"


def caption_party(applicant: Applicant, attorney: Attorney | None) -> CaptionParty:
    """The person files for themself unless an attorney generated the packet."""
    if attorney is not None:
        return CaptionParty(
            name=attorney.name,
            bar_number=attorney.bar_number,
            firm=attorney.firm or "",
            street=attorney.street or "",
            city=attorney.city or "",
            state=attorney.state or "",
            zip=attorney.zip or "",
            phone=attorney.phone or "",
            email=attorney.email or "",
            attorney_for=f"Petitioner {applicant.name}",
        )
    return CaptionParty(
        name=applicant.name,
        street=applicant.address or "",
        city=applicant.city or "",
        state=applicant.state or "",
        zip=applicant.zip or "",
        phone=applicant.phone or "",
        email=applicant.email or "",
        attorney_for=IN_PRO_PER,
    )
