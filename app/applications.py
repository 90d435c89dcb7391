"""The resident's application as a service: drafts, answers saved page by page, resume, engine facts, submission.

No request objects here: the intake views parse a form, call one function of this module and render or redirect, so
every rule of the journey (which question comes next, what counts as answered, what is submitted) is testable without
a browser. Answers live in `Application.answers` (JSON) and in `Conviction` rows; the few typed columns beside them are
what staff search and what retention and resume need.
"""
from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update

from app.crypto import address_index
from app.eligibility import ENGINE_VERSION, ArrestFacts, ConvictionFacts, Person, Screening, parse_offense, screen
from app.extensions import db
from app.models import Application, Conviction, County, PartnerOffice, Referral, utcnow

# Reference codes are read aloud and typed on phones: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
TRI_STATE = {"yes": True, "no": False}
NOT_LISTED = "not_listed"
NOT_SURE = "not_sure"
UNKNOWN = "unknown"


# ---------------------------------------------------------------------------------------------------------------
# Drafts, tokens and resume
# ---------------------------------------------------------------------------------------------------------------

def hash_token(token: str) -> str:
    """Only the hash is stored, so a database leak does not hand out resume links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_reference() -> str:
    """A short code a person can write down and read out, like "K7M-4QX"."""
    while True:
        raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"{raw[:3]}-{raw[3:]}"
        if db.session.scalar(select(Application.id).where(Application.reference == reference)) is None:
            return reference


def normalise_reference(typed: str) -> str:
    """People type "k7m4qx", "K7M 4QX" or "K7M-4QX": all mean the same code."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    return f"{raw[:3]}-{raw[3:]}" if len(raw) == 6 else raw


def _retention_deadline() -> dt.datetime:
    return utcnow() + dt.timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def create_draft(language: str, source: str = "web") -> tuple[Application, str]:
    """A new, empty application and its secret resume token (stored only as a hash)."""
    application = Application(reference=new_reference(), status="draft", language=language, answers={}, source=source,
                              purge_after=_retention_deadline())
    token = _new_token(application)
    db.session.add(application)
    db.session.commit()
    return application, token


def find_by_token(token: str | None) -> Application | None:
    if not token:
        return None
    return db.session.scalar(select(Application).where(Application.token_hash == hash_token(token)))


def _derive_token(salt: str) -> str:
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), f"resume-link:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def _new_token(application: Application) -> str:
    application.token_salt = secrets.token_hex(16)
    token = _derive_token(application.token_salt)
    application.token_hash = hash_token(token)
    return token


def rotate_token(application: Application) -> str:
    """A fresh resume token (after resuming by code); old links, and browsers holding the old one, stop working."""
    token = _new_token(application)
    db.session.commit()
    return token


def resume_token(application: Application) -> str:
    """The application's current resume token, made again from its salt and SECRET_KEY: a page or an e-mail can show
    the link without the token being kept in the cookie or the outbox. A row older than the salt gets a new token."""
    if application.token_salt is None:
        return rotate_token(application)
    return _derive_token(application.token_salt)


def session_fingerprint(application: Application) -> str:
    """What a browser's session holds to name its application's current token: part of the token's hash, which
    opens nothing by itself, and changes when the token is replaced."""
    return application.token_hash[:16]


def find_for_session(application_id: Any, fingerprint: Any) -> Application | None:
    """The application a session names, if its token has not been replaced since."""
    if not isinstance(application_id, int) or not isinstance(fingerprint, str):
        return None
    application = db.session.get(Application, application_id)
    if application is None or not hmac.compare_digest(session_fingerprint(application), fingerprint):
        return None
    return application


def resume_by_reference(reference: str, date_of_birth: dt.date) -> tuple[Application, str] | None:
    """The short code plus date of birth bring a person back; a new token replaces the old link."""
    application = db.session.scalar(select(Application).where(Application.reference == normalise_reference(reference)))
    if application is None or application.date_of_birth != date_of_birth:
        return None
    return application, rotate_token(application)


