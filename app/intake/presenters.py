"""Turn stored answers and the engine's screening into what the pages show, in the person's language."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import format_currency, format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.applications import answers, facts, journey, lifecycle
from app.applications.journey import CHECK, StepRef
from app.eligibility import Chain, parse_offense
from app.intake.pages import PAGES
from app.lookup.explanations import RELIEF_NAMES
from app.lookup.matching import granted_relief_by_conviction
from app.models import Application, ClearedRecord
from app.packets.planning import stored_person_route_files

SECTION_TITLES = {
    "about": _l("About you"),
    "situation": _l("Your situation now"),
    "arrests": _l("Arrests without a conviction"),
    "convictions": _l("Your convictions"),
    "sending": _l("Sending your application"),
}
OUTCOME_LABELS = {
    "eligible": _l("Looks possible"),
    "needs_review": _l("A lawyer needs to check"),
    "not_eligible": _l("Not available"),
}
OUTCOME_ORDER = {"eligible": 0, "needs_review": 1, "not_eligible": 2}
REMEDY_NAMES = {
    "prop64": _l("Proposition 64 (marijuana)"),
    "prop47": _l("Proposition 47 (some theft and drug convictions)"),
    "pc1203_4": _l("Dismissal after probation (Penal Code 1203.4)"),
    "pc1203_4a": _l("Dismissal of a misdemeanor or infraction without probation (Penal Code 1203.4a)"),
    "pc1203_41": _l("Dismissal of a county jail sentence (Penal Code 1203.41)"),
    "pc1203_42": _l("Dismissal of a prison sentence from before October 2011 (Penal Code 1203.42)"),
    "pc1203_43": _l("Dismissal of a deferred entry of judgment case (Penal Code 1203.43)"),
    "pc1203_49": _l("Relief for survivors of human trafficking (Penal Code 1203.49)"),
    "pc17b": _l("Reducing a felony to a misdemeanor (Penal Code 17(b))"),
    "pc17d2": _l("Reducing a misdemeanor to an infraction (Penal Code 17(d)(2))"),
    "pc1203_3": _l("Ending probation early (Penal Code 1203.3)"),
    "pc1203_45": _l("Sealing a misdemeanor from before age 18 (Penal Code 1203.45)"),
    "pc290_5": _l("Ending sex-offender registration (Penal Code 290.5)"),
    "pc236_15": _l("Relief for survivors of partner or sexual violence (Penal Code 236.15)"),
    "pc236_14": _l("Relief for survivors of human trafficking (Penal Code 236.14)"),
    "pc851_91": _l("Sealing an arrest that did not lead to a conviction (Penal Code 851.91)"),
    "pc4852_01": _l("Certificate of Rehabilitation and pardon (Penal Code 4852.01)"),
    "pc1473_7": _l("Talk to an immigration attorney (Penal Code 1473.7)"),
    "pc1170_91": _l("Resentencing for veterans (Penal Code 1170.91)"),
    "pc1170_9": _l("Restorative relief for veterans after probation (Penal Code 1170.9)"),
    "pc1203_4b": _l("Dismissal after serving on a fire crew (Penal Code 1203.4b)"),
    "wic781": _l("Sealing juvenile records (Welfare and Institutions Code 781 and 786)"),
}
RELIEF_TEXT = {
    "dismiss_and_seal": _l("The court can dismiss the conviction and seal the record."),
    "redesignate_misdemeanor": _l("The court can change the conviction to a misdemeanor."),
    "redesignate_infraction": _l("The court can change the conviction to an infraction."),
    "resentence": _l("The court can give you a new, lower sentence."),
    "reduce_to_misdemeanor": _l("The court can reduce the felony to a misdemeanor."),
    "reduce_to_infraction": _l("The court can reduce the misdemeanor to an infraction."),
    "dismiss": _l("The court can dismiss the conviction."),
    "terminate_probation": _l("The court can end your probation early."),
    "seal": _l("The court can seal the record."),
    "terminate_registration": _l("The court can end your duty to register."),
    "vacate": _l("The court can vacate (erase) the conviction."),
    "certificate_of_rehabilitation": _l("The court can certify that you are rehabilitated, which asks the Governor for a pardon."),
}


def step_url(ref: StepRef, returning_to_check: bool = False) -> str:
    """A step's page; a change link from check answers carries ?return=check so saving goes back there."""
    extra = {"return": "check"} if returning_to_check else {}
    if ref == CHECK:
        return url_for("intake.check_answers")
    if ref.index is None:
        return url_for("intake.question", slug=ref.slug, **extra)
    if journey.STEPS[ref.slug].per_arrest:
        return url_for("intake.arrest_question", number=ref.index, slug=ref.slug, **extra)
    return url_for("intake.conviction_question", number=ref.index, slug=ref.slug, **extra)


