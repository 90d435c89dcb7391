"""Chained relief: when one relief opens another, the order to ask for them in ("first ..., then ...").

Two chains the law makes (law.md s.0, s.3):

* **Redesignation, then dismissal.** A Prop 64 or Prop 47 redesignation makes the conviction a misdemeanor "for all
  purposes" (HS 11361.8(h), PC 1170.18(k)), which opens PC 1203.4a even after a prison term (People v. Khamvongsa
  (2017) 8 Cal.App.5th 1239), or PC 1203.4 after probation: a mandatory dismissal of a misdemeanor where the felony
  had at most a discretionary one (PC 1203.41, 1203.42).
* **PC 17(b) reduction, then dismissal.** A wobbler reduced under 17(b) is a misdemeanor for all purposes: PC
  1203.4(b)'s felony-only exclusion (felony 261.5(d)) then no longer reaches it, and a felony dismissal is asked for
  as a misdemeanor's. Both go on one CR-180 (items 8 and 9); the court rules on the reduction first.

A pure function of one conviction's determinations; it adds no determination and changes no outcome.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.eligibility.facts import ConvictionFacts
from app.eligibility.results import Chain, Determination, Reason

ACTIONABLE = frozenset({"eligible", "needs_review"})
REDESIGNATIONS = frozenset({"redesignate_misdemeanor", "redesignate_infraction", "resentence"})
DISMISSALS = ("pc1203_4", "pc1203_4a", "pc1203_41", "pc1203_42")
# The filing order of the stages, which the packet follows: redesignation, reduction, dismissal, then the rest.
STAGE = {"prop64": 0, "prop47": 0, "pc17b": 1, "pc17d2": 1, **{name: 2 for name in DISMISSALS}}

REDESIGNATE_THEN_DISMISS = Reason(
    "First ask the court to redesignate this conviction as a misdemeanor ({first}). It then counts as a misdemeanor for all purposes, so you can next ask for a dismissal under {then} (People v. Khamvongsa (2017) 8 Cal.App.5th 1239).",
    "Primero pida al tribunal que cambie esta condena a delito menor ({first}). Entonces cuenta como delito menor para todos los efectos, así que después puede pedir la anulación según el {then} (People v. Khamvongsa (2017) 8 Cal.App.5th 1239).",
)
REDUCE_THEN_DISMISS = Reason(
    "First ask the court to reduce this felony to a misdemeanor (PC 17(b)), then to dismiss it (PC 1203.4). Both go on the same form CR-180; the judge decides the reduction first.",
    "Primero pida al tribunal que reduzca este delito grave a delito menor (PC 17(b)) y después que lo anule (PC 1203.4). Las dos cosas van en el mismo formulario CR-180; el juez decide primero la reducción.",
)
REDUCE_THEN_DISMISS_EXCLUDED = Reason(
    "PC 1203.4(b) bars dismissing this offense only as a felony. First ask the court to reduce it to a misdemeanor (PC 17(b)); once it is a misdemeanor, you can ask for a dismissal under PC 1203.4. Both go on form CR-180.",
    "El PC 1203.4(b) impide anular este delito solo como delito grave. Primero pida al tribunal que lo reduzca a delito menor (PC 17(b)); cuando sea delito menor, puede pedir la anulación según el PC 1203.4. Las dos cosas van en el formulario CR-180.",
)
_STATUTE = {"prop64": "HS 11361.8", "prop47": "PC 1170.18", "pc1203_4": "PC 1203.4", "pc1203_4a": "PC 1203.4a"}


def chain_for(facts: ConvictionFacts, determinations: Sequence[Determination],
              felony_only_exclusion: bool = False) -> Chain | None:
    """The chain this conviction's determinations call for, or None. `felony_only_exclusion`: the offense is one
    PC 1203.4(b) excludes only as a felony."""
    if len(determinations) < 2:
        return None  # a chain needs two reliefs
    by_remedy = {d.remedy: d for d in determinations}
    redesignation = next((d for d in determinations if d.remedy in ("prop64", "prop47") and d.outcome in ACTIONABLE
                          and d.relief in REDESIGNATIONS), None)
    if redesignation is not None:
        then = "pc1203_4" if facts.sentence == "probation" else "pc1203_4a"
        return Chain((redesignation.remedy, then), _format(REDESIGNATE_THEN_DISMISS, first=redesignation.remedy,
                                                           then=then))
    reduction = by_remedy.get("pc17b")
    if reduction is None or reduction.outcome not in ACTIONABLE or facts.level != "felony":
        return None
    dismissal = by_remedy.get("pc1203_4")
    if felony_only_exclusion and dismissal is not None and dismissal.outcome == "not_eligible":
        return Chain(("pc17b", "pc1203_4"), REDUCE_THEN_DISMISS_EXCLUDED)
    if dismissal is not None and dismissal.outcome in ACTIONABLE:
        return Chain(("pc17b", "pc1203_4"), REDUCE_THEN_DISMISS)
    return None


def filing_order(determinations: Sequence[Determination]) -> tuple[Determination, ...]:
    """Redesignations, then reductions, then dismissals, then the other routes; stable within a stage."""
    return tuple(sorted(determinations, key=lambda d: STAGE.get(d.remedy, 3)))


def _format(reason: Reason, *, first: str, then: str) -> Reason:
    return Reason(reason.en.format(first=_STATUTE[first], then=_STATUTE[then]),
                  reason.es.format(first=_STATUTE[first], then=_STATUTE[then]))