def resume_url(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/resume/{token}"


def resume_url_of(reference: str) -> str:
    """The resume link of the application with this reference, made when an e-mail is sent (app.outbox)."""
    application = db.session.scalar(select(Application).where(Application.reference == reference))
    if application is None:
        raise LookupError(f"no application {reference}: its link cannot be sent")
    return resume_url(resume_token(application))


def _queue_resume_link(application: Application, template: str = "resume_link") -> None:
    """Queued in the outbox (delivered with retries) in the caller's transaction; the caller commits. The row names
    the application; the link itself is made when the message is sent."""
    from app.outbox import RESUME_LINK_OF, enqueue

    if application.email:
        enqueue(to=application.email, template=template, language=application.language,
                context={"reference": application.reference, RESUME_LINK_OF: application.reference,
                         "retention_days": current_app.config["DRAFT_RETENTION_DAYS"]})


def email_resume_link(application: Application) -> None:
    """"Email me this link" on the save page: the resume link, queued and committed."""
    _queue_resume_link(application)
    db.session.commit()


def email_petition_link(application: Application) -> None:
    """A submitted application resumed by code: its papers open from the link this sends to the person's address."""
    _queue_resume_link(application, template="petition_link")
    db.session.commit()


def set_language(application: Application, language: str) -> None:
    """The language chosen during the journey sticks to the application (emails, results, petition cover)."""
    if application.language != language:
        application.language = language
        db.session.commit()


def referrals_of(application: Application) -> list[Referral]:
    """The application's referrals to partner offices (one per county an office took), in the order they were made."""
    return list(db.session.scalars(select(Referral).where(Referral.application_id == application.id)
                                   .order_by(Referral.id)))


# The e-mails a resident receives; unsent ones go with the application (their context holds its reference).
RESIDENT_TEMPLATES = ("resume_link", "petition_link", "resident_confirmation", "resident_status_update")


def delete_application(application: Application) -> None:
    """The person's own right to erase: the row, its convictions, any referral to an office and any e-mail to them
    not yet sent go; nothing is kept."""
    from app.models.referrals import OutboxMessage

    for referral in referrals_of(application):
        db.session.delete(referral)
    if application.email:
        db.session.execute(delete(OutboxMessage).where(
            OutboxMessage.to_address_index == address_index(application.email), OutboxMessage.status != "sent",
            OutboxMessage.template.in_(RESIDENT_TEMPLATES)))
    db.session.delete(application)
    db.session.commit()


def withdraw_application(application: Application) -> None:
    """The person deletes their own application: a sent one's offices are told it was withdrawn (queued in the same
    transaction), then everything goes as in delete_application."""
    from app.referrals import notify_office_of_withdrawal

    for referral in referrals_of(application):
        notify_office_of_withdrawal(referral)
    delete_application(application)


DELETE_NONCE_MINUTES = 15


def issue_delete_nonce(application: Application) -> str:
    """The first of the two requests that delete a sent application: a one-time nonce, kept hashed on the row, that
    the confirmation form sends back. Issuing one replaces any earlier one."""
    nonce = secrets.token_urlsafe(24)
    application.delete_nonce_hash = hash_token(nonce)
    application.delete_nonce_expires_at = utcnow() + dt.timedelta(minutes=DELETE_NONCE_MINUTES)
    db.session.commit()
    return nonce


def delete_is_confirmed(application: Application, nonce: str | None, typed_reference: str | None) -> bool:
    """The second request: the live nonce from the confirmation page and the reference code typed again. Any try
    uses the nonce up, so each confirmation page allows one attempt."""
    expected, expires_at = application.delete_nonce_hash, application.delete_nonce_expires_at
    application.delete_nonce_hash = application.delete_nonce_expires_at = None
    db.session.commit()
    return bool(
        expected and nonce and expires_at and expires_at > utcnow()
        and hmac.compare_digest(expected, hash_token(nonce))
        and normalise_reference(typed_reference or "") == application.reference
    )


# ---------------------------------------------------------------------------------------------------------------
# The journey: which questions exist, in which order, and when each applies
# ---------------------------------------------------------------------------------------------------------------

SECTIONS = ("about", "situation", "arrests", "convictions", "sending")


@dataclass(frozen=True)
class Step:
    """One question page. `applies` decides from the answers so far; `follow_up_for` names the engine fact it asks."""

    slug: str
    section: str
    per_conviction: bool = False
    applies: Callable[[Application, Conviction | None], bool] | None = None
    follow_up_for: str | None = None
    per_arrest: bool = False

    @property
    def per_item(self) -> bool:
        """Asked once per conviction or once per arrest: its StepRef carries the item's number."""
        return self.per_conviction or self.per_arrest


@dataclass(frozen=True)
class StepRef:
    """A step at a place in the journey: `index` is the conviction's or arrest's number (1-based) for per-item
    steps."""

    slug: str
    index: int | None = None


def _sentence_may_include_probation(_: Application, conviction: Conviction | None) -> bool:
    return conviction is not None and conviction.sentence in ("probation", None)


def _probation_finished(application: Application, conviction: Conviction | None) -> bool:
    """Only someone whose probation is over can have had it ended early (PC 1203.4(a)(1) early discharge)."""
    return (_sentence_may_include_probation(application, conviction) and conviction is not None
            and conviction.probation_completed is True)


def _has_arrests(application: Application, _: Conviction | None) -> bool:
    return (application.answers or {}).get("situation", {}).get("has_arrests") is True


def _may_have_no_conviction(application: Application, _: Conviction | None) -> bool:
    """A person with arrests without a conviction, or with a juvenile case, may have no adult conviction at all."""
    situation = (application.answers or {}).get("situation", {})
    return situation.get("has_arrests") is True or situation.get("juvenile_case") is True


def _has_convictions(application: Application) -> bool:
    """Everyone is asked about convictions, except a person who may have none and said they have none."""
    return not (_may_have_no_conviction(application, None)
                and (application.answers or {}).get("situation", {}).get("has_convictions") is False)


def _needs_household(application: Application, _: Conviction | None) -> bool:
    return bool(household_questions_needed(application))


PERSON_STEPS_BEFORE = (
    Step("counties", "about"),
    Step("name", "about"),
    Step("date-of-birth", "about"),
    Step("contact", "about"),
    Step("address", "about"),  # optional, but the petition needs one: asked of everyone
    Step("probation-or-parole", "situation"),
    Step("in-custody", "situation"),
    Step("pending-charges", "situation"),
    Step("sex-offender-registration", "situation"),
    Step("serious-felony", "situation"),
    Step("partner-violence", "situation"),
    Step("veteran", "situation"),
    Step("citizen", "situation"),
    Step("juvenile", "situation"),
)
# Arrests that did not lead to a conviction (PC 851.91): a yes / no, then a few pages per arrest, then the list.
ARRESTS_QUESTION = Step("arrests", "arrests")
ARREST_STEPS = tuple(Step(slug, "arrests", per_arrest=True)
                     for slug in ("arrest-county", "arrest-date", "arrest-offense", "arrest-agency", "arrest-outcome"))
ARRESTS_SUMMARY = Step("arrests-list", "arrests")
# Only someone who said they have arrests or a juvenile case may have no conviction at all: they are asked.
ANY_CONVICTIONS = Step("any-convictions", "convictions", applies=_may_have_no_conviction)
CONVICTION_STEPS = (
    Step("county", "convictions", per_conviction=True),
    Step("case-number", "convictions", per_conviction=True),
    Step("offense", "convictions", per_conviction=True),
    Step("level", "convictions", per_conviction=True),
    Step("date", "convictions", per_conviction=True),
    Step("sentence", "convictions", per_conviction=True),
    Step("sentence-finished", "convictions", per_conviction=True),
    Step("probation-completed", "convictions", per_conviction=True, applies=_sentence_may_include_probation),
    Step("probation-ended-early", "convictions", per_conviction=True, applies=_probation_finished),
)
CONVICTIONS_SUMMARY = Step("convictions", "convictions")
# Asked only where the engine says the answer changes a result (its `missing`), and not already asked above.
FOLLOW_UP_STEPS = (
    Step("value", "convictions", per_conviction=True, follow_up_for="value_over_950"),
    Step("probation-violated", "convictions", per_conviction=True, follow_up_for="probation_violated"),
    Step("finished-date", "convictions", per_conviction=True, follow_up_for="sentence_completed_date"),
    Step("mandatory-supervision", "convictions", per_conviction=True, follow_up_for="mandatory_supervision"),
    Step("trafficking", "convictions", per_conviction=True, follow_up_for="trafficking_victim"),
    Step("offense-date", "convictions", per_conviction=True, follow_up_for="offense_date"),
    Step("prison-suspended", "convictions", per_conviction=True, follow_up_for="prison_term_suspended"),
    Step("marijuana-amount", "convictions", per_conviction=True, follow_up_for="marijuana_over_limit"),
    Step("fire-camp", "convictions", per_conviction=True, follow_up_for="fire_camp"),
)
PERSON_STEPS_AFTER = (
    Step("income", "sending", applies=_needs_household),
    Step("home", "sending", applies=_needs_household),
    Step("hearing", "sending"),
)
CHECK = StepRef("check")
STEPS: dict[str, Step] = {
    step.slug: step
    for step in (*PERSON_STEPS_BEFORE, ARRESTS_QUESTION, *ARREST_STEPS, ARRESTS_SUMMARY, ANY_CONVICTIONS,
                 *CONVICTION_STEPS, CONVICTIONS_SUMMARY, *FOLLOW_UP_STEPS, *PERSON_STEPS_AFTER)
}
# The list pages: "yes" there means one more item is on its way.
SUMMARY_FIRST_STEP = {CONVICTIONS_SUMMARY.slug: "county", ARRESTS_SUMMARY.slug: "arrest-county"}


def step_for(ref: StepRef) -> Step | None:
    step = STEPS.get(ref.slug)
    if step is None or step.per_item != (ref.index is not None):
        return None
    return step


def journey(application: Application) -> Iterator[StepRef]:
    """Every question that applies, in order, ending with check answers. A generator: the follow-ups (which run the
    engine) are computed only when the walk reaches them."""
    for step in PERSON_STEPS_BEFORE:
        if step.applies is None or step.applies(application, None):
            yield StepRef(step.slug)
    yield StepRef(ARRESTS_QUESTION.slug)
    if _has_arrests(application, None):
        for number in range(1, max(len(arrests_of(application)), 1) + 1):
            for step in ARREST_STEPS:
                yield StepRef(step.slug, number)
        yield StepRef(ARRESTS_SUMMARY.slug)
    if _may_have_no_conviction(application, None):
        yield StepRef(ANY_CONVICTIONS.slug)
    if _has_convictions(application):
        convictions = application.convictions or [None]
        for number, conviction in enumerate(convictions, start=1):
            for step in CONVICTION_STEPS:
                if step.applies is None or step.applies(application, conviction):
                    yield StepRef(step.slug, number)
        yield StepRef(CONVICTIONS_SUMMARY.slug)
    if application.convictions and _has_convictions(application):
        missing = missing_facts_by_conviction(application)
        for number, conviction in enumerate(application.convictions, start=1):
            for step in FOLLOW_UP_STEPS:
                if step.follow_up_for in missing.get(number, ()) or is_answered(application, StepRef(step.slug, number)):
                    yield StepRef(step.slug, number)
    for step in PERSON_STEPS_AFTER:
        if step.applies is None or step.applies(application, None):
            yield StepRef(step.slug)
    yield CHECK


def conviction_at(application: Application, index: int | None) -> Conviction | None:
    if index is None or not 1 <= index <= len(application.convictions):
        return None
    return application.convictions[index - 1]


def arrests_of(application: Application) -> list[dict[str, Any]]:
    """The arrests the person added, kept in the answers JSON: {"pages": ..., "county", "arrest_date", ...}."""
    return list((application.answers or {}).get("arrests", []))


def arrest_at(application: Application, index: int | None) -> dict[str, Any] | None:
    arrests = arrests_of(application)
    if index is None or not 1 <= index <= len(arrests):
        return None
    return arrests[index - 1]


def is_answered(application: Application, ref: StepRef) -> bool:
    if ref == CHECK:
        return False
    if ref.index is None:
        stored = application.answers.get("pages", {}).get(ref.slug)
        if ref.slug in SUMMARY_FIRST_STEP:
            return bool(stored) and stored.get("answer") == "no"  # "yes" means one more is on its way
        return stored is not None
    if ref.slug in STEPS and STEPS[ref.slug].per_arrest:
        arrest = arrest_at(application, ref.index)
        return arrest is not None and ref.slug in arrest.get("pages", {})
    conviction = conviction_at(application, ref.index)
    return conviction is not None and ref.slug in (conviction.facts or {}).get("pages", {})


def is_reachable(application: Application, ref: StepRef) -> bool:
    """A page exists for this application: a known step, and a conviction number no further than one past the last."""
    if ref == CHECK:
        return True
    step = step_for(ref)
    if step is None:
        return False
    if ref.index is not None and not 1 <= ref.index <= _item_count(application, step) + 1:
        return False
    return True


def _item_count(application: Application, step: Step) -> int:
    return len(arrests_of(application)) if step.per_arrest else len(application.convictions)


def first_unanswered(application: Application) -> StepRef:
    """Where a returning person continues: the first question without an answer, else check answers."""
    for ref in journey(application):
        if not is_answered(application, ref):
            return ref
    return CHECK


def next_step(application: Application, current: StepRef, returning_to_check: bool = False) -> StepRef:
    """After saving `current`: the next question; when changing an answer from check answers, back there unless the
    change opened a question that has no answer yet."""
    if current.slug in SUMMARY_FIRST_STEP and stored_answers(application, current).get("answer") == "yes":
        first = STEPS[SUMMARY_FIRST_STEP[current.slug]]
        return StepRef(first.slug, _item_count(application, first) + 1)
    if returning_to_check:
        return first_unanswered(application)
    walk = journey(application)
    for ref in walk:
        if ref == current:
            return next(walk, CHECK)
    return first_unanswered(application)


def previous_step(application: Application, current: StepRef) -> StepRef | None:
    """The back link's target; None on the first question (the back link then goes to the start page)."""
    step = step_for(current)
    if step is not None and step.per_item and current.index == _item_count(application, step) + 1 > 1:
        # an item being added: back to its list
        return StepRef(ARRESTS_SUMMARY.slug if step.per_arrest else CONVICTIONS_SUMMARY.slug)
    before: StepRef | None = None
    for ref in journey(application):
        if ref == current:
            return before
        before = ref
    return before


def progress(application: Application, ref: StepRef) -> tuple[int, int, str]:
    """(section number, number of sections, section name) for "Section 2 of 4: Your situation"."""
    step = step_for(ref)
    section = step.section if step else "sending"  # check answers belongs to the last section
    return SECTIONS.index(section) + 1, len(SECTIONS), section


# ---------------------------------------------------------------------------------------------------------------
# Saving answers
# ---------------------------------------------------------------------------------------------------------------

def tri_state(value: Any) -> bool | None:
    """"yes" / "no" / anything else ("unknown", "rather_not_say", blank) as True / False / None."""
    return TRI_STATE.get(value)


def date_from_parts(parts: dict[str, Any] | None) -> dt.date | None:
    """A whole date from day/month/year boxes, or None when any part is missing (the forms validate the rest)."""
    if not parts:
        return None
    try:
        return dt.date(int(parts.get("year")), int(parts.get("month")), int(parts.get("day")))
    except (TypeError, ValueError):
        return None


def _year_from_parts(parts: dict[str, Any] | None) -> int | None:
    try:
        return int((parts or {}).get("year"))
    except (TypeError, ValueError):
        return None


def _clean(value: Any) -> Any:
    return value.strip() or None if isinstance(value, str) else value


def _with_answers(application: Application, **changes: Any) -> None:
    """JSON columns do not notice in-place changes: build a new dict and assign it."""
    answers = copy.deepcopy(application.answers or {})
    answers.update(changes)
    application.answers = answers


def _apply_counties(application: Application, data: dict[str, Any]) -> None:
    _with_answers(application, counties=list(data.get("counties") or []))


def _apply_name(application: Application, data: dict[str, Any]) -> None:
    application.full_name = _clean(data.get("full_name"))
    _with_answers(application, other_names=_clean(data.get("other_names")))


def _apply_date_of_birth(application: Application, data: dict[str, Any]) -> None:
    application.date_of_birth = date_from_parts(data.get("date_of_birth"))


def _apply_contact(application: Application, data: dict[str, Any]) -> None:
    methods = list(data.get("methods") or [])
    application.email = _clean(data.get("email")) if "email" in methods else None
    application.phone = _clean(data.get("phone")) if {"phone", "text"} & set(methods) else None
    _with_answers(application, contact={"methods": methods})


def _apply_address(application: Application, data: dict[str, Any]) -> None:
    _with_answers(application, address={key: _clean(data.get(key)) for key in ("street", "city", "state", "zip")})


def _situation(fact: str) -> Callable[[Application, dict[str, Any]], None]:
    def apply(application: Application, data: dict[str, Any]) -> None:
        situation = dict((application.answers or {}).get("situation", {}))
        situation[fact] = tri_state(data.get("answer"))
        _with_answers(application, situation=situation)

    return apply


def _apply_income(application: Application, data: dict[str, Any]) -> None:
    household = dict((application.answers or {}).get("household", {}))
    amount = "".join(ch for ch in str(data.get("monthly_income") or "") if ch.isdigit())
    household["monthly_income"] = None if data.get("rather_not_say") or not amount else int(amount)
    _with_answers(application, household=household)


def _apply_home(application: Application, data: dict[str, Any]) -> None:
    household = dict((application.answers or {}).get("household", {}))
    household["owns_home"] = tri_state(data.get("answer"))
    _with_answers(application, household=household)


def _apply_hearing(application: Application, data: dict[str, Any]) -> None:
    choices = set(data.get("choices") or [])
    _with_answers(application, petition={"waive_original_judge": "waive_original_judge" in choices,
                                         "waive_appearance": "waive_appearance" in choices})


def _apply_more_convictions(application: Application, data: dict[str, Any]) -> None:
    pass  # a list page (convictions, arrests) only records that the list is complete (in "pages")


PERSON_APPLIERS: dict[str, Callable[[Application, dict[str, Any]], None]] = {
    "counties": _apply_counties,
    "name": _apply_name,
    "date-of-birth": _apply_date_of_birth,
    "contact": _apply_contact,
    "address": _apply_address,
    "probation-or-parole": _situation("on_probation_or_parole"),
    "in-custody": _situation("in_custody"),
    "pending-charges": _situation("pending_charges"),
    "sex-offender-registration": _situation("registered_sex_offender"),
    "serious-felony": _situation("superstrike_prior"),
    "partner-violence": _situation("partner_violence_survivor"),
    "veteran": _situation("veteran"),
    "citizen": _situation("us_citizen"),
    "juvenile": _situation("juvenile_case"),
    "arrests": _situation("has_arrests"),
    "arrests-list": _apply_more_convictions,
    "any-convictions": _situation("has_convictions"),
    "convictions": _apply_more_convictions,
    "income": _apply_income,
    "home": _apply_home,
    "hearing": _apply_hearing,
}


def _offense_text(data: dict[str, Any]) -> str:
    """The offense page's answer: the typed code section, else the chosen one, else "" (unknown)."""
    chosen = data.get("offense")
    typed = _clean(data.get("offense_code"))
    return (typed or ("" if chosen in (None, "", UNKNOWN) else chosen))[:200]


def _set_offense(conviction: Conviction, data: dict[str, Any]) -> None:
    text = _offense_text(data)
    conviction.offense_text = text
    parsed = parse_offense(text) if text else None
    conviction.code = parsed.code if parsed else None
    conviction.section = parsed.section if parsed else None
    conviction.subdivision = parsed.subdivision if parsed else None


def _set_date(conviction: Conviction, data: dict[str, Any]) -> None:
    parts = data.get("conviction_date")
    conviction.conviction_date = date_from_parts(parts)
    conviction.conviction_year = _year_from_parts(parts)


def _set_fact(name: str, parse: Callable[[Any], Any] = tri_state) -> Callable[[Conviction, dict[str, Any]], None]:
    """A conviction fact from a page's single `answer` field; facts without a column go in the `facts` JSON."""
    def apply(conviction: Conviction, data: dict[str, Any]) -> None:
        value = parse(data.get("answer"))
        if hasattr(Conviction, name):
            setattr(conviction, name, value)
        else:
            conviction.facts = {**(conviction.facts or {}), name: value}

    return apply


def _set_finished_date(conviction: Conviction, data: dict[str, Any]) -> None:
    conviction.sentence_completed_date = date_from_parts(data.get("finished_date"))


def _set_offense_date(conviction: Conviction, data: dict[str, Any]) -> None:
    """Kept in the facts JSON as ISO text (no column): asked only where Prop 47 or 64 turns on it."""
    offense_date = date_from_parts(data.get("offense_date"))
    conviction.facts = {**(conviction.facts or {}), "offense_date": offense_date.isoformat() if offense_date else None}


CONVICTION_APPLIERS: dict[str, Callable[[Conviction, dict[str, Any]], None]] = {
    "county": lambda conviction, data: setattr(conviction, "county", None if data.get("county") in (None, "", UNKNOWN)
                                               else data["county"]),
    "case-number": lambda conviction, data: setattr(conviction, "case_number", _clean(data.get("case_number"))),
    "offense": _set_offense,
    "level": _set_fact("level", lambda v: None if v in (None, "", UNKNOWN) else v),
    "date": _set_date,
    "sentence": _set_fact("sentence", lambda v: None if v in (None, "", UNKNOWN) else v),
    "sentence-finished": _set_fact("sentence_completed"),
    "probation-completed": _set_fact("probation_completed"),
    "probation-ended-early": _set_fact("probation_terminated_early"),
    "value": _set_fact("value_over_950"),
    "probation-violated": _set_fact("probation_violated"),
    "finished-date": _set_finished_date,
    "mandatory-supervision": _set_fact("mandatory_supervision"),
    "trafficking": _set_fact("trafficking_victim"),
    "offense-date": _set_offense_date,
    "prison-suspended": _set_fact("prison_term_suspended"),
    "marijuana-amount": _set_fact("marijuana_over_limit"),
    "fire-camp": _set_fact("fire_camp"),
}


def _choice_or_none(value: Any) -> Any:
    return None if value in (None, "", UNKNOWN) else value


def _arrest_fact(name: str, field: str, parse: Callable[[Any], Any]) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    """An arrest fact `name` from the page's `field`, parsed; arrests live in the answers JSON (dates as ISO text)."""
    def apply(arrest: dict[str, Any], data: dict[str, Any]) -> None:
        arrest[name] = parse(data.get(field))

    return apply


def _iso_from_parts(parts: Any) -> str | None:
    day = date_from_parts(parts)
    return day.isoformat() if day else None


ARREST_APPLIERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], None]] = {
    "arrest-county": _arrest_fact("county", "county", _choice_or_none),
    "arrest-date": _arrest_fact("arrest_date", "arrest_date", _iso_from_parts),
    "arrest-offense": lambda arrest, data: arrest.update(offense_text=_offense_text(data)),
    "arrest-agency": _arrest_fact("agency", "agency", _clean),
    "arrest-outcome": _arrest_fact("outcome", "answer", _choice_or_none),
}


