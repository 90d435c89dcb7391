"""Publishing granted relief: who may, for which county, all or nothing, idempotent, corrections and withdrawals."""
from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import func, select

from app.doj.synthetic import conviction_row, write_rows
from app.extensions import db
from app.lookup import publishing
from app.lookup.matching import Identity, find_relief
from app.lookup.publishing import PublishRejected, publish_orders_csv
from app.models import AuditEvent, BulkJob, ClearedRecord, County, PublishBatch
from tests.support.bulk import county, da, launched, upload  # noqa: F401  (fixtures)
from tests.support.hygiene import assert_page_hygiene
from tests.support.lookup import ORDER, orders_csv, publish_rows, san_francisco, sf_da, upload_orders  # noqa: F401

DOB = dt.date(1985, 3, 27)


def _found(case_number: str = "SC123", last_name: str = "Garcia") -> ClearedRecord | None:
    return find_relief([Identity.of("san-francisco", case_number, DOB, last_name)])


def _published() -> int:
    return db.session.scalar(select(func.count(ClearedRecord.id))) or 0


def test_visitors_who_are_not_logged_in_go_to_the_log_in_page(client: Any) -> None:
    assert client.get("/lookup/publish").status_code == 302


@pytest.mark.parametrize("role", ["attorney", "volunteer"])
def test_other_staff_roles_cannot_publish(client: Any, make_user: Callable[..., Any], login_as: Callable[[Any], None],
                                          role: str) -> None:
    login_as(make_user(role=role))
    assert client.get("/lookup/publish").status_code == 403


@pytest.mark.parametrize("role", ["da", "court"])
def test_da_and_court_staff_see_the_publishing_page(client_request: Any, make_user: Callable[..., Any],
                                                   login_as: Callable[[Any], None], san_francisco: County, role: str) -> None:
    login_as(make_user(role=role, office_slug=None, county_id=san_francisco.id))
    page = client_request.get("/lookup/publish")
    assert page.find("input", attrs={"type": "file", "name": "orders_file"})


def test_a_court_clerk_publishes_a_csv_of_orders_from_the_page(client_request: Any, make_user: Callable[..., Any],
                                                             login_as: Callable[[Any], None], san_francisco: County) -> None:
    login_as(make_user(role="court", office_slug=None, county_id=san_francisco.id))
    upload_orders(client_request, orders_csv(ORDER))
    assert _found() is not None
    assert "1 new" in client_request.get("/lookup/publish").get_text()


def test_a_row_for_another_county_is_refused_and_nothing_is_published(sf_da: Any, tmp_path: Path) -> None:
    with pytest.raises(PublishRejected) as rejected:
        publish_rows(sf_da, tmp_path, ORDER, {**ORDER, "county": "Alameda", "case_number": "A1"})
    assert [(e.line, e.template) for e in rejected.value.errors] == [
        (3, "Line %(line)s: you can publish only for your own county.")]
    assert _published() == 0


def test_an_administrator_publishes_for_any_county(make_user: Callable[..., Any], tmp_path: Path) -> None:
    admin = make_user(role="admin", office_slug=None)
    publish_rows(admin, tmp_path, ORDER, {**ORDER, "county": "Alameda"})
    assert _published() == 2


def test_one_bad_line_publishes_nothing_and_the_page_lists_it_by_number(client_request: Any, sf_da: Any,
                                                                       login_as: Callable[[Any], None]) -> None:
    login_as(sf_da)
    bad = {**ORDER, "case_number": "SC-2", "date_of_birth": "27/03/1985"}
    response = upload_orders(client_request, orders_csv(ORDER, bad, {**ORDER, "case_number": "SC-3"}), expected_status=422)
    page = assert_page_hygiene(response.get_data(as_text=True))
    assert "Line 3: the date of birth must be a past date" in page.get_text()
    assert _published() == 0


