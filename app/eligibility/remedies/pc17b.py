"""PC 17(b): a "wobbler" felony reduced to a misdemeanor (CR-180 item 8).

Open when the sentence was not state prison (17(b)(1)) and the judge agrees; it can be asked
before or after a dismissal. We also treat a PC 1170(h) county-jail felony term as closing it.
"""

from __future__ import annotations

# [M] unverified: that a county-jail term under PC 1170(h) bars 17(b) (our reading of 17(b)(1)).

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
    missing: list[str] = []
    if traits.wobbler == MAYBE:
        missing.append("offense")
    if level is None:
        missing.append("level")
    if sentence is None:
        missing.append("sentence")
    return decide(
        REMEDY,
        relief="reduce_to_misdemeanor",
        statute=STATUTE_GRANT,
        form=FORM,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=REVIEW,
    )
