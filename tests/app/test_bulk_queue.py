"""Web runs on the real queue: RQ workers against the Redis on 127.0.0.1 (db 5), on SQLite and PostgreSQL.

A "machine" here is its own app instance (its own database pool and session) on the shared database and the
shared instance folder: the web process that took the upload, the web process after a restart, and workers.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from app.bulk import queue, tasks
from app.bulk.jobs import CRASHED, UPLOAD_NAME, job_folder, output_folder
from app.doj.synthetic import write_synthetic_file
from app.extensions import db
from app.models import BulkJob, utcnow
from tests.support.bulk import assert_same_outputs, county, da, doj_csv, upload  # noqa: F401  (fixtures)
from tests.support.hygiene import ClientRequest
from tests.support.sessions import log_in_test_client
from tests.support.tiers import require

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")  # emptied by every test: keep it for tests
AS_OF = "2026-11-29"


@pytest.fixture
def queue_settings() -> Iterator[dict[str, Any]]:
    """Settings of every machine in a test: the real Redis, emptied before and after."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisDown:
        require(False, f"Redis is not running at {REDIS_URL}: queue tests not run")
    connection.flushdb()
    yield {"BULK_QUEUE_URL": REDIS_URL, "BULK_QUEUE_NAME": "bulk-test", "BULK_QUEUE_PIECE_MB": 0.25}
    connection.flushdb()


@pytest.fixture
def app(make_app: Callable[..., Flask], queue_settings: dict[str, Any]) -> Iterator[Flask]:
    """The web process that takes the upload (the conftest's `client`, `da` and `client_request` use it)."""
    application = make_app(**queue_settings)
    with application.app_context():
        yield application


@pytest.fixture
def machine(make_app: Callable[..., Flask], queue_settings: dict[str, Any]) -> Callable[[], Flask]:
    """Another process on another machine: a new app instance on the same database and storage."""
    return lambda: make_app(**queue_settings)