def form_context(application: Application, ref: StepRef) -> dict[str, Any]:
    """What a question's form needs from earlier answers: the county lists, the contact choices, the language."""
    context: dict[str, Any] = {"language": str(get_locale() or "en"),
                               "contact_methods": application.answers.get("contact", {}).get("methods", [])}
    if ref.slug == "counties":
        context["participating_counties"] = answers.participating_counties()
    if ref.slug in ("county", "arrest-county"):
        context["all_counties"] = answers.all_counties()
        context["chosen_counties"] = [c for c in application.answers.get("counties", [])
                                      if c not in (answers.NOT_LISTED, answers.NOT_SURE)]
    return context


def progress_caption(application: Application, ref: StepRef) -> str:
    number, total, section = journey.progress(application, ref)
    caption = _("Section %(number)s of %(total)s: %(title)s", number=number, total=total,
                title=SECTION_TITLES[section])
    if ref.index is not None and journey.STEPS[ref.slug].per_arrest:
        caption += " – " + _("arrest %(number)s", number=ref.index)
    elif ref.index is not None:
        caption += " – " + _("conviction %(number)s", number=ref.index)
    return caption


OUTCOME_TITLES = {
    "no_charges": _l("no charges filed"),
    "dismissed": _l("dismissed"),
    "acquitted": _l("not guilty"),
    "vacated": _l("conviction vacated"),
}


def arrest_title(application: Application, number: int) -> str:
    """"Arrest 1: Alameda, 2015, dismissed", or "Arrest 1" when nothing is known yet."""
    arrest = journey.arrest_at(application, number) or {}
    parts = [arrest.get("county"), (arrest.get("arrest_date") or "")[:4] or None,
             str(OUTCOME_TITLES[arrest["outcome"]]) if arrest.get("outcome") in OUTCOME_TITLES else None]
    known = ", ".join(part for part in parts if part)
    heading = _("Arrest %(number)s", number=number)
    return f"{heading}: {known}" if known else heading


def arrest_titles(application: Application) -> list[tuple[int, str]]:
    return [(number, arrest_title(application, number))
            for number in range(1, len(journey.arrests_of(application)) + 1)]


def conviction_title(application: Application, number: int) -> str:
    """"Possession of marijuana (HS 11357), Alameda, 2012" or "Conviction 2" when nothing is known yet."""
    conviction = journey.conviction_at(application, number)
    if conviction is None:
        return _("Conviction %(number)s", number=number)
    label = offense_label(conviction.offense_text, str(get_locale()))
    parts = [label or _("Conviction %(number)s", number=number)]
    if conviction.county:
        parts.append(conviction.county)
    if conviction.conviction_year:
        parts.append(str(conviction.conviction_year))
    return ", ".join(parts)


def conviction_titles(application: Application) -> list[tuple[int, str]]:
    return [(number, conviction_title(application, number)) for number in range(1, len(application.convictions) + 1)]


def offense_label(offense_text: str, language: str) -> str | None:
    if not offense_text:
        return None
    parsed = parse_offense(offense_text)
    if parsed is None:
        return offense_text
    label = parsed.label_es if language == "es" else parsed.label
    return f"{label} ({parsed.citation()})"


# ---------------------------------------------------------------------------------------------------------------
# Check answers
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class SummaryRow:
    question: str
    answer: list[str]
    change_url: str


@dataclass
class SummarySection:
    title: str
    rows: list[SummaryRow] = field(default_factory=list)
    remove_number: int | None = None  # a conviction's section offers "remove"


def display_date(parts: dict[str, str] | None) -> str:
    day, month, year = ((parts or {}).get(key) or "" for key in ("day", "month", "year"))
    if not year:
        return _("I don't know")
    try:
        if day and month:
            return format_date(answers.date_from_parts(parts), format="long")
        if month:
            return format_date(dt.date(int(year), int(month), 1), format="MMMM y")
    except (TypeError, ValueError):
        pass
    return year


def display_field(form_field: Any, options: dict[str, Any] | None = None) -> list[str]:
    data = form_field.data
    if (options or {}).get("dollars") and data:
        return [format_currency(int(data), "USD", format="¤#,##0", currency_digits=False)]
    if form_field.type == "DateParts":
        return [display_date(data)]
    if form_field.type in ("RadioField", "SelectField"):
        labels = {str(choice.value): str(choice.label) for choice in form_field.choices}
        return [labels.get(str(data), str(data))] if data else []
    if form_field.type == "MultiCheckboxField":
        labels = {str(choice.value): str(choice.label) for choice in form_field.choices}
        return [", ".join(labels.get(str(v), str(v)) for v in data)] if data else []
    if form_field.type == "BooleanField":
        return [str(form_field.label.text)] if data else []
    return [str(data)] if data else []


def answer_lines(application: Application, ref: StepRef) -> list[str]:
    page = PAGES[ref.slug]
    form = page.form(formdata=None, data=answers.stored_answers(application, ref), meta={"csrf": False})
    form.configure(form_context(application, ref))
    lines = [line for name, form_field in form._fields.items() if name != "csrf_token"
             for line in display_field(form_field, page.field_options.get(name, {}))]
    return lines or [_("Not given")]


