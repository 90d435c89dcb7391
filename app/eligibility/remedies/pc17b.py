"""PC 17(b): a "wobbler" felony reduced to a misdemeanor (CR-180 item 8).

Open when the judgment imposed neither state prison nor a county-jail term under PC 1170(h) ("a punishment other
than imprisonment in the state prison or imprisonment in a county jail under the provisions of subdivision (h) of
Section 1170", 17(b)(1)) and the judge agrees (17(b)(3)); it can be asked before or after a dismissal. Probation
granted after a prison term was imposed and its execution suspended closes it too (People v. Wood (1998) 62
Cal.App.4th 1262). Burglary is a wobbler only in the second degree (PC 461).
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, NO

REMEDY = "pc17b"
FORM = "CR-180"
STATUTE = "PC 17(b)"
STATUTE_GRANT = "PC 17(b)(3)"

ELIGIBLE = Reason(
    "This felony can also be charged as a misdemeanor, so under PC 17(b) you can ask the judge to reduce it to a misdemeanor. Ask for it on form CR-180.",
    "Este delito grave también puede ser delito menor, así que según el PC 17(b) puede pedir al juez que lo reduzca a delito menor. Pídalo en el formulario CR-180.",
)
CUSTODY_SENTENCE = Reason(
    "PC 17(b) does not allow reducing a felony that was punished with a state prison or felony county jail term.",
    "El PC 17(b) no permite reducir un delito grave castigado con prisión estatal o con cárcel del condado por delito grave.",
)
PRISON_TERM_SUSPENDED = Reason(
    "The judge gave a state prison sentence and suspended it when granting probation, so the felony cannot be reduced under PC 17(b) (People v. Wood, 1998). A dismissal under PC 1203.4 may still be possible.",
    "El juez dio una sentencia de prisión estatal y la suspendió al conceder la libertad condicional (probation), así que el delito grave no se puede reducir según el PC 17(b) (People v. Wood, 1998). Todavía puede ser posible una anulación según el PC 1203.4.",
)
BURGLARY_DEGREE = Reason(
    "Burglary can be reduced to a misdemeanor under PC 17(b) only if it was second-degree burglary (not of a home); first-degree burglary is always a felony (PC 461). A lawyer should check the degree.",
    "El robo con allanamiento (burglary) solo se puede reducir a delito menor según el PC 17(b) si fue de segundo grado (no en una vivienda); el de primer grado siempre es delito grave (PC 461). Un abogado debe revisar el grado.",
)
REVIEW = Reason(
    "This felony may be reducible to a misdemeanor under PC 17(b), but we need a few more facts to be sure.",
    "Este delito grave podría reducirse a delito menor según el PC 17(b), pero necesitamos algunos datos más para estar seguros.",
)
_CUSTODY_SENTENCES = frozenset({"county_jail", "state_prison"})


def assess(case: Case) -> Determination | None:
    traits = case.traits
    level = case.facts.level
    if traits is None or traits.wobbler == NO or level == "misdemeanor" or level == "infraction":
        return None
    sentence = case.facts.sentence
    if sentence in _CUSTODY_SENTENCES:
        return refuse(REMEDY, STATUTE, FORM, CUSTODY_SENTENCE)
    suspended_prison = case.facts.prison_term_suspended
    if sentence == "probation" and suspended_prison is True:
        return refuse(REMEDY, STATUTE, FORM, PRISON_TERM_SUSPENDED)
    missing: list[str] = []
    if traits.wobbler == MAYBE:
        missing.append("offense")
    if level is None:
        missing.append("level")
    if sentence is None:
        missing.append("sentence")
    if sentence in ("probation", None) and suspended_prison is None:
        missing.append("prison_term_suspended")
    burglary = case.offense is not None and case.offense.citation() == "PC 459"
    return decide(
        REMEDY,
        relief="reduce_to_misdemeanor",
        statute=STATUTE_GRANT,
        form=FORM,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=BURGLARY_DEGREE if burglary else REVIEW,
    )
