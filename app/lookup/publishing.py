"""Publishing granted relief for the look-up: from a finished DA bulk run or a CSV of court orders.

Nothing is half-published. A CSV is read twice from disk: the first pass validates every line (a line-numbered
error list, and nothing goes in if any line is wrong); the second writes every row in one transaction, in chunks,
so memory stays flat however long the file is. Publishing is an upsert on the keyed hash: the same rows again change
nothing, a row whose relief or date differs replaces the earlier entry (a correction), and a row whose `action` is
`withdraw` removes it. The batch row and the audit log keep who, when, which county and how many rows, never the
personal values.
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, insert, select, update

from app.audit import record_audit
from app.bulk import jobs
from app.bulk.outputs import RESULTS_FILE
from app.bulk.policy import DISMISSAL, REDUCTION
from app.doj.reader import parse_doj_date
from app.extensions import db
from app.lookup.matching import Identity, active_keys, counties_by_key, county_key, key_id, lookup_hash, normalize_case_number, normalize_last_name
from app.models import RELIEFS, BulkJob, ClearedRecord, County, PublishBatch, User, utcnow

CHUNK_ROWS = 1000
MAX_LISTED_ERRORS = 200
PUBLISH, WITHDRAW, SKIP = "publish", "withdraw", "skip"  # skip: a bulk row that cannot be looked up
CSV_COLUMNS = ("county", "case_number", "date_of_birth", "last_name", "relief", "order_date")
RELIEF_ALIASES = {"dismissed": "dismissal", "reduced": "reduction", "sealed": "sealing"}
BULK_RELIEFS = {DISMISSAL: "dismissal", REDUCTION: "reduction"}
PUBLISHING_ROLES = ("da", "court", "admin")


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown (templates/lookup/publish.html)."""
    return message


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 0: the file as a whole
    template: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PublishRow:
    line: int
    county: County
    identity: Identity
    relief: str
    order_date: dt.date | None  # None only for a withdrawal
    action: str = PUBLISH


class PublishRejected(Exception):
    """The file had errors, so nothing was published; `errors` lists the first MAX_LISTED_ERRORS."""

    def __init__(self, errors: list[RowError], error_count: int) -> None:
        super().__init__(f"{error_count} errors")
        self.errors = errors
        self.error_count = error_count


class NotPublishable(Exception):
    """A bulk run that cannot be published (not finished, another county's, outputs deleted)."""


def may_publish_for(user: User, county: County) -> bool:
    """DA and court staff publish only for their own county; an administrator for any."""
    return user.role == "admin" or (user.role in PUBLISHING_ROLES and user.county_id == county.id)


# ---------------------------------------------------------------------------------------------------------------
# Reading a CSV of court orders
# ---------------------------------------------------------------------------------------------------------------

def parse_date(text: str) -> dt.date | None:
    """2024-03-27 or 03/27/2024 (as a court clerk's spreadsheet writes it)."""
    text = (text or "").strip()
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)  # much faster than strptime, and a CSV has two dates a line
        return dt.datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        return None


