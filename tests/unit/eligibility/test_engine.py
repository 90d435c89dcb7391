"""screen(): orchestration, unknown offenses, history across the record, and the JSON shape."""

from __future__ import annotations

from datetime import date

from app.eligibility import ENGINE_VERSION, screen
from app.eligibility.engine import UNKNOWN_OFFENSE
from tests.unit.eligibility.builders import SETTLED, TODAY, conviction


def test_results_follow_the_input_order_and_ids() -> None:
    first, second = conviction("PC 242"), conviction("HS 11357")

    result = screen(SETTLED, [first, second], TODAY)

    assert [r.id for r in result.convictions] == [first.id, second.id]


def test_screening_is_stamped_with_engine_version_and_today() -> None:
    result = screen(SETTLED, [], TODAY)

    assert (result.engine_version, result.today, result.convictions) == (ENGINE_VERSION, TODAY, ())


def test_remedies_come_in_the_screening_order_of_law_md() -> None:
    felony = conviction("HS 11357(a)", level="felony", conviction_date=date(2010, 1, 1))

    remedies = [d.remedy for d in screen(SETTLED, [felony], TODAY).convictions[0].determinations]

    assert remedies[:2] == ["prop64", "prop47"]
    assert remedies.index("pc1203_4") > remedies.index("prop47")


def test_unreadable_offense_with_no_route_says_what_a_reviewer_must_find() -> None:
    unknown = conviction("no idea", level="felony", sentence="state_prison", sentence_completed_date=None)
    unknown_route = conviction("no idea", level="misdemeanor", sentence="state_prison")

    result = screen(SETTLED, [unknown, unknown_route], TODAY)

    for found in result.convictions:
        assert found.offense is None
        assert all("offense" in d.missing and d.outcome == "needs_review" for d in found.determinations)
    assert result.convictions[1].determinations[0].reasons == (UNKNOWN_OFFENSE,)


def test_a_conviction_in_the_list_is_history_for_the_others() -> None:
    marijuana = conviction("HS 11360", level="felony", conviction_date=date(2010, 1, 1))
    earlier_murder = conviction("PC 187", level="felony", conviction_date=date(1995, 1, 1))

    alone = screen(SETTLED, [marijuana], TODAY).convictions[0].determinations[0]
    with_history = screen(SETTLED, [earlier_murder, marijuana], TODAY).convictions[1].determinations[0]

    assert (alone.outcome, with_history.outcome) == ("eligible", "not_eligible")


def test_to_dict_has_the_contract_keys() -> None:
    answer = screen(SETTLED, [conviction("HS 11357(b)", id="c1")], TODAY).to_dict()

    assert set(answer) == {"engine_version", "today", "convictions", "automatic_relief", "arrests", "person_routes"}
    assert answer["today"] == "2026-11-29"
    result = answer["convictions"][0]
    assert set(result) == {"id", "offense", "determinations", "chain"}
    assert {"code", "section", "subdivision", "label"} <= set(result["offense"])
    assert {"remedy", "outcome", "relief", "statute", "form", "reasons", "missing"} <= set(result["determinations"][0])
    assert set(answer["automatic_relief"][0]) == {"conviction", "statute", "note"}


def test_needs_review_explains_each_missing_fact() -> None:
    found = screen(SETTLED, [conviction("HS 11357", level=None, conviction_date=None)], TODAY).convictions[0]
    prop64 = found.determinations[0]

    assert prop64.outcome == "needs_review"
    assert len(prop64.reasons) == 1 + len(prop64.missing)


def test_one_remedy_answers_what_screen_answers_for_that_remedy() -> None:
    from app.eligibility import screen_one_remedy

    record = [
        conviction("PC 220", level="felony", conviction_date=date(1998, 1, 1)),
        conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1)),
        conviction("HS 11357(b)", level="misdemeanor", conviction_date=date(2012, 1, 1)),
    ]
    full = {r.id: d for r in screen(SETTLED, record, TODAY).convictions for d in r.determinations
            if d.remedy == "prop64"}

    assert screen_one_remedy(SETTLED, record, TODAY, "prop64") == full


def test_one_remedy_answers_only_the_asked_convictions_but_weighs_the_whole_record() -> None:
    from app.eligibility import screen_one_remedy

    prior = conviction("PC 187", level="felony", conviction_date=date(1998, 1, 1))
    felony = conviction("HS 11359", level="felony", conviction_date=date(2010, 1, 1))

    answers = screen_one_remedy(SETTLED, [prior, felony], TODAY, "prop64", only={felony.id})

    assert list(answers) == [felony.id] and answers[felony.id].outcome == "not_eligible"
