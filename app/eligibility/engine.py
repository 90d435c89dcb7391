"""``screen()``: every remedy, in law.md's screening order, over a person's whole record."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date

from app.eligibility import automatic, chains, unverified
from app.eligibility.context import Case, Record
from app.eligibility.facts import ArrestFacts, ConvictionFacts, Person
from app.eligibility.offenses import parse_offense
from app.eligibility.remedies import (
    pc17b,
    pc17d2,
    pc236_14,
    pc236_15,
    pc290_5,
    pc1203_3,
    pc1203_4,
    pc1203_4a,
    pc1203_4b,
    pc1203_41,
    pc1203_42,
    pc1203_43,
    pc1203_45,
    pc1203_49,
    pc1170_9,
    pc1170_91,
    pc1473_7,
    pc4852_01,
    pc851_91,
    prop47,
    prop64,
    wic781,
)
from app.eligibility.results import (
    ArrestResult,
    AutomaticReliefNote,
    ConvictionResult,
    Determination,
    Offense,
    Reason,
    Screening,
)
from app.eligibility.statutes import YES
from app.eligibility.version import ENGINE_VERSION

# law.md s.0: Prop 64, then Prop 47, then reductions and dismissals on CR-180.
REMEDY_BY_NAME: dict[str, Callable[[Case], Determination | None]] = {
    "prop64": prop64.assess,
    "prop47": prop47.assess,
    "pc17b": pc17b.assess,
    "pc17d2": pc17d2.assess,
    "pc1203_4": pc1203_4.assess,
    "pc1203_4a": pc1203_4a.assess,
    "pc1203_41": pc1203_41.assess,
    "pc1203_42": pc1203_42.assess,
    "pc1203_43": pc1203_43.assess,
    "pc1203_49": pc1203_49.assess,
    "pc1203_4b": pc1203_4b.assess,
    # Routes beside the conviction remedies: ending probation early, sealing juvenile misdemeanors, ending
    # registration, and vacatur for survivors of partner violence and of human trafficking.
    "pc1203_3": pc1203_3.assess,
    "pc1203_45": pc1203_45.assess,
    "pc290_5": pc290_5.assess,
    "pc236_15": pc236_15.assess,
    "pc236_14": pc236_14.assess,
    # No dismissal route (prison, registration), veterans' resentencing and restorative relief, and the immigration
    # attorney result.
    "pc4852_01": pc4852_01.assess,
    "pc1170_91": pc1170_91.assess,
    "pc1170_9": pc1170_9.assess,
    "pc1473_7": pc1473_7.assess,
}
REMEDY_ORDER: tuple[Callable[[Case], Determination | None], ...] = tuple(REMEDY_BY_NAME.values())

UNKNOWN_OFFENSE = Reason(
    "We could not read the code section of this conviction. A reviewer must find it (on the court record or the DOJ record) before we can say what relief applies.",
    "No pudimos leer la sección del código de esta condena. Un revisor debe encontrarla (en el expediente del tribunal o en el historial del DOJ) antes de decir qué alivio se aplica.",
)


def screen(
    person: Person, convictions: Sequence[ConvictionFacts], today: date, arrests: Sequence[ArrestFacts] = ()
) -> Screening:
    """Screen every conviction of one person (history across the list matters: priors, same case), and every arrest
    that did not lead to a conviction, each on its own (PC 851.91 seals one arrest per petition)."""
    record = Record(person, convictions, today)
    results: list[ConvictionResult] = []
    notes: list[AutomaticReliefNote] = []
    for case in record.cases:
        determinations = tuple(
            _flag_unverified(determination, case.offense)
            for assess in REMEDY_ORDER if (determination := assess(case)) is not None
        )
        if case.offense is None and not determinations:
            determinations = (_unknown_offense(case),)
        felony_only = case.traits is not None and case.traits.excluded_1203_4_felony == YES
        chain = chains.chain_for(case.facts, determinations, felony_only_exclusion=felony_only)
        results.append(ConvictionResult(case.facts.id, case.offense, determinations, chain))
        notes.extend(automatic.notes_for(case, determinations))
    history = pc851_91.ArrestHistory(record, arrests) if arrests else None
    arrest_results = tuple(
        ArrestResult(arrest.id,
                     (_flag_unverified(pc851_91.assess(arrest, history), parse_offense(arrest.offense_text)),),
                     automatic.arrest_notes(arrest, person, today))
        for arrest in arrests
    )
    juvenile = wic781.assess_person(person)
    return Screening(ENGINE_VERSION, today, tuple(results), tuple(notes), arrest_results,
                     (_flag_unverified(juvenile, None),) if juvenile is not None else ())


def screen_one_remedy(
    person: Person, convictions: Sequence[ConvictionFacts], today: date, remedy: str, only: Collection[str] | None = None
) -> dict[str, Determination]:
    """One remedy's determinations, by conviction id, judged against the whole record as `screen()` judges it.

    For callers that need a single remedy for many people (the DA's bulk Prop 64 run): `screen()` would also run the
    other nine remedies on every count. `only` limits which conviction ids are answered; the others still count as
    history. Tests hold it equal to the matching part of `screen()`.
    """
    assess = REMEDY_BY_NAME[remedy]
    record = Record(person, convictions, today)
    answers: dict[str, Determination] = {}
    for case in record.cases:
        conviction_id = case.facts.id
        if (only is None or conviction_id in only) and (determination := assess(case)) is not None:
            answers[conviction_id] = _flag_unverified(determination, case.offense)
    return answers


def _flag_unverified(determination: Determination, offense: Offense | None) -> Determination:
    rules = unverified.unverified_rules(determination, offense)
    if not rules:
        return determination
    d = determination  # built directly: dataclasses.replace costs more than the rest of a cheap rule
    return Determination(d.remedy, d.outcome, d.relief, d.statute, d.form, d.reasons, d.missing, d.basis, rules)


def _unknown_offense(case: Case) -> Determination:
    """What a reviewer must establish when neither the offense nor the sentence route is known."""
    facts = case.facts
    custody_felony = facts.level == "felony" and facts.sentence in ("county_jail", "state_prison")
    remedy, statute = ("pc1203_41", "PC 1203.41") if custody_felony else ("pc1203_4", "PC 1203.4")
    return Determination(remedy, "needs_review", None, statute, "CR-180", (UNKNOWN_OFFENSE,), ("offense",))
