"""Rewriting every encrypted value in the database: key rotation, the migration that first encrypted the rows, and
its downgrade all walk the tables the same way.

Rows are read and written in batches through plain SQL (no ORM: nothing else about a row changes, not even
`updated_at`), ordered by id; each write is a compare-and-set on the values read, so the site can stay up while a
rotation runs. Which rows still need work is decided by the stored values themselves, never by a
progress file: a rotation selects only values that do not begin with the current key's prefix, so an interrupted run
simply starts again where the database says it stopped, and a finished one finds nothing to do.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, MetaData, and_, column, func, or_, select, table, update

from app.crypto import EncryptedType, Keyring, looks_encrypted

DEFAULT_BATCH = 500
Transform = Callable[[str, str], str]  # (stored value, purpose) -> new stored value


@dataclass(frozen=True)
class EncryptedTable:
    name: str
    columns: tuple[tuple[str, str], ...]  # (column name, purpose)


def encrypted_tables(metadata: MetaData) -> list[EncryptedTable]:
    """Every table with encrypted columns, found from the models, so a new table (clinic, look-up) is covered."""
    found = []
    for model_table in metadata.sorted_tables:
        columns = tuple((c.name, c.type.purpose) for c in model_table.columns
                        if isinstance(c.type, EncryptedType))
        if columns:
            found.append(EncryptedTable(model_table.name, columns))
    return found


@dataclass(frozen=True)
class Selection:
    """Which values need work: those that begin with `prefix`, or (`under=False`) those that do not."""

    prefix: str
    under: bool

    def sql(self, value: ColumnElement[Any]) -> ColumnElement[bool]:
        pattern = self.prefix + "%"  # prefixes are "v1." and "v1.<hex key id>.": no LIKE wildcards in them
        return value.like(pattern) if self.under else value.not_like(pattern)

    def matches(self, value: str) -> bool:
        return value.startswith(self.prefix) == self.under


@dataclass(frozen=True)
class BatchDone:
    table: str
    done: int
    total: int


def rewrite(connection: Any, target: EncryptedTable, transform: Transform, selection: Selection, *,
            batch: int = DEFAULT_BATCH, after_batch: Callable[[BatchDone], None] | None = None) -> int:
    """Apply `transform` to each value of the table's encrypted columns that `selection` picks; returns how many rows
    were written (a row changed by the site meanwhile is skipped). `after_batch` runs after each batch (the CLI
    commits and prints progress there)."""
    sql_table, pending = _pending(target, selection)
    total = connection.execute(select(func.count()).select_from(sql_table).where(pending)).scalar_one()
    done, written, last_id = 0, 0, 0
    while True:
        rows = connection.execute(
            select(sql_table).where(pending, sql_table.c.id > last_id).order_by(sql_table.c.id).limit(batch)
        ).mappings().all()
        if not rows:
            return written
        for row in rows:
            values = {name: transform(row[name], purpose) for name, purpose in target.columns
                      if row[name] is not None and selection.matches(row[name])}
            # Compare-and-set: a value the app rewrote meanwhile (already under the current key) is left alone
            # rather than overwritten with the older one.
            unchanged = [sql_table.c[name] == row[name] for name in values]
            written += connection.execute(
                update(sql_table).where(sql_table.c.id == row["id"], *unchanged).values(values)).rowcount
        done += len(rows)
        last_id = rows[-1]["id"]
        if after_batch:
            after_batch(BatchDone(target.name, done, total))


def not_under_current_key(ring: Keyring) -> Selection:
    return Selection(ring.current_prefix, under=False)


def to_current_key(ring: Keyring, *, plaintext_allowed: bool = False) -> Transform:
    """Re-encrypt under the first key; with `plaintext_allowed` (the first migration), encrypt plain values."""
    def transform(stored: str, purpose: str) -> str:
        if plaintext_allowed and not looks_encrypted(stored):
            return ring.encrypt(stored, purpose)
        return ring.reencrypt(stored, purpose)

    return transform


def rotate_all(connection: Any, metadata: MetaData, ring: Keyring, *, batch: int = DEFAULT_BATCH,
               after_batch: Callable[[BatchDone], None] | None = None) -> dict[str, int]:
    """`flask keys rotate`: every encrypted value not yet under the first key, re-encrypted under it; returns the
    rows written per table."""
    return {target.name: rewrite(connection, target, to_current_key(ring), not_under_current_key(ring), batch=batch,
                                 after_batch=after_batch)
            for target in encrypted_tables(metadata)}


def rows_not_under_current_key(connection: Any, metadata: MetaData, ring: Keyring) -> int:
    """What a rotation left (rows the site changed while it ran, skipped by the compare-and-set): 0 when done."""
    left = 0
    for target in encrypted_tables(metadata):
        sql_table, pending = _pending(target, not_under_current_key(ring))
        left += connection.execute(select(func.count()).select_from(sql_table).where(pending)).scalar_one()
    return left


def _pending(target: EncryptedTable, selection: Selection) -> tuple[Any, ColumnElement[bool]]:
    """The table as plain SQL (values as stored, no decryption) and the condition for rows with work left."""
    sql_table = table(target.name, column("id"), *(column(name) for name, _ in target.columns))
    return sql_table, or_(*(and_(sql_table.c[name].is_not(None), selection.sql(sql_table.c[name]))
                            for name, _ in target.columns))
