"""PC 1170.91: resentencing for a veteran whose military-related trauma was not weighed at sentencing.

A person who served in the U.S. military and may suffer from sexual trauma, traumatic brain injury, PTSD, substance
abuse or mental health problems from that service, and who was sentenced for a felony before that was a mitigating
factor (1170.91(a), from 2015), may petition for recall and resentencing (1170.91(b)). Offered only on a felony with a
jail or prison term, when the person says they served (asked once); the court decides on the evidence. Veterans'
restorative relief after probation granted under PC 1170.9 is its own remedy (``pc1170_9``). [M] unverified: the
dates and the custody condition of 1170.91(b) are from secondary summaries, so the answer stays ``needs_review``.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.tables import CUSTODY_SENTENCES
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason

REMEDY = "pc1170_91"
STATUTE = "PC 1170.91(b)"

VETERAN = Reason(
    "You told us you served in the military. If service left you with trauma, a brain injury, PTSD, substance use or mental health problems that the judge did not weigh when sentencing this felony, PC 1170.91 lets you ask the court to resentence you. A lawyer, or a veterans' legal clinic, should help you gather the records.",
    "Usted nos dijo que sirvió en las fuerzas armadas. Si el servicio le dejó trauma, una lesión cerebral, trastorno de estrés postraumático, consumo de sustancias o problemas de salud mental que el juez no tomó en cuenta al sentenciar este delito grave, el PC 1170.91 le permite pedir al tribunal una nueva sentencia. Un abogado, o una clínica legal para veteranos, debe ayudarle a reunir los documentos.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    if case.record.person.veteran is not True or facts.level != "felony" or facts.sentence not in CUSTODY_SENTENCES:
        return None
    return decide(REMEDY, relief="resentence", statute=STATUTE, form=None, reasons=(VETERAN,), missing=[],
                  review_reason=VETERAN, review_only=True)
