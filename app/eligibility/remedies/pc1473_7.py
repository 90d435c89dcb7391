"""PC 1473.7(a)(1): a motion to vacate a conviction whose plea was legally invalid for its immigration consequences,
and the warning that a PC 1203.4 dismissal does not erase a conviction for immigration purposes.

A person "no longer in criminal custody" may move to vacate a conviction when a prejudicial error damaged their
ability to understand, defend against or knowingly accept its actual or potential adverse immigration consequences
(1473.7(a)(1)); the court decides on the evidence. Federal immigration law mostly ignores state dismissals (1203.4,
1203.4a, 1203.41: the conviction still counts), so a person who is not a U.S. citizen is told to talk to an immigration
attorney before filing anything. Offered only when the person says they are not a citizen (asked once, with "I'd
rather not say"): an unanswered question raises nothing, never a guess. No Judicial Council form.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason

REMEDY = "pc1473_7"
STATUTE = "PC 1473.7(a)(1)"

IMMIGRATION = Reason(
    "Talk to an immigration attorney before you file anything. For immigration, a dismissal under PC 1203.4 (or 1203.4a, 1203.41) does not erase this conviction. If no one explained its immigration consequences when you took the plea, PC 1473.7 lets the court vacate the conviction itself, once you are no longer in criminal custody.",
    "Hable con un abogado de inmigración antes de presentar cualquier cosa. Para inmigración, una anulación según el PC 1203.4 (o 1203.4a, 1203.41) no borra esta condena. Si nadie le explicó sus consecuencias migratorias cuando aceptó el acuerdo, el PC 1473.7 permite al tribunal anular la condena misma, cuando usted ya no esté bajo custodia penal.",
)
IN_CUSTODY = Reason(
    "Talk to an immigration attorney before you file anything. For immigration, a dismissal under PC 1203.4 does not erase this conviction. A motion to vacate it for its immigration consequences (PC 1473.7) can be filed once you are no longer in criminal custody.",
    "Hable con un abogado de inmigración antes de presentar cualquier cosa. Para inmigración, una anulación según el PC 1203.4 no borra esta condena. Una moción para anularla por sus consecuencias migratorias (PC 1473.7) se puede presentar cuando usted ya no esté bajo custodia penal.",
)


def assess(case: Case) -> Determination | None:
    person = case.record.person
    if person.us_citizen is not False:
        return None
    reason = IN_CUSTODY if person.in_custody is True else IMMIGRATION
    return decide(REMEDY, relief="vacate", statute=STATUTE, form=None, reasons=(reason,), missing=[],
                  review_reason=reason, review_only=True)