@pytest.fixture
def big_doj_csv(tmp_path: Path) -> bytes:
    """~1 MB, so the 0.25 MB pieces cut it into several parts; with a malformed row in the middle."""
    lines = write_synthetic_file(tmp_path / "big.csv", 4000, seed=11).read_bytes().splitlines(keepends=True)
    lines.insert(len(lines) // 2, b"not,a,doj,row\n")
    return b"".join(lines)


def run_worker(app: Flask, **options: Any) -> None:
    """A real RQ worker in this process, until the queue is empty (or after ``max_jobs``)."""
    options.setdefault("name", "test-worker")
    queue.run_worker(app, burst=True, simple=True, **options)


def the_job() -> BulkJob:
    db.session.expire_all()
    return db.session.scalars(select(BulkJob)).one()


def screened_by_a_worker(client_request: ClientRequest, content: bytes, worker: Flask) -> BulkJob:
    """Upload as the DA, then let a worker on another machine empty the queue."""
    upload(client_request, content, as_of=AS_OF)
    run_worker(worker)
    return the_job()


def cli_outputs(app: Flask, content: bytes, folder: Path) -> Path:
    """The same file screened by `flask bulk screen` (named as the web stores it: SOURCE_FILE is in the rows)."""
    folder.mkdir()
    source = folder / "upload.csv"
    source.write_bytes(content)
    result = app.test_cli_runner().invoke(args=["bulk", "screen", str(source), "--county", "San Joaquin", "--out", str(folder / "out"), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return folder / "out"


def logged_in_client(app: Flask, user_id: int) -> ClientRequest:
    client = app.test_client()
    with app.app_context():
        from app.models import User

        log_in_test_client(client, db.session.get(User, user_id))
    return ClientRequest(client)


def test_an_upload_waits_on_the_queue_without_being_screened_by_the_web_process(
    app: Flask, client_request: ClientRequest, da: Any, doj_csv: bytes
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    job = the_job()
    assert job.status == "queued" and queue.bulk_queue(app).job_ids == [f"bulk-{job.id}-plan"]


def test_a_queued_upload_survives_a_web_restart_and_a_worker_finishes_it_with_the_clis_outputs(
    app: Flask, client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask], tmp_path: Path
) -> None:
    upload(client_request, big_doj_csv, as_of=AS_OF)
    job = the_job()
    job.created_at = utcnow() - dt.timedelta(hours=1)  # long before the restart: a thread's run would be called dead
    db.session.commit()

    restarted = machine()
    page = logged_in_client(restarted, da.id).get(f"/bulk/jobs/{job.token}")
    assert "Waiting to start" in page.get_text() and "restarted" not in page.get_text()

    run_worker(machine())
    job = the_job()
    assert job.status == "done", (job.error, job.error_detail)
    assert_same_outputs(cli_outputs(app, big_doj_csv, tmp_path / "cli"), output_folder(job))
    page = logged_in_client(restarted, da.id).get(f"/bulk/jobs/{job.token}")
    assert f"/bulk/jobs/{job.token}/files/report.pdf" in {a["href"] for a in page.find_all("a")}


def test_two_workers_share_one_file_and_write_what_one_process_writes(
    app: Flask, client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask], tmp_path: Path
) -> None:
    upload(client_request, big_doj_csv, as_of=AS_OF)
    first, second = machine(), machine()
    for _ in range(20):  # each worker takes one queue job in turn: plan, the parts, then the join
        run_worker(first, name="machine-a", max_jobs=1)
        run_worker(second, name="machine-b", max_jobs=1)
        if not the_job().active:
            break
    job = the_job()
    assert job.status == "done" and len(job.parts) >= 3
    assert {part.worker for part in job.parts} == {"machine-a", "machine-b"}
    assert_same_outputs(cli_outputs(app, big_doj_csv, tmp_path / "cli"), output_folder(job))


def test_parts_leave_no_working_files_among_the_outputs(client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask]) -> None:
    job = screened_by_a_worker(client_request, big_doj_csv, machine())
    assert not [path.name for path in output_folder(job).iterdir() if path.name.startswith(".")]


def test_a_file_whose_people_are_split_between_parts_is_screened_in_one_pass_like_the_cli(
    app: Flask, client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    one_pass: list[int] = []
    real = tasks.screen_in_one_pass
    monkeypatch.setattr(tasks, "screen_in_one_pass", lambda job, app: one_pass.append(job.id) or real(job, app))
    lines = big_doj_csv.splitlines(keepends=True)
    repeated_at_the_end = b"".join(lines + lines[:5])  # the first people's rows turn up again in the last part
    job = screened_by_a_worker(client_request, repeated_at_the_end, machine())
    assert job.status == "done" and one_pass == [job.id]
    assert_same_outputs(cli_outputs(app, repeated_at_the_end, tmp_path / "cli"), output_folder(job))


def test_the_job_row_carries_the_rows_read_and_rejected_that_the_workers_counted(
    client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask]
) -> None:
    job = screened_by_a_worker(client_request, big_doj_csv, machine())
    assert (job.rows_read, job.rows_rejected) == (job.summary["rows_read"], job.summary["rows_rejected"]) == (4001, 1)
    assert job.bytes_read == job.upload_bytes == sum(part.bytes_total for part in job.parts)


@pytest.fixture
def failing_screen(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], list[int]]:
    """Make screening raise OSError on its first ``failures`` calls; returns the list of calls made."""

    def install(failures: int) -> list[int]:
        calls: list[int] = []
        real = tasks.screen_pieces

        def screen(*args: Any, **kwargs: Any) -> Any:
            calls.append(len(calls) + 1)
            if len(calls) <= failures:
                raise OSError("no space left on device")
            return real(*args, **kwargs)

        monkeypatch.setattr(tasks, "screen_pieces", screen)
        return calls

    return install


def test_a_step_that_fails_once_is_tried_again_and_the_run_finishes(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask], failing_screen: Callable[[int], list[int]]
) -> None:
    calls = failing_screen(1)
    job = screened_by_a_worker(client_request, doj_csv, machine())
    assert job.status == "done" and job.attempts == 1 and len(calls) == 2


def test_a_step_that_fails_twice_fails_the_run_with_its_reason(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask], failing_screen: Callable[[int], list[int]]
) -> None:
    calls = failing_screen(2)
    job = screened_by_a_worker(client_request, doj_csv, machine())
    assert (job.status, job.error, job.error_detail, job.attempts, len(calls)) == ("failed", CRASHED, "OSError", 2, 2)
    assert "Reason: OSError (after 2 failed attempts)." in client_request.get(f"/bulk/jobs/{job.token}").get_text()



