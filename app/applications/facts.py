"""Facts for the engine and for the petition packet, read from the stored answers (names kept stable: app.packets,
app.referrals and app.partner read them)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.applications.journey import arrests_of, has_arrests, has_convictions
from app.eligibility import ArrestFacts, ConvictionFacts, Person, Screening, screen
from app.models import Application


def person_facts(application: Application) -> Person:
    situation = application.answers.get("situation", {})
    return Person(
        date_of_birth=application.date_of_birth,
        registered_sex_offender=situation.get("registered_sex_offender"),
        superstrike_prior=situation.get("superstrike_prior"),
        on_probation_or_parole=situation.get("on_probation_or_parole"),
        in_custody=situation.get("in_custody"),
        pending_charges=situation.get("pending_charges"),
        partner_violence_survivor=situation.get("partner_violence_survivor"),
        trafficking_survivor=situation.get("trafficking_survivor"),
        us_citizen=situation.get("us_citizen"),
        veteran=situation.get("veteran"),
        juvenile_case=situation.get("juvenile_case"),
    )


def conviction_facts(application: Application) -> list[ConvictionFacts]:
    """One ConvictionFacts per conviction, id "c1", "c2"... in the person's order.

    A date is passed only when the person knew the whole date: a year alone becomes None (the engine then names
    `conviction_date` as missing and an attorney checks it) rather than an invented 1 July that could flip a deadline.
    """
    facts = []
    for number, conviction in enumerate(application.convictions, start=1):
        extra = conviction.facts or {}
        facts.append(ConvictionFacts(
            id=f"c{number}",
            offense_text=conviction.offense_text or "",
            county=conviction.county,
            case_number=conviction.case_number,
            level=conviction.level,
            conviction_date=conviction.conviction_date,
            sentence=conviction.sentence,
            probation_completed=conviction.probation_completed,
            probation_violated=conviction.probation_violated,
            sentence_completed=conviction.sentence_completed,
            sentence_completed_date=conviction.sentence_completed_date,
            value_over_950=conviction.value_over_950,
            probation_terminated_early=extra.get("probation_terminated_early"),
            mandatory_supervision=extra.get("mandatory_supervision"),
            trafficking_victim=extra.get("trafficking_victim"),
            offense_date=_iso_date(extra.get("offense_date")),
            prison_term_suspended=extra.get("prison_term_suspended"),
            marijuana_over_limit=extra.get("marijuana_over_limit"),
            fire_camp=extra.get("fire_camp"),
        ))
    return facts


def arrest_facts(application: Application) -> list[ArrestFacts]:
    """One ArrestFacts per arrest, id "a1", "a2"... in the person's order (none unless they said they have some)."""
    if not has_arrests(application, None):
        return []
    return [ArrestFacts(id=f"a{number}", county=arrest.get("county"), arrest_date=_iso_date(arrest.get("arrest_date")),
                        agency=arrest.get("agency"), outcome=arrest.get("outcome"),
                        offense_text=arrest.get("offense_text") or "")
            for number, arrest in enumerate(arrests_of(application), start=1)]


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def applicant_details(application: Application) -> dict[str, Any]:
    address = application.answers.get("address", {})
    return {
        "name": application.full_name or "",
        "aka": application.answers.get("other_names"),
        "date_of_birth": application.date_of_birth.isoformat() if application.date_of_birth else None,
        "address": address.get("street"),
        "city": address.get("city"),
        "state": address.get("state") or "CA",
        "zip": address.get("zip"),
        "phone": application.phone,
        "email": application.email,
    }


def petition_choices(application: Application) -> dict[str, Any]:
    petition = application.answers.get("petition", {})
    return {
        "waive_original_judge": bool(petition.get("waive_original_judge")),
        "waive_appearance": bool(petition.get("waive_appearance")),
        "personal_statement": application.answers.get("personal_statement"),
        "good_cause_statement": application.answers.get("good_cause_statement"),
    }


def screen_application(application: Application, today: dt.date | None = None) -> Screening:
    convictions = conviction_facts(application) if has_convictions(application) else []
    return screen(person_facts(application), convictions, today or dt.date.today(), arrest_facts(application))


def missing_facts_by_conviction(application: Application) -> dict[int, set[str]]:
    """Conviction number -> the facts the engine says would change a result for it."""
    screening = screen_application(application)
    by_id = {f"c{number}": number for number in range(1, len(application.convictions) + 1)}
    missing: dict[int, set[str]] = {}
    for result in screening.convictions:
        names = missing.setdefault(by_id[result.id], set())
        for determination in result.determinations:
            names.update(determination.missing)
    return missing


def needs_good_cause(application: Application, today: dt.date | None = None) -> bool:
    """A Prop 47 application filed after the 2022 deadline must explain why it is late (PC 1170.18(j)); the
    consent page then asks for that explanation, which goes into the petition."""
    from app.eligibility.remedies.prop47 import LATE_FILING

    return any(
        LATE_FILING in determination.reasons and determination.outcome != "not_eligible"
        for result in screen_application(application, today).convictions
        for determination in result.determinations
        if determination.remedy == "prop47"
    )
