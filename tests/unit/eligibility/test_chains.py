"""Chained relief: "first ..., then ..." when one relief opens another (app/eligibility/chains.py)."""

from __future__ import annotations

from datetime import date

from app.eligibility import ConvictionFacts, screen
from app.eligibility.chains import filing_order
from tests.unit.eligibility.builders import SETTLED, TODAY, conviction

BEFORE_PROP47 = {"conviction_date": date(2010, 5, 1), "offense_date": date(2010, 1, 1)}


def chain_of(subject: ConvictionFacts):
    return screen(SETTLED, [subject], TODAY).convictions[0].chain


def test_khamvongsa_prop_47_redesignation_after_prison_then_1203_4a() -> None:
    found = chain_of(conviction("HS 11350(a)", level="felony", sentence="state_prison", **BEFORE_PROP47))

    assert found.steps == ("prop47", "pc1203_4a")
    assert "Khamvongsa" in found.reason.en and "PC 1203.4a" in found.reason.es


def test_prop_47_redesignation_after_probation_then_1203_4() -> None:
    found = chain_of(conviction("HS 11350(a)", level="felony", **BEFORE_PROP47))

    assert found.steps == ("prop47", "pc1203_4")


def test_prop_64_felony_redesignation_then_dismissal() -> None:
    found = chain_of(conviction("HS 11359", level="felony", sentence="state_prison", **BEFORE_PROP47))

    assert found.steps == ("prop64", "pc1203_4a")


def test_prop_64_dismiss_and_seal_needs_no_chain() -> None:
    assert chain_of(conviction("HS 11357(b)")) is None


def test_1203_4b_felony_only_exclusion_17b_reduction_then_1203_4() -> None:
    found = chain_of(conviction("PC 261.5(d)", level="felony"))

    assert found.steps == ("pc17b", "pc1203_4")
    assert "only as a felony" in found.reason.en


def test_17b_wobbler_with_probation_reduction_then_dismissal_on_one_cr_180() -> None:
    found = chain_of(conviction("PC 245(a)(4)", level="felony"))

    assert found.steps == ("pc17b", "pc1203_4")
    assert "CR-180" in found.reason.en


def test_a_misdemeanor_dismissal_alone_has_no_chain() -> None:
    assert chain_of(conviction("PC 242")) is None


def test_the_chain_is_in_the_screening_json() -> None:
    body = screen(SETTLED, [conviction("PC 261.5(d)", level="felony", id="c1")], TODAY).to_dict()

    assert body["convictions"][0]["chain"]["steps"] == ["pc17b", "pc1203_4"]


def test_filing_order_puts_redesignation_before_reduction_before_dismissal() -> None:
    result = screen(SETTLED, [conviction("PC 459.5", level="felony")], TODAY).convictions[0]

    assert [d.remedy for d in filing_order(tuple(reversed(result.determinations)))][:2] == ["prop47", "pc1203_4"]
