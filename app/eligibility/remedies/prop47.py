"""Prop 47, PC 1170.18: some drug and theft felonies from before 2014-11-05 become misdemeanors.

Still serving: petition to recall and resentence (a). Completed: application to redesignate (f).
Nobody with a super strike or a PC 290(c) offense on their record qualifies (i): we read "prior"
as any other conviction on the record, whatever its date. A person who registers but whose record
shows no 290(c) offense is a review case, not a refusal: registration may rest on PC 290.006.
The cut-off is the date of the offense ((f): "had this act been in effect at the time of the offense").
"""

from __future__ import annotations

# [M] unverified: 1170.18(f)-(h) application wording, the (i) disqualifier, and the (j)
# deadline of 2022-11-04 with later filing "on a showing of good cause" (AB 1397).

from app.eligibility.context import Case
from app.eligibility.decide import decide, note_missing, petition_or_application, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import NO
from app.eligibility.tables import PROP47_DEADLINE, PROP47_EFFECTIVE

REMEDY = "prop47"
FORM = "Prop 47 petition"
STATUTE = "PC 1170.18"
STATUTE_PETITION = "PC 1170.18(a)"
STATUTE_APPLICATION = "PC 1170.18(f)"

REDESIGNATE = Reason(
    "Under Prop 47 (PC 1170.18(f)), this felony can be changed to a misdemeanor because the law now treats it as one. Use your county's Prop 47 petition.",
    "Según la Proposición 47 (PC 1170.18(f)), este delito grave se puede cambiar a delito menor porque la ley ahora lo trata así. Use la petición de Proposición 47 de su condado.",
)
RESENTENCE = Reason(
    "You are still serving this sentence, so under Prop 47 (PC 1170.18(a)) you can ask the court to resentence you for a misdemeanor.",
    "Usted todavía cumple esta sentencia, así que según la Proposición 47 (PC 1170.18(a)) puede pedir al tribunal una nueva sentencia como delito menor.",
)
LATE_FILING = Reason(
    "The Prop 47 deadline was November 4, 2022 (PC 1170.18(j)). You can still file, but you must explain your good reason for filing late.",
    "La fecha límite de la Proposición 47 fue el 4 de noviembre de 2022 (PC 1170.18(j)). Todavía puede presentarla, pero debe explicar su buena razón para presentarla tarde.",
)
OVER_950 = Reason(
    "Prop 47 (PC 1170.18) covers this offense only when the value was $950 or less.",
    "La Proposición 47 (PC 1170.18) cubre este delito solo cuando el valor era de 950 dólares o menos.",
)
SUPERSTRIKE_ON_RECORD = Reason(
    "Prop 47 (PC 1170.18(i)) is not open to anyone with a conviction for a very serious offense listed in PC 667(e)(2)(C)(iv).",
    "La Proposición 47 (PC 1170.18(i)) no está disponible para quien tenga una condena por un delito muy grave de la lista del PC 667(e)(2)(C)(iv).",
)
PC290_ON_RECORD = Reason(
    "Prop 47 (PC 1170.18(i)) is not open to anyone with a conviction that requires sex-offender registration (PC 290).",
    "La Proposición 47 (PC 1170.18(i)) no está disponible para quien tenga una condena que exige registrarse como delincuente sexual (PC 290).",
)
REVIEW = Reason(
    "Prop 47 (PC 1170.18) may reduce this felony to a misdemeanor, but we need a few more facts to be sure.",
    "La Proposición 47 (PC 1170.18) puede reducir este delito grave a delito menor, pero necesitamos algunos datos más para estar seguros.",
)
VEHICLE_THEFT_FACTS = Reason(
    "Prop 47 (PC 490.2) reaches taking a vehicle (VC 10851) worth $950 or less only if it was a theft of the vehicle, not driving it after the theft was over (People v. Page, 2017). A lawyer should check the case facts.",
    "La Proposición 47 (PC 490.2) cubre llevarse un vehículo (VC 10851) que valía 950 dólares o menos solo si fue un robo del vehículo, no manejarlo después de terminado el robo (People v. Page, 2017). Un abogado debe revisar los hechos.",
)
REGISTRANT_REVIEW = Reason(
    "Prop 47 (PC 1170.18(i)) is not open to someone with a conviction for an offense that requires registration under PC 290(c). You register, but we cannot tell which conviction requires it: registration ordered under PC 290.006 or by another state may not bar Prop 47. A lawyer should check.",
    "La Proposición 47 (PC 1170.18(i)) no está disponible para quien tenga una condena por un delito que exige registrarse según el PC 290(c). Usted se registra, pero no podemos saber qué condena lo exige: un registro ordenado según el PC 290.006 o por otro estado puede no impedir la Proposición 47. Un abogado debe revisarlo.",
)
AFTER_PROP47_OFFENSE = Reason(
    "Prop 47 (PC 1170.18) changed these offenses on November 5, 2014. This offense happened on or after that day, so Prop 47 does not reduce it.",
    "La Proposición 47 (PC 1170.18) cambió estos delitos el 5 de noviembre de 2014. Este delito ocurrió ese día o después, así que la Proposición 47 no lo reduce.",
)
SHOPLIFTING_FACTS = Reason(
    "Prop 47 (PC 1170.18) reaches a burglary only if it was shoplifting: entering an open business to steal $950 or less. A lawyer should check the case facts.",
    "La Proposición 47 (PC 1170.18) solo cubre un robo con allanamiento si fue hurto en tienda: entrar a un negocio abierto para robar 950 dólares o menos. Un abogado debe revisar los hechos.",
)


