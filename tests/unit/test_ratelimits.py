"""Rate-limit counters every worker shares (issue 17): the SQLite-file storage, and the refusal of per-worker counters."""
from __future__ import annotations

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from app.config import ConfigError, rate_limit_storage_uri
from app.ratelimits import SQLiteStorage, require_shared_storage


@pytest.fixture
def uri(tmp_path):
    return f"sqlite:///{tmp_path / 'limits.sqlite3'}"


def test_a_sqlite_uri_gives_the_file_storage(uri):
    assert isinstance(storage_from_string(uri), SQLiteStorage)


def test_two_storages_on_one_file_count_the_same_hits(uri):
    """Two workers are two processes with their own storage object, on one file."""
    first, second = FixedWindowRateLimiter(storage_from_string(uri)), FixedWindowRateLimiter(storage_from_string(uri))
    limit = parse("3/minute")
    assert [first.hit(limit, "client"), second.hit(limit, "client"), first.hit(limit, "client")] == [True] * 3
    assert second.hit(limit, "client") is False


def test_a_counter_starts_again_when_its_window_ends(uri):
    storage = storage_from_string(uri)
    storage.clock = lambda: 1000.0
    assert storage.incr("key", expiry=60) == 1
    assert storage.incr("key", expiry=60) == 2
    storage.clock = lambda: 1060.0
    assert storage.get("key") == 0
    assert storage.incr("key", expiry=60) == 1


def test_clearing_a_key_forgets_its_hits(uri):
    storage = storage_from_string(uri)
    storage.incr("key", expiry=60, amount=4)
    storage.clear("key")
    assert storage.get("key") == 0 and storage.check()


def test_several_workers_on_memory_counters_are_refused():
    with pytest.raises(ConfigError, match="multiply every limit"):
        require_shared_storage("memory://", workers=2)


@pytest.mark.parametrize("uri_, workers", [("memory://", 1), ("redis://127.0.0.1:6379/0", 4),
                                           ("sqlite:////tmp/limits.sqlite3", 4)])
def test_one_worker_or_shared_counters_are_accepted(uri_, workers):
    require_shared_storage(uri_, workers)


def test_a_development_server_counts_in_a_file_in_its_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert rate_limit_storage_uri(tmp_path, "development") == f"sqlite:///{tmp_path.resolve() / 'ratelimits.sqlite3'}"


def test_production_uses_the_configured_storage(tmp_path, monkeypatch):
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://redis.internal:6379/0")
    assert rate_limit_storage_uri(tmp_path, "production") == "redis://redis.internal:6379/0"
