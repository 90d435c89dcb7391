"""PC 1203.3: asking the court to end probation early, a route of its own.

The court "shall have authority at any time during the term of probation to revoke, modify, or change its order ...
or terminate" probation (1203.3(a)). It is the way to the dismissals that wait for probation to end (1203.4(a)(1)
makes an early discharge a ground for mandatory dismissal). Always the judge's decision, so never more than
``eligible`` to ask; no statewide Judicial Council form (counties use local motions).
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason

REMEDY = "pc1203_3"
STATUTE = "PC 1203.3(a)"

ELIGIBLE = Reason(
    "You are still on probation for this conviction. Under PC 1203.3 you can ask the judge to end probation early; if the judge agrees, you can then ask for a dismissal under PC 1203.4 right away. The judge decides; a lawyer can help you show how you have done on probation.",
    "Usted todavía está en libertad condicional (probation) por esta condena. Según el PC 1203.3 puede pedir al juez que la termine antes de tiempo; si el juez acepta, puede pedir enseguida la anulación según el PC 1203.4. El juez decide; un abogado puede ayudarle a mostrar cómo le ha ido en la libertad condicional.",
)
REVIEW = Reason(
    "You may be able to ask the judge to end probation early (PC 1203.3), but we need a few more facts to be sure.",
    "Es posible que pueda pedir al juez que termine antes su libertad condicional (PC 1203.3), pero necesitamos algunos datos más para estar seguros.",
)


def assess(case: Case) -> Determination | None:
    """Only for a count known to be on probation now: the other dismissals already ask about finished probation."""
    facts = case.facts
    person = case.record.person
    if facts.sentence != "probation" or facts.probation_completed is not False:
        return None
    if person.in_custody is True:
        return None
    missing: list[str] = []
    if person.in_custody is None:
        missing.append("person.in_custody")
    return decide(
        REMEDY,
        relief="terminate_probation",
        statute=STATUTE,
        form=None,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=REVIEW,
    )
