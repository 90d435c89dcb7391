"""The screening memo an attorney reads: the engine's stored answer, shaped for the page.

The stored JSON follows docs/screening-api.md. An application without a stored screening (one entered before screening
was stored, say) gets its memo computed now by the same engine, rather than none.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Mapping

from flask_babel import lazy_gettext as _l

from app.applications.facts import screen_application
from app.applications.journey import arrests_of
from app.models import Application, Conviction

log = logging.getLogger(__name__)

OUTCOME_LABELS = {
    "eligible": _l("Eligible"),
    "needs_review": _l("Needs review"),
    "not_eligible": _l("Not eligible"),
}
REMEDY_LABELS = {
    "prop64": _l("Proposition 64 (HS 11361.8)"),
    "prop47": _l("Proposition 47 (PC 1170.18)"),
    "pc1203_4": _l("Dismissal after probation (PC 1203.4)"),
    "pc1203_4a": _l("Dismissal of a misdemeanor without probation (PC 1203.4a)"),
    "pc1203_41": _l("Dismissal after county jail (PC 1203.41)"),
    "pc1203_42": _l("Dismissal of a pre-Realignment prison term (PC 1203.42)"),
    "pc1203_43": _l("Deferred entry of judgment (PC 1203.43)"),
    "pc1203_49": _l("Human trafficking survivors (PC 1203.49)"),
    "pc17b": _l("Reduction of a wobbler to a misdemeanor (PC 17(b))"),
    "pc17d2": _l("Reduction of a misdemeanor to an infraction (PC 17(d)(2))"),
    "pc1203_3": _l("Early termination of probation (PC 1203.3)"),
    "pc1203_45": _l("Sealing of a misdemeanor committed under 18 (PC 1203.45)"),
    "pc290_5": _l("Termination of sex-offender registration (PC 290.5)"),
    "pc236_15": _l("Vacatur for survivors of partner or sexual violence (PC 236.15)"),
    "pc236_14": _l("Vacatur for survivors of human trafficking (PC 236.14)"),
    "pc851_91": _l("Sealing of an arrest without a conviction (PC 851.91)"),
    "pc4852_01": _l("Certificate of Rehabilitation and pardon (PC 4852.01)"),
    "pc1473_7": _l("Immigration: motion to vacate (PC 1473.7); refer to an immigration attorney"),
    "pc1170_91": _l("Resentencing of a veteran (PC 1170.91)"),
    "pc1170_9": _l("Veterans' restorative relief (PC 1170.9(h))"),
    "pc1203_4b": _l("Dismissal after an incarcerated fire crew (PC 1203.4b)"),
    "wic781": _l("Juvenile records sealing (WIC 781, 786)"),
}
ARREST_OUTCOME_LABELS = {
    "no_charges": _l("No charges filed"),
    "dismissed": _l("Charges dismissed"),
    "acquitted": _l("Acquitted"),
    "vacated": _l("Conviction vacated or reversed"),
}
RELIEF_LABELS = {
    "dismiss_and_seal": _l("Dismiss and seal"),
    "redesignate_misdemeanor": _l("Redesignate as a misdemeanor"),
    "redesignate_infraction": _l("Redesignate as an infraction"),
    "resentence": _l("Resentence"),
    "reduce_to_misdemeanor": _l("Reduce to a misdemeanor"),
    "reduce_to_infraction": _l("Reduce to an infraction"),
    "dismiss": _l("Dismiss"),
    "terminate_probation": _l("Terminate probation early"),
    "seal": _l("Seal the record"),
    "terminate_registration": _l("Terminate registration"),
    "vacate": _l("Vacate the conviction"),
    "certificate_of_rehabilitation": _l("Certificate of Rehabilitation"),
}


@dataclass
class MemoDetermination:
    remedy: str
    outcome: str
    relief: str | None
    statute: str | None
    form: str | None
    reasons: list[str]
    missing: list[str]
    unverified: list[str] = field(default_factory=list)  # rules not yet re-read against the statute text


@dataclass
class MemoConviction:
    offense: str
    conviction: Conviction | None
    determinations: list[MemoDetermination] = field(default_factory=list)
    chain: str | None = None  # the order to ask for chained relief in, "first ..., then ..."


@dataclass
class MemoArrest:
    """One arrest without a conviction, as the person described it, with its PC 851.91 answer."""

    details: list[str]  # arrest date, county, agency, how it ended: what is known, in that order
    determinations: list[MemoDetermination] = field(default_factory=list)
    automatic_relief: list[str] = field(default_factory=list)


@dataclass
class Memo:
    engine_version: str | None
    computed_now: bool
    convictions: list[MemoConviction]
    automatic_relief: list[str]
    arrests: list[MemoArrest] = field(default_factory=list)
    person_routes: list[MemoDetermination] = field(default_factory=list)  # the juvenile route (WIC 781/786)


def screening_memo(application: Application, language: str) -> Memo | None:
    """The memo in `language` (reasons come from the engine in English and Spanish); None if none can be had."""
    stored = application.screening
    computed_now = stored is None
    if stored is None:
        stored = _screen_now(application)
    if stored is None:
        return None
    by_key = convictions_by_screening_id(application.convictions)
    convictions = []
    for index, result in enumerate(stored.get("convictions") or []):
        conviction = by_key.get(str(result.get("id"))) or _nth(application.convictions, index)
        convictions.append(MemoConviction(
            offense=_offense_text(result.get("offense"), conviction),
            conviction=conviction,
            determinations=[_determination(d, language) for d in result.get("determinations") or []],
            chain=_in_language((result.get("chain") or {}).get("reason") or {}, language) or None,
        ))
    return Memo(stored.get("engine_version"), computed_now, convictions,
                _notes(stored.get("automatic_relief"), language), _arrests(application, stored, language),
                [_determination(d, language) for d in stored.get("person_routes") or []])


def _notes(stored: Any, language: str) -> list[str]:
    notes = [_in_language(n.get("note") or {}, language) for n in stored or []]
    return [n for n in notes if n]


def _arrests(application: Application, stored: Mapping[str, Any], language: str) -> list[MemoArrest]:
    """The stored screening's arrests ("a1", "a2"... in the person's order), beside what the person said of each."""
    answered = arrests_of(application)
    memo_arrests = []
    for index, result in enumerate(stored.get("arrests") or []):
        arrest = answered[index] if index < len(answered) else {}
        outcome = ARREST_OUTCOME_LABELS.get(arrest.get("outcome") or "")
        details = [arrest.get("arrest_date"), arrest.get("county"), arrest.get("agency"), str(outcome) if outcome else None]
        memo_arrests.append(MemoArrest(
            details=[str(detail) for detail in details if detail],
            determinations=[_determination(d, language) for d in result.get("determinations") or []],
            automatic_relief=_notes(result.get("automatic_relief"), language),
        ))
    return memo_arrests


def _determination(data: Mapping[str, Any], language: str) -> MemoDetermination:
    return MemoDetermination(
        remedy=str(REMEDY_LABELS.get(data.get("remedy"), data.get("remedy") or "")),
        outcome=data.get("outcome") or "needs_review",
        relief=str(RELIEF_LABELS[data["relief"]]) if data.get("relief") in RELIEF_LABELS else data.get("relief"),
        statute=data.get("statute"),
        form=data.get("form"),
        reasons=[text for text in (_in_language(r, language) for r in data.get("reasons") or []) if text],
        missing=[str(m).replace("_", " ") for m in data.get("missing") or []],
        unverified=[str(rule) for rule in data.get("unverified") or []],
    )


def _in_language(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or ""


def _offense_text(offense: Mapping[str, Any] | None, conviction: Conviction | None) -> str:
    if offense:
        citation = " ".join(filter(None, [offense.get("code"), offense.get("section")]))
        if offense.get("subdivision"):
            citation += f"({offense['subdivision']})"
        return " – ".join(filter(None, [citation, offense.get("label")]))
    return conviction.offense_text if conviction is not None else ""


def convictions_by_screening_id(convictions: list[Conviction]) -> dict[str, Conviction]:
    """app.applications.facts.conviction_facts names convictions "c1", "c2"... in the person's order."""
    return {f"c{number}": conviction for number, conviction in enumerate(convictions, start=1)}


def _nth(convictions: list[Conviction], index: int) -> Conviction | None:
    return convictions[index] if index < len(convictions) else None


def _screen_now(application: Application) -> dict[str, Any] | None:
    """Screen with the questionnaire's own fact builders, so the memo matches what the resident was shown."""
    try:
        result = screen_application(application, dt.date.today())
    except Exception as error:  # noqa: BLE001 - a memo that cannot be computed must not take the page down
        # The error's class only: its message could quote the person's answers.
        log.error("screening could not be computed for application %s: %s", application.id, type(error).__name__)
        return None
    return result.to_dict()
