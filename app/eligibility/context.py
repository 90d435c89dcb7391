"""Per-screening context the remedies read: parsed offenses, their list memberships and history.

Everything that depends only on the offense text is computed once per distinct text
(``classify`` is cached); everything that depends on the whole record is computed lazily,
because most convictions never ask about history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from app.eligibility import reasons, tables
from app.eligibility.decide import note_missing
from app.eligibility.facts import ConvictionFacts, Person
from app.eligibility.offenses import parse_offense
from app.eligibility.results import Offense, Reason
from app.eligibility.statutes import MAYBE, NO, YES


class Traits:
    """Which statute lists an offense falls in: YES, MAYBE (cited too coarsely) or NO."""

    __slots__ = (
        "superstrike", "pc290", "prop64", "prop64_aggravated", "plea_signal", "prop47",
        "prop47_value_limited", "prop47_case_facts", "excluded_1203_4", "vc42002_1",
        "excluded_1203_4_felony", "excluded_1203_4a", "pc1203_49", "wobbler", "reducible_to_infraction",
        "vehicle_code", "serious_or_violent",
    )

    def __init__(self, offense: Offense) -> None:
        self.superstrike = max(
            tables.SUPER_STRIKES.match(offense),
            min(tables.SUPER_STRIKES_IN_SOME_FORMS.match(offense), MAYBE),
        )
        self.pc290 = _registrable(offense)
        self.serious_or_violent = tables.SERIOUS_OR_VIOLENT.match(offense)
        self.prop64 = tables.PROP64_OFFENSES.match(offense) == YES
        self.prop64_aggravated = self.prop64 and offense.section in tables.PROP64_AGGRAVATED_SECTIONS
        self.plea_signal = tables.PLEA_SIGNAL_OFFENSES.match(offense) == YES
        self.prop47 = tables.PROP47_OFFENSES.match(offense) == YES
        self.prop47_value_limited = tables.PROP47_VALUE_LIMITED.match(offense) == YES
        self.prop47_case_facts = (
            "shoplifting" if tables.PROP47_SHOPLIFTING_FACTS.match(offense) == YES
            else "vehicle_theft" if tables.PROP47_VEHICLE_THEFT_FACTS.match(offense) == YES
            else None
        )
        self.excluded_1203_4 = tables.PC1203_4_EXCLUDED.match(offense)
        self.vc42002_1 = tables.VC42002_1_MISDEMEANORS.match(offense)
        self.excluded_1203_4_felony = tables.PC1203_4_EXCLUDED_FELONIES.match(offense)
        self.excluded_1203_4a = tables.PC1203_4A_EXCLUDED.match(offense)
        self.pc1203_49 = tables.PC1203_49_OFFENSES.match(offense)
        self.wobbler = max(tables.WOBBLERS.match(offense), min(tables.WOBBLERS_IN_SOME_FORMS.match(offense), MAYBE))
        self.reducible_to_infraction = tables.REDUCIBLE_TO_INFRACTION.match(offense)
        self.vehicle_code = offense.code == "VC"


def _registrable(offense: Offense) -> int:
    """PC 290(c): YES for offenses that always require registration; MAYBE where it depends on facts of the case."""
    listed = tables.PC290_OFFENSES.match(offense)
    if tables.PC290_DISCRETIONARY.match(offense) != NO:
        listed = min(listed, MAYBE)
    return max(listed, min(tables.PC290_IN_SOME_FORMS.match(offense), MAYBE))


@lru_cache(maxsize=65536)
def classify(offense_text: str) -> tuple[Offense | None, Traits | None]:
    offense = parse_offense(offense_text)
    return offense, (Traits(offense) if offense is not None else None)


def add_years(start: date, years: int) -> date:
    """Same day ``years`` later; 29 February falls back to 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def years_between(born: date, when: date) -> int:
    """Whole years from ``born`` to ``when``: a person's age on that day."""
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def _before(earlier: date | None, later: date | None) -> int:
    """YES if ``earlier`` is known to come first, NO if known not to, MAYBE if a date is unknown."""
    if earlier is None or later is None:
        return MAYBE
    return YES if earlier < later else NO


