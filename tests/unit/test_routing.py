"""Which office takes a referral: office rules are data (PartnerOffice.routing), tested here without a database."""
from __future__ import annotations

import pytest

from app.models import PartnerOffice
from app.referrals import choose_office, routing_errors

PUBLIC_DEFENDER_RULE = {"priority": 1, "when": {"monthly_income_below": 3000, "owns_home": False}}


def office(office_id: int, routing: dict, live: bool = True) -> PartnerOffice:
    return PartnerOffice(id=office_id, slug=f"office-{office_id}", name=f"Office {office_id}", live=live,
                         routing=routing)


@pytest.fixture
def alameda() -> list[PartnerOffice]:
    """Alameda as the original program ran it: the Public Defender below an income line, else EBCLC."""
    return [office(2, {"priority": 2, "when": {}}), office(1, PUBLIC_DEFENDER_RULE)]


def test_alameda_low_income_renter_goes_to_the_public_defender(alameda):
    assert choose_office(alameda, {"monthly_income": 2000, "owns_home": False}).id == 1


def test_alameda_income_at_the_line_goes_to_the_law_center(alameda):
    assert choose_office(alameda, {"monthly_income": 3000, "owns_home": False}).id == 2


def test_alameda_homeowner_goes_to_the_law_center(alameda):
    assert choose_office(alameda, {"monthly_income": 1000, "owns_home": True}).id == 2


@pytest.mark.parametrize("household", [
    {"monthly_income": None, "owns_home": False},
    {"monthly_income": 1000, "owns_home": None},
    {},
])
def test_unknown_household_facts_fall_to_the_office_without_conditions(alameda, household):
    assert choose_office(alameda, household).id == 2


def test_an_office_that_is_not_live_takes_nothing():
    assert choose_office([office(1, {}, live=False)], {}) is None


def test_a_county_with_one_office_and_no_rules_always_routes_there():
    assert choose_office([office(7, {})], {"monthly_income": 9000, "owns_home": True}).id == 7


def test_when_no_rule_matches_the_last_office_in_priority_still_takes_it():
    offices = [office(1, PUBLIC_DEFENDER_RULE), office(2, {"priority": 2, "when": {"owns_home": True}})]
    assert choose_office(offices, {"monthly_income": 9000, "owns_home": False}).id == 2


def test_a_rule_with_an_unknown_condition_never_matches():
    offices = [office(1, {"priority": 1, "when": {"lives_on_mars": True}}), office(2, {"priority": 2})]
    assert choose_office(offices, {"monthly_income": 100, "owns_home": False}).id == 2


def test_routing_errors_accepts_the_seeded_rules():
    from app.seed import load_json

    offices = load_json("partner_offices.json")["offices"]
    assert any(row.get("routing", {}).get("when") for row in offices)  # the file has rules worth checking
    assert {row["slug"]: routing_errors(row.get("routing") or {}) for row in offices} == {
        row["slug"]: [] for row in offices}
    assert routing_errors(PUBLIC_DEFENDER_RULE) == []
    assert routing_errors({}) == []


def test_routing_errors_names_unknown_conditions_and_wrong_types():
    errors = routing_errors({"priority": "1", "when": {"income_under": 3000, "owns_home": "no"}})
    assert errors == [
        "priority must be a whole number",
        "unknown condition 'income_under' (known: monthly_income_below, owns_home)",
        "owns_home must be true or false",
    ]
