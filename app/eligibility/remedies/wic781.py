"""WIC 781 and 786: sealing juvenile records, a route for the person rather than for one conviction.

WIC 786 seals a juvenile case on its own once the young person completes probation or diversion satisfactorily
(786(a)); WIC 781 lets a person petition the juvenile court to seal the records of a case after turning 18, or five
years after jurisdiction ended (781(a)(1)), except for some serious offenses committed at 14 or older (WIC 707(b))
that were not dismissed or reduced. Which one applies turns on the case's offense, age, outcome and dates, which
the questionnaire does not ask, so the answer is always ``needs_review``, explained. Asked once ("Do you have a
juvenile case?"). [M] unverified: the 781(a)(1) waits and the 707(b) exception are from secondary summaries.
The request form is JV-595, Request to Seal Juvenile Records (number and title verified in the Judicial Council's
forms list, JV-595-INFO and selfhelp.courts.ca.gov; its items were not seen, see forms_pdf/README.md).
"""

from __future__ import annotations

from app.eligibility.decide import decide
from app.eligibility.facts import Person
from app.eligibility.results import Determination, Reason

REMEDY = "wic781"
STATUTE = "WIC 781(a), 786(a)"
FORM = "JV-595"  # the packet files it for a person with this route (app/packets/planning.py)

JUVENILE = Reason(
    "You told us you have a juvenile case. Many juvenile cases are sealed on their own once probation is finished (WIC 786). If yours was not, you can ask the juvenile court to seal it (WIC 781) once you are 18, or five years after the case ended; some serious offenses at 14 or older are excluded. A lawyer, or the juvenile court's self-help center, can check which applies.",
    "Usted nos dijo que tiene un caso juvenil. Muchos casos juveniles se sellan solos cuando termina la libertad condicional (WIC 786). Si el suyo no se selló, puede pedir al tribunal de menores que lo selle (WIC 781) cuando tenga 18 años, o cinco años después de que terminó el caso; se excluyen algunos delitos graves cometidos a los 14 años o más. Un abogado, o el centro de ayuda del tribunal de menores, puede revisar cuál se aplica.",
)


def assess_person(person: Person) -> Determination | None:
    if person.juvenile_case is not True:
        return None
    return decide(REMEDY, relief="seal", statute=STATUTE, form=FORM, reasons=(JUVENILE,), missing=[],
                  review_reason=JUVENILE, review_only=True)
