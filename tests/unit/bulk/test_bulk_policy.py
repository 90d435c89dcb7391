"""The DA's options, layered on the engine's Prop 64 answer: one behaviour per test."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.bulk.policy import (
    BulkOptions,
    CountContext,
    OptionsError,
    PersonContext,
    decide,
    load_options,
    options_from_json,
)
from app.eligibility.results import Determination, Reason
from tests.support.tiers import SHARED_FIXTURES, require_shared_fixture

AS_OF = date(2026, 11, 29)
FIXTURE_OPTIONS = SHARED_FIXTURES / "doj" / "eligibility_options.json"


def _determination(outcome: str = "eligible", relief: str | None = "redesignate_misdemeanor") -> Determination:
    return Determination("prop64", outcome, relief, "HS 11361.8(e)", "CR-400", (Reason("Engine says so.", "El motor."),), ())


FELONY_11359 = CountContext("11359", "felony", date(2010, 1, 1))
PERSON = PersonContext(date(1980, 1, 1), deceased=False, only_prop64_convictions=False, latest_conviction_date=date(2020, 1, 1))


def test_engine_dismissal_is_a_dismissal() -> None:
    decision = decide(_determination(relief="dismiss_and_seal"), CountContext("11357", "misdemeanor", date(2010, 1, 1)), PERSON, BulkOptions(), AS_OF)
    assert decision.outcome == "dismissal" and "Engine says so." in decision.reason


def test_engine_redesignation_is_a_reduction() -> None:
    assert decide(_determination(), FELONY_11359, PERSON, BulkOptions(), AS_OF).outcome == "reduction"


def test_engine_needs_review_stays_needs_review_whatever_the_options() -> None:
    options = BulkOptions(dismiss_sections=frozenset({"11359"}), dismiss_deceased=True)
    assert decide(_determination("needs_review", None), FELONY_11359, PERSON, options, AS_OF).outcome == "needs_review"


def test_engine_not_eligible_is_never_overridden_by_options() -> None:
    options = BulkOptions(dismiss_sections=frozenset({"11359"}), dismiss_at_or_over_age=18)
    assert decide(_determination("not_eligible", None), FELONY_11359, PERSON, options, AS_OF).outcome == "not_eligible"


def test_person_still_serving_a_felony_gets_a_reduction() -> None:
    assert decide(_determination(relief="resentence"), FELONY_11359, PERSON, BulkOptions(), AS_OF).outcome == "reduction"


def test_section_listed_to_dismiss_turns_a_felony_reduction_into_dismissal() -> None:
    decision = decide(_determination(), FELONY_11359, PERSON, BulkOptions(dismiss_sections=frozenset({"11359"})), AS_OF)
    assert decision.outcome == "dismissal" and decision.reason.startswith("DA policy: dismiss all eligible HS 11359")


def test_section_listed_to_reduce_turns_a_felony_dismissal_into_reduction() -> None:
    decision = decide(_determination(relief="dismiss_and_seal"), FELONY_11359, PERSON, BulkOptions(reduce_sections=frozenset({"11359"})), AS_OF)
    assert decision.outcome == "reduction"


def test_section_listed_to_reduce_leaves_misdemeanor_dismissals_alone() -> None:
    misdemeanor = CountContext("11359", "misdemeanor", date(2010, 1, 1))
    decision = decide(_determination(relief="dismiss_and_seal"), misdemeanor, PERSON, BulkOptions(reduce_sections=frozenset({"11359"})), AS_OF)
    assert decision.outcome == "dismissal"


@pytest.mark.parametrize(
    ("options", "count", "person", "expected"),
    [
        (BulkOptions(dismiss_under_21_at_conviction=True), CountContext("11359", "felony", date(2000, 12, 31)), PERSON, "dismissal"),
        (BulkOptions(dismiss_under_21_at_conviction=True), CountContext("11359", "felony", date(2001, 1, 1)), PERSON, "reduction"),
        (BulkOptions(dismiss_at_or_over_age=46), FELONY_11359, PERSON, "dismissal"),
        (BulkOptions(dismiss_at_or_over_age=47), FELONY_11359, PERSON, "reduction"),
        (BulkOptions(dismiss_years_since_conviction=16), FELONY_11359, PERSON, "dismissal"),
        (BulkOptions(dismiss_years_since_conviction=17), FELONY_11359, PERSON, "reduction"),
        (BulkOptions(dismiss_years_crime_free=6), FELONY_11359, PERSON, "dismissal"),
        (BulkOptions(dismiss_years_crime_free=7), FELONY_11359, PERSON, "reduction"),
        (BulkOptions(dismiss_only_prop64_record=True), FELONY_11359, PersonContext(date(1980, 1, 1), False, True, None), "dismissal"),
        (BulkOptions(dismiss_only_prop64_record=True), FELONY_11359, PERSON, "reduction"),
        (BulkOptions(dismiss_deceased=True), FELONY_11359, PersonContext(date(1980, 1, 1), True, False, None), "dismissal"),
        (BulkOptions(dismiss_deceased=True), FELONY_11359, PERSON, "reduction"),
    ],
    ids=[
        "under-21-at-conviction", "exactly-21-at-conviction", "at-age-threshold", "below-age-threshold",
        "years-since-conviction-met", "years-since-conviction-not-met", "crime-free-met", "crime-free-not-met",
        "only-prop64-record", "other-convictions-on-record", "deceased", "living",
    ],
)
def test_additional_relief_turns_reductions_into_dismissals_only_when_its_condition_holds(
    options: BulkOptions, count: CountContext, person: PersonContext, expected: str
) -> None:
    assert decide(_determination(), count, person, options, AS_OF).outcome == expected


def test_additional_relief_does_not_apply_without_the_date_it_needs() -> None:
    unknown_birth = PersonContext(None, False, False, None)
    assert decide(_determination(), FELONY_11359, unknown_birth, BulkOptions(dismiss_at_or_over_age=18), AS_OF).outcome == "reduction"


def test_desktop_tool_options_file_is_read() -> None:
    require_shared_fixture(FIXTURE_OPTIONS)
    options = load_options(FIXTURE_OPTIONS)
    assert options == BulkOptions(
        dismiss_sections=frozenset({"11357", "11358"}),
        reduce_sections=frozenset({"11359", "11360"}),
        dismiss_under_21_at_conviction=True,
        dismiss_at_or_over_age=57,
        dismiss_years_since_conviction=10,
        dismiss_only_prop64_record=True,
        dismiss_deceased=True,
    )


def test_options_round_trip_through_their_json_form() -> None:
    options = BulkOptions(dismiss_sections=frozenset({"11360"}), dismiss_years_crime_free=5, dismiss_deceased=True)
    assert options_from_json(json.loads(json.dumps(options.to_json()))) == options


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"baselineEligibility": {"dismiss": ["11350"]}}, "11350 is not one of"),
        ({"baselineEligibility": {"dismiss": ["11357"], "reduce": ["11357"]}}, "both to dismiss and to reduce"),
        ({"additionalRelief": {"subjectAgeThreshold": "old"}}, "whole number"),
        ({"additionalRelief": {"subjectIsDeceased": "yes"}}, "true or false"),
    ],
    ids=["not-an-object", "not-a-marijuana-section", "section-in-both-lists", "age-not-a-number", "flag-not-boolean"],
)
def test_invalid_options_are_refused_with_the_problem_named(data: object, message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        options_from_json(data)


def test_options_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "options.json"
    path.write_text("{nope")
    with pytest.raises(OptionsError, match="options.json: not valid JSON"):
        load_options(path)
