"""Prop 64, HS 11361.8: marijuana convictions from before 2016-11-09.

Relief follows the level (a deliberate simplification of law.md s.1's table): misdemeanors and
infractions are dismissed and sealed; felonies are redesignated misdemeanors, and the court may
do more. Felonies under 11358/11359/11360 stay felonies with a prior super strike, a prior PC 290
offense, or two or more priors of the same section; priors in the same court case do not count
(People v. Smit (2018)).
Aggravators we never learn from a questionnaire (sales to minors, environmental harm, import
or export) are the prosecutor's burden to prove (11361.8(b): eligibility is presumed), so they
do not hold an answer at needs_review.
"""

from __future__ import annotations

# [M] unverified: the aggravators of HS 11358(d), 11359(c), 11360(a)(3) and the subdivision
# letters (a) petition / (e) application are from law.md's [M] table, not re-read statute text.
# The "lesser offense" test (11361.8(a), (e): "would not have been guilty of an offense, or ... guilty of a lesser
# offense" under the AUMA "had that act been in effect at the time of the offense") is applied to HS 11357, whose
# facts (age, amount) the record or the person can give; for 11358-11360 misdemeanors relief still follows the level.

from app.eligibility.context import Case
from app.eligibility.decide import decide, note_missing, petition_or_application, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import NO
from app.eligibility.tables import PROP64_EFFECTIVE, PROP64_SAME_SECTION_PRIORS_LIMIT

REMEDY = "prop64"
FORM = "CR-400"
STATUTE = "HS 11361.8"
STATUTE_PETITION = "HS 11361.8(a)"
STATUTE_APPLICATION = "HS 11361.8(e)"

