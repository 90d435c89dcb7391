"""PC 1170.91: resentencing for a veteran whose military-related trauma was not weighed at sentencing.

1170.91(b)(1), as read on leginfo.legislature.ca.gov
(https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=1170.91.): "A person
currently serving a sentence for a felony conviction, whether by trial or plea, who is, or was, a member of the United
States military and who may be suffering from sexual trauma, traumatic brain injury, post-traumatic stress disorder,
substance abuse, or mental health problems as a result of the person's military service may petition for a recall of
sentence ... if the circumstance ... was not considered as a factor in mitigation at the time of sentencing." The
current text has no sentencing-date condition (the earlier "sentenced prior to January 1, 2015" is gone), and it
needs the sentence to be still running. Offered on a felony with a jail or prison term that is not known to be
finished, when the person says they served (asked once); an unknown end of sentence is named. Whether the condition
was weighed at sentencing is not asked and the court decides on the evidence, so the answer is ``needs_review``.
Veterans' restorative relief after probation granted under PC 1170.9 is its own remedy (``pc1170_9``).
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.tables import CUSTODY_SENTENCES
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason

REMEDY = "pc1170_91"
STATUTE = "PC 1170.91(b)(1)"

VETERAN = Reason(
    "You told us you served in the military. If service left you with trauma, a brain injury, PTSD, substance use or mental health problems that the judge did not weigh when sentencing this felony, PC 1170.91 lets you ask the court to resentence you while you are still serving the sentence. A lawyer, or a veterans' legal clinic, should help you gather the records.",
    "Usted nos dijo que sirvió en las fuerzas armadas. Si el servicio le dejó trauma, una lesión cerebral, trastorno de estrés postraumático, consumo de sustancias o problemas de salud mental que el juez no tomó en cuenta al sentenciar este delito grave, el PC 1170.91 le permite pedir al tribunal una nueva sentencia mientras todavía cumple la sentencia. Un abogado, o una clínica legal para veteranos, debe ayudarle a reunir los documentos.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    if case.record.person.veteran is not True or facts.level != "felony" or facts.sentence not in CUSTODY_SENTENCES:
        return None
    if case.completed is True:
        return None  # "currently serving a sentence": a finished term is not reached
    return decide(REMEDY, relief="resentence", statute=STATUTE, form=None, reasons=(VETERAN,),
                  missing=["sentence_completed"] if case.completed is None else [], review_reason=VETERAN,
                  review_only=True)
