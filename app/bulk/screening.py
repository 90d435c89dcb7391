"""One person's record through the engine and the DA policy: what each count gets, and why.

Pure: no files, no Flask. The runner feeds it people one at a time.
"""
from __future__ import annotations

from dataclasses import dataclass
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
from app.eligibility import Person, screen
from app.eligibility.offenses import parse_offense
from app.eligibility.results import Determination, Offense
from app.eligibility.statutes import NO
from app.eligibility.tables import PC290_OFFENSES, PROP64_EFFECTIVE, SUPER_STRIKES

RECENT_YEARS = 7  # "no conviction in the last 7 years" in the run summary
NON_CONTIGUOUS_REASON = (
    "This person's rows are split across the file; an earlier part was screened separately, "
    "so priors may be missing. Review the whole record."
)


@dataclass(frozen=True, slots=True)
class CountResult:
    count: Count
    offense: Offense | None
    citation: str  # "HS 11358(c)", or the record's own text when the engine cannot read it
    prop64_section: str | None  # "11358" for HS 11357-11360 counts
    in_county: bool
    prior_superstrikes: tuple[str, ...]
    decision: DaDecision | None  # only for the county's Prop 64 counts

    @property
    def is_felony(self) -> bool:
        return self.count.level == "felony"

    @property
    def after_prop64(self) -> bool | None:
        when = self.count.conviction_date
        return None if when is None else when > PROP64_EFFECTIVE


@dataclass(frozen=True, slots=True)
class SubjectResult:
    subject: Subject
    counts: tuple[CountResult, ...]
    pc290_sections: tuple[str, ...]
    latest_conviction_date: date | None

    def decisions(self) -> list[CountResult]:
        return [result for result in self.counts if result.decision is not None]


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
    offense = parse_offense(offense_text)
    section = offense.section if offense is not None and offense.code == "HS" and offense.section in PROP64_SECTIONS else None
    return OffenseInfo(
        offense=offense,
        citation=offense.citation() if offense else offense_text,
        prop64_section=section,
        superstrike=SUPER_STRIKES.match(offense) != NO,
        pc290=PC290_OFFENSES.match(offense) != NO,
    )


def _prop64_determination(determinations: tuple[Determination, ...]) -> Determination | None:
    return next((d for d in determinations if d.remedy == "prop64"), None)


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
    flags as possible plea bargains from one. The whole record is passed so that priors count."""
    person = Person(
        date_of_birth=subject.date_of_birth,
        registered_sex_offender=subject.pc290_registration,
        superstrike_prior=False,  # the full record is passed: the engine finds priors in it
    )
    screening = screen(person, [count.to_facts() for count in subject.counts], as_of)
    return {
        result.id: determination
        for result in screening.convictions
        if result.id in in_county and (determination := _prop64_determination(result.determinations)) is not None
    }


def screen_subject(subject: Subject, county: str, options: BulkOptions, as_of: date) -> SubjectResult:
    """Ask the engine about the whole record, then apply the office's policy to the county's counts."""
    county = county.strip().upper()
    infos = [describe_offense(count.offense_text) for count in subject.counts]
    in_county = {count.engine_id for count in subject.counts if count.county == county}
    wanted = {count.engine_id for count, info in zip(subject.counts, infos) if info.prop64_section and count.engine_id in in_county}
    determinations = _prop64_determinations(subject, in_county, as_of) if wanted else {}
    dates = [count.conviction_date for count in subject.counts if count.conviction_date is not None]
    context = PersonContext(
        date_of_birth=subject.date_of_birth,
        deceased=subject.deceased,
        only_prop64_convictions=all(info.prop64_section for info in infos),
        latest_conviction_date=max(dates, default=None),
    )
    superstrikes = [(count, info.citation) for count, info in zip(subject.counts, infos) if info.superstrike]
    results = []
    for count, info in zip(subject.counts, infos):
        decision = None
        if count.engine_id in wanted or count.engine_id in determinations:
            decision = _decision(subject, determinations.get(count.engine_id), info.prop64_section, count, context, options, as_of)
        results.append(
            CountResult(
                count=count,
                offense=info.offense,
                citation=info.citation,
                prop64_section=info.prop64_section,
                in_county=count.engine_id in in_county,
                prior_superstrikes=_prior_superstrikes(count, superstrikes),
                decision=decision,
            )
        )
    return SubjectResult(
        subject=subject,
        counts=tuple(results),
        pc290_sections=tuple(info.citation for info in infos if info.pc290),
        latest_conviction_date=context.latest_conviction_date,
    )


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


def relief_impact(result: SubjectResult, as_of: date) -> ReliefImpact:
    granted = {
        r.count.engine_id: r.decision.outcome
        for r in result.counts
        if r.decision is not None and r.decision.outcome in (DISMISSAL, REDUCTION)
    }
    if not granted:
        return ReliefImpact(False, False, False)

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