DISMISS_AND_SEAL = Reason(
    "Under Prop 64 (HS 11361.8(e)), this marijuana conviction can be dismissed and sealed, because the law changed. File form CR-400; there is no deadline.",
    "Según la Proposición 64 (HS 11361.8(e)), esta condena de marihuana se puede anular y sellar, porque la ley cambió. Presente el formulario CR-400; no hay fecha límite.",
)
REDESIGNATE = Reason(
    "Under Prop 64 (HS 11361.8(e)), this marijuana felony can be changed to a misdemeanor. The court may also dismiss and seal it if the conduct is now legal.",
    "Según la Proposición 64 (HS 11361.8(e)), este delito grave de marihuana se puede cambiar a delito menor. El tribunal también puede anularlo y sellarlo si la conducta ahora es legal.",
)
RESENTENCE = Reason(
    "You are still serving this sentence, so under Prop 64 (HS 11361.8(a)) you can ask the court to resentence you or dismiss the conviction. File form CR-400.",
    "Usted todavía cumple esta sentencia, así que según la Proposición 64 (HS 11361.8(a)) puede pedir al tribunal una nueva sentencia o la anulación de la condena. Presente el formulario CR-400.",
)
AFTER_PROP64 = Reason(
    "Prop 64 (HS 11361.8) covers marijuana convictions from before November 9, 2016. This one came later, under the new law.",
    "La Proposición 64 (HS 11361.8) cubre condenas de marihuana anteriores al 9 de noviembre de 2016. Esta fue posterior, bajo la nueva ley.",
)
PRIOR_SUPERSTRIKE = Reason(
    "An earlier conviction for a very serious offense (PC 667(e)(2)(C)(iv)) keeps this marijuana felony a felony under Prop 64 (HS 11361.8). Other relief may still be possible.",
    "Una condena anterior por un delito muy grave (PC 667(e)(2)(C)(iv)) hace que este delito grave de marihuana siga siendo grave según la Proposición 64 (HS 11361.8). Puede haber otras opciones.",
)
PRIOR_PC290 = Reason(
    "An earlier conviction that requires sex-offender registration (PC 290) keeps this marijuana felony a felony under Prop 64 (HS 11361.8). Other relief may still be possible.",
    "Una condena anterior que exige registrarse como delincuente sexual (PC 290) hace que este delito grave de marihuana siga siendo grave según la Proposición 64 (HS 11361.8). Puede haber otras opciones.",
)
SAME_SECTION_PRIORS = Reason(
    "Two or more earlier convictions under the same marijuana section keep this felony a felony under Prop 64 (HS 11358-11360). Other relief may still be possible.",
    "Dos o más condenas anteriores bajo la misma sección de marihuana hacen que este delito grave siga siendo grave según la Proposición 64 (HS 11358-11360). Puede haber otras opciones.",
)
REGISTRANT_TIMING = Reason(
    "The person must register under PC 290. If the offense behind that came before this conviction, this felony stays a felony under Prop 64 (HS 11361.8); a lawyer should check the dates.",
    "La persona debe registrarse según el PC 290. Si el delito que lo exige fue anterior a esta condena, este delito grave sigue siendo grave según la Proposición 64 (HS 11361.8); un abogado debe revisar las fechas.",
)
REVIEW = Reason(
    "Prop 64 (HS 11361.8) may clear this marijuana conviction, but we need a few more facts to be sure.",
    "La Proposición 64 (HS 11361.8) puede borrar esta condena de marihuana, pero necesitamos algunos datos más para estar seguros.",
)
SAME_OFFENSE_TODAY = Reason(
    "Prop 64 (HS 11361.8(e)) helps only where today's law makes the same conduct legal or a lesser offense. For your age then and this amount, today's HS 11357 treats it the same, so Prop 64 does not change it. A dismissal under PC 1203.4 or 1203.4a may still be possible.",
    "La Proposición 64 (HS 11361.8(e)) solo ayuda cuando la ley de hoy hace que la misma conducta sea legal o un delito menor. Para su edad de entonces y esta cantidad, el HS 11357 de hoy la trata igual, así que la Proposición 64 no la cambia. Todavía puede ser posible una anulación según el PC 1203.4 o 1203.4a.",
)
REDESIGNATE_INFRACTION = Reason(
    "Under Prop 64 (HS 11361.8(e)), this conviction can be changed to an infraction, because for someone of your age then today's HS 11357 makes it an infraction. File form CR-400; there is no deadline.",
    "Según la Proposición 64 (HS 11361.8(e)), esta condena se puede cambiar a infracción, porque para alguien de su edad de entonces el HS 11357 de hoy la considera una infracción. Presente el formulario CR-400; no hay fecha límite.",
)
PLEA_SIGNAL = Reason(
    "This count was in the same case as a marijuana charge and may have been a plea bargain from it, so Prop 64 (HS 11361.8) relief may reach it. A lawyer should review the case file.",
    "Este cargo estaba en el mismo caso que un cargo de marihuana y puede venir de un acuerdo de culpabilidad, así que la Proposición 64 (HS 11361.8) podría aplicarse. Un abogado debe revisar el expediente.",
)


def assess(case: Case) -> Determination | None:
    traits = case.traits
    if traits is None:
        return None
    if not traits.prop64:
        if traits.plea_signal and case.record.has_marijuana_count_in_same_case(case):
            return Determination(REMEDY, "needs_review", None, STATUTE, FORM, (PLEA_SIGNAL,), ())
        return None

    facts = case.facts
    missing: list[str] = []
    if case.offense_before(PROP64_EFFECTIVE, missing) == NO:
        return refuse(REMEDY, STATUTE, FORM, AFTER_PROP64)
    level = facts.level
    review_reason = REVIEW
    if level is None:
        missing.append("level")
    elif level == "felony" and traits.prop64_aggravated:
        blocking = _aggravating_prior(case, missing)
        if blocking is not None:
            return refuse(REMEDY, STATUTE, FORM, blocking)
        if case.record.person.registered_sex_offender is True:
            review_reason = REGISTRANT_TIMING

    application_relief: str | None
    if level == "felony":
        application_relief, application_reason = "redesignate_misdemeanor", REDESIGNATE
    elif level is not None and case.offense is not None and case.offense.section == "11357":
        today_class = possession_today(case, missing)
        if today_class is not None and today_class >= _CLASS_OF_LEVEL[level]:
            return refuse(REMEDY, STATUTE, FORM, SAME_OFFENSE_TODAY)
        if today_class == INFRACTION:
            application_relief, application_reason = "redesignate_infraction", REDESIGNATE_INFRACTION
        else:
            application_relief, application_reason = "dismiss_and_seal", DISMISS_AND_SEAL
    else:
        application_relief, application_reason = ("dismiss_and_seal" if level else None), DISMISS_AND_SEAL
    relief, statute, basis, reason = petition_or_application(
        case.completed, missing, petition_statute=STATUTE_PETITION, resentence_reason=RESENTENCE,
        application_statute=STATUTE_APPLICATION, application_relief=application_relief,
        application_reason=application_reason,
    )
    return decide(
        REMEDY,
        relief=relief,
        statute=statute,
        form=FORM,
        reasons=(reason,),
        missing=missing,
        review_reason=review_reason,
        basis=basis,
        review_only=review_reason is REGISTRANT_TIMING,
    )


