"""PC 1203.42: dismissal of a state prison term served before Realignment (2011-10-01), CR-180 item 6.

Open when the crime would today be served in county jail under PC 1170(h), two years after the
sentence ended, and the judge agrees. We hold no list of 1170(h) crimes, so this remedy never
goes past needs_review: a lawyer must confirm that part.
"""

from __future__ import annotations

from app.eligibility.context import Case, add_years
from app.eligibility.decide import decide, dismissal_barred_now, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, YES
from app.eligibility.tables import REALIGNMENT_EFFECTIVE

REMEDY = "pc1203_42"
FORM = "CR-180"
STATUTE = "PC 1203.42"

REVIEW = Reason(
    "This prison sentence came before 2011. If the crime would be served in county jail today, PC 1203.42 lets you ask the judge to dismiss it two years after release; a lawyer should check.",
    "Esta sentencia de prisión fue antes de 2011. Si hoy el delito se cumpliría en la cárcel del condado, el PC 1203.42 le permite pedir al juez que la anule dos años después de salir; un abogado debe revisarlo.",
)
REGISTRABLE = Reason(
    "PC 1203.42 does not allow dismissal of a conviction that requires sex-offender registration (PC 290).",
    "El PC 1203.42 no permite anular una condena que exige registrarse como delincuente sexual (PC 290).",
)
TOO_SOON = Reason(
    "PC 1203.42 applies two years after the sentence is finished. You can apply then.",
    "El PC 1203.42 se aplica dos años después de terminar la sentencia. Puede solicitarlo entonces.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    if (
        facts.level != "felony"
        or facts.sentence != "state_prison"
        or facts.conviction_date is None
        or facts.conviction_date >= REALIGNMENT_EFFECTIVE
    ):
        return None
    missing: list[str] = []
    traits = case.traits
    if traits is None or traits.pc290 == MAYBE:
        missing.append("offense")
    elif traits.pc290 == YES:
        return refuse(REMEDY, STATUTE, FORM, REGISTRABLE)
    barred = dismissal_barred_now(case, missing)
    if barred is not None:
        return refuse(REMEDY, STATUTE, FORM, barred, relief="dismiss")
    finished = facts.sentence_completed_date
    if case.completed is False or (finished is not None and case.record.today < add_years(finished, 2)):
        return refuse(REMEDY, STATUTE, FORM, TOO_SOON, relief="dismiss")
    if finished is None:
        missing.append("sentence_completed_date")
    return decide(
        REMEDY,
        relief="dismiss",
        statute=STATUTE,
        form=FORM,
        reasons=(REVIEW,),
        missing=missing,
        review_reason=REVIEW,
        review_only=True,
    )
