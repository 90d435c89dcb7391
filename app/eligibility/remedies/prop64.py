"""Prop 64, HS 11361.8: marijuana convictions from before 2016-11-09.

HS 11361.8(a) (still serving) and (e) (sentence completed) reach a conviction whose conduct would be no offense, or a
lesser one, under today's HS 11357-11360 "had that act been in effect at the time of the offense". Today's sections
turn on the person's age then: under 18, every one of them is an infraction punished "in the same manner provided in
paragraph (1) of subdivision (b) of Section 11357" (HS 11358(a), 11359(a), 11360(a)(1)), that is drug education or
counseling and community service (HS 11357(a)(1), (b)(1); HS 11361.1 makes the education mandatory); from 18 to 20,
possession of 28.5 grams (8 of concentrate) or less, growing six plants or fewer, and giving away or transporting
28.5 grams or less are infractions (HS 11357(a)(2), 11358(b), 11360(b)); possession for sale is a misdemeanor from 18
(HS 11359(b)); at 21 and over the adult-use limits of HS 11362.1(a) are lawful.
Felonies are redesignated misdemeanors (infractions when committed under 18), and the court may do more. Felonies
under 11358/11359/11360 stay felonies for a person 18 or over with a prior super strike, a prior PC 290 offense, or
two or more priors of the same section; priors in the same court case do not count (People v. Smit (2018)).
Facts no questionnaire or record holds (the number of plants, a sale, compensation, and the aggravators of sales to
minors, environmental harm, import or export) are the opposing party's burden to prove (11361.8(b), (f): the court
presumes the person qualifies), so they do not hold an answer at needs_review; the age does, because the record gives
it. Sources: HS 11357 as quoted by the Superior Court of Los Angeles County (http://www.lacourt.org/page/EXGV130,
"Code Section Group" copy of the Legislature's text); HS 11358-11361.1 and 11361.8 from secondary copies of the
leginfo text (see the [M] note below).
"""

from __future__ import annotations

