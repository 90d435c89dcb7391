"""What the resident told us, as label/value rows for the referral page.

Unknown answers are shown as "Does not know" (the questionnaire's "I don't know"), never left blank, so an attorney
can tell a fact the person did not know from one that was never asked.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models import Application, Conviction

SITUATION_LABELS = {
    "on_probation_or_parole": _l("On probation or parole now"),
    "in_custody": _l("In custody now"),
    "pending_charges": _l("Has pending charges"),
    "registered_sex_offender": _l("Must register under PC 290"),
    "superstrike_prior": _l("Has a prior listed in PC 667(e)(2)(C)(iv)"),
    "partner_violence_survivor": _l("Says a conviction came from partner or sexual violence (PC 236.15)"),
    "trafficking_survivor": _l("Says an arrest or conviction came from being trafficked (PC 236.14)"),
    "veteran": _l("Served in the U.S. military (PC 1170.91)"),
    "us_citizen": _l("U.S. citizen (immigration: PC 1473.7)"),
    "juvenile_case": _l("Has a juvenile case (WIC 781, 786)"),
    "has_arrests": _l("Has arrests that did not lead to a conviction (PC 851.91)"),
}
SENTENCE_LABELS = {
    "probation": _l("Probation"),
    "county_jail": _l("County jail"),
    "state_prison": _l("State prison"),
    "fine_only": _l("Fine only"),
}
LEVEL_LABELS = {"felony": _l("Felony"), "misdemeanor": _l("Misdemeanor"), "infraction": _l("Infraction")}


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def person_rows(application: Application) -> list[Row]:
    answers = application.answers or {}
    address = answers.get("address") or {}
    household = answers.get("household") or {}
    petition = answers.get("petition") or {}
    situation = answers.get("situation") or {}
    street = ", ".join(filter(None, [address.get("street"), address.get("city"),
                                     " ".join(filter(None, [address.get("state"), address.get("zip")]))]))
    income = household.get("monthly_income")
    rows = [
        Row(_("Name"), application.full_name or _("Not given")),
        Row(_("Other names used"), answers.get("other_names") or _("None given")),
        Row(_("Date of birth"), _date(application.date_of_birth)),
        Row(_("E-mail"), application.email or _("Not given")),
        Row(_("Phone"), application.phone or _("Not given")),
        Row(_("Address"), street or _("Not given")),
        *(Row(str(label), _yes_no(situation.get(key))) for key, label in SITUATION_LABELS.items()),
        Row(_("Monthly household income"), f"${income:,}" if income is not None else _("Does not know")),
        Row(_("Owns a home"), _yes_no(household.get("owns_home"))),
        Row(_("Asks to waive the original judge"), _yes_no(petition.get("waive_original_judge"))),
        Row(_("Asks to waive appearing in court"), _yes_no(petition.get("waive_appearance"))),
    ]
    if answers.get("personal_statement"):
        rows.append(Row(_("Personal statement"), answers["personal_statement"]))
    return rows


EXTRA_FACT_LABELS = {
    "probation_terminated_early": _l("Probation ended early by a judge"),
    "mandatory_supervision": _l("County jail sentence included mandatory supervision"),
    "trafficking_victim": _l("Conviction arose while being forced or pressured into sex work"),
    "prison_term_suspended": _l("Probation granted after a prison term was imposed and suspended"),
    "marijuana_over_limit": _l("More than 28.5 g of marijuana (or 8 g of concentrate)"),
}


def conviction_rows(conviction: Conviction) -> list[Row]:
    when = _date(conviction.conviction_date) if conviction.conviction_date else (
        str(conviction.conviction_year) if conviction.conviction_year else _("Does not know"))
    rows = [
        Row(_("County"), conviction.county or _("Does not know")),
        Row(_("Case number"), conviction.case_number or _("Does not know")),
        Row(_("Level"), _label(LEVEL_LABELS, conviction.level)),
        Row(_("Conviction date"), when),
        Row(_("Sentence"), _label(SENTENCE_LABELS, conviction.sentence)),
        Row(_("Sentence finished"), _yes_no(conviction.sentence_completed)),
        Row(_("Date the sentence finished"), _date(conviction.sentence_completed_date)),
        Row(_("Probation completed"), _yes_no(conviction.probation_completed)),
        Row(_("Probation violated"), _yes_no(conviction.probation_violated)),
        Row(_("Value over $950"), _yes_no(conviction.value_over_950)),
    ]
    # Facts kept beside the columns, asked of few people: shown only when the question was asked.
    extra = conviction.facts or {}
    for key, label in EXTRA_FACT_LABELS.items():
        if key in extra:
            value = extra[key]
            rows.append(Row(str(label), _yes_no(value) if value is not None else _("Does not know or did not say")))
    if "offense_date" in extra:
        rows.append(Row(_("Offense date"), extra["offense_date"] or _("Does not know")))
    return rows


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("Does not know")
    return _("Yes") if value else _("No")


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else _("Does not know")


def _label(labels: dict[str, Any], value: str | None) -> str:
    return str(labels.get(value, value)) if value else _("Does not know")
