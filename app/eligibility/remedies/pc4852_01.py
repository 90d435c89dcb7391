"""PC 4852.01 and following: the Certificate of Rehabilitation, and through it a governor's pardon.

The route for people no dismissal reaches: a felony served in state prison, and a conviction that requires PC 290
registration (which PC 1203.41 and 1203.42 exclude). A person who has lived in California for five years after
release and stayed out of trouble for the period of rehabilitation (7 to 10 years by the offense, PC 4852.03)
petitions the superior court of the county where they live (PC 4852.06); a certificate granted goes to the Governor
as an application for a pardon (PC 4852.13) and, for a registrant, may end registration. Residence and the period
are facts no questionnaire here asks, so the answer is always ``needs_review``. No Judicial Council form: the petition
is a pleading. PC 4852.01(c): the chapter "does not apply to persons serving a mandatory life parole, persons committed
under death sentences, persons convicted of a violation of Section 269, subdivision (c) of Section 286, subdivision (c)
of Section 287, Section 288, Section 288.5, Section 288.7, subdivision (j) of Section 289, or subdivision (c) of former
Section 288a, or persons in military service"; (d) leaves them a pardon straight from the Governor. The exclusion is of
the person, so one such conviction anywhere on the record refuses the route on every count; a section cited without
its subdivision may be one (``needs_review`` naming ``offense``). Source: the code text on leginfo.legislature.ca.gov
(https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=4852.01), read for
2026.12.2.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide, note_missing, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import NO, YES
from app.eligibility.tables import PC4852_01_EXCLUDED

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

EXCLUDED = Reason(
    "PC 4852.01(c) leaves out anyone convicted of certain sex offenses against children (PC 269, 286(c), 287(c), 288, 288.5, 288.7 or 289(j)), so the court cannot grant a Certificate of Rehabilitation. The Governor can still grant a pardon directly (PC 4852.01(d)); a lawyer can help you apply.",
    "El PC 4852.01(c) excluye a toda persona condenada por ciertos delitos sexuales contra menores (PC 269, 286(c), 287(c), 288, 288.5, 288.7 o 289(j)), así que el tribunal no puede conceder un Certificado de Rehabilitación. El Gobernador todavía puede conceder un indulto directamente (PC 4852.01(d)); un abogado puede ayudarle a solicitarlo.",
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
    excluded = max((PC4852_01_EXCLUDED.match(other.offense) for other in case.record.cases), default=NO)
    if excluded == YES:
        return refuse(REMEDY, STATUTE + "(c)", None, EXCLUDED, relief="certificate_of_rehabilitation")
    if excluded != NO:
        note_missing(missing, "offense")
    return decide(REMEDY, relief="certificate_of_rehabilitation", statute=STATUTE, form=None, reasons=(reason,),
                  missing=missing, review_reason=reason, review_only=True)
