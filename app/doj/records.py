"""From DOJ rows to a person's record: the counts they were convicted of, as engine facts.

The file has one row per event or count; a person is all rows sharing SUBJECT_ID, and a count
with several sentence parts spans several rows sharing CNT_ORDER (doc: doj-format.md).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from app.doj.columns import (
    CNT_ORDER,
    COMMENT_TEXT,
    CONV_STAT_DESCR,
    CYC_DATE,
    DISP_DATE,
    DISP_DESCR,
    FE_NUM_CRT_CASE,
    OFFENSE_DESCR,
    OFFENSE_TOC,
    OFN,
    PRI_DOB,
    PRI_NAME,
    SENT_LENGTH,
    SENT_LOC_DESCR,
    SENT_TIME_CODE,
    STP_EVENT_DATE,
    STP_ORI_CNTY_NAME,
    STP_TYPE_DESCR,
    SUBJECT_ID,
)
from app.doj.reader import DojRow, RejectedRow, parse_doj_date
from app.doj.seen import SubjectHistory
from app.eligibility.facts import ConvictionFacts

SEE_COMMENT = "SEE COMMENT FOR CHARGE"
LEVEL_BY_STATUS = {"FELONY": "felony", "MISDEMEANOR": "misdemeanor", "INFRACTION": "infraction"}
LEVEL_BY_TYPE_OF_CHARGE = {"F": "felony", "M": "misdemeanor", "I": "infraction"}
# Most severe first: when a count has several sentence parts, the engine is told the heaviest.
SENTENCE_BY_LOCATION = (("PRISON", "state_prison"), ("JAIL", "county_jail"), ("PROBATION", "probation"), ("FINE", "fine_only"))
DAYS_PER_UNIT = {"D": 1, "M": 30, "Y": 365}


# The first fields of ConvictionFacts in order, as Count.to_facts passes them.
_FACTS_ORDER = (
    "id", "offense_text", "county", "case_number", "level", "conviction_date", "sentence", "probation_completed",
    "probation_violated", "sentence_completed", "sentence_completed_date", "value_over_950",
    "probation_terminated_early", "mandatory_supervision", "dej_dismissed", "trafficking_victim", "offense_date",
    "offense_date_latest",
)
if tuple(field.name for field in fields(ConvictionFacts))[: len(_FACTS_ORDER)] != _FACTS_ORDER:
    raise ImportError("ConvictionFacts' fields changed order: update Count.to_facts")


@dataclass(slots=True)
class Count:
    """One convicted count; ``row_positions`` index the subject's rows that describe it."""

    count_order: str
    offense_text: str
    county: str
    court_case: str  # groups the counts of one court event (engine's case_number); see court_case_key
    docket: str  # what a court would recognise: OFN or the court case number, when the DOJ has it
    level: str | None
    conviction_date: date | None
    sentence: str | None
    sentence_days: int
    row_positions: list[int] = field(default_factory=list)
    arrest_date: date | None = None  # the arrest cycle's date (CYC_DATE): the offense came on or before it

    @property
    def engine_id(self) -> str:
        return self.count_order

    @property
    def sentence_end(self) -> date | None:
        """When the recorded sentence parts ran out; the DOJ record is the authority, so a count with
        no sentence recorded has nothing left to serve once it is entered."""
        if self.conviction_date is None:
            return None
        return self.conviction_date + timedelta(days=self.sentence_days)

    def to_facts(self) -> ConvictionFacts:
        """The engine's facts of this count. Positional (``_FACTS_ORDER`` checks the order at import): a
        bulk run makes one per count of everyone with a marijuana count, and keywords cost a third more."""
        when = self.conviction_date
        return ConvictionFacts(
            self.count_order,  # engine_id
            self.offense_text,
            self.county or None,
            self.court_case or None,
            self.level,
            when,
            self.sentence,
            None,
            None,
            None,
            None if when is None else when + timedelta(days=self.sentence_days),  # sentence_end
            None,
            None,
            None,
            None,
            None,
            None,
            self.arrest_date,
        )


