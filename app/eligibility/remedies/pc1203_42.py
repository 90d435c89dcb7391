"""PC 1203.42: dismissal of a state prison term served before Realignment (2011-10-01), CR-180 item 6.

Open to a person "sentenced prior to the implementation of the 2011 Realignment Legislation for a crime for which he
or she would otherwise have been eligible for sentencing pursuant to subdivision (h) of Section 1170" (1203.42(a)),
two years after the sentence ended, and the judge agrees. A serious or violent felony (PC 1192.7(c), 667.5(c)) such
as robbery was never a 1170(h) crime (1170(h)(3)), so it is outside 1203.42; since SB 731, PC 1203.41(c) may reach
it instead. For other offenses we hold no full list of 1170(h) crimes, and the date that counts is the sentencing
date, which we may not know: those answers never go past needs_review.
"""

from __future__ import annotations

from app.eligibility.context import Case, add_years
from app.eligibility.decide import decide, dismissal_barred_now, refuse, registration_clause
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import YES
from app.eligibility.tables import REALIGNMENT_EFFECTIVE

REMEDY = "pc1203_42"
FORM = "CR-180"
STATUTE = "PC 1203.42"

REVIEW = Reason(
    "This prison sentence came before October 2011. If you were sentenced before then and the crime would be served in county jail today, PC 1203.42 lets you ask the judge to dismiss it two years after release; a lawyer should check both.",
    "Esta sentencia de prisión fue antes de octubre de 2011. Si lo sentenciaron antes de esa fecha y hoy el delito se cumpliría en la cárcel del condado, el PC 1203.42 le permite pedir al juez que la anule dos años después de salir; un abogado debe revisar ambas cosas.",
)
REGISTRABLE = Reason(
    "PC 1203.42 does not allow dismissal of a conviction that requires sex-offender registration (PC 290).",
    "El PC 1203.42 no permite anular una condena que exige registrarse como delincuente sexual (PC 290).",
)
STRAIGHT_PRISON_CRIME = Reason(
    "PC 1203.42 covers only prison terms for crimes that would be served in county jail today (PC 1170(h)). This is a serious or violent felony, which never is, so 1203.42 does not apply. Since July 2023, PC 1203.41 may let you ask the judge to dismiss a state prison conviction instead.",
    "El PC 1203.42 cubre solo sentencias de prisión por delitos que hoy se cumplirían en la cárcel del condado (PC 1170(h)). Este es un delito grave serio o violento, que nunca lo es, así que el 1203.42 no se aplica. Desde julio de 2023, el PC 1203.41 puede permitirle pedir al juez que anule una condena de prisión estatal.",
)
WHICH_CONVICTION_REGISTERS = Reason(
    "PC 1203.42 cannot dismiss the conviction that requires sex-offender registration (PC 290). You register, but we cannot tell from your answers which conviction requires it. A lawyer should check.",
    "El PC 1203.42 no puede anular la condena que exige registrarse como delincuente sexual (PC 290). Usted se registra, pero no podemos saber por sus respuestas qué condena lo exige. Un abogado debe revisarlo.",
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
    if traits is not None and traits.serious_or_violent == YES:
        return refuse(REMEDY, STATUTE, FORM, STRAIGHT_PRISON_CRIME)
    registration = registration_clause(case, missing)
    if registration == "barred":
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
        review_reason=WHICH_CONVICTION_REGISTERS if registration == "unclear" else REVIEW,
        review_only=True,
    )
