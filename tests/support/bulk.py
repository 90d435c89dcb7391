"""Fixtures and helpers shared by the DA bulk tests: the DA's county and account, a small DOJ file, an upload,
and the check that two runs wrote the same outputs."""
from __future__ import annotations

import io
import json
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import select

from app.bulk import tasks
from app.bulk.outputs import SUMMARY_FILE, RunWriters
from app.doj.synthetic import conviction_row, write_rows
from app.models import County


@pytest.fixture
def county(db_session: Any) -> County:
    return db_session.scalars(select(County).where(County.name == "San Joaquin")).one()


@pytest.fixture
def da(make_user: Callable[..., Any], county: County, login_as: Callable[[Any], None]) -> Any:
    user = make_user(role="da", office_slug=None, county_id=county.id)
    login_as(user)
    return user


@pytest.fixture
def doj_csv(tmp_path: Path) -> bytes:
    rows = [conviction_row("1", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN"), conviction_row("2", "11359 HS-SALE", "F", county="SAN JOAQUIN")]
    return write_rows(tmp_path / "doj.csv", rows).read_bytes()


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The real background thread, recorded so a test can wait for it instead of sleeping."""
    threads: list[threading.Thread] = []
    real_launch = tasks.launch_thread

    def recording(app: Any, *job_ids: int) -> threading.Thread:
        thread = real_launch(app, *job_ids)
        threads.append(thread)
        return thread

    monkeypatch.setattr(tasks, "launch_thread", recording)
    return threads


def upload(client_request: Any, content: bytes, **extra: Any) -> Any:
    """POST a DOJ file to /bulk/ as the logged-in DA (a redirect to the job's page unless told otherwise)."""
    expected_status = extra.pop("expected_status", 302)
    data = {"doj_file": (io.BytesIO(content), "county.csv"), **extra}
    return client_request.post("/bulk/", data=data, content_type="multipart/form-data", expected_status=expected_status)


def assert_same_outputs(expected: Path, actual: Path) -> None:
    """Every streamed CSV byte for byte, and summary.json but for the time the run took."""
    for name in RunWriters.STREAMED_FILES:
        assert (actual / name).read_bytes() == (expected / name).read_bytes(), name
    summaries = [json.loads((folder / SUMMARY_FILE).read_text()) for folder in (expected, actual)]
    for summary in summaries:
        summary.pop("processing_seconds")
    assert summaries[0] == summaries[1]