def _csv_lines(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        missing = [name for name in CSV_COLUMNS if name not in header]
        if missing:
            raise PublishRejected([RowError(1, N_("The first line must name the columns; missing: %(columns)s."),
                                            {"columns": ", ".join(missing)})], 1)
        reader.fieldnames = header
        for values in reader:
            yield reader.line_num, {key: (value or "").strip() for key, value in values.items() if key}


def _csv_row(line: int, values: dict[str, str], user: User, counties: dict[str, County], today: dt.date) -> PublishRow | RowError:
    """One line as a row to publish, or the first thing wrong with it."""
    county = counties.get(county_key(values.get("county", "")))
    if county is None:
        return RowError(line, N_("Line %(line)s: the county is not a California county."), {"line": line})
    if not may_publish_for(user, county):
        return RowError(line, N_("Line %(line)s: you can publish only for your own county."), {"line": line})
    if not normalize_case_number(values.get("case_number", "")):
        return RowError(line, N_("Line %(line)s: the court case number is missing."), {"line": line})
    date_of_birth = parse_date(values.get("date_of_birth", ""))
    if date_of_birth is None or date_of_birth >= today:
        return RowError(line, N_("Line %(line)s: the date of birth must be a past date like 1985-03-27."), {"line": line})
    if not normalize_last_name(values.get("last_name", "")):
        return RowError(line, N_("Line %(line)s: the last name is missing."), {"line": line})
    action = (values.get("action") or PUBLISH).lower()
    if action not in (PUBLISH, WITHDRAW):
        return RowError(line, N_("Line %(line)s: the action must be publish or withdraw."), {"line": line})
    relief = RELIEF_ALIASES.get(values.get("relief", "").lower(), values.get("relief", "").lower())
    if action == PUBLISH and relief not in RELIEFS:
        return RowError(line, N_("Line %(line)s: the relief must be dismissal, reduction or sealing."), {"line": line})
    order_date = parse_date(values.get("order_date", ""))
    if action == PUBLISH and (order_date is None or order_date > today):
        return RowError(line, N_("Line %(line)s: the order date must be a date like 2026-11-30, not in the future."),
                        {"line": line})
    identity = Identity.of(county.slug, values["case_number"], date_of_birth, values["last_name"])
    return PublishRow(line, county, identity, relief, order_date, action)


def read_orders_csv(path: Path, user: User, today: dt.date | None = None) -> Iterator[PublishRow | RowError]:
    today = today or dt.date.today()
    counties = counties_by_key()
    try:
        for line, values in _csv_lines(path):
            yield _csv_row(line, values, user, counties, today)
    except UnicodeDecodeError:
        yield RowError(0, N_("The file is not a CSV file in UTF-8 text."))
    except csv.Error as error:
        yield RowError(0, N_("The file could not be read as CSV: %(problem)s."), {"problem": str(error)})


# ---------------------------------------------------------------------------------------------------------------
# Reading a finished bulk run's results
# ---------------------------------------------------------------------------------------------------------------

def publishable_runs(user: User) -> list[BulkJob]:
    """Finished runs whose outputs still exist, of the user's county (every county for an administrator)."""
    query = select(BulkJob).where(BulkJob.status == "done").order_by(BulkJob.created_at.desc())
    if user.role != "admin":
        query = query.where(BulkJob.county_id == user.county_id)
    return [job for job in db.session.scalars(query) if (jobs.output_folder(job) / RESULTS_FILE).is_file()]


def _last_name_of(doj_name: str) -> str:
    """The DOJ writes "LAST,FIRST MIDDLE"."""
    return doj_name.split(",", 1)[0]


_RELIEF_RANK = {"dismissal": 2, "reduction": 1}


def _bulk_row(line: int, values: dict[str, str], county: County, order_date: dt.date) -> PublishRow | None:
    relief = BULK_RELIEFS.get(values.get("DETERMINATION", ""))
    if relief is None or values.get("IN_COUNTY") != "yes" or values.get("IS_CONVICTION") != "yes":
        return None
    try:
        date_of_birth = parse_doj_date(values.get("PRI_DOB", ""))
    except ValueError:
        date_of_birth = None
    last_name = _last_name_of(values.get("PRI_NAME", ""))
    case_number = values.get("CASE_NUMBER", "")
    if date_of_birth is None or not normalize_last_name(last_name) or not normalize_case_number(case_number):
        return PublishRow(line, county, Identity(county.slug, "", dt.date.min, ""), relief, None, SKIP)
    return PublishRow(line, county, Identity.of(county.slug, case_number, date_of_birth, last_name), relief, order_date)


def _one_per_case(rows: list[PublishRow]) -> list[PublishRow]:
    """A person's counts of one case become one row; a dismissal of any count wins over a reduction."""
    best: dict[Identity, PublishRow] = {}
    skipped = [row for row in rows if row.action == SKIP]
    for row in rows:
        kept = best.get(row.identity)
        if row.action != SKIP and (kept is None or _RELIEF_RANK[row.relief] > _RELIEF_RANK[kept.relief]):
            best[row.identity] = row
    return [*best.values(), *skipped]


def read_bulk_run(job: BulkJob, order_date: dt.date) -> Iterator[PublishRow]:
    """The run's granted rows: in-county convictions the DA's policy dismisses or reduces, one per court case.

    results.csv lists each person's rows together, so a person's counts are merged before the next person is read.
    Rows without a case number, birth date or name cannot be looked up: they come out as `skip` (counted)."""
    county = job.county
    with open(jobs.output_folder(job) / RESULTS_FILE, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        person, rows = None, []
        for values in reader:
            if values.get("SUBJECT_ID") != person:
                yield from _one_per_case(rows)
                person, rows = values.get("SUBJECT_ID"), []
            row = _bulk_row(reader.line_num, values, county, order_date)
            if row is not None:
                rows.append(row)
        yield from _one_per_case(rows)


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

def _chunks(rows: Iterable[PublishRow]) -> Iterator[list[PublishRow]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        yield chunk


class _Entry(NamedTuple):
    """A cleared_record row as a chunk knows it: read from the table (with its id) or about to be inserted."""

    id: int  # 0: not inserted yet
    relief: str
    order_date: dt.date | None
    county_id: int

    def same_order(self, other: _Entry) -> bool:
        return self[1:] == other[1:]


class _Writer:
    """Upserts one chunk of rows at a time into cleared_record under the current key: one query reads what is
    there, then at most a delete, an update and an insert statement. No ORM objects, so the session never grows."""

    table = ClearedRecord.__table__

    def __init__(self, batch: PublishBatch) -> None:
        self.batch = batch
        keys = active_keys()
        self.current_key, self.old_keys = keys[0], keys[1:]
        self.current_key_id = key_id(self.current_key)

    def write(self, chunk: list[PublishRow]) -> None:
        hashes = {row.line: [lookup_hash(row.identity, key) for key in (self.current_key, *self.old_keys)]
                  for row in chunk if row.action != SKIP}
        stored = self._stored([h for row_hashes in hashes.values() for h in row_hashes])
        inserts: dict[str, _Entry] = {}  # by hash
        updates: dict[int, _Entry] = {}  # by id
        removed: set[int] = set()
        for row in chunk:
            self.batch.rows_read += 1
            if row.action == SKIP:
                self._count("rows_skipped")
                continue
            current, *old = hashes[row.line]
            retired = [stored.pop(h) for h in old if h in stored]  # written again under the current key below
            removed.update(entry.id for entry in retired)
            known = inserts.get(current) or stored.get(current)
            if row.action == WITHDRAW:
                inserts.pop(current, None)
                if current in stored:
                    gone = stored.pop(current)
                    updates.pop(gone.id, None)
                    removed.add(gone.id)
                self._count("rows_withdrawn" if known or retired else "rows_unchanged")
                continue
            wanted = _Entry(0, row.relief, row.order_date, row.county.id)
            if known is not None and known.same_order(wanted):
                self._count("rows_unchanged")
                continue
            self._count("rows_added" if known is None and not retired else "rows_replaced")
            if current in stored:
                stored[current] = updates[stored[current].id] = wanted._replace(id=stored[current].id)
            else:
                inserts[current] = wanted
        self._apply(removed, updates, inserts)

    def _stored(self, hashes: list[str]) -> dict[str, _Entry]:
        table = self.table
        query = select(table.c.lookup_hash, table.c.id, table.c.relief, table.c.order_date, table.c.county_id).where(
            table.c.lookup_hash.in_(hashes))
        return {found[0]: _Entry(*found[1:]) for found in db.session.execute(query)}

    def _apply(self, removed: set[int], updates: dict[int, _Entry], inserts: dict[str, _Entry]) -> None:
        """Deletes first, so a hash withdrawn and published again in one chunk is inserted after it is gone."""
        table, now, batch_id = self.table, utcnow(), self.batch.id
        if removed:
            db.session.execute(delete(table).where(table.c.id.in_(removed)))
        if updates:
            db.session.execute(
                update(table).where(table.c.id == bindparam("entry_id")).values(
                    relief=bindparam("new_relief"), order_date=bindparam("new_order_date"),
                    county_id=bindparam("new_county_id"), batch_id=batch_id, updated_at=now),
                [{"entry_id": e.id, "new_relief": e.relief, "new_order_date": e.order_date, "new_county_id": e.county_id}
                 for e in updates.values()])
        if inserts:
            db.session.execute(insert(table), [
                {"lookup_hash": lookup, "key_id": self.current_key_id, "relief": e.relief, "order_date": e.order_date,
                 "county_id": e.county_id, "batch_id": batch_id, "created_at": now, "updated_at": now}
                for lookup, e in inserts.items()])

    def _count(self, figure: str) -> None:
        setattr(self.batch, figure, getattr(self.batch, figure) + 1)


def _publish(user: User, rows: Iterable[PublishRow], **batch_fields: Any) -> PublishBatch:
    """Write every row and the batch in one transaction; any failure rolls all of it back."""
    batch = PublishBatch(user_id=user.id, rows_read=0, rows_added=0, rows_replaced=0, rows_unchanged=0,
                         rows_withdrawn=0, rows_skipped=0, **batch_fields)
    db.session.add(batch)
    try:
        db.session.flush()
        writer = _Writer(batch)
        for chunk in _chunks(rows):
            writer.write(chunk)
        record_audit(user, "lookup.publish", "publish_batch", batch.id)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return batch


def validate_orders_csv(path: Path, user: User, today: dt.date | None = None) -> tuple[int, list[RowError], int]:
    """First pass: (rows, the first errors, how many errors), reading the file as a stream."""
    rows = errors_found = 0
    errors: list[RowError] = []
    for item in read_orders_csv(path, user, today):
        if isinstance(item, RowError):
            errors_found += 1
            if len(errors) < MAX_LISTED_ERRORS:
                errors.append(item)
        else:
            rows += 1
    return rows, errors, errors_found


def publish_orders_csv(path: Path, user: User, today: dt.date | None = None) -> PublishBatch:
    """Validate the whole file, then publish all of it, or raise PublishRejected and publish nothing."""
    rows, errors, error_count = validate_orders_csv(path, user, today)
    if errors:
        raise PublishRejected(errors, error_count)
    if rows == 0:
        raise PublishRejected([RowError(0, N_("The file has no rows to publish."))], 1)
    publishable = (row for row in read_orders_csv(path, user, today) if isinstance(row, PublishRow))
    return _publish(user, publishable, source="csv", county_id=user.county_id)  # None for an administrator


def publish_bulk_run(user: User, job: BulkJob, order_date: dt.date) -> PublishBatch:
    """Publish a finished run's granted rows with the court's order date; NotPublishable for another county's run."""
    if job.status != "done" or not may_publish_for(user, job.county) or not (jobs.output_folder(job) / RESULTS_FILE).is_file():
        raise NotPublishable(job.id)
    return _publish(user, read_bulk_run(job, order_date), source="bulk_run", county_id=job.county_id,
                    bulk_job_id=job.id, order_date=order_date)


def recent_batches(user: User, limit: int = 20) -> list[PublishBatch]:
    query = select(PublishBatch).order_by(PublishBatch.created_at.desc(), PublishBatch.id.desc()).limit(limit)
    if user.role != "admin":
        query = query.where(PublishBatch.county_id == user.county_id)
    return list(db.session.scalars(query))