def _save_arrest_page(application: Application, ref: StepRef, data: dict[str, Any]) -> None:
    """One arrest page; the page after the last arrest adds one (and the list is asked about again)."""
    arrests = copy.deepcopy(arrests_of(application))
    pages = dict(application.answers.get("pages", {}))
    index = ref.index or 1
    if index > len(arrests):
        arrests.append({"pages": {}})
        pages.pop(ARRESTS_SUMMARY.slug, None)
        index = len(arrests)
    arrest = arrests[index - 1]
    ARREST_APPLIERS[ref.slug](arrest, data)
    arrest.setdefault("pages", {})[ref.slug] = data
    _with_answers(application, arrests=arrests, pages=pages)


def stored_answers(application: Application, ref: StepRef) -> dict[str, Any]:
    """What the person typed on this page last time, to fill the form again."""
    if ref.index is not None and ref.slug in STEPS and STEPS[ref.slug].per_arrest:
        return dict((arrest_at(application, ref.index) or {}).get("pages", {}).get(ref.slug, {}))
    if ref.index is None:
        return dict(application.answers.get("pages", {}).get(ref.slug, {}))
    conviction = conviction_at(application, ref.index)
    return dict((conviction.facts or {}).get("pages", {}).get(ref.slug, {})) if conviction else {}