@dataclass(slots=True)
class Subject:
    subject_id: str
    name: str
    date_of_birth: date | None
    rows: list[DojRow]
    counts: list[Count]
    deceased: bool
    pc290_registration: bool
    rows_not_contiguous: bool = False  # the same SUBJECT_ID appeared earlier in the file


class BoundedMemo(dict):  # type: ignore[type-arg]
    """``read(value)`` by value, worked out once per distinct value: a county's file repeats the same
    dispositions, event types, counties, sentence locations (and, in the outputs, dates, citations
    and reasons) on millions of rows, and a hit is a plain dict lookup. Emptied past ``limit``
    values, so a file full of odd values cannot grow it for ever."""

    def __init__(self, read: Callable[[Any], Any], limit: int = 10_000) -> None:
        super().__init__()
        self.read = read
        self.limit = limit

    def __missing__(self, value: Any) -> Any:
        if len(self) > self.limit:
            self.clear()
        meaning = self[value] = self.read(value)
        return meaning


_normalised = BoundedMemo(lambda text: text.strip().upper())  # county names, statuses, event types


def offense_text_of(fields: list[str]) -> str:
    text = fields[OFFENSE_DESCR].strip()
    if not text or text.upper() == SEE_COMMENT:
        return fields[COMMENT_TEXT].strip()
    return text


def level_of(fields: list[str]) -> str | None:
    status = _normalised[fields[CONV_STAT_DESCR]]
    if status:
        return LEVEL_BY_STATUS.get(status)
    return LEVEL_BY_TYPE_OF_CHARGE.get(_normalised[fields[OFFENSE_TOC]])


def _sentence_days_of(length: str, time_code: str) -> int:
    length = length.strip()
    unit = DAYS_PER_UNIT.get(time_code.strip().upper())
    return int(length) * unit if length.isdigit() and unit else 0


def _sentence_kind(location: str) -> str | None:
    for keyword, kind in SENTENCE_BY_LOCATION:
        if keyword in location:
            return kind
    return None


_SEVERITY = {kind: rank for rank, (_, kind) in enumerate(SENTENCE_BY_LOCATION)}


def _heavier(first: str | None, second: str | None) -> str | None:
    if first is None or second is None:
        return first or second
    return first if _SEVERITY[first] <= _SEVERITY[second] else second


def _is_conviction_text(disposition: str) -> bool:
    return disposition.lstrip().upper().startswith("CONVICTED")


_EVENT_DATE_COLUMNS = (DISP_DATE, STP_EVENT_DATE, CYC_DATE)  # the first one given is the count's date


def _event_date(fields: list[str]) -> date | None:
    for position in _EVENT_DATE_COLUMNS:
        text = fields[position]
        if text and (value := parse_doj_date(text)) is not None:  # validated by the reader already
            return value
    return None


def court_case_key(fields: list[str]) -> str:
    """Counts of one court event share the first 6 characters of CNT_ORDER (doj-format.md); the
    county and date are part of the key too, so that counts years apart or in another county's
    court are never taken for one case (which would hide a prior from the engine)."""
    event = fields[CNT_ORDER].strip()[:6] or fields[OFN].strip()
    when = fields[DISP_DATE] or fields[STP_EVENT_DATE] or fields[CYC_DATE]
    return f"{_normalised[fields[STP_ORI_CNTY_NAME]]}|{event}|{when.strip()}"


def _docket_of(fields: list[str]) -> str:
    return fields[OFN].strip() or fields[FE_NUM_CRT_CASE].strip()


def _fill_missing_dockets(rows: list[DojRow], counts: list[Count]) -> None:
    """A count whose own row lacks the case number takes one from another row of its court case."""
    missing = {count.court_case for count in counts if not count.docket}
    if not missing:
        return
    found: dict[str, str] = {}
    for row in rows:
        docket = _docket_of(row.fields)
        if docket:
            key = court_case_key(row.fields)
            if key in missing:
                found.setdefault(key, docket)
    for count in counts:
        if not count.docket:
            count.docket = found.get(count.court_case, "")