# What possession is under today's HS 11357 and 11362.1, ranked against the conviction's level.
LAWFUL, INFRACTION, MISDEMEANOR = 0, 1, 2
_CLASS_OF_LEVEL = {"infraction": INFRACTION, "misdemeanor": MISDEMEANOR, "felony": MISDEMEANOR + 1}
# Subdivisions of HS 11357 as it read before Prop 64: (a) concentrated cannabis, (b) 28.5 grams or less, (c) more,
# (d) 28.5 grams or less on school grounds (18 and over), (e) the same under 18.
_OLD_11357_AMOUNT = {"b": False, "c": True}
_OLD_11357_SCHOOL = frozenset({"d", "e"})


def possession_today(case: Case, missing: list[str]) -> int | None:
    """HS 11361.8(e)'s "lesser offense" test for an HS 11357 conviction: what the same conduct is today.

    Today (HS 11357, 11362.1): at 21 or over, 28.5 grams (8 of concentrate) or less is lawful; under 21 it is an
    infraction. More than that is a misdemeanor at 18 or over and an infraction under 18. On school grounds, a
    misdemeanor at 18 or over. None when the age or the amount is unknown (the fact is noted).
    """
    offense = case.offense
    subdivision = offense.subdivision if offense is not None else None
    age = case.age_at_offense(missing, (18, 21))
    if subdivision in _OLD_11357_SCHOOL:
        over_limit: bool | None = False
    else:
        over_limit = _OLD_11357_AMOUNT.get(subdivision or "", case.facts.marijuana_over_limit)
        if over_limit is None:
            missing.append("marijuana_over_limit")
    if age is None or over_limit is None:
        return None
    if age < 18:
        return INFRACTION
    if over_limit or subdivision in _OLD_11357_SCHOOL:
        return MISDEMEANOR
    return LAWFUL if age >= 21 else INFRACTION


def _aggravating_prior(case: Case, missing: list[str]) -> Reason | None:
    """The prior that keeps this felony a felony, noting in ``missing`` what could still turn out to.

    A listed offense of unknown date needs the dates. An offense listed only in some forms
    (subdivision not given, gang-enhanced super strike) is settled by the person's own answer:
    ``False`` means none.
    """
    record = case.record
    person = record.person

    superstrikes = record.prior_matching(case, "superstrike")
    if person.superstrike_prior is True or superstrikes.certain:
        return PRIOR_SUPERSTRIKE
    if record.superstrike_question_open(superstrikes):
        note_missing(missing, "person.superstrike_prior")

    registrable = record.prior_matching(case, "pc290")
    if registrable.certain:
        return PRIOR_PC290
    if person.registered_sex_offender is None:
        note_missing(missing, "person.registered_sex_offender")

    if superstrikes.undated or registrable.undated:
        note_missing(missing, "conviction_date")
    certain, possible = record.same_section_priors(case)
    if certain >= PROP64_SAME_SECTION_PRIORS_LIMIT:
        return SAME_SECTION_PRIORS
    if certain + possible >= PROP64_SAME_SECTION_PRIORS_LIMIT:
        note_missing(missing, "conviction_date")
    return None
