"""PC 1203.4a: dismissal of a misdemeanor or infraction without probation (CR-180 item 3).

At least a year after judgment, sentence complied with, and not serving, supervised or charged.
The court must grant it to someone who has since lived "an honest and upright life" (a); a
later conviction makes that doubtful, so the request becomes discretionary (b). Not for
misdemeanor PC 288(c), VC 42002.1 misdemeanors, or Vehicle Code infractions (VC 42001) [S].
"""

from __future__ import annotations

from app.eligibility.context import Case, add_years
from app.eligibility.decide import decide, dismissal_barred_now, note_missing, refuse
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, YES

REMEDY = "pc1203_4a"
FORM = "CR-180"
STATUTE = "PC 1203.4a"

HONEST_UPRIGHT = Reason(
    "At least a year has passed and the sentence is done, so under PC 1203.4a(a) the court must dismiss this conviction if you have obeyed the law since. File form CR-180.",
    "Ha pasado al menos un año y la sentencia terminó, así que según el PC 1203.4a(a) el tribunal debe anular esta condena si usted ha cumplido la ley desde entonces. Presente el formulario CR-180.",
)
INTERESTS_OF_JUSTICE = Reason(
    "There is a later conviction, so the judge decides whether to dismiss this one in the interests of justice (PC 1203.4a(b)). File form CR-180 with a statement about your life since.",
    "Hay una condena posterior, así que el juez decide si anula esta en interés de la justicia (PC 1203.4a(b)). Presente el formulario CR-180 con una declaración sobre su vida desde entonces.",
)
EXCLUDED_OFFENSE = Reason(
    "PC 1203.4a does not allow dismissal of this offense.",
    "El PC 1203.4a no permite anular este delito.",
)
TOO_SOON = Reason(
    "PC 1203.4a requires one year to pass after the conviction. You can apply once it has.",
    "El PC 1203.4a exige que pase un año desde la condena. Puede solicitarlo cuando se cumpla.",
)
SENTENCE_NOT_DONE = Reason(
    "PC 1203.4a requires the sentence to be finished first. You can apply once it is.",
    "El PC 1203.4a exige que primero termine la sentencia. Puede solicitarlo cuando termine.",
)
REVIEW = Reason(
    "This conviction may be dismissed under PC 1203.4a, but we need a few more facts to be sure.",
    "Esta condena se podría anular según el PC 1203.4a, pero necesitamos algunos datos más para estar seguros.",
)
_NON_PROBATION_SENTENCES = frozenset({"fine_only", "county_jail"})


def assess(case: Case) -> Determination | None:
    facts = case.facts
    level = facts.level
    sentence = facts.sentence
    missing: list[str] = []
    if level == "infraction":
        pass  # an infraction never gets probation, so 1203.4a is its route whatever the sentence says
    elif level == "felony" or sentence == "probation" or sentence == "state_prison":
        return None
    elif level is None:
        if sentence != "fine_only":
            return None  # a county jail term may be a felony (1203.41); unknown sentence goes via 1203.4
        missing.append("level")
    elif sentence is None:
        missing.append("sentence")
    elif sentence not in _NON_PROBATION_SENTENCES:
        return None

    traits = case.traits
    if traits is None:
        missing.append("offense")
    else:
        vehicle_infraction = traits.vehicle_code and level == "infraction"
        excluded = max(traits.excluded_1203_4a, traits.vc42002_1 if level != "infraction" else 0)
        if vehicle_infraction or excluded == YES:
            return refuse(REMEDY, STATUTE, FORM, EXCLUDED_OFFENSE)
        if excluded == MAYBE:
            note_missing(missing, "offense")

    barred = dismissal_barred_now(case, missing)
    if barred is not None:
        return refuse(REMEDY, STATUTE, FORM, barred, relief="dismiss")
    if facts.conviction_date is None:
        missing.append("conviction_date")
    elif case.record.today < add_years(facts.conviction_date, 1):
        return refuse(REMEDY, STATUTE, FORM, TOO_SOON, relief="dismiss")
    if case.completed is False:
        return refuse(REMEDY, STATUTE, FORM, SENTENCE_NOT_DONE, relief="dismiss")
    if case.completed is None:
        missing.append("sentence_completed")

    if case.record.has_later_conviction(case):
        basis, statute, reason = "interests_of_justice", "PC 1203.4a(b)", INTERESTS_OF_JUSTICE
    else:
        basis, statute, reason = "honest_upright", "PC 1203.4a(a)", HONEST_UPRIGHT
    return decide(
        REMEDY,
        relief="dismiss",
        statute=statute,
        form=FORM,
        reasons=(reason,),
        missing=missing,
        review_reason=REVIEW,
        basis=basis,
    )
