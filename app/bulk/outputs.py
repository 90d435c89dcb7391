"""The files a run leaves for the DA: CSVs written as people stream by, and the summary tally.

Every writer appends as each person is finished, so nothing grows with the file except counters.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, NamedTuple

from app.bulk.policy import DA_OUTCOMES, PROP64_SECTIONS
from app.bulk.screening import CountResult, ReliefImpact, SubjectResult
from app.doj.columns import COLUMNS
from app.doj.reader import RejectedRow
from app.doj.records import BoundedMemo
from app.eligibility.tables import PROP64_EFFECTIVE
from app.spreadsheet import neutralise

RESULTS_FILE = "results.csv"
PROP64_RESULTS_FILE = "prop64_results.csv"
ERRORS_FILE = "errors.csv"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "report.pdf"

ELIGIBILITY_COLUMNS: tuple[str, ...] = (
    "SOURCE_FILE",
    "SOURCE_LINE",
    "IS_CONVICTION",
    "CASE_NUMBER",
    "CONVICTION_DATE",
    "CODE_SECTION",
    "IS_FELONY",
    "IS_PROP64",
    "IN_COUNTY",
    "CONVICTIONS_ON_RECORD",
    "PRIOR_SUPERSTRIKES",
    "PC290_CONVICTIONS",
    "PC290_REGISTRATION",
    "AFTER_NOV_9_2016",
    "YEARS_SINCE_THIS_CONVICTION",
    "YEARS_SINCE_ANY_CONVICTION",
    "DECEASED",
    "DETERMINATION",
    "REASON",
)
COURT_LIST_COLUMNS: tuple[str, ...] = ("CASE_NUMBER", "NAME", "DATE_OF_BIRTH", "CONVICTION_DATE", "SECTIONS")


def court_list_name(outcome: str, extension: str) -> str:
    return f"{outcome}_list.{extension}"


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _years_since(value: date | None, as_of: date) -> str:
    if value is None:
        return ""
    return f"{(as_of - value).days / 365.25:.1f}"


def _date_columns(value: date | None, as_of: date) -> tuple[str, str, str]:
    """(CONVICTION_DATE, YEARS_SINCE_..., AFTER_NOV_9_2016) for one date; blanks when unknown."""
    after = None if value is None else value > PROP64_EFFECTIVE
    return _iso(value), _years_since(value, as_of), _yes_no(after)


class PersonColumns(NamedTuple):
    """The appended columns that describe the whole person, repeated on each of their rows (CSV-ready)."""

    convictions: str
    pc290_sections: str
    pc290_registration: str
    years_since_any: str
    deceased: str


def _non_conviction_columns(person: PersonColumns) -> str:
    p = person
    return ",".join(("no", "", "", "", "", "", "", p.convictions, "", p.pc290_sections, p.pc290_registration, "", "",
                     p.years_since_any, p.deceased, "", ""))


def _field(value: str) -> str:
    """One CSV field, quoted only when it must be (as csv.writer's QUOTE_MINIMAL would)."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:  # (four scans beat one regex search)
        return '"' + value.replace('"', '""') + '"'
    return value


# Lines joined per write: 256 lines (~100 KB) stay below malloc's mmap threshold; 4,096 (~2 MB strings) made the
# heap grow through a long run (7 MB more per process at 2 million rows), for no measurable speed.
_PENDING_LINES = 256


class _CsvFile:
    def __init__(self, path: Path, header: tuple[str, ...] | list[str] | None) -> None:
        self.handle: IO[str] = open(path, "w", newline="", encoding="utf-8", buffering=1 << 20)
        self.writer = csv.writer(self.handle, lineterminator="\n")
        if header is not None:
            self.writer.writerow(header)
        self.rows = 0
        self.pending: list[str] = []  # formed lines not yet handed to the file: one write per few thousand

    def write(self, row: list[str]) -> None:
        self._flush()
        self.writer.writerow(row)
        self.rows += 1

    def write_lines(self, lines: list[str]) -> None:
        """Already-formed CSV lines, newlines included."""
        self.pending += lines
        self.rows += len(lines)
        if len(self.pending) >= _PENDING_LINES:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.handle.write("".join(self.pending))
            self.pending.clear()

    def close(self) -> None:
        self._flush()
        self.handle.close()


# Values cached by the writers below (file names, dates, citations, reasons) are cleared past this many.
_CACHE_LIMIT = 100_000
_YES_NO = {None: "", True: "yes", False: "no"}
_FELONY_COLUMN = {None: "", "": "", "felony": "yes"}  # IS_FELONY: blank when the level is unknown, else "no"


class RunWriters:
    """results.csv, prop64_results.csv, errors.csv and one court list CSV per outcome.

    ``headers=False`` writes the rows only: a later piece of a run split over processes, whose
    files are appended to the first piece's (``STREAMED_FILES`` names them all).
    """

    STREAMED_FILES: tuple[str, ...] = (
        RESULTS_FILE,
        PROP64_RESULTS_FILE,
        ERRORS_FILE,
        *(court_list_name(outcome, "csv") for outcome in DA_OUTCOMES),
    )

    def __init__(self, out_dir: Path, as_of: date, headers: bool = True) -> None:
        self.out_dir = out_dir
        self.as_of = as_of
        header = list(COLUMNS) + list(ELIGIBILITY_COLUMNS) if headers else None
        self.results = _CsvFile(out_dir / RESULTS_FILE, header)
        self.prop64 = _CsvFile(out_dir / PROP64_RESULTS_FILE, header)
        self.errors = _CsvFile(out_dir / ERRORS_FILE, ("FILE", "LINE", "REASON") if headers else None)
        self._fields = BoundedMemo(_field, _CACHE_LIMIT)  # free text as one CSV field
        self._dates = BoundedMemo(lambda value: _date_columns(value, as_of), _CACHE_LIMIT)
        self.court_lists = {
            outcome: _CsvFile(out_dir / court_list_name(outcome, "csv"), COURT_LIST_COLUMNS if headers else None)
            for outcome in DA_OUTCOMES
        }

    def write_rejected(self, row: RejectedRow) -> None:
        self.errors.write([neutralise(row.source), str(row.line), neutralise(row.reason)])

    def write_subject(self, result: SubjectResult) -> None:
        subject = result.subject
        rows = subject.rows
        person = PersonColumns(
            convictions=str(len(subject.counts)),
            pc290_sections=_field("; ".join(result.pc290_sections)) if result.pc290_sections else "",
            pc290_registration=_YES_NO[subject.pc290_registration],
            years_since_any=self._dates[result.latest_conviction_date][1],
            deceased=_YES_NO[subject.deceased],
        )
        # The input row is copied as it stood in the file; the appended columns are formatted once per count.
        appended = [_non_conviction_columns(person)] * len(rows)
        wanted: list[int] = []  # positions of the rows that also go to prop64_results.csv
        for count_result in result.counts:
            columns = self._count_columns(count_result, person)
            positions = count_result.count.row_positions
            for position in positions:
                appended[position] = columns
            if count_result.prop64_section or count_result.decision:
                wanted.extend(positions)
        fields = self._fields
        lines = [f"{row.text},{fields[row.source]},{row.line},{columns}\n" for row, columns in zip(rows, appended)]
        self.results.write_lines(lines)
        if wanted:  # every count with a decision is among these rows, so no rows: no court list lines
            self.prop64.write_lines([lines[position] for position in sorted(wanted)])
            self._write_court_lists(result)

    def _count_columns(self, result: CountResult, person: PersonColumns) -> str:
        """The appended columns of a conviction row, as CSV; only free text can need quoting."""
        count = result.count
        decision = result.decision
        iso, years_since, after_prop64 = self._dates[count.conviction_date]
        return ",".join(
            (
                "yes",
                _field(count.docket),
                iso,
                self._fields[result.citation],
                _FELONY_COLUMN.get(count.level, "no"),
                "no" if result.prop64_section is None else "yes",
                "yes" if result.in_county else "no",
                person.convictions,
                _field("; ".join(result.prior_superstrikes)) if result.prior_superstrikes else "",
                person.pc290_sections,
                person.pc290_registration,
                after_prop64,
                years_since,
                person.years_since_any,
                person.deceased,
                decision.outcome if decision else "",
                self._fields[decision.reason] if decision else "",
            )
        )

    def _write_court_lists(self, result: SubjectResult) -> None:
        """One line per court case and outcome: what a bulk motion and proposed order list."""
        decided = result.decisions()
        if not decided:
            return
        cases: dict[tuple[str, str], list[CountResult]] = {}
        for count_result in decided:
            key = (count_result.decision.outcome, count_result.count.court_case)  # type: ignore[union-attr]
            cases.setdefault(key, []).append(count_result)
        subject = result.subject
        for (outcome, _), counts in cases.items():
            dates = sorted({c.count.conviction_date for c in counts if c.count.conviction_date})
            self.court_lists[outcome].write(
                [
                    neutralise(counts[0].count.docket),  # DOJ text, opened by court clerks in a spreadsheet
                    neutralise(subject.name),
                    _iso(subject.date_of_birth),
                    ", ".join(_iso(d) for d in dates),
                    ", ".join(dict.fromkeys(c.citation for c in counts)),
                ]
            )

    def close(self) -> None:
        for writer in (self.results, self.prop64, self.errors, *self.court_lists.values()):
            writer.close()


def _section_key(result: CountResult) -> str:
    offense = result.offense
    return f"{offense.code} {offense.section}" if offense else result.citation


@dataclass
class RunTally:
    """The counters behind summary.json and report.pdf."""

    rows_read: int = 0
    rows_rejected: int = 0
    subjects: int = 0
    subjects_not_contiguous: int = 0
    convictions: int = 0
    prop64_convictions: int = 0
    plea_signal_convictions: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    by_section: dict[str, Counter[str]] = field(default_factory=lambda: {f"HS {s}": Counter() for s in PROP64_SECTIONS})
    people_with_prop64_convictions: int = 0
    people_granted_relief: int = 0
    people_left_without_felony: int = 0
    people_left_without_recent_conviction: int = 0
    people_left_without_conviction: int = 0

    def add_rejected(self) -> None:
        self.rows_read += 1
        self.rows_rejected += 1

    def add_subject(self, result: SubjectResult, impact: ReliefImpact) -> None:
        subject = result.subject
        self.rows_read += len(subject.rows)
        if subject.rows_not_contiguous:
            self.subjects_not_contiguous += 1
        else:
            self.subjects += 1
        self.convictions += len(subject.counts)
        self.people_left_without_felony += impact.no_felony
        self.people_left_without_recent_conviction += impact.no_recent_conviction
        self.people_left_without_conviction += impact.no_conviction
        decided = result.decisions()
        if not decided:  # most people: no Prop 64 count in the county
            return
        self.people_with_prop64_convictions += 1
        for count_result in decided:
            outcome = count_result.decision.outcome  # type: ignore[union-attr]
            if count_result.prop64_section is None:
                self.plea_signal_convictions += 1
            else:
                self.prop64_convictions += 1
            self.outcomes[outcome] += 1
            section = _section_key(count_result)
            by_outcome = self.by_section.get(section)
            if by_outcome is None:
                by_outcome = self.by_section[section] = Counter()
            by_outcome[outcome] += 1
        if any(r.decision.outcome in ("dismissal", "reduction") for r in decided):  # type: ignore[union-attr]
            self.people_granted_relief += 1

    def merge(self, other: RunTally) -> None:
        """Add the counts of another piece of the same run."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, dict):  # the Counters, and by_section's Counter per section
                for key, count in value.items():
                    if isinstance(count, Counter):
                        mine.setdefault(key, Counter()).update(count)
                    else:
                        mine[key] += count
            else:
                setattr(self, name, mine + value)

    def to_json(self, **run_facts: Any) -> dict[str, Any]:
        return {
            **run_facts,
            "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected,
            "subjects": self.subjects,
            "subjects_with_split_rows": self.subjects_not_contiguous,
            "convictions": self.convictions,
            "prop64_convictions": self.prop64_convictions,
            "outcomes": {outcome: self.outcomes[outcome] for outcome in DA_OUTCOMES},
            "plea_signal_convictions": self.plea_signal_convictions,
            "prop64_convictions_by_section": {
                section: {outcome: counter[outcome] for outcome in DA_OUTCOMES}
                for section, counter in self.by_section.items()
            },
            "people": {
                "with_prop64_convictions": self.people_with_prop64_convictions,
                "granted_relief": self.people_granted_relief,
                "left_with_no_felony": self.people_left_without_felony,
                "left_with_no_conviction_in_last_7_years": self.people_left_without_recent_conviction,
                "left_with_no_conviction": self.people_left_without_conviction,
            },
        }
