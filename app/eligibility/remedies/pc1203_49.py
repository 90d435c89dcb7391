"""PC 1203.49: dismissal of a PC 647(b) conviction of a human-trafficking victim, CR-180 item 4.

After probation is completed, the court may dismiss it when it finds, by clear and convincing
evidence, that the person was a trafficking victim when the offense happened.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import NO, YES

REMEDY = "pc1203_49"
FORM = "CR-180"
STATUTE = "PC 1203.49"

ELIGIBLE = Reason(
    "If you were a victim of human trafficking when this happened, PC 1203.49 lets the judge dismiss this conviction once probation is done. File form CR-180 with your statement.",
    "Si usted era víctima de trata de personas cuando esto ocurrió, el PC 1203.49 permite al juez anular esta condena cuando termine la libertad condicional. Presente el formulario CR-180 con su declaración.",
)
PROBATION_NOT_DONE = Reason(
    "PC 1203.49 applies after probation is completed. You can apply then.",
    "El PC 1203.49 se aplica cuando termina la libertad condicional (probation). Puede solicitarlo entonces.",
)
REVIEW = Reason(
    "PC 1203.49 may let the judge dismiss this conviction, but we need a few more facts to be sure.",
    "El PC 1203.49 podría permitir al juez anular esta condena, pero necesitamos algunos datos más para estar seguros.",
)


def assess(case: Case) -> Determination | None:
    traits = case.traits
    facts = case.facts
    if traits is None or traits.pc1203_49 == NO or facts.trafficking_victim is False:
        return None
    missing: list[str] = []
    if traits.pc1203_49 != YES:
        if facts.trafficking_victim is not True:
            return None  # PC 647 cited without subdivision: only worth raising if the person says so
        missing.append("offense")
    if facts.trafficking_victim is None:
        missing.append("trafficking_victim")
    if facts.probation_completed is False:
        return refuse(REMEDY, STATUTE, FORM, PROBATION_NOT_DONE, relief="dismiss")
    if facts.probation_completed is None:
        missing.append("probation_completed")
    return decide(
        REMEDY,
        relief="dismiss",
        statute=STATUTE,
        form=FORM,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=REVIEW,
    )
