"""The district attorney's policy, layered on the engine's Prop 64 answer.

The engine says what HS 11361.8 gives (the law); this module says what the DA's office will ask
the court for (its choices): which sections to dismiss rather than reduce, and the extra relief
the office grants. Options only ever widen relief for convictions the law already makes
eligible; they never override a statutory bar or a fact a reviewer must check.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.eligibility.results import Determination
from app.json_limits import TooDeep, loads_bounded

PROP64_SECTIONS: tuple[str, ...] = ("11357", "11358", "11359", "11360")
DISMISSAL = "dismissal"
REDUCTION = "reduction"
NEEDS_REVIEW = "needs_review"
NOT_ELIGIBLE = "not_eligible"
DA_OUTCOMES: tuple[str, ...] = (DISMISSAL, REDUCTION, NEEDS_REVIEW, NOT_ELIGIBLE)
DISMISSING_RELIEFS = frozenset({"dismiss_and_seal", "dismiss"})
RESENTENCE = "resentence"


def N_(message: str) -> str:
    """Marks a message for the Spanish catalog without translating it here (this module has no Flask);
    the web page translates ``OptionsError.template`` when it shows the error."""
    return message


class OptionsError(ValueError):
    """An options file the tool cannot honour; the message names the problem.

    ``template`` (an English ``%(name)s`` format marked with ``N_``) and ``params`` let the web page
    show it in the reader's language; ``str()`` is the English text the command prints.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


@dataclass(frozen=True, slots=True)
class BulkOptions:
    """What the office chose; the defaults follow the statute alone."""

    dismiss_sections: frozenset[str] = frozenset()
    reduce_sections: frozenset[str] = frozenset()
    dismiss_under_21_at_conviction: bool = False
    dismiss_at_or_over_age: int | None = None
    dismiss_years_since_conviction: int | None = None
    dismiss_years_crime_free: int | None = None
    dismiss_only_prop64_record: bool = False
    dismiss_deceased: bool = False

    def to_json(self) -> dict[str, Any]:
        """The same shape as the desktop tool's options file, so a run records what it used."""
        relief: dict[str, Any] = {
            "subjectUnder21AtConviction": self.dismiss_under_21_at_conviction,
            "subjectIsDeceased": self.dismiss_deceased,
            "subjectHasOnlyProp64Charges": self.dismiss_only_prop64_record,
        }
        for key, value in (
            ("subjectAgeThreshold", self.dismiss_at_or_over_age),
            ("yearsSinceConvictionThreshold", self.dismiss_years_since_conviction),
            ("yearsCrimeFreeThreshold", self.dismiss_years_crime_free),
        ):
            if value is not None:
                relief[key] = value
        return {
            "baselineEligibility": {"dismiss": sorted(self.dismiss_sections), "reduce": sorted(self.reduce_sections)},
            "additionalRelief": relief,
        }