_convicted = BoundedMemo(_is_conviction_text)
_location_kind = BoundedMemo(lambda location: _sentence_kind(location.upper()))
_days_of_sentence = BoundedMemo(lambda length_and_unit: _sentence_days_of(*length_and_unit))


def _new_count(key: str, fields: list[str], position: int) -> Count:
    return Count(  # positional: this runs once per count of a file of millions of rows
        key,
        offense_text_of(fields),
        _normalised[fields[STP_ORI_CNTY_NAME]],
        court_case_key(fields),
        _docket_of(fields),
        level_of(fields),
        _event_date(fields),
        None,
        0,
        [position],
        parse_doj_date(fields[CYC_DATE]) if fields[CYC_DATE] else None,
    )


def build_subject(rows: list[DojRow]) -> Subject:
    """Fold a person's rows into counts; several rows with one CNT_ORDER are one count's sentence parts."""
    first = rows[0].fields
    all_fields = [row.fields for row in rows]
    deceased = registered = False
    for event_type in {fields[STP_TYPE_DESCR] for fields in all_fields}:  # a handful of distinct texts
        kind = _normalised[event_type]
        if kind == "DECEASED":
            deceased = True
        elif kind == "REGISTRATION" and not registered:
            registered = any(
                fields[STP_TYPE_DESCR] == event_type and fields[OFFENSE_DESCR].lstrip().startswith("290") for fields in all_fields
            )
    counts: dict[str, Count] = {}
    convicted = _convicted
    for position, fields in enumerate(all_fields):
        if not convicted[fields[DISP_DESCR]]:  # only conviction rows become counts
            continue
        key = fields[CNT_ORDER].strip() or f"line-{rows[position].line}"
        count = counts.get(key)
        if count is None:
            count = counts[key] = _new_count(key, fields, position)
        else:
            count.row_positions.append(position)
        sentence = _location_kind[fields[SENT_LOC_DESCR]]
        if sentence is not None:
            count.sentence = _heavier(count.sentence, sentence)
        if fields[SENT_LENGTH]:
            count.sentence_days += _days_of_sentence[fields[SENT_LENGTH], fields[SENT_TIME_CODE]]
    found = list(counts.values())
    if found and any(not count.docket for count in found):
        _fill_missing_dockets(rows, found)
    return Subject(
        first[SUBJECT_ID].strip(),
        first[PRI_NAME].strip(),
        parse_doj_date(first[PRI_DOB]),
        rows,
        found,
        deceased,
        registered,
    )


def group_subjects(
    items: Iterable[list[DojRow] | DojRow | RejectedRow], finished: SubjectHistory | None = None
) -> Iterator[Subject | RejectedRow]:
    """Yield each person as soon as their rows end; rejected rows pass straight through.

    ``items`` are runs of rows (``DojReader.runs()``) or single rows; consecutive ones of one
    SUBJECT_ID (stripped) are one person. The IDs of finished people go to ``finished`` (a
    ``SubjectHistory``, whose memory does not grow with the file), to flag a person whose rows are
    split across the file; pass one to read its log afterwards, or a temporary one is used.
    """
    history = SubjectHistory() if finished is None else finished
    current_id: str | None = None
    current_rows: list[DojRow] = []

    def close() -> Subject:
        subject = build_subject(current_rows)
        subject.rows_not_contiguous = history.finish(current_id)  # type: ignore[arg-type]
        return subject

    try:
        for item in items:
            if isinstance(item, RejectedRow):
                yield item
                continue
            run = [item] if isinstance(item, DojRow) else item
            subject_id = run[0].fields[SUBJECT_ID].strip()
            if subject_id == current_id:
                current_rows.extend(run)
                continue
            if current_rows:
                yield close()
            current_id = subject_id
            current_rows = list(run)
        if current_rows:
            yield close()
    finally:
        if finished is None:
            history.discard()