def save_answers(application: Application, ref: StepRef, data: dict[str, Any]) -> None:
    """Store one page's answers at once (server-side, never in the cookie) and derive the typed facts from them.

    `data` is the page's cleaned form data (JSON-friendly: strings, lists, day/month/year dicts). A conviction page for
    the number after the last conviction adds that conviction. A newly given email address gets the resume link,
    queued in the same transaction.
    """
    if application.status != "draft":
        raise ApplicationLocked(application.reference)
    data = {key: value for key, value in data.items() if key not in ("csrf_token", "submit")}
    email_before = application.email
    if STEPS[ref.slug].per_arrest:
        _save_arrest_page(application, ref, data)
    elif ref.index is None:
        PERSON_APPLIERS[ref.slug](application, data)
        pages = dict(application.answers.get("pages", {}))
        pages[ref.slug] = data
        _with_answers(application, pages=pages)
    else:
        conviction = conviction_at(application, ref.index) or add_conviction(application)
        CONVICTION_APPLIERS[ref.slug](conviction, data)
        facts = copy.deepcopy(conviction.facts or {})
        facts.setdefault("pages", {})[ref.slug] = data
        conviction.facts = facts
    if application.email and application.email != email_before:
        _queue_resume_link(application)
    application.updated_at = utcnow()
    application.purge_after = _retention_deadline()
    db.session.commit()


