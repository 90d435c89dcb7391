"""From DOJ rows to a person's record: the counts they were convicted of, as engine facts.

The file has one row per event or count; a person is all rows sharing SUBJECT_ID, and a count
with several sentence parts spans several rows sharing CNT_ORDER (doc: doj-format.md).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.doj import columns as col
from app.doj.reader import DojRow, RejectedRow, parse_doj_date
from app.eligibility.facts import ConvictionFacts

SEE_COMMENT = "SEE COMMENT FOR CHARGE"
LEVEL_BY_STATUS = {"FELONY": "felony", "MISDEMEANOR": "misdemeanor", "INFRACTION": "infraction"}
LEVEL_BY_TYPE_OF_CHARGE = {"F": "felony", "M": "misdemeanor", "I": "infraction"}
# Most severe first: when a count has several sentence parts, the engine is told the heaviest.
SENTENCE_BY_LOCATION = (("PRISON", "state_prison"), ("JAIL", "county_jail"), ("PROBATION", "probation"), ("FINE", "fine_only"))
DAYS_PER_UNIT = {"D": 1, "M": 30, "Y": 365}


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
        return ConvictionFacts(
            id=self.engine_id,
            offense_text=self.offense_text,
            county=self.county or None,
            case_number=self.court_case or None,
            level=self.level,
            conviction_date=self.conviction_date,
            sentence=self.sentence,
            sentence_completed_date=self.sentence_end,
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


def offense_text_of(fields: list[str]) -> str:
    text = fields[col.OFFENSE_DESCR].strip()
    if not text or text.upper() == SEE_COMMENT:
        return fields[col.COMMENT_TEXT].strip()
    return text


def level_of(fields: list[str]) -> str | None:
    status = fields[col.CONV_STAT_DESCR].strip().upper()
    if status:
        return LEVEL_BY_STATUS.get(status)
    return LEVEL_BY_TYPE_OF_CHARGE.get(fields[col.OFFENSE_TOC].strip().upper())


def _sentence_days(fields: list[str]) -> int:
    length = fields[col.SENT_LENGTH].strip()
    unit = DAYS_PER_UNIT.get(fields[col.SENT_TIME_CODE].strip().upper())
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


def is_conviction(fields: list[str]) -> bool:
    return fields[col.DISP_DESCR].lstrip().upper().startswith("CONVICTED")


def _event_date(fields: list[str]) -> date | None:
    for position in (col.DISP_DATE, col.STP_EVENT_DATE, col.CYC_DATE):
        value = parse_doj_date(fields[position])  # rows reaching here were validated by the reader
        if value is not None:
            return value
    return None


def court_case_key(fields: list[str]) -> str:
    """Counts of one court event share the first 6 characters of CNT_ORDER (doj-format.md); the
    county and date are part of the key too, so that counts years apart or in another county's
    court are never taken for one case (which would hide a prior from the engine)."""
    event = fields[col.CNT_ORDER].strip()[:6] or fields[col.OFN].strip()
    when = fields[col.DISP_DATE] or fields[col.STP_EVENT_DATE] or fields[col.CYC_DATE]
    return f"{fields[col.STP_ORI_CNTY_NAME].strip().upper()}|{event}|{when.strip()}"


def _docket_of(fields: list[str]) -> str:
    return fields[col.OFN].strip() or fields[col.FE_NUM_CRT_CASE].strip()


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


def build_subject(rows: list[DojRow]) -> Subject:
    """Fold a person's rows into counts; several rows with one CNT_ORDER are one count's sentence parts."""
    first = rows[0].fields
    counts: dict[str, Count] = {}
    deceased = registered = False
    for position, row in enumerate(rows):
        fields = row.fields
        event_type = fields[col.STP_TYPE_DESCR].strip().upper()
        if event_type == "DECEASED":
            deceased = True
        elif event_type == "REGISTRATION" and fields[col.OFFENSE_DESCR].lstrip().startswith("290"):
            registered = True
        if not is_conviction(fields):
            continue
        key = fields[col.CNT_ORDER].strip() or f"line-{row.line}"
        count = counts.get(key)
        if count is None:
            count = counts[key] = Count(
                count_order=key,
                offense_text=offense_text_of(fields),
                county=fields[col.STP_ORI_CNTY_NAME].strip().upper(),
                court_case=court_case_key(fields),
                docket=_docket_of(fields),
                level=level_of(fields),
                conviction_date=_event_date(fields),
                sentence=None,
                sentence_days=0,
            )
        count.row_positions.append(position)
        count.sentence = _heavier(count.sentence, _sentence_kind(fields[col.SENT_LOC_DESCR].upper()))
        count.sentence_days += _sentence_days(fields)
    _fill_missing_dockets(rows, list(counts.values()))
    return Subject(
        subject_id=first[col.SUBJECT_ID].strip(),
        name=first[col.PRI_NAME].strip(),
        date_of_birth=parse_doj_date(first[col.PRI_DOB]),
        rows=rows,
        counts=list(counts.values()),
        deceased=deceased,
        pc290_registration=registered,
    )


def group_subjects(items: Iterable[DojRow | RejectedRow]) -> Iterator[Subject | RejectedRow]:
    """Yield each person as soon as their run of rows ends; rejected rows pass straight through.

    Only the IDs of finished people are remembered (to flag a person whose rows are split
    across the file), so memory grows with people, not rows, and stays small.
    """
    finished: set[str] = set()
    current_id: str | None = None
    current_rows: list[DojRow] = []

    def close() -> Subject:
        subject = build_subject(current_rows)
        subject.rows_not_contiguous = current_id in finished
        finished.add(current_id)  # type: ignore[arg-type]
        return subject

    for item in items:
        if isinstance(item, RejectedRow):
            yield item
            continue
        subject_id = item.fields[col.SUBJECT_ID].strip()
        if subject_id != current_id and current_rows:
            yield close()
            current_rows = []
        current_id = subject_id
        current_rows.append(item)
    if current_rows:
        yield close()
