"""The DA's upload, background run without a queue (the development thread), status page, downloads, retention and audit."""
from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import select

from app.bulk import jobs, tasks
from app.extensions import db
from app.models import AuditEvent, BulkJob, County, utcnow
from tests.support.bulk import county, da, doj_csv, upload  # noqa: F401  (fixtures)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The real background thread, recorded so a test can wait for it instead of sleeping."""
    threads: list[threading.Thread] = []
    real_launch = tasks.launch_thread

    def recording(app: Any, job_id: int) -> threading.Thread:
        thread = real_launch(app, job_id)
        threads.append(thread)
        return thread

    monkeypatch.setattr(tasks, "launch_thread", recording)
    return threads


def _finished_job(client_request: Any, content: bytes, threads: list[threading.Thread]) -> BulkJob:
    upload(client_request, content, as_of="2026-11-29")
    threads[0].join(timeout=60)
    db.session.expire_all()
    return db.session.scalars(select(BulkJob)).one()


def test_visitors_who_are_not_logged_in_go_to_the_log_in_page(client: Any) -> None:
    assert client.get("/bulk/").status_code == 302


def test_other_staff_roles_are_refused(client: Any, make_user: Callable[..., Any], login_as: Callable[[Any], None]) -> None:
    login_as(make_user(role="attorney"))
    assert client.get("/bulk/").status_code == 403


def test_da_sees_the_upload_form_for_their_county(client_request: Any, da: Any) -> None:
    page = client_request.get("/bulk/")
    assert page.find("input", attrs={"type": "file", "name": "doj_file"}) and "San Joaquin" in page.get_text()


def test_upload_runs_in_the_background_and_the_status_page_offers_the_outputs(
    client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]
) -> None:
    job = _finished_job(client_request, doj_csv, launched)
    assert job.status == "done" and job.summary["outcomes"]["dismissal"] == 1 and job.progress == 100
    page = client_request.get(f"/bulk/jobs/{job.token}")
    links = {a["href"] for a in page.find_all("a")}
    assert f"/bulk/jobs/{job.token}/files/report.pdf" in links and f"/bulk/jobs/{job.token}/files/dismissal_list.csv" in links


def test_download_sends_the_file_and_is_audited(client: Any, client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]) -> None:
    job = _finished_job(client_request, doj_csv, launched)
    response = client.get(f"/bulk/jobs/{job.token}/files/reduction_list.csv")
    assert response.status_code == 200 and b"HS 11359" in response.data
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "bulk_job")).all()
    assert {"bulk.upload", "bulk.download.reduction_list.csv"} <= set(actions)


def test_only_listed_outputs_can_be_downloaded(client: Any, client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]) -> None:
    job = _finished_job(client_request, doj_csv, launched)
    assert client.get(f"/bulk/jobs/{job.token}/files/upload.csv").status_code == 404


def test_running_job_page_refreshes_itself_without_javascript(client_request: Any, da: Any, county: County) -> None:
    job = BulkJob(user_id=da.id, county_id=county.id, status="running", progress=40, as_of=dt.date(2026, 11, 29),
                  options={}, upload_name="county.csv", heartbeat_at=utcnow(), delete_after=utcnow() + dt.timedelta(days=1))
    db.session.add(job)
    db.session.commit()
    page = client_request.get(f"/bulk/jobs/{job.token}")
    assert page.find("meta", attrs={"http-equiv": "refresh"}) and page.find("progress")["value"] == "40"


def _running_job(user: Any, county: County) -> BulkJob:
    job = BulkJob(user_id=user.id, county_id=county.id, status="running", as_of=dt.date(2026, 11, 29), options={},
                  upload_name="county.csv", upload_bytes=1_000_000, bytes_read=250_000, rows_read=5_000, rows_rejected=3,
                  started_at=utcnow() - dt.timedelta(seconds=10), heartbeat_at=utcnow(), delete_after=utcnow() + dt.timedelta(days=1))
    db.session.add(job)
    db.session.commit()
    return job


def test_running_job_page_shows_rows_read_rate_time_left_and_rejections(client_request: Any, da: Any, county: County) -> None:
    page = client_request.get(f"/bulk/jobs/{_running_job(da, county).token}")
    figures = {dt_.get_text(): dd.get_text() for dt_, dd in zip(page.select("#job-figures dt"), page.select("#job-figures dd"))}
    assert figures["Rows read"] == "5,000" and figures["Rows rejected so far"] == "3"
    assert figures["Rows per second"].replace(",", "").isdigit() and figures["Time left"].startswith("about ")


def test_the_runs_page_shows_a_running_jobs_share_read(client_request: Any, da: Any, county: County) -> None:
    _running_job(da, county)
    assert "Running (25%)" in " ".join(client_request.get("/bulk/").get_text().split())


def test_running_job_figures_are_told_in_spanish_to_a_spanish_reader(client_request: Any, da: Any, county: County) -> None:
    client_request.client.get("/language/es?next=/")
    text = client_request.get(f"/bulk/jobs/{_running_job(da, county).token}").get_text()
    assert "Filas leídas" in text and "Tiempo restante" in text and "Filas rechazadas hasta ahora" in text


def test_a_job_left_running_by_a_dead_process_is_shown_as_failed(client_request: Any, da: Any, county: County) -> None:
    long_ago = utcnow() - dt.timedelta(hours=1)
    job = BulkJob(user_id=da.id, county_id=county.id, status="running", as_of=dt.date(2026, 11, 29), options={},
                  upload_name="county.csv", created_at=long_ago, heartbeat_at=long_ago, delete_after=utcnow() + dt.timedelta(days=1))
    db.session.add(job)
    db.session.commit()
    page = client_request.get(f"/bulk/jobs/{job.token}")
    assert "server or its worker restarted" in page.get_text() and not page.find("meta", attrs={"http-equiv": "refresh"})


