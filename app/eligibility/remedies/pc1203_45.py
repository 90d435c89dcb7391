"""PC 1203.45: sealing the record of a misdemeanor committed before the age of 18.

A person "under 18 years of age at the time of commission of a misdemeanor" who is eligible for, or has received,
relief under 1203.4 or 1203.4a may petition the court to order the records sealed (1203.45(a)). Age is taken at the
offense: from the offense date, or from the conviction date where no birthday threshold falls in the year before it.
[M] unverified: the section's exclusions (PC 290 offenses; Vehicle Code offenses in earlier text) are from secondary
summaries, so those answers stop at needs_review rather than refuse.
"""

from __future__ import annotations

from app.eligibility.context import Case
from app.eligibility.decide import decide, dismissal_barred_now, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import NO

REMEDY = "pc1203_45"
STATUTE = "PC 1203.45(a)"

ELIGIBLE = Reason(
    "You were under 18 when this misdemeanor happened, so under PC 1203.45 you can ask the judge to seal the record of it, once it is dismissed or can be dismissed under PC 1203.4 or 1203.4a.",
    "Usted tenía menos de 18 años cuando ocurrió este delito menor, así que según el PC 1203.45 puede pedir al juez que selle el expediente, cuando esté anulado o se pueda anular según el PC 1203.4 o 1203.4a.",
)
MAY_BE_EXCLUDED = Reason(
    "PC 1203.45 may not reach offenses that require sex-offender registration or Vehicle Code offenses. A lawyer should check whether this record can be sealed.",
    "Es posible que el PC 1203.45 no cubra delitos que exigen registro como delincuente sexual ni delitos del Código de Vehículos. Un abogado debe revisar si este expediente se puede sellar.",
)
NOT_DONE = Reason(
    "Sealing under PC 1203.45 comes after the sentence is finished and the conviction can be dismissed. You can apply then.",
    "El sellado según el PC 1203.45 se pide cuando terminó la sentencia y la condena se puede anular. Puede solicitarlo entonces.",
)
REVIEW = Reason(
    "If you were under 18 when this misdemeanor happened, PC 1203.45 may let the judge seal the record, but we need a few more facts to be sure.",
    "Si usted tenía menos de 18 años cuando ocurrió este delito menor, el PC 1203.45 podría permitir al juez sellar el expediente, pero necesitamos algunos datos más para estar seguros.",
)


def assess(case: Case) -> Determination | None:
    facts = case.facts
    if facts.level != "misdemeanor":
        return None
    missing: list[str] = []
    age = case.age_at_offense(missing, (18,))
    if age is not None and age >= 18:
        return None
    if age is None and case.record.person.date_of_birth is None:
        return None  # no birth date at all: nothing suggests a juvenile offense worth raising
    traits = case.traits
    possibly_excluded = traits is None or traits.pc290 != NO or traits.vehicle_code
    barred = dismissal_barred_now(case, missing)
    if barred is not None:
        return refuse(REMEDY, STATUTE, None, barred, relief="seal")
    if case.completed is False:
        return refuse(REMEDY, STATUTE, None, NOT_DONE, relief="seal")
    if case.completed is None:
        missing.append("sentence_completed")
    return decide(
        REMEDY,
        relief="seal",
        statute=STATUTE,
        form=None,
        reasons=(ELIGIBLE,),
        missing=missing,
        review_reason=MAY_BE_EXCLUDED if possibly_excluded and not missing else REVIEW,
        review_only=possibly_excluded,
    )
