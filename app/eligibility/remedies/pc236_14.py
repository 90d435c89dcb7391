"""PC 236.14: vacating the arrests and convictions of a survivor of human trafficking.

"If a person was arrested for or convicted of any nonviolent offense committed while they were a victim of human
trafficking, including, but not limited to, prostitution as described in subdivision (b) of Section 647, the person
may petition the court for vacatur relief of their convictions, arrests, and adjudications" (236.14(a)); the
petitioner must show "by clear and convincing evidence" that the arrest or conviction was "the direct result of being
a victim of human trafficking", and the court then vacates it as legally invalid. It may be filed at any time after
the person ceased to be a victim or sought services (236.14(k)), with no fee, and unlike PC 1203.49 it reaches any
nonviolent offense and needs no finished probation. "Nonviolent" means outside PC 667.5(c).

Sources: the text of 236.14(a) as quoted by lawserver.com and legalfix.com (secondary copies of the code), and the
Judicial Council's self-help guide, which confirms the reach (any nonviolent offense; the PC 667.5(c) list excludes)
and that there is no statewide form: https://selfhelp.courts.ca.gov/clean-your-record/relief-human-trafficking-victims

Offered only when the person says so (the questionnaire asks once, privately): an unanswered question raises
nothing. Always reviewed: the court decides on the evidence. We hold a partial serious-or-violent list, so a felony
not on it is still a review case, never an answer.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import survivor_vacatur
from app.eligibility.results import Determination, Reason

REMEDY = "pc236_14"
STATUTE = "PC 236.14(a)"

REVIEW = Reason(
    "You told us that someone was trafficking you. If this conviction was a direct result of being trafficked, PC 236.14 lets the judge vacate it (erase the conviction), at any time and with no fee; the arrest records are destroyed too. A lawyer should help you gather the evidence; the judge decides. There is no statewide form: the lawyer writes the petition.",
    "Usted nos dijo que alguien lo estaba sometiendo a trata de personas. Si esta condena fue resultado directo de la trata, el PC 236.14 permite al juez anularla (borrar la condena), en cualquier momento y sin costo; también se destruyen los registros del arresto. Un abogado debe ayudarle a reunir las pruebas; el juez decide. No hay un formulario estatal: el abogado escribe la petición.",
)
VIOLENT = Reason(
    "PC 236.14 reaches only nonviolent offenses, and this is a violent felony (PC 667.5(c)).",
    "El PC 236.14 solo cubre delitos no violentos, y este es un delito grave violento (PC 667.5(c)).",
)


def assess(case: Case) -> Determination | None:
    return survivor_vacatur(case, REMEDY, STATUTE, case.record.person.trafficking_survivor, REVIEW, VIOLENT)
