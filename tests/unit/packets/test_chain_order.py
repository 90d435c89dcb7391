"""Chained relief in the packet: the forms go in the chain's order and the cover sheet says why."""

from __future__ import annotations

from datetime import date

from app.eligibility import screen
from app.packets import Applicant, PacketChoices
from app.packets.planning import plan_packet
from app.packets.service import packet_html
from tests.unit.eligibility.builders import SETTLED, TODAY, conviction

APPLICANT = Applicant(name="Maria Example")
BEFORE_PROP47 = {"conviction_date": date(2010, 5, 1), "offense_date": date(2010, 1, 1), "case_number": "10-CR-1"}


def cover_of(*convictions):
    (case_set,) = plan_packet(convictions, screen(SETTLED, list(convictions), TODAY), today=TODAY)
    documents = packet_html([case_set], APPLICANT, language="en", attorney=None, choices=PacketChoices(), office=None,
                            today=TODAY)
    return case_set, documents[0]


def test_a_prop_47_redesignation_is_filed_before_the_dismissal() -> None:
    case_set, _ = cover_of(conviction("HS 11350(a)", level="felony", **BEFORE_PROP47))

    assert case_set.form_numbers.index("PROP-47") < case_set.form_numbers.index("CR-180")


def test_the_cover_sheet_explains_the_order_of_chained_relief() -> None:
    _, cover = cover_of(conviction("PC 261.5(d)", level="felony", case_number="12-CR-1"))

    assert "File them in this order:" in cover and "only as a felony" in cover


def test_a_case_without_a_chain_says_nothing_of_order() -> None:
    _, cover = cover_of(conviction("PC 242", case_number="12-CR-2"))

    assert "File them in this order:" not in cover
