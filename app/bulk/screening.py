"""One person's record through the engine and the DA policy: what each count gets, and why.

Pure: no files, no Flask. The runner feeds it people one at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from app.bulk.policy import (
    DISMISSAL,
    NEEDS_REVIEW,
    PROP64_SECTIONS,
    REDUCTION,
    BulkOptions,
    CountContext,
    DaDecision,
    PersonContext,
    decide,
    full_years_between,
)
from app.doj.records import Count, Subject
from app.eligibility import Person, screen_one_remedy
from app.eligibility.context import classify
from app.eligibility.results import Determination, Offense
from app.eligibility.statutes import NO, YES
from app.eligibility.tables import PROP64_EFFECTIVE, SUPER_STRIKES

RECENT_YEARS = 7  # "no conviction in the last 7 years" in the run summary
NON_CONTIGUOUS_REASON = (
    "This person's rows are split across the file; an earlier part was screened separately, "
    "so priors may be missing. Review the whole record."
)


# CountResult and SubjectResult are never changed once made, but are not frozen: a bulk run makes one
# per count and per person of the file, and a frozen dataclass takes ~2.5x as long to construct.
# (Neither was hashable anyway: they hold a Count or Subject, which are plain dataclasses.)
@dataclass(slots=True)
class CountResult:
    count: Count
    offense: Offense | None
    citation: str  # "HS 11358(c)", or the record's own text when the engine cannot read it
    prop64_section: str | None  # "11358" for HS 11357-11360 counts
    in_county: bool
    prior_superstrikes: tuple[str, ...]
    decision: DaDecision | None  # only for the county's Prop 64 counts

    @property
    def after_prop64(self) -> bool | None:
        when = self.count.conviction_date
        return None if when is None else when > PROP64_EFFECTIVE


@dataclass(slots=True)
class SubjectResult:
    subject: Subject
    counts: tuple[CountResult, ...]
    pc290_sections: tuple[str, ...]
    latest_conviction_date: date | None
    # decisions() is asked for by the impact, the tally and the court lists of every person: worked out once.
    _decided: list[CountResult] | None = field(default=None, init=False, repr=False, compare=False)

    def decisions(self) -> list[CountResult]:
        """The counts with a DA decision (the same list on every call: read it, do not change it)."""
        if self._decided is None:
            self._decided = [result for result in self.counts if result.decision is not None]
        return self._decided


@dataclass(frozen=True, slots=True)
class OffenseInfo:
    """What the bulk outputs need to know about one offense text, worked out once per distinct text."""

    offense: Offense | None
    citation: str
    prop64_section: str | None
    superstrike: bool
    pc290: bool


@lru_cache(maxsize=65536)
def describe_offense(offense_text: str) -> OffenseInfo:
    offense, traits = classify(offense_text)  # the engine's own reading of the text, and its list memberships
    if offense is None or traits is None:
        return OffenseInfo(offense=None, citation=offense_text, prop64_section=None, superstrike=False, pc290=False)
    return OffenseInfo(
        offense=offense,
        citation=offense.citation(),
        # HS 11362.1 is a Prop 64 offense too, but not one of the DA tool's four sections.
        prop64_section=offense.section if traits.prop64 and offense.section in PROP64_SECTIONS else None,
        # Listed super strikes only: the gang-enhanced ones (MAYBE in the engine's traits) are not reported as priors.
        superstrike=SUPER_STRIKES.match(offense) != NO,
        pc290=traits.pc290 == YES,
    )


def _prior_superstrikes(count: Count, superstrikes: list[tuple[Count, str]]) -> tuple[str, ...]:
    """Super strikes dated before this count and not from its own court case (a prior is earlier)."""
    when = count.conviction_date
    if when is None or not superstrikes:
        return ()
    return tuple(
        citation
        for other, citation in superstrikes
        if other.conviction_date is not None and other.conviction_date < when and other.court_case != count.court_case
    )


def _prop64_determinations(subject: Subject, in_county: set[str], as_of: date) -> dict[str, Determination]:
    """The engine's Prop 64 answers for the county's counts: marijuana counts, and the counts it
    flags as possible plea bargains from one. The whole record is passed so that priors count.

    ``screen_one_remedy`` gives what ``screen()`` answers for the ``prop64`` remedy without running
    the nine other remedies on every count (most of the engine's time in a bulk run);
    tests/unit/bulk/test_bulk_prop64_only.py checks that the answers stay the same.
    """
    facts = [count.to_facts() for count in subject.counts]
    return screen_one_remedy(record_person(subject), facts, as_of, "prop64", only=in_county)


def record_person(subject: Subject) -> Person:
    """The person as the DOJ record shows them. The full record is passed, so the engine finds listed priors in it;
    only a prior that is a super strike in some forms (PC 207, 220(a), 653f without (b)...) is left to a reviewer."""
    return Person(
        date_of_birth=subject.date_of_birth, registered_sex_offender=subject.pc290_registration, full_record=True
    )


def screen_subject(subject: Subject, county: str, options: BulkOptions, as_of: date) -> SubjectResult:
    """Ask the engine about the whole record, then apply the office's policy to the county's counts."""
    counts = subject.counts
    if not counts:  # nothing to screen, nothing to describe
        return SubjectResult(subject=subject, counts=(), pc290_sections=(), latest_conviction_date=None)
    county = county.strip().upper()
    infos = [describe_offense(count.offense_text) for count in counts]
    ids = [count.count_order for count in counts]  # each count's engine id (the property, without its call)
    # One pass over the counts for what the whole record needs (this runs for every person in the file).
    in_county: set[str] = set()
    wanted: set[str] = set()  # the county's HS 11357-11360 counts
    latest: date | None = None
    superstrikes: list[tuple[Count, str]] = []
    for engine_id, count, info in zip(ids, counts, infos):
        if count.county == county:
            in_county.add(engine_id)
            if info.prop64_section:
                wanted.add(engine_id)
        when = count.conviction_date
        if when is not None and (latest is None or when > latest):
            latest = when
        if info.superstrike:
            superstrikes.append((count, info.citation))
    # Most people have no HS 11357-11360 count in the county: the engine is not asked about them.
    decisions = _decisions(subject, infos, in_county, wanted, latest, options, as_of) if wanted else {}
    results = tuple([
        CountResult(  # positional: one per count of the file
            count,
            info.offense,
            info.citation,
            info.prop64_section,
            engine_id in in_county,
            _prior_superstrikes(count, superstrikes) if superstrikes else (),
            decisions.get(engine_id) if decisions else None,
        )
        for engine_id, count, info in zip(ids, counts, infos)
    ])
    result = SubjectResult(
        subject=subject,
        counts=results,
        pc290_sections=tuple(info.citation for info in infos if info.pc290),
        latest_conviction_date=latest,
    )
    if not decisions:
        result._decided = []  # known already: saves every later reader a pass over the counts
    return result


def _decisions(
    subject: Subject,
    infos: list[OffenseInfo],
    in_county: set[str],
    wanted: set[str],
    latest: date | None,
    options: BulkOptions,
    as_of: date,
) -> dict[str, DaDecision]:
    """The office's decision for each of the county's marijuana counts and for each count the
    engine flags as a possible plea bargain from one (by engine id)."""
    determinations = _prop64_determinations(subject, in_county, as_of)
    context = PersonContext(
        date_of_birth=subject.date_of_birth,
        deceased=subject.deceased,
        only_prop64_convictions=all(info.prop64_section for info in infos),
        latest_conviction_date=latest,
    )
    return {
        count.engine_id: _decision(subject, determinations.get(count.engine_id), info.prop64_section, count, context, options, as_of)
        for count, info in zip(subject.counts, infos)
        if count.engine_id in wanted or count.engine_id in determinations
    }


def _decision(
    subject: Subject,
    determination: Determination | None,
    section: str | None,
    count: Count,
    context: PersonContext,
    options: BulkOptions,
    as_of: date,
) -> DaDecision:
    if determination is None:
        return DaDecision(NEEDS_REVIEW, "The screening engine gave no Prop 64 answer for this count.")
    decision = decide(determination, CountContext(section or "", count.level, count.conviction_date), context, options, as_of)
    if subject.rows_not_contiguous and decision.outcome in (DISMISSAL, REDUCTION):
        return DaDecision(NEEDS_REVIEW, f"{NON_CONTIGUOUS_REASON} {decision.reason}")
    return decision


@dataclass(frozen=True, slots=True)
class ReliefImpact:
    """Whether granting the county's dismissals and reductions leaves the person with none of these."""

    no_felony: bool
    no_recent_conviction: bool
    no_conviction: bool


NO_RELIEF = ReliefImpact(False, False, False)  # most people's: one shared (frozen) instance


def relief_impact(result: SubjectResult, as_of: date) -> ReliefImpact:
    if not result.decisions():
        return NO_RELIEF
    granted = {
        r.count.engine_id: r.decision.outcome  # type: ignore[union-attr]
        for r in result.decisions()
        if r.decision.outcome in (DISMISSAL, REDUCTION)  # type: ignore[union-attr]
    }
    if not granted:
        return NO_RELIEF

    def recent(count: Count) -> bool:
        return count.conviction_date is not None and full_years_between(count.conviction_date, as_of) < RECENT_YEARS

    before = [r.count for r in result.counts]
    remaining = [c for c in before if granted.get(c.engine_id) != DISMISSAL]
    felonies_remaining = [c for c in remaining if c.level == "felony" and c.engine_id not in granted]
    return ReliefImpact(
        no_felony=any(c.level == "felony" for c in before) and not felonies_remaining,
        no_recent_conviction=any(recent(c) for c in before) and not any(recent(c) for c in remaining),
        no_conviction=bool(before) and not remaining,
    )
