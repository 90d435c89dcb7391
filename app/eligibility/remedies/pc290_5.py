"""PC 290.5: ending sex-offender registration, under the tiers of SB 384 (Stats. 2017, ch. 541; from 2021-07-01).

A tier one (10 years) or tier two (20 years) registrant may petition the superior court of the county where they
live "on or after their next birthday following the expiration of the mandated minimum registration period"
(290.5(a)(1)), which starts on release from custody for the registrable offense (290(e)). The Department of Justice
assigns the tier: a misdemeanor registrable offense is tier one (290(d)(1)); a felony may be tier one, two or three
by the offense and history (290(d)(2), (3)), which this engine does not hold, so a felony is always a review case.
Form CR-415 (petition), CR-416 (order). The period runs from release: a count without a completion date is reviewed.
"""

from __future__ import annotations

from datetime import date

from app.eligibility.context import Case, add_years
from app.eligibility.decide import decide, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import YES

REMEDY = "pc290_5"
FORM = "CR-415"
STATUTE = "PC 290.5(a)"
TIER_ONE_YEARS = 10
PETITIONS_FROM = date(2021, 7, 1)  # SB 384's tiers took effect

ELIGIBLE = Reason(
    "This misdemeanor makes you a tier one registrant, who registers for at least 10 years. That time has passed, so under PC 290.5 you can ask the court where you live to end your registration (form CR-415). Bring proof that you are registered now; the DOJ confirms your tier.",
    "Este delito menor lo hace registrante de nivel uno, que se registra por al menos 10 años. Ese tiempo ya pasó, así que según el PC 290.5 puede pedir al tribunal de donde vive que termine su registro (formulario CR-415). Lleve prueba de que está registrado ahora; el DOJ confirma su nivel.",
)
TOO_SOON = Reason(
    "A tier one registrant can ask to end registration (PC 290.5) on the first birthday after 10 years from release. That day has not come yet.",
    "Un registrante de nivel uno puede pedir que termine su registro (PC 290.5) en el primer cumpleaños después de 10 años desde que salió. Ese día todavía no llega.",
)
FELONY_TIER = Reason(
    "Registration for a felony can end under PC 290.5 after 10 or 20 years (tier one or two), or is for life (tier three); the tier depends on the offense and the record, and the DOJ assigns it. A lawyer should check your tier and dates.",
    "El registro por un delito grave puede terminar según el PC 290.5 después de 10 o 20 años (nivel uno o dos), o es de por vida (nivel tres); el nivel depende del delito y del historial, y lo asigna el DOJ. Un abogado debe revisar su nivel y sus fechas.",
)
REVIEW = Reason(
    "You may be able to ask the court to end your sex-offender registration (PC 290.5), but we need a few more facts to be sure.",
    "Es posible que pueda pedir al tribunal que termine su registro como delincuente sexual (PC 290.5), pero necesitamos algunos datos más para estar seguros.",
)


def assess(case: Case) -> Determination | None:
    traits = case.traits
    person = case.record.person
    if traits is None or traits.pc290 != YES or person.registered_sex_offender is False:
        return None
    if case.record.today < PETITIONS_FROM:
        return None
    missing: list[str] = []
    if person.registered_sex_offender is None:
        missing.append("person.registered_sex_offender")
    for value, name in ((person.in_custody, "person.in_custody"), (person.pending_charges, "person.pending_charges")):
        if value is None:
            missing.append(name)
    level = case.facts.level
    if level is None:
        missing.append("level")
    if level == "felony":
        return decide(REMEDY, relief="terminate_registration", statute=STATUTE, form=FORM, reasons=(FELONY_TIER,),
                      missing=missing, review_reason=FELONY_TIER, review_only=True)
    can_petition = _tier_one_period_over(case, missing)
    if can_petition is False:
        return refuse(REMEDY, STATUTE, FORM, TOO_SOON, relief="terminate_registration")
    return decide(REMEDY, relief="terminate_registration", statute=STATUTE, form=FORM, reasons=(ELIGIBLE,),
                  missing=missing, review_reason=REVIEW)


def _tier_one_period_over(case: Case, missing: list[str]) -> bool | None:
    """Whether the first birthday after 10 years from release has passed; None (facts noted) when unknown."""
    released = case.facts.sentence_completed_date
    born = case.record.person.date_of_birth
    if released is None:
        missing.append("sentence_completed_date")
    if born is None:
        missing.append("person.date_of_birth")
    if released is None or born is None:
        return None
    period_ends = add_years(released, TIER_ONE_YEARS)
    birthday = add_years(born, period_ends.year - born.year)
    if birthday <= period_ends:
        birthday = add_years(born, period_ends.year - born.year + 1)
    return case.record.today >= birthday
