"""PC 17(d)(2): a misdemeanor that can also be an infraction, treated as one.

17(d)(2) acts at the start of a case: the court may find the offense an infraction "upon the prosecution's motion
... or at arraignment" with the defendant's consent. After judgment it is not a CR-180 remedy of right, so every
answer here is needs_review with that reason: an attorney may still ask (CR-180 item 8 names 17(d)(2)) if the
court will entertain it.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, NO

REMEDY = "pc17d2"
FORM = "CR-180"
STATUTE = "PC 17(d)(2)"

AFTER_JUDGMENT = Reason(
    "This misdemeanor can also be an infraction, but PC 17(d)(2) lets the court treat it as one at the start of the case (at arraignment or on the prosecutor's motion), not after judgment. A lawyer can tell you whether your court will still consider it.",
    "Este delito menor también puede ser una infracción, pero el PC 17(d)(2) permite al tribunal tratarlo así al inicio del caso (en la lectura de cargos o a pedido del fiscal), no después de la sentencia. Un abogado puede decirle si su tribunal todavía lo consideraría.",
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
        reasons=(AFTER_JUDGMENT,),
        missing=missing,
        review_reason=AFTER_JUDGMENT if not missing else REVIEW,
        review_only=True,
    )
