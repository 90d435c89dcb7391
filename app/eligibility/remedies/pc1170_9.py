"""PC 1170.9(h): restorative relief for a veteran granted probation because of a military-related condition.

PC 1170.9(a)-(b): when a person convicted says they committed the offense because of sexual trauma, traumatic brain
injury, post-traumatic stress disorder, substance abuse or mental health problems stemming from service in the U.S.
military, the court weighs it in favour of probation and may order treatment as a condition. 1170.9(h) (added by AB
2371, 2012) lets the court that granted or monitors that probation, at a public hearing on 15 days'
notice, grant restorative relief to a veteran in substantial compliance who took part in the treatment and is no
danger to others: end probation early, and deem it fulfilled so that the case is dismissed as under PC 1203.4, even
where 1203.4 alone would not reach (a violated probation, a dismissal before probation ends).

Offered beside PC 1170.91 only to a person who says they served (the ``veteran`` fact, asked once), on a count with
probation (or an unknown sentence, which may have been probation). Whether probation was granted under 1170.9 is not
asked and the relief is the court's judgment, so the answer is always ``needs_review``. No Judicial Council form.
Sources: 1170.9(a)-(b) from getpocketlaw.com's copy of the code text; AB 2371's digest (2012, leginfo.ca.gov bill
text: "restorative relief" at a public hearing on 15 days' notice); the Judicial Council's decision map
(courts.ca.gov/documents/1170.9_Map.pdf, as reproduced on paperzz.com: "Subdivision (h) of §1170.9 allows for the
court to grant restorative relief for eligible veterans"). [M] unverified: 1170.9(h)'s own text (its conditions
and the dismissal it allows) was not read on leginfo.legislature.ca.gov, so the rule is flagged.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason

REMEDY = "pc1170_9"
STATUTE = "PC 1170.9(h)"

RESTORATIVE_RELIEF = Reason(
    "You told us you served in the military. If the judge granted probation in this case under PC 1170.9, because of trauma, a brain injury, PTSD, substance use or mental health problems from your service, PC 1170.9(h) lets the court, after a hearing, end your probation early and dismiss the case, even where an ordinary dismissal under PC 1203.4 would not be allowed. You need to show you took part in the treatment the court ordered. A lawyer, or a veterans' legal clinic, should help you ask for it.",
    "Usted nos dijo que sirvió en las fuerzas armadas. Si el juez le concedió libertad condicional (probation) en este caso según el PC 1170.9, por trauma, una lesión cerebral, trastorno de estrés postraumático, consumo de sustancias o problemas de salud mental debidos a su servicio, el PC 1170.9(h) permite al tribunal, después de una audiencia, terminar antes su libertad condicional y anular el caso, aun cuando una anulación común según el PC 1203.4 no se permitiría. Debe mostrar que participó en el tratamiento que ordenó el tribunal. Un abogado, o una clínica legal para veteranos, debe ayudarle a pedirlo.",
)


def assess(case: Case) -> Determination | None:
    sentence = case.facts.sentence
    if case.record.person.veteran is not True or sentence not in ("probation", None):
        return None
    return decide(REMEDY, relief="dismiss", statute=STATUTE, form=None, reasons=(RESTORATIVE_RELIEF,),
                  missing=["sentence"] if sentence is None else [], review_reason=RESTORATIVE_RELIEF,
                  basis="interests_of_justice", review_only=True)