def test_a_job_of_another_county_is_not_found(client: Any, da: Any, make_user: Callable[..., Any], db_session: Any) -> None:
    other_county = db_session.scalars(select(County).where(County.name == "Yolo")).one()
    other = make_user(role="da", office_slug=None, county_id=other_county.id)
    job = BulkJob(user_id=other.id, county_id=other_county.id, status="done", as_of=dt.date(2026, 11, 29), options={},
                  upload_name="yolo.csv", delete_after=utcnow() + dt.timedelta(days=1))
    db.session.add(job)
    db.session.commit()
    assert client.get(f"/bulk/jobs/{job.token}").status_code == 404


def test_a_file_that_is_not_a_doj_file_fails_the_job_with_a_message(client_request: Any, da: Any, launched: list[threading.Thread]) -> None:
    job = _finished_job(client_request, b"\x00\x01binary", launched)
    assert job.status == "failed" and job.error == jobs.UNREADABLE
    assert "could not be read as a DOJ research file" in client_request.get(f"/bulk/jobs/{job.token}").get_text()


def test_invalid_options_file_is_reported_on_the_form(client_request: Any, da: Any, doj_csv: bytes) -> None:
    page = upload(client_request, doj_csv, options_file=(io.BytesIO(b'{"baselineEligibility": {"dismiss": ["187"]}}'), "options.json"), expected_status=200)
    assert "187 is not one of" in page.get_text()
    assert db.session.scalars(select(BulkJob)).all() == []


def test_an_options_file_problem_is_told_in_spanish_to_a_spanish_reader(client_request: Any, da: Any, doj_csv: bytes) -> None:
    client_request.client.get("/language/es?next=/")
    page = upload(client_request, doj_csv, options_file=(io.BytesIO(b"{nope"), "opciones.json"), expected_status=200)
    assert "opciones.json: no es JSON válido (línea 1)" in page.get_text()


def test_options_file_over_its_size_limit_is_named_as_too_large(client_request: Any, da: Any, doj_csv: bytes) -> None:
    padded = b'{"additionalRelief": {}}' + b" " * (64 * 1024)
    page = upload(client_request, doj_csv, options_file=(io.BytesIO(padded), "options.json"), expected_status=200)
    assert "options.json: larger than 64 KB" in page.get_text()
    assert db.session.scalars(select(BulkJob)).all() == []


def test_upload_over_the_size_limit_is_refused(make_app: Callable[..., Any], make_user: Callable[..., Any], county: County) -> None:
    app = make_app(BULK_MAX_UPLOAD_MB=1)
    client = app.test_client()
    from tests.support.sessions import log_in_test_client

    with app.app_context():
        log_in_test_client(client, make_user(role="da", office_slug=None, county_id=county.id))
    response = client.post("/bulk/", data={"doj_file": (io.BytesIO(b"x" * (2 * 1024 * 1024)), "big.csv")}, content_type="multipart/form-data")
    assert response.status_code == 413


def test_upload_without_the_form_token_is_refused(make_app: Callable[..., Any], make_user: Callable[..., Any], county: County) -> None:
    app = make_app()
    client = app.test_client()
    from tests.support.sessions import log_in_test_client

    with app.app_context():
        log_in_test_client(client, make_user(role="da", office_slug=None, county_id=county.id))
        response = client.post("/bulk/", data={"doj_file": (io.BytesIO(b"a,b"), "county.csv")}, content_type="multipart/form-data")
        assert response.status_code == 200 and db.session.scalars(select(BulkJob)).all() == []


def test_deleting_a_run_removes_its_files(client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]) -> None:
    job = _finished_job(client_request, doj_csv, launched)
    client_request.post(f"/bulk/jobs/{job.token}/delete", csrf_from=f"/bulk/jobs/{job.token}")
    db.session.expire_all()
    assert job.status == "deleted" and not jobs.job_folder(job).exists()


def test_runs_past_their_retention_are_purged(app: Any, client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]) -> None:
    job = _finished_job(client_request, doj_csv, launched)
    assert jobs.purge_expired_jobs(now=job.delete_after + dt.timedelta(seconds=1)) == 1
    assert job.status == "deleted" and not jobs.job_folder(job).exists()


def test_purge_command_reports_what_it_deleted(app: Any) -> None:
    result = app.test_cli_runner().invoke(args=["bulk", "purge"])
    assert result.exit_code == 0 and "0 expired run(s) deleted" in result.output


def test_screen_command_is_registered_on_the_flask_cli(app: Any, tmp_path: Path, doj_csv: bytes) -> None:
    source = tmp_path / "county.csv"
    source.write_bytes(doj_csv)
    result = app.test_cli_runner().invoke(args=["bulk", "screen", str(source), "--county", "San Joaquin", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and (tmp_path / "out" / "summary.json").exists()


def test_an_upload_larger_than_the_site_wide_request_limit_is_accepted_up_to_the_bulk_limit(
    client_request: Any, da: Any, doj_csv: bytes, launched: list[threading.Thread]
) -> None:
    """Forms elsewhere are capped at MAX_REQUEST_MB; a county's DOJ file is far larger and must still get through."""
    site_limit = client_request.client.application.config["MAX_CONTENT_LENGTH"]
    big = doj_csv * (site_limit // len(doj_csv) + 2)
    assert len(big) > site_limit
    job = _finished_job(client_request, big, launched)
    assert job.status == "done" and job.summary["rows_read"] > 0
