"""Prop 47, PC 1170.18: some drug and theft felonies from before 2014-11-05 become misdemeanors.

Still serving: petition to recall and resentence (a). Completed: application to redesignate (f).
Nobody with a super strike or a PC 290 offense on their record qualifies (i): we read "prior"
as any other conviction on the record, whatever its date.
"""

from __future__ import annotations

# [M] unverified: 1170.18(f)-(h) application wording, the (i) disqualifier, and the (j)
# deadline of 2022-11-04 with later filing "on a showing of good cause" (AB 1397).

from app.eligibility.context import Case
from app.eligibility.decide import decide, note_missing, petition_or_application, refuse
from app.eligibility.results import Determination, Reason
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
AFTER_PROP47 = Reason(
    "Prop 47 (PC 1170.18) changed these offenses on November 5, 2014. This felony conviction came later, so Prop 47 does not reduce it.",
    "La Proposición 47 (PC 1170.18) cambió estos delitos el 5 de noviembre de 2014. Esta condena por delito grave fue posterior, así que la Proposición 47 no la reduce.",
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
SHOPLIFTING_FACTS = Reason(
    "Prop 47 (PC 1170.18) reaches a burglary only if it was shoplifting: entering an open business to steal $950 or less. A lawyer should check the case facts.",
    "La Proposición 47 (PC 1170.18) solo cubre un robo con allanamiento si fue hurto en tienda: entrar a un negocio abierto para robar 950 dólares o menos. Un abogado debe revisar los hechos.",
)


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
    if facts.conviction_date is not None and facts.conviction_date > PROP47_EFFECTIVE:
        return refuse(REMEDY, STATUTE, FORM, AFTER_PROP47)
    if traits.prop47_value_limited and facts.value_over_950 is True:
        return refuse(REMEDY, STATUTE, FORM, OVER_950)
    superstrikes = record.any_other_matching(case, "superstrike")
    if person.superstrike_prior is True or superstrikes.certain:
        return refuse(REMEDY, STATUTE, FORM, SUPERSTRIKE_ON_RECORD)
    if person.registered_sex_offender is True or record.any_other_matching(case, "pc290").certain:
        return refuse(REMEDY, STATUTE, FORM, PC290_ON_RECORD)

    missing: list[str] = []
    if level is None:
        missing.append("level")
    if facts.conviction_date is None:
        missing.append("conviction_date")
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
    return decide(
        REMEDY,
        relief=relief,
        statute=statute,
        form=FORM,
        reasons=reasons,
        missing=missing,
        review_reason=SHOPLIFTING_FACTS if traits.prop47_review_only else REVIEW,
        basis=basis,
        review_only=traits.prop47_review_only,
    )