def test_a_file_without_the_columns_is_refused(sf_da: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,dob\nGarcia,1985-03-27\n")
    with pytest.raises(PublishRejected) as rejected:
        publish_orders_csv(path, sf_da)
    assert "missing" in rejected.value.errors[0].template


def test_publishing_the_same_rows_again_changes_nothing(sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    again = publish_rows(sf_da, tmp_path, {**ORDER, "case_number": "sc 123", "last_name": "GARCIA"})
    assert (again.rows_added, again.rows_unchanged) == (0, 1) and _published() == 1


def test_a_correction_replaces_the_earlier_entry(sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    corrected = publish_rows(sf_da, tmp_path, {**ORDER, "relief": "reduction", "order_date": "2026-12-01"})
    record = _found()
    assert corrected.rows_replaced == 1 and _published() == 1
    assert record is not None and (record.relief, record.order_date.isoformat()) == ("reduction", "2026-12-01")


def test_a_withdrawal_removes_the_entry(sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    withdrawn = publish_rows(sf_da, tmp_path, {**ORDER, "action": "withdraw", "relief": "", "order_date": ""})
    assert withdrawn.rows_withdrawn == 1 and _found() is None


def test_every_publication_is_audited_with_its_counts(sf_da: Any, tmp_path: Path, san_francisco: County) -> None:
    batch = publish_rows(sf_da, tmp_path, ORDER)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "lookup.publish")).one()
    assert (event.user_id, event.object_id) == (sf_da.id, str(batch.id))
    assert (batch.county_id, batch.source, batch.rows_read, batch.rows_added) == (san_francisco.id, "csv", 1, 1)


@pytest.fixture
def finished_run(client_request: Any, da: Any, county: County, tmp_path: Path, launched: list[threading.Thread]) -> BulkJob:
    """A real bulk run of San Joaquin: Ana Lopez's marijuana possession (dismissed) and sale (reduced), Bo Ray's with
    no case number."""
    rows = [conviction_row("1", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN", name="LOPEZ,ANA", dob="19800402",
                           ofn="CR-0042"),
            conviction_row("1", "11359 HS-SALE", "F", county="SAN JOAQUIN", name="LOPEZ,ANA", dob="19800402",
                           ofn="CR-0042", count_order="101001002000"),
            conviction_row("2", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN", name="RAY,BO", dob="19750101")]
    upload(client_request, write_rows(tmp_path / "doj.csv", rows).read_bytes(), as_of="2026-11-29")
    launched[0].join(timeout=60)
    db.session.expire_all()
    job = db.session.scalars(select(BulkJob)).one()
    assert job.status == "done"
    return job


def test_a_finished_runs_page_links_to_publishing_with_the_run_chosen(client_request: Any, finished_run: BulkJob) -> None:
    link = client_request.get(f"/bulk/jobs/{finished_run.token}").find("a", string="Publish granted relief from this run")
    page = client_request.get(link["href"])
    assert page.find("option", attrs={"value": finished_run.token, "selected": True})


def test_a_da_publishes_a_finished_bulk_run_with_the_courts_order_date(client_request: Any, finished_run: BulkJob) -> None:
    client_request.post("/lookup/publish/run", {"job": finished_run.token, "order_date": "2026-11-30", "confirmed": "y"},
                        csrf_from="/lookup/publish")
    batch = db.session.scalars(select(PublishBatch)).one()
    record = find_relief([Identity.of("san-joaquin", "cr42", dt.date(1980, 4, 2), "Lopez")])
    assert record is not None and record.relief == "dismissal" and record.order_date.isoformat() == "2026-11-30"
    assert (batch.source, batch.bulk_job_id, batch.rows_added) == ("bulk_run", finished_run.id, 1)


def test_publishing_a_run_needs_the_confirmation_that_the_court_ruled(client_request: Any, finished_run: BulkJob) -> None:
    page = client_request.post("/lookup/publish/run", {"job": finished_run.token, "order_date": "2026-11-30"},
                               csrf_from="/lookup/publish", expected_status=200)
    assert "Confirm that the court has ruled" in page.get_text() and _published() == 0


def test_a_run_of_another_county_is_neither_offered_nor_published(finished_run: BulkJob, sf_da: Any) -> None:
    assert finished_run not in publishing.publishable_runs(sf_da)
    with pytest.raises(publishing.NotPublishable):
        publishing.publish_bulk_run(sf_da, finished_run, dt.date(2026, 11, 30))
    assert _published() == 0


def test_rows_of_a_run_without_a_case_number_are_left_out_and_counted(finished_run: BulkJob, da: Any) -> None:
    batch = publishing.publish_bulk_run(da, finished_run, dt.date(2026, 11, 30))
    assert (batch.rows_added, batch.rows_skipped) == (1, 1)


def test_an_upload_without_the_form_token_is_refused(client: Any, sf_da: Any, login_as: Callable[[Any], None]) -> None:
    login_as(sf_da)
    response = client.post("/lookup/publish/csv", data={"orders_file": (io.BytesIO(orders_csv(ORDER)), "orders.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "CSRF" in response.get_data(as_text=True) and _published() == 0


def test_within_one_file_the_last_line_for_a_case_wins(sf_da: Any, tmp_path: Path) -> None:
    batch = publish_rows(sf_da, tmp_path, ORDER, {**ORDER, "relief": "sealing"})
    record = _found()
    assert (batch.rows_added, batch.rows_replaced, _published()) == (1, 1, 1)
    assert record is not None and record.relief == "sealing"


def test_a_case_withdrawn_and_published_again_in_one_file_stays_published(sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    publish_rows(sf_da, tmp_path, {**ORDER, "action": "withdraw"}, {**ORDER, "relief": "reduction"})
    record = _found()
    assert record is not None and record.relief == "reduction" and _published() == 1


def test_publishing_again_after_a_key_rotation_moves_the_entry_to_the_new_key(
        make_app: Callable[..., Any], sf_da: Any, tmp_path: Path) -> None:
    from app.lookup.matching import key_id

    publish_rows(sf_da, tmp_path, ORDER)
    with make_app(LOOKUP_HMAC_KEYS=("rotated-key", "test-lookup-key")).app_context():
        again = publish_rows(db.session.get(type(sf_da), sf_da.id), tmp_path, ORDER)
        assert again.rows_replaced == 1
        assert [r.key_id for r in db.session.scalars(select(ClearedRecord))] == [key_id("rotated-key")]
