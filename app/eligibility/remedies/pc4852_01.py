"""PC 4852.01 and following: the Certificate of Rehabilitation, and through it a governor's pardon.

The route for people no dismissal reaches: a felony served in state prison, and a conviction that requires PC 290
registration (which PC 1203.41 and 1203.42 exclude). A person who has lived in California for five years after
release and stayed out of trouble for the period of rehabilitation (7 to 10 years by the offense, PC 4852.03)
petitions the superior court of the county where they live (PC 4852.06); a certificate granted goes to the Governor
as an application for a pardon (PC 4852.13) and, for a registrant, may end registration. Residence and the period
are facts no questionnaire here asks, so the answer is always ``needs_review``. No Judicial Council form: the petition
is a pleading. [M] unverified: PC 4852.01(c)-(d) exclude some PC 290 offenses (such as PC 286(c), 288, 287(c),
288.5, 289(j)), from secondary summaries: those stay `needs_review` with the flag (app/eligibility/unverified.py).
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import YES

REMEDY = "pc4852_01"
STATUTE = "PC 4852.01"

PRISON = Reason(
    "For a felony served in state prison, a Certificate of Rehabilitation (PC 4852.01) is a way to clear your name when a dismissal is not available or was denied: after you have lived in California for five years since release and the rehabilitation period has passed (usually 7 to 10 years), the court of the county where you live can grant it, and it also asks the Governor for a pardon. A lawyer should check your dates.",
    "Para un delito grave cumplido en prisión estatal, un Certificado de Rehabilitación (PC 4852.01) es una forma de limpiar su nombre cuando no se puede obtener una anulación o se la negaron: después de vivir cinco años en California desde que salió y de pasar el periodo de rehabilitación (por lo general de 7 a 10 años), el tribunal del condado donde vive puede concederlo, y además pide al Gobernador un indulto. Un abogado debe revisar sus fechas.",
)
REGISTRANT = Reason(
    "This conviction requires sex-offender registration, which no dismissal reaches. A Certificate of Rehabilitation (PC 4852.01) is the route the law leaves: after five years living in California since release and a rehabilitation period of 7 to 10 years, the court where you live can grant it; it asks the Governor for a pardon and can help end registration. Some sex offenses are excluded. A lawyer should check it.",
    "Esta condena exige registro como delincuente sexual, y ninguna anulación lo alcanza. Un Certificado de Rehabilitación (PC 4852.01) es el camino que deja la ley: después de cinco años viviendo en California desde que salió y un periodo de rehabilitación de 7 a 10 años, el tribunal de donde vive puede concederlo; pide al Gobernador un indulto y puede ayudar a terminar el registro. Algunos delitos sexuales están excluidos. Un abogado debe revisarlo.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    traits = case.traits
    registrable = traits is not None and traits.pc290 == YES
    if registrable:
        reason = REGISTRANT
    elif facts.level == "felony" and facts.sentence == "state_prison":
        reason = PRISON
    else:
        return None
    missing = ["offense"] if traits is None else []  # the excluded sex offenses cannot be ruled out
    return decide(REMEDY, relief="certificate_of_rehabilitation", statute=STATUTE, form=None, reasons=(reason,),
                  missing=missing, review_reason=reason, review_only=True)