def check_answers(application: Application) -> list[SummarySection]:
    """The check-answers page: every answered question with a change link that comes back here."""
    sections: dict[Any, SummarySection] = {}
    for ref in journey.journey(application):
        if ref == CHECK or ref.slug in journey.SUMMARY_FIRST_STEP:
            continue
        step = journey.STEPS[ref.slug]
        key = (("arrest" if step.per_arrest else "conviction", ref.index) if ref.index is not None
               else step.section)
        if key not in sections:
            sections[key] = _summary_section(application, step, ref)
        sections[key].rows.append(SummaryRow(str(PAGES[ref.slug].question), answer_lines(application, ref),
                                             step_url(ref, returning_to_check=True)))
    return list(sections.values())


def _summary_section(application: Application, step: journey.Step, ref: StepRef) -> SummarySection:
    if ref.index is None:
        return SummarySection(str(SECTION_TITLES[step.section]))
    if step.per_arrest:
        return SummarySection(arrest_title(application, ref.index))
    return SummarySection(conviction_title(application, ref.index), remove_number=ref.index)


# ---------------------------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class DeterminationView:
    outcome: str
    outcome_label: str
    remedy: str
    relief: str | None
    reasons: list[str]
    statute: str
    form: str | None


@dataclass
class ConvictionResultView:
    """One conviction's, or one arrest's, results card (`key` is the engine's id: c1, a1)."""

    number: int
    title: str
    best_outcome: str
    determinations: list[DeterminationView]
    notes: list[str]
    granted: str | None = None  # relief a court already granted in this case, published for the look-up
    key: str = ""
    chain: str | None = None  # "first ..., then ..." when one relief opens another


def _granted_text(record: ClearedRecord | None) -> str | None:
    if record is None:
        return None
    return _("A court has already granted relief in this case: %(relief)s, ordered on %(date)s. You do not need to "
             "ask for it again, and your court papers leave this case out. Ask the court clerk for a copy of the "
             "order.", relief=str(RELIEF_NAMES[record.relief]).lower(), date=format_date(record.order_date, "long"))


def results(application: Application, language: str) -> list[ConvictionResultView]:
    """Per conviction, then per arrest: what looks possible first, then what a lawyer must check, then what is not
    available."""
    screening = facts.screen_application(application)
    granted = granted_relief_by_conviction(application)
    notes: dict[str, list[str]] = {}
    for note in (*screening.automatic_relief, *(n for arrest in screening.arrests for n in arrest.automatic_relief)):
        notes.setdefault(note.conviction, []).append(note.note.es if language == "es" else note.note.en)
    views = [_result_view(result.id, number, conviction_title(application, number), result.determinations, notes,
                          language, result.chain, granted=_granted_text(granted.get(result.id)))
             for number, result in enumerate(screening.convictions, start=1)]
    views += [_result_view(result.id, number, arrest_title(application, number), result.determinations, notes,
                           language) for number, result in enumerate(screening.arrests, start=1)]
    if screening.person_routes:
        views.append(_result_view("juvenile", 1, _("Your juvenile case"), screening.person_routes, notes, language))
    return views


def _result_view(key: str, number: int, title: str, found: tuple[Any, ...], notes: dict[str, list[str]],
                 language: str, chain: Chain | None = None, granted: str | None = None) -> ConvictionResultView:
    determinations = sorted(found, key=lambda d: OUTCOME_ORDER[d.outcome])
    return ConvictionResultView(
        number=number, title=title, key=key,
        best_outcome=determinations[0].outcome if determinations else "not_eligible",
        determinations=[DeterminationView(
            outcome=d.outcome, outcome_label=str(OUTCOME_LABELS[d.outcome]),
            remedy=str(REMEDY_NAMES.get(d.remedy, d.remedy)),
            relief=str(RELIEF_TEXT[d.relief]) if d.relief in RELIEF_TEXT else None,
            reasons=[r.es if language == "es" else r.en for r in d.reasons],
            statute=d.statute, form=d.form) for d in determinations],
        notes=notes.get(key, []),
        chain=(chain.reason.es if language == "es" else chain.reason.en) if chain is not None else None,
        granted=granted,
    )


# ---------------------------------------------------------------------------------------------------------------
# Confirmation
# ---------------------------------------------------------------------------------------------------------------

def confirmation(application: Application) -> dict[str, Any]:
    """The offices the application went to, for "what happens next"."""
    offices = [{"name": r.office.name, "phone": r.office.phone, "website": r.office.website, "county": r.county.name}
               for r in lifecycle.referrals_of(application)]
    return {"offices": offices, "routed": application.routing_status == "routed"}


def packet_available(application: Application) -> bool:
    """A petition can be downloaded when the stored screening calls for something to file: a conviction's or an arrest's
    relief, or the juvenile sealing request (JV-595)."""
    screening = application.screening or {}
    results = [*screening.get("convictions", []), *screening.get("arrests", [])]
    return (any(d["outcome"] != "not_eligible" for result in results for d in result["determinations"])
            or stored_person_route_files(screening))