def _sections(value: Any, key: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise OptionsError(N_("baselineEligibility.%(key)s must be a list of sections"), key=key)
    sections = frozenset(str(item).strip().upper().removeprefix("HS").strip() for item in value)
    unknown = sorted(sections - set(PROP64_SECTIONS))
    if unknown:
        raise OptionsError(
            N_("baselineEligibility.%(key)s: %(unknown)s is not one of %(sections)s"),
            key=key, unknown=", ".join(unknown), sections=", ".join(PROP64_SECTIONS),
        )
    return sections


def _threshold(relief: dict[str, Any], key: str) -> int | None:
    value = relief.get(key)
    if value in (None, 0, False):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise OptionsError(N_("additionalRelief.%(key)s must be a whole number of years"), key=key)
    return value


def _flag(relief: dict[str, Any], key: str) -> bool:
    value = relief.get(key, False)
    if not isinstance(value, bool):
        raise OptionsError(N_("additionalRelief.%(key)s must be true or false"), key=key)
    return value


def options_from_json(data: Any) -> BulkOptions:
    """Read the options format of the earlier DA desktop tool (eligibility_options.json)."""
    if not isinstance(data, dict):
        raise OptionsError(N_("the options file must hold a JSON object"))
    baseline = data.get("baselineEligibility") or {}
    relief = data.get("additionalRelief") or {}
    if not isinstance(baseline, dict) or not isinstance(relief, dict):
        raise OptionsError(N_("baselineEligibility and additionalRelief must be JSON objects"))
    dismiss = _sections(baseline.get("dismiss", []), "dismiss")
    reduce = _sections(baseline.get("reduce", []), "reduce")
    both = sorted(dismiss & reduce)
    if both:
        raise OptionsError(N_("%(sections)s is listed both to dismiss and to reduce"), sections=", ".join(both))
    return BulkOptions(
        dismiss_sections=dismiss,
        reduce_sections=reduce,
        dismiss_under_21_at_conviction=_flag(relief, "subjectUnder21AtConviction"),
        dismiss_at_or_over_age=_threshold(relief, "subjectAgeThreshold"),
        dismiss_years_since_conviction=_threshold(relief, "yearsSinceConvictionThreshold"),
        dismiss_years_crime_free=_threshold(relief, "yearsCrimeFreeThreshold"),
        dismiss_only_prop64_record=_flag(relief, "subjectHasOnlyProp64Charges"),
        dismiss_deceased=_flag(relief, "subjectIsDeceased"),
    )


def options_from_bytes(content: bytes, name: str = "options file") -> BulkOptions:
    try:
        data = loads_bounded(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise OptionsError(N_("%(name)s: not a text file"), name=name) from None
    except json.JSONDecodeError as error:
        raise OptionsError(N_("%(name)s: not valid JSON (line %(line)s)"), name=name, line=error.lineno) from None
    except TooDeep:
        raise OptionsError(N_("%(name)s: nested too deeply to be an options file"), name=name) from None
    return options_from_json(data)


def load_options(path: Path) -> BulkOptions:
    try:
        content = Path(path).read_bytes()
    except OSError as error:
        raise OptionsError(N_("%(name)s: cannot be read (%(reason)s)"), name=str(path), reason=error.strerror or error) from None
    return options_from_bytes(content, str(path))


def full_years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


@dataclass(frozen=True, slots=True)
class PersonContext:
    """What the additional-relief options need to know about the whole person."""

    date_of_birth: date | None
    deceased: bool
    only_prop64_convictions: bool
    latest_conviction_date: date | None


@dataclass(frozen=True, slots=True)
class CountContext:
    section: str  # "11358"
    level: str | None
    conviction_date: date | None


@dataclass(frozen=True, slots=True)
class DaDecision:
    outcome: str  # one of DA_OUTCOMES
    reason: str


def _engine_reason(determination: Determination) -> str:
    text = " ".join(reason.en for reason in determination.reasons)
    if determination.missing:
        text = f"{text} Missing: {', '.join(determination.missing)}.".strip()
    return text


def _statutory_outcome(determination: Determination, level: str | None) -> str:
    """A person still serving gets ``resentence`` from the engine; under HS 11361.9 the office moves
    for the same dismissal or reduction as for anyone else, by the level of the count."""
    if determination.outcome == "eligible":
        if determination.relief == RESENTENCE:
            return REDUCTION if level == "felony" else DISMISSAL
        return DISMISSAL if determination.relief in DISMISSING_RELIEFS else REDUCTION
    return NEEDS_REVIEW if determination.outcome == "needs_review" else NOT_ELIGIBLE


def _additional_relief(count: CountContext, person: PersonContext, options: BulkOptions, as_of: date) -> str | None:
    """The first of the office's extra grounds for dismissal that this count meets, as a reason."""
    dob = person.date_of_birth
    if options.dismiss_under_21_at_conviction and dob and count.conviction_date:
        if full_years_between(dob, count.conviction_date) < 21:
            return "DA policy: dismiss when the person was under 21 at conviction."
    if options.dismiss_at_or_over_age is not None and dob:
        if full_years_between(dob, as_of) >= options.dismiss_at_or_over_age:
            return f"DA policy: dismiss when the person is {options.dismiss_at_or_over_age} or older."
    if options.dismiss_years_since_conviction is not None and count.conviction_date:
        if full_years_between(count.conviction_date, as_of) >= options.dismiss_years_since_conviction:
            return f"DA policy: dismiss convictions {options.dismiss_years_since_conviction} or more years old."
    if options.dismiss_years_crime_free is not None and person.latest_conviction_date:
        if full_years_between(person.latest_conviction_date, as_of) >= options.dismiss_years_crime_free:
            return f"DA policy: dismiss when the person has had no conviction for {options.dismiss_years_crime_free} years."
    if options.dismiss_only_prop64_record and person.only_prop64_convictions:
        return "DA policy: dismiss when every conviction on the record is HS 11357-11360."
    if options.dismiss_deceased and person.deceased:
        return "DA policy: dismiss when the person is deceased."
    return None


def decide(
    determination: Determination, count: CountContext, person: PersonContext, options: BulkOptions, as_of: date
) -> DaDecision:
    """The outcome the office will move for, with the reason a reviewer reads."""
    outcome = _statutory_outcome(determination, count.level)
    reason = _engine_reason(determination)
    felony = count.level == "felony"
    if outcome == REDUCTION and count.section in options.dismiss_sections:
        return DaDecision(DISMISSAL, f"DA policy: dismiss all eligible HS {count.section} convictions. {reason}")
    if outcome == DISMISSAL and felony and count.section in options.reduce_sections:
        return DaDecision(REDUCTION, f"DA policy: reduce eligible HS {count.section} felonies. {reason}")
    if outcome == REDUCTION:
        extra = _additional_relief(count, person, options, as_of)
        if extra is not None:
            return DaDecision(DISMISSAL, f"{extra} {reason}")
    return DaDecision(outcome, reason)
