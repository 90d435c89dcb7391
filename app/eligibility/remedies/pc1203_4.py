"""PC 1203.4: dismissal after probation (CR-180 item 2).

Mandatory when probation was fulfilled for its whole term or ended early by the court
(a)(1); otherwise the judge may grant it "in the interests of justice". Never for infractions
(those use 1203.4a), the (b) sex offenses, VC 42002.1 misdemeanors, or felony 261.5(d); and
an executed state prison sentence bars it (People v. Borja).
"""

from __future__ import annotations

# The (b) list is the current statute text: PC 288.5 is listed and 311.2 is excluded whole (tables.PC1203_4_EXCLUDED).

from app.eligibility.context import Case
from app.eligibility.decide import decide, dismissal_barred_now, note_missing, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, YES

REMEDY = "pc1203_4"
FORM = "CR-180"
STATUTE = "PC 1203.4"
STATUTE_MANDATORY = "PC 1203.4(a)(1)"

FULFILLED = Reason(
    "You finished probation without a violation, so under PC 1203.4(a)(1) the court must dismiss this conviction. File form CR-180.",
    "Usted terminó la libertad condicional (probation) sin violarla, así que según el PC 1203.4(a)(1) el tribunal debe anular esta condena. Presente el formulario CR-180.",
)
EARLY_DISCHARGE = Reason(
    "The court ended your probation early, so under PC 1203.4(a)(1) the court must dismiss this conviction. File form CR-180.",
    "El tribunal terminó su libertad condicional (probation) antes de tiempo, así que según el PC 1203.4(a)(1) el tribunal debe anular esta condena. Presente el formulario CR-180.",
)
INTERESTS_OF_JUSTICE = Reason(
    "Probation was violated, so the judge decides whether to dismiss this conviction in the interests of justice (PC 1203.4(a)(1)). File form CR-180 with a statement about your life since.",
    "Se violó la libertad condicional (probation), así que el juez decide si anula esta condena en interés de la justicia (PC 1203.4(a)(1)). Presente el formulario CR-180 con una declaración sobre su vida desde entonces.",
)
EXCLUDED_OFFENSE = Reason(
    "PC 1203.4(b) does not allow dismissal of this offense.",
    "El PC 1203.4(b) no permite anular este delito.",
)
PROBATION_NOT_DONE = Reason(
    "Dismissal under PC 1203.4 comes after probation ends. You can also ask the court to end probation early (PC 1203.3).",
    "La anulación según el PC 1203.4 se pide cuando termina la libertad condicional (probation). También puede pedir al tribunal que la termine antes (PC 1203.3).",
)
REVIEW = Reason(
    "This conviction may be dismissed under PC 1203.4, but we need a few more facts to be sure.",
    "Esta condena se podría anular según el PC 1203.4, pero necesitamos algunos datos más para estar seguros.",
)

_BASIS_REASONS = {
    "probation_fulfilled": FULFILLED,
    "early_discharge": EARLY_DISCHARGE,
    "interests_of_justice": INTERESTS_OF_JUSTICE,
}


def assess(case: Case) -> Determination | None:
    facts = case.facts
    level = facts.level
    sentence = facts.sentence
    if level == "infraction" or (sentence is not None and sentence != "probation"):
        return None

    missing: list[str] = []
    if sentence is None:
        missing.append("sentence")
    traits = case.traits
    if traits is None:
        missing.append("offense")
    else:
        level_bound = _level_bound_exclusion(traits.vc42002_1, traits.excluded_1203_4_felony, level)
        if traits.excluded_1203_4 == YES or (level is not None and level_bound == YES):
            return refuse(REMEDY, STATUTE, FORM, EXCLUDED_OFFENSE)
        if traits.excluded_1203_4 == MAYBE or level_bound == MAYBE:
            note_missing(missing, "offense")
        if level is None and level_bound == YES:
            note_missing(missing, "level")

    barred = dismissal_barred_now(case, missing)
    if barred is not None:
        return refuse(REMEDY, STATUTE, FORM, barred, relief="dismiss")
    if facts.probation_completed is False:
        return refuse(REMEDY, STATUTE, FORM, PROBATION_NOT_DONE, relief="dismiss")
    if facts.probation_completed is None:
        missing.append("probation_completed")

    if facts.probation_terminated_early is True:
        basis = "early_discharge"
    elif facts.probation_violated is False:
        basis = "probation_fulfilled"
    elif facts.probation_violated is True:
        basis = "interests_of_justice"
    else:
        basis = None
        missing.append("probation_violated")
    return decide(
        REMEDY,
        relief="dismiss",
        statute=STATUTE_MANDATORY,
        form=FORM,
        reasons=(_BASIS_REASONS[basis],) if basis else (),
        missing=missing,
        review_reason=REVIEW,
        basis=basis,
    )


def _level_bound_exclusion(misdemeanor_only: int, felony_only: int, level: str | None) -> int:
    """1203.4(b) lists VC 42002.1 misdemeanors and felony 261.5(d): which applies depends on the level."""
    if level == "misdemeanor":
        return misdemeanor_only
    if level == "felony":
        return felony_only
    return max(misdemeanor_only, felony_only)
