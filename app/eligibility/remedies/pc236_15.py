"""PC 236.15: vacating a conviction of a survivor of intimate partner violence or sexual violence (AB 2169, 2022).

A person convicted of a nonviolent offense "committed while the petitioner was a victim of intimate partner violence
or sexual violence" may petition to vacate it when the offense was "the direct result" of being a victim (236.15(a));
the court decides on the evidence. Offered only when the person says so (the questionnaire asks once, privately): an
unanswered question raises nothing. A violent felony (PC 667.5(c)) is outside it; we hold a partial serious-or-violent
list, so any felony is a review case. No Judicial Council form: the petition is a pleading.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import survivor_vacatur
from app.eligibility.results import Determination, Reason

REMEDY = "pc236_15"
STATUTE = "PC 236.15(a)"

REVIEW = Reason(
    "You told us that you were a victim of intimate partner violence or sexual violence. If this conviction was a direct result of it, PC 236.15 lets the judge vacate it (erase the conviction). A lawyer should help you gather the evidence; the judge decides.",
    "Usted nos dijo que fue víctima de violencia de pareja o violencia sexual. Si esta condena fue resultado directo de eso, el PC 236.15 permite al juez anularla (borrar la condena). Un abogado debe ayudarle a reunir las pruebas; el juez decide.",
)
VIOLENT = Reason(
    "PC 236.15 reaches only nonviolent offenses, and this is a violent felony (PC 667.5(c)).",
    "El PC 236.15 solo cubre delitos no violentos, y este es un delito grave violento (PC 667.5(c)).",
)


def assess(case: Case) -> Determination | None:
    return survivor_vacatur(case, REMEDY, STATUTE, case.record.person.partner_violence_survivor, REVIEW, VIOLENT)
