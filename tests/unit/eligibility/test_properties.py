"""Properties of the engine over arbitrary facts (Hypothesis)."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.eligibility import (
    ARREST_OUTCOMES,
    BASES,
    LEVELS,
    OUTCOMES,
    RELIEFS,
    REMEDIES,
    SENTENCES,
    ArrestFacts,
    ConvictionFacts,
    Person,
    Screening,
    screen,
)
from app.eligibility.reasons import MISSING_FACT

OFFENSE_TEXTS = (
    "HS 11357(b)", "HS 11358", "11359 HS-POSSESS MARIJUANA FOR SALE", "HS 11360(a)", "HS 11350", "HS 11377(a)",
    "HS 11364", "PC 32", "PC 459", "PC 459.5", "PC 484", "PC 487(a)", "PC 496(a)", "PC 666", "PC 187", "PC 215",
    "PC 286", "PC 288(a)", "PC 288(c)", "PC 243.4", "PC 261.5(d)", "PC 245(a)(1)", "PC 415", "PC 602",
    "PC 647(b)", "PC 647", "VC 2800(a)", "VC 23152(a)", "VC 12500", "VC 22350", "PC 211", "unreadable",
    "HS 11357(a)", "HS 11360(b)", "PC 273.5", "PC 273a", "PC 368(b)", "PC 1320", "PC 530.5",
)
maybe_bool = st.sampled_from([True, False, None])
maybe_date = st.one_of(st.none(), st.dates(min_value=date(1960, 1, 1), max_value=date(2030, 12, 31)))
people = st.builds(
    Person,
    date_of_birth=maybe_date,
    registered_sex_offender=maybe_bool,
    superstrike_prior=maybe_bool,
    on_probation_or_parole=maybe_bool,
    in_custody=maybe_bool,
    pending_charges=maybe_bool,
    partner_violence_survivor=maybe_bool,
    trafficking_survivor=maybe_bool,
    us_citizen=maybe_bool,
    veteran=maybe_bool,
    juvenile_case=maybe_bool,
)
convictions = st.builds(
    ConvictionFacts,
    id=st.uuids().map(str),
    offense_text=st.one_of(st.sampled_from(OFFENSE_TEXTS), st.text(max_size=40)),
    county=st.none(),
    case_number=st.sampled_from([None, "", "A", "B"]),
    level=st.sampled_from([*LEVELS, None]),
    conviction_date=maybe_date,
    sentence=st.sampled_from([*SENTENCES, None]),
    probation_completed=maybe_bool,
    probation_violated=maybe_bool,
    sentence_completed=maybe_bool,
    sentence_completed_date=maybe_date,
    value_over_950=maybe_bool,
    probation_terminated_early=maybe_bool,
    mandatory_supervision=maybe_bool,
    dej_dismissed=maybe_bool,
    trafficking_victim=maybe_bool,
    offense_date=maybe_date,
    offense_date_latest=maybe_date,
    prison_term_suspended=maybe_bool,
    marijuana_over_limit=maybe_bool,
    fire_camp=maybe_bool,
)
records = st.lists(convictions, max_size=6)
arrests = st.builds(
    ArrestFacts,
    id=st.uuids().map(str),
    county=st.none(),
    arrest_date=maybe_date,
    agency=st.sampled_from([None, "Oakland Police Department"]),
    outcome=st.sampled_from([*ARREST_OUTCOMES, None]),
    offense_text=st.sampled_from(["", "PC 187", "PC 288(a)", "PC 242", "HS 11350", "unreadable", "PC 273.5", "PC 273a",
                                  "PC 368(b)"]),
)
arrest_lists = st.lists(arrests, max_size=3)
todays = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))

CONVICTION_FACTS = tuple(f.name for f in dataclasses.fields(ConvictionFacts) if f.name not in ("id", "offense_text"))
PERSON_FACTS = tuple(f.name for f in dataclasses.fields(Person))
# An arrest's optional facts: "" is its unknown offense text, None the others.
ARREST_FACTS = {"arrest_date": None, "agency": None, "outcome": None, "offense_text": ""}


def outcomes_by_remedy(result: Screening) -> dict[tuple[str, str], str]:
    return {(c.id, d.remedy): d.outcome for c in (*result.convictions, *result.arrests) for d in c.determinations}


@settings(max_examples=300, deadline=None)
@given(people, records, todays)
def test_answers_stay_in_the_contract_vocabulary(who: Person, record: list[ConvictionFacts], today: date) -> None:
    result = screen(who, record, today)

    assert len(result.convictions) == len(record)
    for found in result.convictions:
        for d in found.determinations:
            assert d.remedy in REMEDIES and d.outcome in OUTCOMES
            assert d.relief is None or d.relief in RELIEFS
            assert d.basis is None or d.basis in BASES
            assert d.reasons and all(r.en and r.es for r in d.reasons)
            assert all(name in MISSING_FACT for name in d.missing)
            assert d.outcome != "eligible" or not d.missing
        if found.offense is None:
            assert found.determinations, "an unreadable offense still says what a reviewer must establish"


@settings(max_examples=300, deadline=None)
@given(people, records, todays)
def test_engine_never_raises_and_serialises(who: Person, record: list[ConvictionFacts], today: date) -> None:
    assert screen(who, record, today).to_dict()["today"] == today.isoformat()


@settings(max_examples=400, deadline=None)
@given(people, st.lists(convictions, min_size=1, max_size=5), arrest_lists, todays, st.data())
def test_forgetting_a_fact_never_makes_a_refusal_eligible(
    who: Person, record: list[ConvictionFacts], arrested: list[ArrestFacts], today: date, data: st.DataObject
) -> None:
    """Turning a known fact (blocking or not) into None gives at most needs_review where the answer was no, for the
    convictions and for the arrests the record bars of PC 851.91 read it with."""
    before = outcomes_by_remedy(screen(who, record, today, arrests=arrested))
    if data.draw(st.booleans(), label="forget a person fact"):
        forgotten = data.draw(st.sampled_from(PERSON_FACTS), label="person fact")
        who = dataclasses.replace(who, **{forgotten: None})
    else:
        index = data.draw(st.integers(0, len(record) - 1), label="conviction")
        forgotten = data.draw(st.sampled_from(CONVICTION_FACTS), label="conviction fact")
        record = [*record]
        # The engine reads an end of sentence from sentence_completed, else from sentence_completed_date: the fact
        # is forgotten only when both are (an explicit "not yet" with a past end date is the person's answer).
        also = {"sentence_completed_date": None} if forgotten == "sentence_completed" else {}
        record[index] = dataclasses.replace(record[index], **{forgotten: None}, **also)

    after = outcomes_by_remedy(screen(who, record, today, arrests=arrested))

    for key, outcome in after.items():
        if outcome == "eligible":
            assert before.get(key, "not_eligible") != "not_eligible", (key, forgotten)


@settings(max_examples=300, deadline=None)
@given(people, records, arrest_lists, todays)
def test_arrest_answers_stay_in_the_contract_vocabulary(
    who: Person, record: list[ConvictionFacts], arrested: list[ArrestFacts], today: date
) -> None:
    result = screen(who, record, today, arrests=arrested)

    assert [found.id for found in result.arrests] == [arrest.id for arrest in arrested]
    for found in result.arrests:
        (d,) = found.determinations
        assert d.remedy == "pc851_91" and d.outcome in OUTCOMES and d.relief == "seal"
        assert d.reasons and all(r.en and r.es for r in d.reasons)
        assert all(name in MISSING_FACT for name in d.missing)
        assert d.outcome != "eligible" or not d.missing


@settings(max_examples=300, deadline=None)
@given(people, records, st.lists(arrests, min_size=1, max_size=6), todays, st.data())
def test_forgetting_an_arrest_fact_never_makes_a_refusal_eligible(
    who: Person, record: list[ConvictionFacts], arrested: list[ArrestFacts], today: date, data: st.DataObject
) -> None:
    before = outcomes_by_remedy(screen(who, record, today, arrests=arrested))
    index = data.draw(st.integers(0, len(arrested) - 1), label="arrest")
    forgotten = data.draw(st.sampled_from(sorted(ARREST_FACTS)), label="arrest fact")
    arrested = [*arrested]
    arrested[index] = dataclasses.replace(arrested[index], **{forgotten: ARREST_FACTS[forgotten]})

    after = outcomes_by_remedy(screen(who, record, today, arrests=arrested))

    for key, outcome in after.items():
        if outcome == "eligible":
            assert before[key] != "not_eligible", (key, forgotten)
