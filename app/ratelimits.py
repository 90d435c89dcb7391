"""Where rate-limit counters live, so that every gunicorn worker counts against the same limit.

Each worker is its own process: with `memory://` storage each keeps its own counters and a 60/minute limit becomes 60
per minute per worker. Counters must live where every worker sees them: Redis in production
(`RATELIMIT_STORAGE_URI=redis://...`), and on a laptop without Redis a SQLite file (`sqlite:///instance/...`), a
storage this module adds to `limits` (which has none backed by a file). `require_shared_storage` refuses to start
several workers on in-memory counters.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from limits.storage import Storage

from app.config import ConfigError

SQLITE_SCHEME = "sqlite"


class SQLiteStorage(Storage):
    """Fixed-window counters in a SQLite file shared by the processes of one machine (`sqlite:////abs/path`).

    Each counter is one row; `incr` is a single UPSERT, which SQLite runs atomically under its write lock, so
    concurrent workers never lose a hit. Expired rows are dropped as new hits arrive.
    """

    STORAGE_SCHEME = [SQLITE_SCHEME]
    clock = staticmethod(time.time)  # seconds since the epoch, as in every other `limits` storage

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = (uri or "").removeprefix(f"{SQLITE_SCHEME}:///")
        if not self.path:
            raise ConfigError(f"{SQLITE_SCHEME}:/// rate-limit storage needs a file path")
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, "
                               "expires_at REAL NOT NULL)")

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection per call (autocommit): cheap for a local file, and safe across gunicorn's fork and threads."""
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            yield connection
        finally:
            connection.close()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self.clock()
        with self._connect() as connection:
            connection.execute("DELETE FROM counter WHERE expires_at <= ? AND key != ?", (now, key))
            row = connection.execute(
                "INSERT INTO counter (key, hits, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "hits = CASE WHEN expires_at <= ? THEN excluded.hits ELSE hits + excluded.hits END, "
                "expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END "
                "RETURNING hits", (key, amount, now + expiry, now, now)).fetchone()
        return int(row[0])

    def get(self, key: str) -> int:
        with self._connect() as connection:
            row = connection.execute("SELECT hits FROM counter WHERE key = ? AND expires_at > ?",
                                     (key, self.clock())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        with self._connect() as connection:
            row = connection.execute("SELECT expires_at FROM counter WHERE key = ?", (key,)).fetchone()
        return float(row[0]) if row else self.clock()

    def check(self) -> bool:
        try:
            with self._connect() as connection:
                connection.execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        with self._connect() as connection:
            return connection.execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        with self._connect() as connection:
            connection.execute("DELETE FROM counter WHERE key = ?", (key,))


def is_per_process(storage_uri: str) -> bool:
    """Counters that only the process holding them can see."""
    return storage_uri.split("://", 1)[0] in ("memory", "async+memory")


def require_shared_storage(storage_uri: str, workers: int) -> None:
    """Several workers on per-process counters would multiply every limit by the number of workers: refuse."""
    if workers > 1 and is_per_process(storage_uri):
        raise ConfigError(
            f"RATELIMIT_STORAGE_URI={storage_uri} keeps rate-limit counters inside each worker, so {workers} workers "
            f"would multiply every limit by {workers}. Set RATELIMIT_STORAGE_URI=redis://HOST:6379/0 (or run one "
            "worker).")
