"""How a remedy turns what it found into a Determination.

Every remedy follows the same shape: a known disqualifying fact gives ``not_eligible``; any
unknown fact that could change the answer gives ``needs_review`` naming it; only a complete
set of facts gives ``eligible``. Keeping that shape in one place keeps "unknown is an answer"
true for all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.eligibility.reasons import missing_fact_reasons
from app.eligibility.results import Determination, Reason
from app.eligibility.statutes import MAYBE, NO, YES

if TYPE_CHECKING:
    from app.eligibility.context import Case


def refuse(remedy: str, statute: str, form: str | None, reason: Reason, relief: str | None = None) -> Determination:
    return Determination(remedy, "not_eligible", relief, statute, form, (reason,), ())


def decide(
    remedy: str,
    *,
    relief: str | None,
    statute: str,
    form: str | None,
    reasons: tuple[Reason, ...],
    missing: list[str],
    review_reason: Reason,
    basis: str | None = None,
    review_only: bool = False,
) -> Determination:
    """``eligible`` with ``reasons`` when nothing is missing; else ``needs_review`` that names what is.

    ``review_only`` marks a remedy whose outcome turns on facts no questionnaire asks,
    so even a full set of answers stops at ``needs_review``.
    """
    if missing:
        names = tuple(missing)
        return Determination(
            remedy, "needs_review", relief, statute, form, (review_reason, *missing_fact_reasons(names)), names, basis
        )
    if review_only:
        return Determination(remedy, "needs_review", relief, statute, form, (review_reason,), (), basis)
    return Determination(remedy, "eligible", relief, statute, form, reasons, (), basis)


def petition_or_application(
    completed: bool | None,
    missing: list[str],
    *,
    petition_statute: str,
    resentence_reason: Reason,
    application_statute: str,
    application_relief: str | None,
    application_reason: Reason,
) -> tuple[str | None, str, str | None, Reason]:
    """(relief, statute, basis, reason) on the Props' two paths, by whether the sentence is ``completed``: still
    serving, petition to be resentenced (PC 1170.18(a), HS 11361.8(a)); finished, apply for the new level
    (1170.18(f), 11361.8(e)).

    An unknown end of sentence is noted in ``missing`` and answered on the application path, without a basis.
    """
    if completed is None:
        missing.append("sentence_completed")
    if completed is False:
        return "resentence", petition_statute, "petition", resentence_reason
    return application_relief, application_statute, ("application" if completed else None), application_reason


def note_missing(missing: list[str], name: str) -> None:
    if name not in missing:
        missing.append(name)


def registration_clause(case: Case, missing: list[str]) -> str | None:
    """How a "not for a conviction that requires PC 290 registration" clause (1203.41, 1203.42) meets this count.

    "barred": the offense always requires registration. "unclear": the person registers and nothing else on the
    record explains it, so this count may be the one (registration ordered under PC 290.006); a reviewer decides.
    None: the clause does not reach it. The clause bars the registrable conviction, not a registrant's other ones.
    """
    traits = case.traits
    registers = case.record.person.registered_sex_offender
    if traits is None:
        note_missing(missing, "offense")
        return None
    if traits.pc290 == YES:
        return "barred"
    if traits.pc290 == MAYBE and registers is not False:
        note_missing(missing, "offense")
        return None
    if traits.pc290 == NO and registers is True and not case.record.any_other_matching(case, "pc290").certain:
        return "unclear"
    return None


def dismissal_barred_now(case: Case, missing: list[str]) -> Reason | None:
    """Custody, supervision or open charges bar every dismissal while they last; unknown ones are noted."""
    status = case.record.status
    if status.blocking_reason is not None:
        return status.blocking_reason
    for name in status.missing:
        note_missing(missing, name)
    return None


def survivor_vacatur(case: Case, remedy: str, statute: str, said_so: bool | None, review: Reason,
                     violent: Reason) -> Determination | None:
    """The survivors' vacatur routes (PC 236.14 trafficking, 236.15 partner or sexual violence): raised only when the
    person says so, always reviewed (the court decides on the evidence), and never for a violent felony (PC 667.5(c));
    with the offense unread, the offense is named as missing."""
    if said_so is not True:
        return None
    traits = case.traits
    if traits is not None and traits.serious_or_violent == YES and case.facts.level == "felony":
        return refuse(remedy, statute, None, violent, relief="vacate")
    missing = ["offense"] if traits is None else []
    return decide(remedy, relief="vacate", statute=statute, form=None, reasons=(review,), missing=missing,
                  review_reason=review, review_only=True)