# [M] unverified: the aggravators of HS 11358(d), 11359(c), 11360(a)(3), the age subdivisions of 11358-11360 and the
# letters (a) petition / (e) application were read only in secondary copies of the leginfo text (shouselaw.com and
# cannabis-legalization.com quoting 11358 and 11359, bluedoor.sh's copy of leginfo's HS 11360, lexace.ai's HS 11361.8,
# onecle.com's HS 11361.1), never on leginfo.legislature.ca.gov itself; they agree with the rules below.
# The "lesser offense" test (11361.8(a), (e): "would not have been guilty of an offense, or ... guilty of a lesser
# offense" under the AUMA "had that act been in effect at the time of the offense") is applied to every section by
# the age at the offense, and to HS 11357 also by the amount, which the record or the person can give.
# Before Prop 64, HS 11359 was punished only "by imprisonment pursuant to subdivision (h) of Section 1170" (a felony;
# shouselaw.com's before-and-after table of Prop 64, a secondary source), so an adult's misdemeanor 11359 from before
# 2016-11-09 is either a wrong level or a felony already redesignated: it goes to review, not to a refusal.

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
MINOR_INFRACTION = Reason(
    "Under Prop 64 (HS 11361.8(e)), this conviction can be changed to an infraction, because you were under 18 at the time: today the same conduct by someone under 18 is an infraction, with drug education and community service instead of jail (HS 11357(b)(1), 11358(a), 11359(a), 11360(a)(1), 11361.1). File form CR-400; there is no deadline.",
    "Según la Proposición 64 (HS 11361.8(e)), esta condena se puede cambiar a infracción, porque usted tenía menos de 18 años en ese momento: hoy la misma conducta de una persona menor de 18 años es una infracción, con educación sobre drogas y servicio comunitario en lugar de cárcel (HS 11357(b)(1), 11358(a), 11359(a), 11360(a)(1), 11361.1). Presente el formulario CR-400; no hay fecha límite.",
)
YOUNG_ADULT_CULTIVATION = Reason(
    "Under Prop 64 (HS 11361.8(e)), this conviction can be changed to an infraction, because you were 18 to 20 at the time: today HS 11358(b) makes growing six plants or fewer at that age an infraction. If there were more than six plants, it is still a misdemeanor and a prosecutor may oppose the change. File form CR-400; there is no deadline.",
    "Según la Proposición 64 (HS 11361.8(e)), esta condena se puede cambiar a infracción, porque usted tenía de 18 a 20 años en ese momento: hoy el HS 11358(b) considera una infracción cultivar seis plantas o menos a esa edad. Si eran más de seis plantas, sigue siendo un delito menor y un fiscal puede oponerse al cambio. Presente el formulario CR-400; no hay fecha límite.",
)
YOUNG_ADULT_TRANSPORT = Reason(
    "Under Prop 64 (HS 11361.8(e)), this conviction can be changed to an infraction, because you were 18 to 20 at the time: today HS 11360(b) makes giving away or transporting 28.5 grams or less (not concentrated cannabis) an infraction. If it was a sale or a larger amount, it is still a misdemeanor and a prosecutor may oppose the change. File form CR-400; there is no deadline.",
    "Según la Proposición 64 (HS 11361.8(e)), esta condena se puede cambiar a infracción, porque usted tenía de 18 a 20 años en ese momento: hoy el HS 11360(b) considera una infracción regalar o transportar 28.5 gramos o menos (que no sea cannabis concentrado). Si fue una venta o una cantidad mayor, sigue siendo un delito menor y un fiscal puede oponerse al cambio. Presente el formulario CR-400; no hay fecha límite.",
)
SAME_CONDUCT_TODAY = Reason(
    "Prop 64 (HS 11361.8(e)) helps only where today's law makes the same conduct legal or a lesser offense. For your age at the time, today's HS 11358, 11359 and 11360 treat this conviction the same (possession for sale is a misdemeanor from age 18, HS 11359(b); an infraction stays an infraction), so Prop 64 does not change it. A dismissal under PC 1203.4 or 1203.4a may still be possible.",
    "La Proposición 64 (HS 11361.8(e)) solo ayuda cuando la ley de hoy hace que la misma conducta sea legal o un delito menor. Para su edad en ese momento, los HS 11358, 11359 y 11360 de hoy tratan esta condena igual (la posesión para la venta es un delito menor desde los 18 años, HS 11359(b); una infracción sigue siendo una infracción), así que la Proposición 64 no la cambia. Todavía puede ser posible una anulación según el PC 1203.4 o 1203.4a.",
)
LISTED_MISDEMEANOR_FOR_SALE = Reason(
    "The record lists this possession-for-sale conviction (HS 11359) as a misdemeanor, but before November 9, 2016 HS 11359 was a felony only. If it was a felony, Prop 64 (HS 11361.8(e)) changes it to a misdemeanor; if it was already changed, a dismissal under PC 1203.4 or 1203.4a may still be possible. A lawyer should check the court record.",
    "El registro indica esta condena por posesión para la venta (HS 11359) como delito menor, pero antes del 9 de noviembre de 2016 el HS 11359 era solo un delito grave. Si fue un delito grave, la Proposición 64 (HS 11361.8(e)) lo cambia a delito menor; si ya se cambió, todavía puede ser posible una anulación según el PC 1203.4 o 1203.4a. Un abogado debe revisar el expediente del tribunal.",
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
    minor: bool | None = None  # under 18 at the offense, for a felony: no aggravator reaches it, and it is an infraction
    if level is None:
        missing.append("level")
    elif level == "felony":
        age = case.age_at_offense(missing, (18,))
        minor = None if age is None else age < 18
        if traits.prop64_aggravated and not minor:
            blocking = _aggravating_prior(case, missing)
            if blocking is not None and minor is False:
                return refuse(REMEDY, STATUTE, FORM, blocking)
            if blocking is not None:
                review_reason = blocking  # the aggravators reach only a person 18 or over: the age decides
            elif case.record.person.registered_sex_offender is True:
                review_reason = REGISTRANT_TIMING

    application_relief: str | None
    if level == "felony" and minor is True:
        application_relief, application_reason = "redesignate_infraction", MINOR_INFRACTION
    elif level == "felony":
        application_relief, application_reason = "redesignate_misdemeanor", REDESIGNATE
    elif level is not None and case.offense is not None:
        today_class, infraction_reason, same_reason = _conduct_today(case, missing)
        if today_class == MISDEMEANOR and level == "misdemeanor" and case.offense.section == "11359":
            # Before Prop 64, HS 11359 could only be a felony: the level given is wrong or shows relief already had.
            return Determination(REMEDY, "needs_review", None, STATUTE, FORM, (LISTED_MISDEMEANOR_FOR_SALE,),
                              tuple(dict.fromkeys(missing)))
        if today_class is not None and today_class >= _CLASS_OF_LEVEL[level]:
            return refuse(REMEDY, STATUTE, FORM, same_reason)
        if today_class == INFRACTION:
            application_relief, application_reason = "redesignate_infraction", infraction_reason
        else:
            application_relief, application_reason = "dismiss_and_seal", DISMISS_AND_SEAL
    else:
        application_relief, application_reason = None, DISMISS_AND_SEAL
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
_TRADE_SECTIONS = frozenset({"11358", "11359", "11360"})


def _conduct_today(case: Case, missing: list[str]) -> tuple[int | None, Reason, Reason]:
    """(what the conduct is today, the reason if that is an infraction, the reason if it is no lesser) for a
    misdemeanor or infraction conviction; the class is None when a fact it needs is unknown (noted)."""
    section = case.offense.section if case.offense is not None else ""
    if section == "11357":
        today_class = possession_today(case, missing)
        under_18 = today_class == INFRACTION and _under(case, 18)
        return today_class, (MINOR_INFRACTION if under_18 else REDESIGNATE_INFRACTION), SAME_OFFENSE_TODAY
    if section not in _TRADE_SECTIONS:
        return None, MINOR_INFRACTION, SAME_CONDUCT_TODAY  # HS 11362.1 itself: relief follows the level
    today_class = trade_today(case, missing)
    if today_class == INFRACTION and not _under(case, 18):
        young_adult = YOUNG_ADULT_CULTIVATION if section == "11358" else YOUNG_ADULT_TRANSPORT
        return today_class, young_adult, SAME_CONDUCT_TODAY
    return today_class, MINOR_INFRACTION, SAME_CONDUCT_TODAY


def _under(case: Case, years: int) -> bool:
    """Whether the person was known to be under ``years`` at the offense (already worked out; nothing is noted)."""
    age = case.age_at_offense([], (years,))
    return age is not None and age < years


def trade_today(case: Case, missing: list[str]) -> int | None:
    """HS 11361.8(e)'s "lesser offense" test for a misdemeanor or infraction under HS 11358, 11359 or 11360.

    Under 18 each is an infraction (11358(a), 11359(a), 11360(a)(1)). From 18, possession for sale is a misdemeanor
    (11359(b)). From 18 to 20, growing six plants or fewer (11358(b)) and giving away or transporting 28.5 grams or
    less (11360(b)) are infractions; at 21 and over they are lawful (11362.1(a)(1), (3)). The plant count, a sale and
    the amount are not asked: the court presumes the person qualifies (11361.8(f)), so the lesser reading is taken.
    None when the age at the offense is unknown (the fact is noted).
    """
    section = case.offense.section if case.offense is not None else ""
    thresholds = (18,) if section == "11359" else (18, 21)
    age = case.age_at_offense(missing, thresholds)
    if age is None:
        return None
    if age < 18:
        return INFRACTION
    if section == "11359":
        return MISDEMEANOR
    return INFRACTION if age < 21 else LAWFUL


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
