"""PC 1203.4b: dismissal for a person who served on a fire crew while incarcerated (AB 2147, 2020).

A person who successfully took part in the California Conservation Camp program as an incarcerated hand crew member,
on a county incarcerated hand crew, or as an institutional firefighter, and who has been released, may petition to
withdraw the plea or verdict and have the case dismissed (1203.4b(a)); the court decides in the interests of justice.
Not for murder, kidnapping, rape, lewd acts on a child under 14, a felony punishable by death or life, escape from a
secure perimeter, arson, or an offense requiring PC 290 registration (1203.4b(b)). Asked only for jail or prison
sentences (the follow-up "fire camp" page). Not on CR-180: no statewide form. [M] unverified: the exclusions and
wording are from secondary summaries, so the answer stops at ``needs_review`` (flagged in app/eligibility/unverified.py).
"""

from __future__ import annotations

from app.eligibility import tables
from app.eligibility.context import Case
from app.eligibility.decide import decide, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import YES

REMEDY = "pc1203_4b"
STATUTE = "PC 1203.4b(a)"

FIRE_CREW = Reason(
    "You served on a fire crew while incarcerated. Once you are released, PC 1203.4b lets the judge dismiss this conviction, and then you can ask for an early end of parole and apply for firefighting jobs that need a license. A lawyer should help you file it; there is no statewide form.",
    "Usted sirvió en una cuadrilla de bomberos mientras estaba encarcelado. Cuando salga, el PC 1203.4b permite al juez anular esta condena, y después puede pedir que termine antes la libertad condicional (parole) y solicitar trabajos de bombero que exigen licencia. Un abogado debe ayudarle a presentarlo; no hay un formulario estatal.",
)
REVIEW = Reason(
    "If you served on a fire crew while incarcerated (a conservation camp, a county hand crew, or as an institutional firefighter), PC 1203.4b may let the judge dismiss this conviction.",
    "Si usted sirvió en una cuadrilla de bomberos mientras estaba encarcelado (un campamento de conservación, una cuadrilla del condado o como bombero de la institución), el PC 1203.4b podría permitir al juez anular esta condena.",
)
EXCLUDED = Reason(
    "PC 1203.4b(b) does not allow this dismissal for this offense.",
    "El PC 1203.4b(b) no permite esta anulación para este delito.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    traits = case.traits
    if facts.sentence not in tables.CUSTODY_SENTENCES or facts.fire_camp is False:
        return None
    if traits is None and facts.fire_camp is not True:
        return None  # an unreadable offense: finding it comes first (engine._unknown_offense)
    if traits is not None and (tables.PC1203_4B_EXCLUDED.match(case.offense) == YES or traits.pc290 == YES):
        return refuse(REMEDY, STATUTE, None, EXCLUDED, relief="dismiss")
    missing = ["fire_camp"] if facts.fire_camp is None else []
    if traits is None:
        missing.append("offense")
    if case.record.person.in_custody is None:
        missing.append("person.in_custody")
    return decide(REMEDY, relief="dismiss", statute=STATUTE, form=None, reasons=(FIRE_CREW,), missing=missing,
                  review_reason=REVIEW if facts.fire_camp is None else FIRE_CREW, review_only=True)
