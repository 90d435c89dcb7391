"""PC 1203.41: dismissal of a felony served in county jail, or since SB 731 in state prison (CR-180 item 5).

County jail (PC 1170(h)): more than one year after completing mandatory supervision (a), two
years without it (b). State prison: two years after completion (c), from 2023-07-01. Never for
a conviction that requires PC 290 registration: the clause bars that conviction, not a registrant's other felonies,
and where the record cannot tell which conviction requires registration the answer is needs_review. Always the
judge's decision.
"""

from __future__ import annotations

from app.eligibility.context import Case, add_years
from app.eligibility.decide import decide, dismissal_barred_now, refuse, registration_clause
from app.eligibility.results import Determination, Reason
from app.eligibility.tables import SB731_OPERATIVE

REMEDY = "pc1203_41"
FORM = "CR-180"
STATUTE = "PC 1203.41"
STATUTE_GRANT = "PC 1203.41(a)"

ELIGIBLE = Reason(
    "Enough time has passed since this felony sentence ended, so under PC 1203.41 you can ask the judge to dismiss it. The judge decides; file form CR-180 with a statement about your life since.",
    "Ha pasado suficiente tiempo desde que terminó esta sentencia por delito grave, así que según el PC 1203.41 puede pedir al juez que la anule. El juez decide; presente el formulario CR-180 con una declaración sobre su vida desde entonces.",
)
REGISTRABLE = Reason(
    "PC 1203.41 does not allow dismissal of a conviction that requires sex-offender registration (PC 290).",
    "El PC 1203.41 no permite anular una condena que exige registrarse como delincuente sexual (PC 290).",
)
PRISON_BEFORE_SB731 = Reason(
    "Dismissal of a state prison sentence under PC 1203.41 became possible on July 1, 2023 (SB 731).",
    "La anulación de una sentencia de prisión estatal según el PC 1203.41 es posible desde el 1 de julio de 2023 (SB 731).",
)
SENTENCE_NOT_DONE = Reason(
    "PC 1203.41 applies after the sentence is finished and one or two years have passed. You can apply then.",
    "El PC 1203.41 se aplica cuando la sentencia terminó y pasaron uno o dos años. Puede solicitarlo entonces.",
)
WHICH_CONVICTION_REGISTERS = Reason(
    "PC 1203.41 cannot dismiss the conviction that requires sex-offender registration (PC 290). You register, but we cannot tell from your answers which conviction requires it; if it is not this one, the judge may dismiss this one. A lawyer should check.",
    "El PC 1203.41 no puede anular la condena que exige registrarse como delincuente sexual (PC 290). Usted se registra, pero no podemos saber por sus respuestas qué condena lo exige; si no es esta, el juez puede anular esta. Un abogado debe revisarlo.",
)
REVIEW = Reason(
    "You may be able to ask the judge to dismiss this felony under PC 1203.41, but we need a few more facts to be sure.",
    "Es posible que pueda pedir al juez que anule este delito grave según el PC 1203.41, pero necesitamos algunos datos más para estar seguros.",
)
_CUSTODY_SENTENCES = frozenset({"county_jail", "state_prison"})


def assess(case: Case) -> Determination | None:
    facts = case.facts
    level = facts.level
    sentence = facts.sentence
    missing: list[str] = []
    if level == "felony":
        if sentence is None:
            missing.append("sentence")
        elif sentence not in _CUSTODY_SENTENCES:
            return None
    elif level is None and sentence in _CUSTODY_SENTENCES:
        missing.append("level")
    else:
        return None

    registration = registration_clause(case, missing)
    if registration == "barred":
        return refuse(REMEDY, STATUTE, FORM, REGISTRABLE)
    prison = sentence == "state_prison"
    if prison and case.record.today < SB731_OPERATIVE:
        return refuse(REMEDY, STATUTE, FORM, PRISON_BEFORE_SB731)

    barred = dismissal_barred_now(case, missing)
    if barred is not None:
        return refuse(REMEDY, STATUTE, FORM, barred, relief="dismiss")
    if case.completed is False:
        return refuse(REMEDY, STATUTE, FORM, SENTENCE_NOT_DONE, relief="dismiss")

    wait_over, basis = _waiting_period(case, prison, missing)
    if wait_over is False:
        return refuse(REMEDY, STATUTE, FORM, SENTENCE_NOT_DONE, relief="dismiss")
    return decide(
        REMEDY,
        relief="dismiss",
        statute=STATUTE_GRANT,
        form=FORM,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=WHICH_CONVICTION_REGISTERS if registration == "unclear" else REVIEW,
        basis=basis,
        review_only=registration == "unclear",
    )


def _waiting_period(case: Case, prison: bool, missing: list[str]) -> tuple[bool | None, str | None]:
    """Whether the wait after the sentence is over (None: unknown), and the CR-180 item 5 box it rests on."""
    finished = case.facts.sentence_completed_date
    if finished is None:
        missing.append("sentence_completed_date")
        return None, ("c" if prison else None)
    today = case.record.today
    if prison:
        return today >= add_years(finished, 2), "c"
    if today >= add_years(finished, 2):
        return True, "b"
    if today < add_years(finished, 1):
        return False, None
    supervised = case.facts.mandatory_supervision
    if supervised is None:
        missing.append("mandatory_supervision")
        return None, None
    return (True, "a") if supervised else (False, None)