class PersonStatus:
    """The person's present situation, which bars every dismissal while it lasts."""

    __slots__ = ("blocking_reason", "missing")

    def __init__(self, person: Person) -> None:
        self.blocking_reason: Reason | None = None
        missing: list[str] = []
        for value, reason, name in (
            (person.in_custody, reasons.IN_CUSTODY, "person.in_custody"),
            (person.on_probation_or_parole, reasons.ON_SUPERVISION, "person.on_probation_or_parole"),
            (person.pending_charges, reasons.PENDING_CHARGES, "person.pending_charges"),
        ):
            if value is True and self.blocking_reason is None:
                self.blocking_reason = reason
            elif value is None:
                missing.append(name)
        self.missing: tuple[str, ...] = tuple(missing)


class Case:
    """One conviction as the remedies see it."""

    __slots__ = ("facts", "offense", "traits", "record", "completed")

    def __init__(self, facts: ConvictionFacts, record: Record) -> None:
        self.facts = facts
        self.offense, self.traits = classify(facts.offense_text) if isinstance(facts.offense_text, str) else (None, None)
        self.record = record
        self.completed = _sentence_completed(facts, record.today)

    def offense_after_conviction(self) -> bool:
        """An offense never comes after its conviction: with such dates one of them is wrong, so neither the offense
        date nor the age drawn from it is believed (the offense date is named as missing instead)."""
        offense, convicted = self.facts.offense_date, self.facts.conviction_date
        return offense is not None and convicted is not None and offense > convicted

    def offense_before(self, change: date, missing: list[str]) -> int:
        """Whether the offense came before the law changed on ``change``: YES, NO, or MAYBE with the fact noted.

        The offense date decides. Without it, an arrest or a conviction on or before ``change`` settles it (the
        offense came first); later ones do not, since the offense may still be older.
        """
        offense_date = self.facts.offense_date
        if self.offense_after_conviction():
            note_missing(missing, "offense_date")
            return MAYBE
        if offense_date is not None:
            return YES if offense_date < change else NO
        latest = self.facts.offense_date_latest
        if latest is not None and latest < change:
            return YES
        convicted = self.facts.conviction_date
        if convicted is not None and convicted <= change:
            return YES
        note_missing(missing, "offense_date" if convicted is not None else "conviction_date")
        return MAYBE

    def age_at_offense(self, missing: list[str], thresholds: tuple[int, ...]) -> int | None:
        """The person's age when they offended, or None (fact noted) when it cannot be told against ``thresholds``.

        The conviction date stands in for the offense date only when no threshold birthday falls in the year before
        it, since the offense usually comes within a year of the conviction and never after it.
        """
        born = self.record.person.date_of_birth
        if born is None:
            note_missing(missing, "person.date_of_birth")
            return None
        if self.offense_after_conviction():
            note_missing(missing, "offense_date")
            return None
        when = self.facts.offense_date or self.facts.conviction_date
        if when is None:
            note_missing(missing, "conviction_date")
            return None
        age = years_between(born, when)
        if self.facts.offense_date is None and any(threshold <= age < threshold + 1 for threshold in thresholds):
            note_missing(missing, "offense_date")
            return None
        return age

    def same_court_case(self, other: Case) -> bool:
        number = self.facts.case_number
        return bool(number) and number == other.facts.case_number


def _sentence_completed(facts: ConvictionFacts, today: date) -> bool | None:
    if facts.sentence_completed is not None:
        return facts.sentence_completed
    if facts.sentence_completed_date is not None:
        return facts.sentence_completed_date <= today
    return None


