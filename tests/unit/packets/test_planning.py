"""Planning: which court cases get a set of papers, and which forms and boxes each set needs."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.packets.planning import CaseSet, Cr180Request, Cr400Request, Prop47Request, plan_packet
from tests.unit.packets.conftest import TODAY, ScreeningBuilder, determination


def plan(builder: ScreeningBuilder, today: date = TODAY) -> tuple[CaseSet, ...]:
    facts, screening = builder.build()
    return plan_packet(facts, screening, today=today)


def only_set(builder: ScreeningBuilder, today: date = TODAY) -> CaseSet:
    (case_set,) = plan(builder, today)
    return case_set


def cr180_of(builder: ScreeningBuilder) -> Cr180Request:
    request = only_set(builder).cr180
    assert request is not None
    return request


def cr400_of(builder: ScreeningBuilder) -> Cr400Request:
    request = only_set(builder).cr400
    assert request is not None
    return request


def prop47_of(builder: ScreeningBuilder, today: date) -> Prop47Request:
    request = only_set(builder, today).prop47
    assert request is not None
    return request


def test_counts_of_one_case_share_one_set(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    builder.add("PC 484", determination("pc1203_4", basis="probation_fulfilled"), case_number=" 12-cr-3456 ")
    assert [count.section for count in cr180_of(builder).counts] == ["459.5", "484"]


def test_cases_in_two_counties_get_two_sets(builder: ScreeningBuilder) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"), county="San Diego", case_number="SD-1")
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), county="alameda", case_number="A-1")
    sets = plan(builder)
    assert [(s.county, s.case_number) for s in sets] == [("San Diego", "SD-1"), ("Alameda", "A-1")]


def test_a_case_a_court_already_cleared_gets_no_set(builder: ScreeningBuilder) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"), county="San Diego", case_number="SD-1")
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), county="alameda", case_number="A-1")
    facts, screening = builder.build()
    sets = plan_packet(facts, screening, today=TODAY, relief_granted={"c1"})
    assert [s.case_number for s in sets] == ["A-1"]


def test_counts_without_a_case_number_stand_alone(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), case_number=None)
    builder.add("PC 484", determination("pc1203_4", basis="probation_fulfilled"), case_number=None)
    assert len(plan(builder)) == 2


def test_a_case_with_nothing_to_ask_for_gets_no_set(builder: ScreeningBuilder) -> None:
    builder.add("PC 187", determination("pc1203_4", outcome="not_eligible"))
    assert plan(builder) == ()


def test_prop64_calls_for_cr400_and_its_proof_of_service(builder: ScreeningBuilder) -> None:
    builder.add("HS 11357(b)", determination("prop64", basis="application"))
    assert plan(builder)[0].form_numbers == ("CR-400", "CR-401")


def test_mandatory_dismissal_calls_for_petition_order_and_proof_of_service(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"))
    assert plan(builder)[0].form_numbers == ("CR-180", "CR-181", "POS")


def test_interests_of_justice_adds_the_mc031_declaration(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="interests_of_justice"))
    assert plan(builder)[0].form_numbers == ("CR-180", "MC-031", "CR-181", "POS")


def test_more_than_five_counts_add_the_mc025_attachment(builder: ScreeningBuilder) -> None:
    for _ in range(6):
        builder.add("PC 484", determination("pc1203_4", basis="probation_fulfilled"))
    assert "MC-025" in only_set(builder).form_numbers
    assert len(cr180_of(builder).table_rows) == 5 and cr180_of(builder).overflow_count == 1


def test_prop47_calls_for_the_pleading_petition_and_proof_of_service(builder: ScreeningBuilder) -> None:
    builder.add("PC 496", determination("prop47", basis="application"))
    assert plan(builder)[0].form_numbers == ("PROP-47", "POS")


@pytest.mark.parametrize(
    ("remedy", "basis", "boxes"),
    [
        ("pc1203_4", "probation_fulfilled", {"2", "2a"}),
        ("pc1203_4", "early_discharge", {"2", "2b"}),
        ("pc1203_4", "interests_of_justice", {"2", "2c"}),
        ("pc1203_4a", "honest_upright", {"3", "3a"}),
        ("pc1203_4a", "interests_of_justice", {"3", "3b"}),
        ("pc1203_49", None, {"4"}),
        ("pc1203_41", "c", {"5", "5c"}),
        ("pc1203_42", None, {"6"}),
        ("pc1203_43", None, {"7"}),
        ("pc17b", None, set()),
    ],
)
def test_each_remedy_and_basis_checks_its_cr180_boxes(builder: ScreeningBuilder, remedy: str, basis: str | None, boxes: set[str]) -> None:
    builder.add("PC 459.5", determination(remedy, basis=basis))
    assert cr180_of(builder).boxes == boxes


def test_reduction_columns_say_yes_only_for_the_remedy_found(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", basis="probation_fulfilled"), determination("pc17b"))
    (count,) = cr180_of(builder).counts
    assert (count.reduce_17b, count.reduce_17d2) == ("yes", "no")


@pytest.mark.parametrize(("basis", "petition", "application"), [("petition", True, False), ("application", False, True)])
def test_cr400_request_follows_whether_the_sentence_is_still_served(builder: ScreeningBuilder, basis: str, petition: bool, application: bool) -> None:
    builder.add("HS 11359", determination("prop64", basis=basis))
    request = cr400_of(builder)
    assert (request.petition, request.application, request.sections) == (petition, application, frozenset({"11359"}))


def test_needs_review_carries_its_reasons_to_the_cover_sheet(builder: ScreeningBuilder) -> None:
    builder.add("PC 459.5", determination("pc1203_4", outcome="needs_review", basis="probation_fulfilled"))
    (case_set,) = plan(builder)
    assert case_set.needs_review and case_set.review_reasons[0].en == "The sentence end date is unknown."


def test_an_unread_offense_keeps_the_persons_words_in_the_section_column(builder: ScreeningBuilder) -> None:
    builder.add("stole a bike", determination("pc1203_4", outcome="needs_review"), parsed=False)
    (count,) = cr180_of(builder).counts
    assert (count.code, count.section) == ("", "stole a bike")


def test_prop47_after_the_deadline_needs_good_cause(builder: ScreeningBuilder) -> None:
    builder.add("PC 496", determination("prop47", basis="application"))
    assert prop47_of(builder, today=date(2022, 11, 5)).good_cause_required


def test_prop47_before_the_deadline_needs_no_good_cause(builder: ScreeningBuilder) -> None:
    builder.add("PC 496", determination("prop47", basis="application"))
    assert not prop47_of(builder, today=date(2022, 11, 4)).good_cause_required


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Alameda", "SAN DIEGO", "San Diego", None]),
            st.sampled_from(["A-1", "a-1 ", "B-2", None]),
            st.sampled_from(["eligible", "needs_review", "not_eligible"]),
        ),
        max_size=12,
    )
)
def test_every_actionable_conviction_lands_in_exactly_one_set_of_its_own_case(rows: list[tuple[str | None, str | None, str]]) -> None:
    builder = ScreeningBuilder()
    for county, case_number, outcome in rows:
        builder.add("PC 484", determination("pc1203_4", outcome=outcome, basis="probation_fulfilled"), county=county, case_number=case_number)
    facts, _ = builder.build()
    by_id = {f.id: f for f in facts}
    sets = plan(builder)
    requests = [case_set.cr180 for case_set in sets if case_set.cr180 is not None]
    placed = [count.conviction_id for request in requests for count in request.counts]
    assert sorted(placed) == sorted(f.id for f, (_, _, outcome) in zip(facts, rows) if outcome != "not_eligible")
    for request in requests:
        keys = {((by_id[c.conviction_id].county or "").casefold(), (by_id[c.conviction_id].case_number or "").strip().upper())
                for c in request.counts}
        assert len(keys) == 1
