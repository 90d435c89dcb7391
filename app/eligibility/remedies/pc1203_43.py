"""PC 1203.43: a charge dismissed after deferred entry of judgment (former PC 1000.3), CR-180 item 7.

The old guilty plea can still harm immigration status; 1203.43 lets the court declare it
invalid. We only know it applies when the person tells us the DEJ dismissal happened.
"""

from __future__ import annotations

# [S] secondary only: law.md tags 1203.43 [S]; the statute text was not re-read.

from app.eligibility.context import Case
from app.eligibility.results import Determination, Reason

REMEDY = "pc1203_43"
FORM = "CR-180"
STATUTE = "PC 1203.43"

ELIGIBLE = Reason(
    "This charge was dismissed after deferred entry of judgment, so under PC 1203.43 the court can withdraw the old guilty plea, which helps with immigration. File form CR-180.",
    "Este cargo se anuló después de un programa de juicio diferido (DEJ), así que según el PC 1203.43 el tribunal puede retirar la antigua declaración de culpabilidad, lo que ayuda en asuntos de inmigración. Presente el formulario CR-180.",
)


def assess(case: Case) -> Determination | None:
    if case.facts.dej_dismissed is not True:
        return None
    return Determination(REMEDY, "eligible", "dismiss", STATUTE, FORM, (ELIGIBLE,), ())
