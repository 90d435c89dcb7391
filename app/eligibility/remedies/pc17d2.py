"""PC 17(d)(2): a misdemeanor that can also be an infraction, reduced to one (CR-180 item 8)."""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, NO

REMEDY = "pc17d2"
FORM = "CR-180"
STATUTE = "PC 17(d)(2)"

ELIGIBLE = Reason(
    "This misdemeanor can also be an infraction, so under PC 17(d)(2) you can ask the judge to reduce it to an infraction. Ask for it on form CR-180.",
    "Este delito menor también puede ser una infracción, así que según el PC 17(d)(2) puede pedir al juez que lo reduzca a infracción. Pídalo en el formulario CR-180.",
)
REVIEW = Reason(
    "This misdemeanor may be reducible to an infraction under PC 17(d)(2), but we need a few more facts to be sure.",
    "Este delito menor podría reducirse a infracción según el PC 17(d)(2), pero necesitamos algunos datos más para estar seguros.",
)


def assess(case: Case) -> Determination | None:
    traits = case.traits
    level = case.facts.level
    if traits is None or traits.reducible_to_infraction == NO or level == "felony" or level == "infraction":
        return None
    missing: list[str] = []
    if traits.reducible_to_infraction == MAYBE:
        missing.append("offense")
    if level is None:
        missing.append("level")
    return decide(
        REMEDY,
        relief="reduce_to_infraction",
        statute=STATUTE,
        form=FORM,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=REVIEW,
    )
