"""The journey: which questions exist, in which order, and when each applies.

Clinic mode reuses this walk. Answers and engine facts build on these steps (app.applications.answers, .facts); the
walk asks them back only while it runs (household questions, engine follow-ups), so those two imports sit inside the
functions that need them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.models import Application, Conviction


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


def has_arrests(application: Application, _: Conviction | None) -> bool:
    return (application.answers or {}).get("situation", {}).get("has_arrests") is True


def _may_have_no_conviction(application: Application, _: Conviction | None) -> bool:
    """A person with arrests without a conviction, or with a juvenile case, may have no adult conviction at all."""
    situation = (application.answers or {}).get("situation", {})
    return situation.get("has_arrests") is True or situation.get("juvenile_case") is True


def has_convictions(application: Application) -> bool:
    """Everyone is asked about convictions, except a person who may have none and said they have none."""
    return not (_may_have_no_conviction(application, None)
                and (application.answers or {}).get("situation", {}).get("has_convictions") is False)


def _needs_household(application: Application, _: Conviction | None) -> bool:
    from app.applications.answers import household_questions_needed  # answers builds on these steps

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
    Step("trafficking-survivor", "situation"),
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
    if has_arrests(application, None):
        for number in range(1, max(len(arrests_of(application)), 1) + 1):
            for step in ARREST_STEPS:
                yield StepRef(step.slug, number)
        yield StepRef(ARRESTS_SUMMARY.slug)
    if _may_have_no_conviction(application, None):
        yield StepRef(ANY_CONVICTIONS.slug)
    if has_convictions(application):
        convictions = application.convictions or [None]
        for number, conviction in enumerate(convictions, start=1):
            for step in CONVICTION_STEPS:
                if step.applies is None or step.applies(application, conviction):
                    yield StepRef(step.slug, number)
        yield StepRef(CONVICTIONS_SUMMARY.slug)
    if application.convictions and has_convictions(application):
        from app.applications.facts import missing_facts_by_conviction  # the engine's facts build on these steps

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


def _page(application: Application, slug: str) -> dict[str, Any] | None:
    """A person-level page's stored answers (a list page's "yes" / "no" among them), None before it is saved."""
    return application.answers.get("pages", {}).get(slug)


def is_answered(application: Application, ref: StepRef) -> bool:
    if ref == CHECK:
        return False
    if ref.index is None:
        stored = _page(application, ref.slug)
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
    if current.slug in SUMMARY_FIRST_STEP and (_page(application, current.slug) or {}).get("answer") == "yes":
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
