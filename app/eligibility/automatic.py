"""Notes that a conviction may already be cleared by a state program (law.md s.5).

They never replace a determination: state data is incomplete, so the petition route stays
open and every note says how to check (DOJ Record Review, the court clerk).
PC 851.93 (automatic arrest relief) concerns arrests without conviction: ``arrest_notes`` gives it for each arrest.
"""

from __future__ import annotations

# Dates (tables): AB 1076 relief from 2022-07-01 for convictions since 2021-01-01; SB 731 from 2023-07-01 for
# convictions since 1973-01-01, and for felonies convicted since 2005-01-01. The felony clause excludes serious,
# violent and PC 290 felonies: a listed super strike or a known serious or violent felony gets no note; for other
# felonies (our serious/violent list is partial) the note states the condition. [M] unverified: some parts are
# reported operative only from 2024-10-01 (secondary sources).

from datetime import date

from app.eligibility.context import Case, add_years
from app.eligibility.facts import ArrestFacts, Person
from app.eligibility.results import AutomaticReliefNote, Determination, Reason
from app.eligibility.statutes import NO, YES
from app.eligibility.tables import (
    HS11361_9_DOJ_REVIEW,
    PC1203_425_AB1076_FIRST_CONVICTION,
    PC1203_425_EARLIEST_CONVICTION,
    PC1203_425_FELONY_FIRST_CONVICTION,
    PC1203_425_OPERATIVE,
    PC851_93_EARLIEST_ARREST,
    PC851_93_OPERATIVE,
    PROP64_EFFECTIVE,
    SB731_OPERATIVE,
)

HS11361_9 = "HS 11361.9"
HS11361_5 = "HS 11361.5"
PC1203_425 = "PC 1203.425"
PC851_93 = "PC 851.93"

PROP64_AUTOMATIC = Reason(
    "The state had to review Prop 64 marijuana convictions on its own, and courts had to clear eligible ones by 2023 (HS 11361.9), so this one may already be cleared. Ask the court clerk, or ask the California DOJ for your record (Record Review); if it is not cleared, you can still file form CR-400.",
    "El estado tenía que revisar por su cuenta las condenas de marihuana de la Proposición 64, y los tribunales debían borrar las elegibles antes de 2023 (HS 11361.9), así que esta podría estar ya borrada. Pregunte al secretario del tribunal o pida su historial al Departamento de Justicia de California (Record Review); si no está borrada, todavía puede presentar el formulario CR-400.",
)
DISMISSAL_AUTOMATIC = Reason(
    "Since 2022 the state clears many older convictions on its own (PC 1203.425), and this one may qualify. Ask the court clerk, or ask the California DOJ for your record (Record Review); you can still file form CR-180 to get a court order.",
    "Desde 2022 el estado borra por su cuenta muchas condenas antiguas (PC 1203.425), y esta podría calificar. Pregunte al secretario del tribunal o pida su historial al Departamento de Justicia de California (Record Review); todavía puede presentar el formulario CR-180 para obtener una orden del tribunal.",
)
FELONY_AUTOMATIC = Reason(
    "Since July 2023 the state also clears many felonies on its own four years after the sentence ends, unless they are serious or violent or require registration (PC 1203.425). This one may qualify: ask the court clerk or the California DOJ (Record Review); you can still file form CR-180.",
    "Desde julio de 2023 el estado también borra por su cuenta muchos delitos graves cuatro años después de terminar la sentencia, salvo los graves o violentos o los que exigen registro (PC 1203.425). Este podría calificar: pregunte al secretario del tribunal o al Departamento de Justicia de California (Record Review); todavía puede presentar el formulario CR-180.",
)
MARIJUANA_RECORDS_DESTROYED = Reason(
    "The law says court and police records of this marijuana conviction must be destroyed two years after it (HS 11361.5(a)), so it may no longer be on your record. If it still shows, ask the court clerk or the California DOJ (Record Review) to apply HS 11361.5.",
    "La ley dice que los expedientes del tribunal y de la policía de esta condena de marihuana se deben destruir dos años después de ella (HS 11361.5(a)), así que podría ya no estar en su historial. Si todavía aparece, pida al secretario del tribunal o al Departamento de Justicia de California (Record Review) que apliquen el HS 11361.5.",
)
ARREST_AUTOMATIC = Reason(
    "Since 2021 the state seals many arrests that did not lead to a conviction on its own (PC 851.93): a misdemeanor arrest a year on without charges, a felony arrest after three or six years, and cases dismissed or ending in a not-guilty verdict. This one may already be sealed: ask the California DOJ for your record (Record Review). You can still file form CR-409 to get a court order.",
    "Desde 2021 el estado sella por su cuenta muchos arrestos que no terminaron en condena (PC 851.93): un arresto por delito menor un año después sin cargos, un arresto por delito grave después de tres o seis años, y los casos desestimados o con veredicto de no culpable. Este podría estar ya sellado: pida su historial al Departamento de Justicia de California (Record Review). Todavía puede presentar el formulario CR-409 para obtener una orden del tribunal.",
)
_NO_PROBATION_SENTENCES = frozenset({"fine_only", "county_jail"})
# HS 11361.5(a): records of convictions under HS 11357(b)-(e) and 11360(b) are not kept beyond two years (for
# 11357(e), a minor on school grounds, until the person turns 18; we give the note only after two years either way).
_DESTROYED_AFTER_TWO_YEARS = {"11357": frozenset({"b", "c", "d", "e"}), "11360": frozenset({"b"})}


