"""Petition packets: the court forms a screening calls for, filled and rendered to PDF."""

from app.packets.parties import Applicant, Attorney, OfficeContact, PacketChoices
from app.packets.rendering import ForbiddenResourceError, PacketRenderTimeout
from app.packets.service import MAX_STATEMENT_CHARS, NothingToFile, build_packet


def packet_for_application(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Imported lazily: this bridge needs the models and the questionnaire service, the rest of the package does not."""
    from app.packets.for_application import packet_for_application as build

    return build(*args, **kwargs)


def resident_packet(application):  # type: ignore[no-untyped-def]
    """Imported lazily, as packet_for_application."""
    from app.packets.for_application import resident_packet as build

    return build(application)


__all__ = [
    "Applicant",
    "Attorney",
    "ForbiddenResourceError",
    "MAX_STATEMENT_CHARS",
    "NothingToFile",
    "OfficeContact",
    "PacketChoices",
    "PacketRenderTimeout",
    "build_packet",
    "packet_for_application",
    "resident_packet",
]
