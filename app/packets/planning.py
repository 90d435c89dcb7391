"""Decide, before any HTML exists, which papers each court case needs.

Convictions are grouped into court cases by (county, case number): each case is one filing in
one court. A remedy whose outcome is ``eligible`` or ``needs_review`` puts its form in the set;
a ``needs_review`` one also makes the cover sheet ask for an attorney's review before filing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.eligibility.facts import ArrestFacts, ConvictionFacts
from app.eligibility.results import ArrestResult, ConvictionResult, Determination, Reason, Screening
from app.eligibility.statutes import NO
from app.eligibility.tables import PROP47_DEADLINE, PROP64_OFFENSES
from app.packets.courts import CourtFiling, court_for_county

ACTIONABLE_OUTCOMES = frozenset({"eligible", "needs_review"})
CR180_REMEDIES = frozenset({"pc1203_4", "pc1203_4a", "pc1203_41", "pc1203_42", "pc1203_43", "pc1203_49", "pc17b", "pc17d2"})
CR180_ROWS = 5  # the official counts table has five rows; more go on MC-025

# CR-180 checkbox keys ("2" is the item, "2a" its sub-box) set by each remedy and basis.
_CR180_ITEM = {"pc1203_4": "2", "pc1203_4a": "3", "pc1203_49": "4", "pc1203_41": "5", "pc1203_42": "6", "pc1203_43": "7"}
_CR180_SUB_BOX = {
    ("pc1203_4", "probation_fulfilled"): "2a",
    ("pc1203_4", "early_discharge"): "2b",
    ("pc1203_4", "interests_of_justice"): "2c",
    ("pc1203_4a", "honest_upright"): "3a",
    ("pc1203_4a", "interests_of_justice"): "3b",
    ("pc1203_41", "a"): "5a",
    ("pc1203_41", "b"): "5b",
    ("pc1203_41", "c"): "5c",
}
# Boxes that ask the court for discretion, where the person's own statement (MC-031) helps.
DISCRETIONARY_BOXES = ("2c", "3b", "4", "5", "6")

_SENTENCE_WORDS = {"probation": "probation", "county_jail": "county jail", "state_prison": "state prison", "fine_only": "fine only"}


@dataclass(frozen=True, slots=True)
class CountLine:
    """One conviction as a row of the CR-180 counts table."""

    conviction_id: str
    code: str
    section: str
    level: str
    reduce_17b: str  # "yes" / "no", as the form asks
    reduce_17d2: str
    conviction_date: date | None


@dataclass(frozen=True, slots=True)
class Cr180Request:
    counts: tuple[CountLine, ...]
    boxes: frozenset[str]

    @property
    def table_rows(self) -> tuple[CountLine | None, ...]:
        """Always five rows, as printed on the form; empty rows stay blank."""
        shown = self.counts[:CR180_ROWS]
        return shown + (None,) * (CR180_ROWS - len(shown))

    @property
    def overflow(self) -> tuple[CountLine, ...]:
        return self.counts[CR180_ROWS:]

    @property
    def overflow_count(self) -> int:
        return len(self.overflow)

    @property
    def conviction_dates(self) -> str:
        return format_dates(count.conviction_date for count in self.counts)

    @property
    def narrative_items(self) -> frozenset[str]:
        """Items whose write-in space points at the attached MC-031."""
        return frozenset(box for box in DISCRETIONARY_BOXES if box in self.boxes)

    @property
    def discretionary(self) -> bool:
        return bool(self.narrative_items)


@dataclass(frozen=True, slots=True)
class Cr400Request:
    sections: frozenset[str]  # the code-section boxes of item 1
    petition: bool  # still serving: HS 11361.8(b)
    application: bool  # completed: HS 11361.8(f)


@dataclass(frozen=True, slots=True)
class Prop47Request:
    offenses: tuple[str, ...]  # "HS 11350(a)" as written on the petition
    conviction_dates: str
    sentence: str
    resentencing: bool  # PC 1170.18(a), still serving
    reduction: bool  # PC 1170.18(f), completed
    in_custody: bool
    good_cause_required: bool


@dataclass(frozen=True, slots=True)
class Cr409Request:
    """One arrest on its own CR-409 (PC 851.91 seals one arrest per petition)."""

    arrest_date: str  # as written on the form, MM/DD/YYYY, or empty
    agency: str
    outcome: str | None  # one of ARREST_OUTCOMES: the item 3e box
    # Item 3g: as of right, unless the arrest is for abuse with a pattern on the record (PC 851.91(c)(2)).
    interests_of_justice: bool = False


@dataclass(frozen=True, slots=True)
class CaseSet:
    """One court case: one filing, one set of forms."""

    county: str | None
    case_number: str | None
    court: CourtFiling
    cr400: Cr400Request | None
    prop47: Prop47Request | None
    cr180: Cr180Request | None
    review_reasons: tuple[Reason, ...]  # why an attorney should look before filing; empty when all eligible
    cr409: Cr409Request | None = None  # an arrest's set holds this and nothing else
    chain_reasons: tuple[Reason, ...] = ()  # "first ..., then ...": why the forms are filed in their order
    # The juvenile set (WIC 781) holds JV-595 and nothing else. The questionnaire knows only that a juvenile case
    # exists, so the form carries the person's own details and the cover sheet says what was left blank.
    juvenile: bool = False

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)

    @property
    def form_numbers(self) -> tuple[str, ...]:
        """The forms in this set, in filing order (as listed on the cover sheet): a redesignation (CR-400, Prop 47)
        before the CR-180, whose items ask the court to reduce first and dismiss second (app/eligibility/chains.py)."""
        forms: list[str] = []
        if self.cr409:
            forms += ["CR-409", "CR-410", "POS"]  # the proposed order follows its petition, as CR-181 follows CR-180
        if self.juvenile:
            forms.append("JV-595")
        if self.cr400:
            forms += ["CR-400", "CR-401"]
        if self.prop47:
            forms.append("PROP-47")
        if self.cr180:
            forms.append("CR-180")
            if self.cr180.overflow:
                forms.append("MC-025")
            if self.cr180.discretionary:
                forms.append("MC-031")
            forms.append("CR-181")
        if self.prop47 or self.cr180:
            forms.append("POS")
        return tuple(forms)


def format_dates(dates: Iterable[date | None]) -> str:
    known = sorted({d for d in dates if d is not None})
    return ", ".join(f"{d:%m/%d/%Y}" for d in known)


def plan_packet(convictions: Sequence[ConvictionFacts], screening: Screening, *, today: date,
                relief_granted: Collection[str] = (), arrests: Sequence[ArrestFacts] = ()) -> tuple[CaseSet, ...]:
    """Group convictions into court cases and decide each case's forms, then one set per arrest to seal, then the
    juvenile sealing request when the person has that route; cases with nothing to file are left out.

    `relief_granted` names convictions whose case a court has already cleared (published for the look-up, issue 12):
    no petition is planned for them."""
    results = {result.id: result for result in screening.convictions}
    groups: dict[tuple[str, str], list[tuple[ConvictionFacts, ConvictionResult]]] = {}
    for facts in convictions:
        if facts.id in relief_granted:
            continue
        result = results.get(facts.id)
        if result is None or not _actionable(result.determinations):
            continue
        groups.setdefault(_case_key(facts), []).append((facts, result))
    case_sets = (_plan_case(members, today=today) for members in groups.values())
    arrest_results = {result.id: result for result in screening.arrests}
    arrest_sets = (_plan_arrest(facts, arrest_results[facts.id]) for facts in arrests if facts.id in arrest_results)
    juvenile_set = _plan_juvenile(screening.person_routes)
    return tuple(case_set for case_set in (*case_sets, *arrest_sets, juvenile_set)
                 if case_set is not None and case_set.form_numbers)


JUVENILE_FORM = "JV-595"


def _plan_juvenile(person_routes: Iterable[Determination]) -> CaseSet | None:
    """The JV-595 set when a person route (WIC 781) names that form; filed in the juvenile court of a county the
    questionnaire does not ask, so the court stays unknown and the cover sheet says where to take it."""
    actionable = [d for d in _actionable(person_routes) if d.form == JUVENILE_FORM]
    if not actionable:
        return None
    return CaseSet(county=None, case_number=None, court=court_for_county(None), cr400=None, prop47=None, cr180=None,
                   review_reasons=_review_reasons(actionable), juvenile=True)


def stored_person_route_files(stored_screening: Mapping[str, Any]) -> bool:
    """Whether a stored screening (its JSON) has a person route whose form the packet files (the JV-595), which no
    county bounds: the resident's download and every office's offer it."""
    return any(d.get("form") == JUVENILE_FORM and d.get("outcome") in ACTIONABLE_OUTCOMES
               for d in stored_screening.get("person_routes") or [])


def _plan_arrest(facts: ArrestFacts, result: ArrestResult) -> CaseSet | None:
    """The CR-409 set of one arrest; filed in the county of the arrest (or of the court case, which the person gave)."""
    actionable = _actionable(result.determinations)
    if not actionable:
        return None
    court = court_for_county(facts.county)
    return CaseSet(
        county=court.county, case_number=None, court=court, cr400=None, prop47=None, cr180=None,
        review_reasons=_review_reasons(actionable),
        cr409=Cr409Request(arrest_date=format_dates([facts.arrest_date]), agency=facts.agency or "",
                           outcome=facts.outcome,
                           interests_of_justice=any(d.basis == "interests_of_justice" for d in actionable)),
    )


def _review_reasons(determinations: Iterable[Determination]) -> tuple[Reason, ...]:
    """The reasons of every needs_review determination, once each: what the cover sheet asks an attorney to check."""
    review: list[Reason] = []
    for determination in determinations:
        if determination.outcome == "needs_review":
            review.extend(r for r in determination.reasons if r not in review)
            if not determination.reasons:
                review.append(_GENERIC_REVIEW)
    return tuple(review)


def _actionable(determinations: Iterable[Determination]) -> list[Determination]:
    return [d for d in determinations if d.outcome in ACTIONABLE_OUTCOMES]


def _case_key(facts: ConvictionFacts) -> tuple[str, str]:
    county = court_for_county(facts.county).county or ""
    case_number = " ".join((facts.case_number or "").split()).upper()
    # Without a case number we cannot tell cases apart, so such a count stands alone.
    return (county.casefold(), case_number or f"\0{facts.id}")


def _plan_case(members: list[tuple[ConvictionFacts, ConvictionResult]], *, today: date) -> CaseSet:
    first = members[0][0]
    review = _review_reasons(d for _, result in members for d in _actionable(result.determinations))
    return CaseSet(
        county=court_for_county(first.county).county,
        case_number=first.case_number.strip() if first.case_number else None,
        court=court_for_county(first.county),
        cr400=_plan_cr400(members),
        prop47=_plan_prop47(members, today=today),
        cr180=_plan_cr180(members),
        review_reasons=review,
        chain_reasons=tuple(dict.fromkeys(result.chain.reason for _, result in members if result.chain is not None)),
    )


_GENERIC_REVIEW = Reason(
    en="Some facts about this case are unknown; an attorney should review it before filing.",
    es="Faltan algunos datos de este caso; un abogado debe revisarlo antes de presentarlo.",
)


def _for_remedy(members: list[tuple[ConvictionFacts, ConvictionResult]], remedies: frozenset[str]) -> list[tuple[ConvictionFacts, ConvictionResult, Determination]]:
    return [
        (facts, result, d)
        for facts, result in members
        for d in _actionable(result.determinations)
        if d.remedy in remedies
    ]


def _plan_cr400(members: list[tuple[ConvictionFacts, ConvictionResult]]) -> Cr400Request | None:
    found = _for_remedy(members, frozenset({"prop64"}))
    if not found:
        return None
    sections = frozenset(r.offense.section for _, r, _ in found if r.offense is not None and PROP64_OFFENSES.match(r.offense) != NO)
    bases = {d.basis for _, _, d in found}
    return Cr400Request(sections=sections, petition="petition" in bases, application="application" in bases)


def _plan_prop47(members: list[tuple[ConvictionFacts, ConvictionResult]], *, today: date) -> Prop47Request | None:
    found = _for_remedy(members, frozenset({"prop47"}))
    if not found:
        return None
    bases = {d.basis for _, _, d in found}
    offenses = tuple(dict.fromkeys(_citation(facts, result) for facts, result, _ in found))
    sentences = tuple(dict.fromkeys(_SENTENCE_WORDS[f.sentence] for f, _, _ in found if f.sentence in _SENTENCE_WORDS))
    return Prop47Request(
        offenses=offenses,
        conviction_dates=format_dates(f.conviction_date for f, _, _ in found),
        sentence=", ".join(sentences),
        resentencing="petition" in bases,
        reduction="application" in bases,
        in_custody=any(f.sentence in ("county_jail", "state_prison") and f.sentence_completed is False for f, _, _ in found),
        good_cause_required=today > PROP47_DEADLINE,  # PC 1170.18(j): later applications need good cause
    )


def _plan_cr180(members: list[tuple[ConvictionFacts, ConvictionResult]]) -> Cr180Request | None:
    found = _for_remedy(members, CR180_REMEDIES)
    if not found:
        return None
    boxes: set[str] = set()
    for _, _, d in found:
        if d.remedy in _CR180_ITEM:
            boxes.add(_CR180_ITEM[d.remedy])
        sub_box = _CR180_SUB_BOX.get((d.remedy, d.basis or ""))
        if sub_box:
            boxes.add(sub_box)
    counts: list[CountLine] = []
    for facts, result in members:
        remedies = {d.remedy for d in _actionable(result.determinations)}
        if not remedies & CR180_REMEDIES:
            continue
        offense = result.offense
        counts.append(
            CountLine(
                conviction_id=facts.id,
                code=offense.code if offense else "",
                section=_section(result) if offense else facts.offense_text,
                level=facts.level or "",
                reduce_17b="yes" if "pc17b" in remedies else "no",
                reduce_17d2="yes" if "pc17d2" in remedies else "no",
                conviction_date=facts.conviction_date,
            )
        )
    return Cr180Request(counts=tuple(counts), boxes=frozenset(boxes))


def _section(result: ConvictionResult) -> str:
    offense = result.offense
    assert offense is not None
    return offense.section + "".join(f"({part})" for part in (offense.subparts or ((offense.subdivision,) if offense.subdivision else ())))


def _citation(facts: ConvictionFacts, result: ConvictionResult) -> str:
    if result.offense is None:
        return facts.offense_text
    return f"{result.offense.code} {_section(result)}"