class ApplicationLocked(RuntimeError):
    """A submitted application's answers no longer change (the office already has them)."""


def add_conviction(application: Application) -> Conviction:
    """A new, empty conviction at the end of the list; the list changed, so "add another?" is asked again."""
    conviction = Conviction(position=len(application.convictions), offense_text="", facts={})
    application.convictions.append(conviction)
    pages = dict(application.answers.get("pages", {}))
    pages.pop(CONVICTIONS_SUMMARY.slug, None)
    _with_answers(application, pages=pages)
    db.session.flush()
    return conviction


def remove_conviction(application: Application, index: int) -> None:
    conviction = conviction_at(application, index)
    if conviction is None or application.status != "draft":
        return
    application.convictions.remove(conviction)
    for position, remaining in enumerate(application.convictions):
        remaining.position = position
    pages = dict(application.answers.get("pages", {}))
    pages.pop(CONVICTIONS_SUMMARY.slug, None)  # the list changed: ask "add another?" again
    _with_answers(application, pages=pages)
    application.updated_at = utcnow()
    application.purge_after = _retention_deadline()  # a change like any other postpones the purge
    db.session.commit()


def county_names(application: Application) -> list[str]:
    """Every California county the person named, on the counties page or on a conviction."""
    named = [c for c in application.answers.get("counties", []) if c not in (NOT_LISTED, NOT_SURE)]
    named += [c.county for c in application.convictions if c.county]
    named += [arrest.county for arrest in arrest_facts(application) if arrest.county]
    return list(dict.fromkeys(named))