_CASE_FACTS_REASONS = {"shoplifting": SHOPLIFTING_FACTS, "vehicle_theft": VEHICLE_THEFT_FACTS}


def assess(case: Case) -> Determination | None:
    traits = case.traits
    if traits is None or not traits.prop47:
        return None
    facts = case.facts
    level = facts.level
    if level == "misdemeanor" or level == "infraction":
        return None

    record = case.record
    person = record.person
    missing: list[str] = []
    if case.offense_before(PROP47_EFFECTIVE, missing) == NO:
        return refuse(REMEDY, STATUTE, FORM, AFTER_PROP47_OFFENSE)
    if traits.prop47_value_limited and facts.value_over_950 is True:
        return refuse(REMEDY, STATUTE, FORM, OVER_950)
    superstrikes = record.any_other_matching(case, "superstrike")
    if person.superstrike_prior is True or superstrikes.certain:
        return refuse(REMEDY, STATUTE, FORM, SUPERSTRIKE_ON_RECORD)
    registrable = record.any_other_matching(case, "pc290")
    if registrable.certain:
        return refuse(REMEDY, STATUTE, FORM, PC290_ON_RECORD)

    if level is None:
        missing.append("level")
    if traits.prop47_value_limited and facts.value_over_950 is None:
        missing.append("value_over_950")
    if record.superstrike_question_open(superstrikes):
        note_missing(missing, "person.superstrike_prior")
    if person.registered_sex_offender is None:
        note_missing(missing, "person.registered_sex_offender")

    relief, statute, basis, reason = petition_or_application(
        case.completed, missing, petition_statute=STATUTE_PETITION, resentence_reason=RESENTENCE,
        application_statute=STATUTE_APPLICATION, application_relief="redesignate_misdemeanor",
        application_reason=REDESIGNATE,
    )
    reasons = (reason, LATE_FILING) if record.today > PROP47_DEADLINE else (reason,)
    # A registrant whose record shows no 290(c) offense: the registration may rest on PC 290.006 or another state.
    registrant_unexplained = person.registered_sex_offender is True
    review_reason = (
        _CASE_FACTS_REASONS[traits.prop47_case_facts] if traits.prop47_case_facts
        else REGISTRANT_REVIEW if registrant_unexplained
        else REVIEW
    )
    return decide(
        REMEDY,
        relief=relief,
        statute=statute,
        form=FORM,
        reasons=reasons,
        missing=missing,
        review_reason=review_reason,
        basis=basis,
        review_only=traits.prop47_case_facts is not None or registrant_unexplained,
    )