def notes_for(case: Case, determinations: tuple[Determination, ...]) -> tuple[AutomaticReliefNote, ...]:
    conviction_id = case.facts.id
    notes: list[AutomaticReliefNote] = []
    if _prop64_reviewed(case, determinations):
        notes.append(AutomaticReliefNote(conviction_id, HS11361_9, PROP64_AUTOMATIC))
    if _records_due_for_destruction(case):
        notes.append(AutomaticReliefNote(conviction_id, HS11361_5, MARIJUANA_RECORDS_DESTROYED))
    if not notes:
        reason = _pc1203_425_note(case)
        if reason is not None:
            notes.append(AutomaticReliefNote(conviction_id, PC1203_425, reason))
    return tuple(notes)


def _records_due_for_destruction(case: Case) -> bool:
    offense = case.offense
    convicted = case.facts.conviction_date
    if offense is None or offense.code != "HS" or convicted is None:
        return False
    subdivisions = _DESTROYED_AFTER_TWO_YEARS.get(offense.section)
    return (subdivisions is not None and offense.subdivision in subdivisions
            and case.record.today >= add_years(convicted, 2))


def _prop64_reviewed(case: Case, determinations: tuple[Determination, ...]) -> bool:
    convicted = case.facts.conviction_date
    if case.traits is None or not case.traits.prop64 or convicted is None or convicted > PROP64_EFFECTIVE:
        return False
    if case.record.today < HS11361_9_DOJ_REVIEW:
        return False
    return any(d.remedy == "prop64" and d.outcome != "not_eligible" for d in determinations)


def _pc1203_425_note(case: Case) -> Reason | None:
    """The note when every fact PC 1203.425 needs is known to fit; unknown facts give no note."""
    record = case.record
    today = record.today
    facts = case.facts
    person = record.person
    convicted = facts.conviction_date
    if convicted is None or convicted < PC1203_425_EARLIEST_CONVICTION or today < _operative_for(convicted):
        return None
    if person.registered_sex_offender is not False or (case.traits is not None and case.traits.pc290 == YES):
        return None
    if person.on_probation_or_parole is not False or person.in_custody is not False or person.pending_charges is not False:
        return None
    if case.completed is not True:
        return None

    if facts.sentence == "probation" and facts.probation_completed is True and facts.probation_violated is False:
        return DISMISSAL_AUTOMATIC
    if (
        facts.level in ("misdemeanor", "infraction")
        and facts.sentence in _NO_PROBATION_SENTENCES
        and today >= add_years(convicted, 1)
    ):
        return DISMISSAL_AUTOMATIC
    finished = facts.sentence_completed_date
    traits = case.traits
    if (
        facts.level == "felony"
        and today >= SB731_OPERATIVE
        and convicted >= PC1203_425_FELONY_FIRST_CONVICTION
        and traits is not None
        and traits.superstrike == NO
        and traits.serious_or_violent != YES
        and finished is not None
        and today >= add_years(finished, 4)
        and record.has_later_felony(case) is False
    ):
        return FELONY_AUTOMATIC
    return None


def _operative_for(convicted: date) -> date:
    """When 1203.425 began to reach a conviction of this date: AB 1076 for 2021 on, SB 731 for older ones."""
    return PC1203_425_OPERATIVE if convicted >= PC1203_425_AB1076_FIRST_CONVICTION else SB731_OPERATIVE


def arrest_notes(arrest: ArrestFacts, person: Person, today: date) -> tuple[AutomaticReliefNote, ...]:
    """PC 851.93 for an arrest since 1973 that ended without a conviction, unless the person registers (PC 290).

    The waits (one, three or six years) depend on the offense's punishment, which the person rarely knows, so the
    note states them instead of deciding; an unknown arrest date still gets it (most arrests are after 1973).
    """
    if today < PC851_93_OPERATIVE or person.registered_sex_offender is True or arrest.outcome is None:
        return ()
    if arrest.arrest_date is not None and arrest.arrest_date < PC851_93_EARLIEST_ARREST:
        return ()
    return (AutomaticReliefNote(arrest.id, PC851_93, ARREST_AUTOMATIC),)