def household_questions_needed(application: Application) -> bool:
    """Routing needs income and home ownership only where a county's offices choose between them on those facts."""
    names = county_names(application)
    if not names:
        return False
    offices = db.session.scalars(
        select(PartnerOffice).join(County).where(County.name.in_(names), PartnerOffice.live.is_(True))
    ).all()
    return any((office.routing or {}).get("when") for office in offices)


def participating_counties() -> list[str]:
    return list(db.session.scalars(select(County.name).where(County.participating).order_by(County.name)))


def all_counties() -> list[str]:
    return list(db.session.scalars(select(County.name).order_by(County.name)))


# ---------------------------------------------------------------------------------------------------------------
# Facts for the engine and for the petition packet (names kept stable: app.packets and app.referrals read them)
# ---------------------------------------------------------------------------------------------------------------

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
    if not _has_arrests(application, None):
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
    convictions = conviction_facts(application) if _has_convictions(application) else []
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


# ---------------------------------------------------------------------------------------------------------------
# Consent and submission
# ---------------------------------------------------------------------------------------------------------------

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


def submit(application: Application, personal_statement: str | None, today: dt.date | None = None,
           good_cause_statement: str | None = None) -> bool:
    """Consent given: stamp the screening, route to the partner office, queue the emails, all in one transaction.

    Idempotent under double taps and back-and-resubmit: the status flips from draft to submitted in one conditional
    UPDATE, so only the first of two concurrent requests does the work. Returns True when this call submitted it.
    """
    now = utcnow()
    claimed = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == "draft")
        .values(status="submitted", submitted_at=now, consent_at=now, updated_at=now, purge_after=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        db.session.refresh(application)
        return False
    db.session.refresh(application)
    _with_answers(application, personal_statement=_clean(personal_statement),
                  good_cause_statement=_clean(good_cause_statement), consent={"share": True, "understands": True})
    screening = screen_application(application, today)
    application.screening = screening.to_dict()
    application.engine_version = ENGINE_VERSION

    from app.outbox import enqueue
    from app.referrals import route_application

    route_application(application)
    if application.email:
        enqueue(to=application.email, template="resident_confirmation", language=application.language,
                context={"reference": application.reference, "routing_status": application.routing_status})
    db.session.commit()
    return True


def petition_packet(application: Application) -> bytes:
    """The resident's court papers (every county), each cover sheet naming the office their case went to.

    Raises app.packets.NothingToFile when the screening calls for no petition.
    """
    from app.packets import packet_for_application

    return packet_for_application(application,
                                  offices_by_county={r.county.name: r.office for r in referrals_of(application)})