def test_the_failure_reason_is_told_in_spanish_to_a_spanish_reader(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask], failing_screen: Callable[[int], list[int]]
) -> None:
    failing_screen(2)
    client_request.client.get("/language/es?next=/")
    job = screened_by_a_worker(client_request, doj_csv, machine())
    assert "Motivo: OSError (tras 2 intentos fallidos)." in client_request.get(f"/bulk/jobs/{job.token}").get_text()

def test_an_unreadable_upload_fails_at_once_without_a_second_attempt(client_request: ClientRequest, da: Any, machine: Callable[[], Flask]) -> None:
    job = screened_by_a_worker(client_request, b"\x00\x01binary", machine())
    assert (job.status, job.error, job.attempts) == ("failed", "unreadable", 1)


def test_the_worker_command_forks_a_process_per_job_and_finishes_the_run(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask]
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    result = machine().test_cli_runner().invoke(args=["bulk", "worker", "--burst", "--name", "cli-worker"])
    assert result.exit_code == 0, result.output
    assert the_job().status == "done"


def test_the_worker_command_explains_that_no_worker_is_needed_without_a_queue(make_app: Callable[..., Flask]) -> None:
    result = make_app(BULK_QUEUE_URL="").test_cli_runner().invoke(args=["bulk", "worker"])
    assert result.exit_code == 1 and "BULK_QUEUE_URL is not set" in result.output


def test_a_running_part_whose_worker_stopped_beating_fails_the_run_as_interrupted(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask]
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    run_worker(machine(), max_jobs=1)  # the plan only: the parts wait on the queue
    job = the_job()
    job.parts[0].status, job.parts[0].heartbeat_at = "running", utcnow() - dt.timedelta(hours=1)
    db.session.commit()
    page = client_request.get(f"/bulk/jobs/{job.token}")
    assert "its worker restarted" in page.get_text() and the_job().status == "failed"


def test_parts_waiting_for_a_free_worker_are_not_taken_for_dead(client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask]) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    run_worker(machine(), max_jobs=1)
    job = the_job()
    job.created_at = job.started_at = utcnow() - dt.timedelta(hours=1)
    db.session.commit()
    client_request.get(f"/bulk/jobs/{job.token}")
    assert the_job().status == "running"



def test_an_upload_the_queue_does_not_take_is_failed_with_a_message_at_once(
    make_app: Callable[..., Flask], queue_settings: dict[str, Any], make_user: Callable[..., Any], county: Any, doj_csv: bytes
) -> None:
    nobody_listens = make_app(**{**queue_settings, "BULK_QUEUE_URL": "redis://127.0.0.1:1/5"})
    client_request = logged_in_client(nobody_listens, make_user(role="da", office_slug=None, county_id=county.id).id)
    upload(client_request, doj_csv, as_of=AS_OF)
    job = the_job()
    assert (job.status, job.error, job.error_detail) == ("failed", "not_queued", "ConnectionError")
    assert "the job queue is not answering" in client_request.get(f"/bulk/jobs/{job.token}").get_text()


