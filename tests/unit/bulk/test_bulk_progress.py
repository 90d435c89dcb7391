"""The figures of a running web job, from its row alone: rows read and rejected, rows per second, time left."""
from __future__ import annotations

import datetime as dt

from app.bulk.progress import job_progress, rounded_time_left
from app.models import BulkJob

NOW = dt.datetime(2026, 11, 29, 12, 0, 0)


def running_job(**figures: object) -> BulkJob:
    values = {"status": "running", "progress": 0, "upload_bytes": 1_000_000, "bytes_read": 250_000, "rows_read": 5_000,
              "rows_rejected": 3, "started_at": NOW - dt.timedelta(seconds=10)}
    values.update(figures)
    return BulkJob(**values)


def test_rows_per_second_are_the_rows_read_over_the_time_since_the_run_started() -> None:
    assert job_progress(running_job(), NOW).rows_per_second == 500


def test_time_left_is_the_bytes_still_to_read_at_the_byte_rate_so_far() -> None:
    assert job_progress(running_job(), NOW).seconds_left == 30


def test_rows_read_and_rejected_so_far_are_the_job_rows_figures() -> None:
    progress = job_progress(running_job(), NOW)
    assert (progress.rows_read, progress.rows_rejected) == (5_000, 3)


def test_percent_is_the_share_of_the_upload_read() -> None:
    assert job_progress(running_job(), NOW).percent == 25


def test_a_run_not_started_has_no_rate_and_no_time_left() -> None:
    progress = job_progress(running_job(status="queued", started_at=None, bytes_read=0, rows_read=0), NOW)
    assert (progress.rows_per_second, progress.seconds_left) == (None, None)


def test_a_run_younger_than_a_second_has_no_rate_yet() -> None:
    assert job_progress(running_job(started_at=NOW - dt.timedelta(milliseconds=400)), NOW).rows_per_second is None


def test_a_running_job_never_shows_a_full_bar_before_it_is_done() -> None:
    assert job_progress(running_job(bytes_read=1_000_000), NOW).percent == 99


def test_time_left_is_rounded_up_to_five_seconds() -> None:
    assert rounded_time_left(61) == (1, 5) and rounded_time_left(30) == (0, 30)