class PriorCheck:
    """Whether other convictions in the record block a remedy.

    ``certain``: a listed offense, known to come first. ``undated``: a listed offense whose
    order is unknown, which only dates can settle. ``possible``: an offense listed only in some
    forms (subdivision not given, gang enhancement), which the person's own answer to the
    matching question (``superstrike_prior``, ``registered_sex_offender``) settles, or a reviewer.
    """

    __slots__ = ("certain", "undated", "possible")

    def __init__(self) -> None:
        self.certain = False
        self.undated = False
        self.possible = False

    def note(self, membership: int, timing: int) -> None:
        if membership == YES and timing == YES:
            self.certain = True
        elif membership == YES and timing == MAYBE:
            self.undated = True
        elif membership == MAYBE:
            self.possible = True


class Record:
    """A person's whole list of convictions, for the rules that look beyond one count."""

    __slots__ = ("person", "today", "status", "cases", "_latest_known_date")

    def __init__(self, person: Person, convictions: Sequence[ConvictionFacts], today: date) -> None:
        self.person = person
        self.today = today
        self.status = PersonStatus(person)
        self.cases: tuple[Case, ...] = tuple(Case(facts, self) for facts in convictions)
        known = [case.facts.conviction_date for case in self.cases if case.facts.conviction_date is not None]
        self._latest_known_date: date | None = max(known) if known else None

    def superstrike_question_open(self, priors: PriorCheck) -> bool:
        """Whether the person's unanswered super-strike question could still change the answer: always, unless the
        convictions are the whole record and none of them is a super strike in some forms only."""
        if self.person.superstrike_prior is not None:
            return False
        return not self.person.full_record or priors.possible

    def has_later_conviction(self, case: Case) -> bool:
        """True only when another conviction is known to come after this one."""
        own = case.facts.conviction_date
        latest = self._latest_known_date
        return own is not None and latest is not None and latest > own

    def prior_matching(self, case: Case, attribute: str) -> PriorCheck:
        """Earlier convictions (other court cases, dated before) whose offense is on a list."""
        check = PriorCheck()
        own_date = case.facts.conviction_date
        for other in self.cases:
            if other is case or other.traits is None or case.same_court_case(other):
                continue
            membership = getattr(other.traits, attribute)
            if membership != NO:
                check.note(membership, _before(other.facts.conviction_date, own_date))
                if check.certain:
                    break
        return check

    def any_other_matching(self, case: Case, attribute: str) -> PriorCheck:
        """Any other conviction on a list, whatever its date (PC 1170.18(i) reads "prior" that way)."""
        check = PriorCheck()
        for other in self.cases:
            if other is case or other.traits is None:
                continue
            membership = getattr(other.traits, attribute)
            if membership != NO:
                check.note(membership, YES)
                if check.certain:
                    break
        return check

    def same_section_priors(self, case: Case) -> tuple[int, int]:
        """How many earlier convictions share this section: (certainly earlier, possibly earlier)."""
        offense = case.offense
        if offense is None:
            return 0, 0
        certain = possible = 0
        own_date = case.facts.conviction_date
        for other in self.cases:
            other_offense = other.offense
            if (
                other is case
                or other_offense is None
                or other_offense.section != offense.section
                or other_offense.code != offense.code
                or case.same_court_case(other)
            ):
                continue
            timing = _before(other.facts.conviction_date, own_date)
            if timing == YES:
                certain += 1
            elif timing == MAYBE:
                possible += 1
        return certain, possible

    def has_marijuana_count_in_same_case(self, case: Case) -> bool:
        return any(
            other is not case and other.traits is not None and other.traits.prop64 and case.same_court_case(other)
            for other in self.cases
        )

    def has_later_felony(self, case: Case) -> bool | None:
        """Whether a felony conviction came after this one: True, False, or None when dates are unknown."""
        own = case.facts.conviction_date
        uncertain = False
        for other in self.cases:
            if other is case or other.facts.level == "misdemeanor" or other.facts.level == "infraction":
                continue
            timing = _before(own, other.facts.conviction_date)
            if timing == NO:
                continue
            if other.facts.level == "felony" and timing == YES:
                return True
            uncertain = True
        return None if uncertain else False