def test_a_worker_that_does_not_see_the_shared_storage_fails_the_run_naming_a_missing_file(
    client_request: ClientRequest, da: Any, doj_csv: bytes, machine: Callable[[], Flask]
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    (job_folder(the_job()) / UPLOAD_NAME).unlink()  # as if the worker's machine had another instance folder
    run_worker(machine())
    job = the_job()
    assert (job.status, job.error, job.error_detail, job.attempts) == ("failed", CRASHED, "FileNotFoundError", 2)


def test_a_join_tried_again_after_a_failure_writes_each_row_once(
    app: Flask, client_request: ClientRequest, da: Any, big_doj_csv: bytes, machine: Callable[[], Flask], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real, calls = tasks.finish_run, []

    def fails_the_first_time(*args: Any, **kwargs: Any) -> Any:  # after the parts' rows were appended
        calls.append(1)
        if len(calls) == 1:
            raise OSError("lost the shared folder for a moment")
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "finish_run", fails_the_first_time)
    job = screened_by_a_worker(client_request, big_doj_csv, machine())
    assert job.status == "done" and job.attempts == 1
    assert_same_outputs(cli_outputs(app, big_doj_csv, tmp_path / "cli"), output_folder(job))


# -- a statewide file: one queue run per county --------------------------------------------------


@pytest.fixture
def admin(make_user: Callable[..., Any], login_as: Callable[[Any], None]) -> Any:
    user = make_user(role="admin", office_slug=None)
    login_as(user)
    return user


def statewide_runs() -> list[BulkJob]:
    db.session.expire_all()
    return list(db.session.scalars(select(BulkJob).where(BulkJob.statewide_run.is_not(None)).order_by(BulkJob.id)))


def test_a_statewide_upload_is_one_queue_run_per_county_sharing_one_stored_file(
    app: Flask, client_request: ClientRequest, admin: Any, doj_csv: bytes
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    runs = statewide_runs()
    assert len(runs) == 58 and len({run.county_id for run in runs}) == 58 and len({run.statewide_run for run in runs}) == 1
    assert sorted(queue.bulk_queue(app).job_ids) == sorted(f"bulk-{run.id}-plan" for run in runs)
    stored = {(job_folder(run) / UPLOAD_NAME).stat().st_ino for run in runs}
    assert len(stored) == 1  # hard links to one copy of the upload


def test_workers_finish_every_countys_run_of_a_statewide_file_with_the_clis_outputs(
    app: Flask, client_request: ClientRequest, admin: Any, big_doj_csv: bytes, machine: Callable[[], Flask], tmp_path: Path
) -> None:
    upload(client_request, big_doj_csv, as_of=AS_OF)
    run_worker(machine())
    runs = statewide_runs()
    assert {run.status for run in runs} == {"done"}
    san_joaquin = next(run for run in runs if run.county.name == "San Joaquin")
    assert_same_outputs(cli_outputs(app, big_doj_csv, tmp_path / "cli"), output_folder(san_joaquin))
    page = client_request.get("/bulk/")
    assert "58 of 58 counties done, 0 failed" in " ".join(page.get_text().split())


def test_a_countys_da_never_sees_the_statewide_runs_of_their_county(
    app: Flask, client_request: ClientRequest, admin: Any, doj_csv: bytes, make_user: Callable[..., Any], county: Any
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    san_joaquin = next(run for run in statewide_runs() if run.county_id == county.id)
    da_user = make_user(role="da", office_slug=None, county_id=county.id)
    da_client = logged_in_client(app, da_user.id)
    assert "No runs yet." in da_client.get("/bulk/").get_text()
    da_client.get(f"/bulk/jobs/{san_joaquin.token}", expected_status=404)
    da_client.get(f"/bulk/jobs/{san_joaquin.token}/files/report.pdf", expected_status=404)


def test_an_administrator_sees_no_countys_own_runs(
    app: Flask, client_request: ClientRequest, da: Any, doj_csv: bytes, make_user: Callable[..., Any]
) -> None:
    upload(client_request, doj_csv, as_of=AS_OF)
    admin_client = logged_in_client(app, make_user(role="admin", office_slug=None).id)
    admin_client.get(f"/bulk/jobs/{the_job().token}", expected_status=404)


def test_county_runs_the_queue_stops_taking_are_failed_and_the_queued_ones_kept(
    app: Flask, client_request: ClientRequest, admin: Any, doj_csv: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redis.exceptions import ConnectionError as RedisDown

    real_queue = queue.bulk_queue

    def failing_after_three(application: Flask) -> Any:
        found = real_queue(application)
        enqueue, taken = found.enqueue, []

        def enqueue_three(*args: Any, **kwargs: Any) -> Any:
            if len(taken) == 3:
                raise RedisDown("Redis went away")
            taken.append(args)
            return enqueue(*args, **kwargs)

        found.enqueue = enqueue_three
        return found

    monkeypatch.setattr(queue, "bulk_queue", failing_after_three)
    upload(client_request, doj_csv, as_of=AS_OF)
    runs = statewide_runs()
    assert [run.status for run in runs[:3]] == ["queued"] * 3
    assert {(run.status, run.error, run.error_detail) for run in runs[3:]} == {("failed", "not_queued", "ConnectionError")}
    listed = [cell.get_text(strip=True) for cell in client_request.get("/bulk/").select("tbody tr td:first-child")]
    assert listed[:2] == ["Alameda", "Alpine"] and len(listed) == 58  # by county name
