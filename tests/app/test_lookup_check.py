"""`/check`: a resident finds relief a court granted, and nobody learns anything about a case they cannot fully identify."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.models import ClearedRecord, County, User
from tests.support.hygiene import assert_page_hygiene, csrf_token_from
from tests.support.lookup import ORDER, lookup_form, publish_rows, san_francisco, sf_da  # noqa: F401  (fixtures)


def _post(client: Any, form: dict[str, str], **kwargs: Any) -> Any:
    token = csrf_token_from(client.get("/check").get_data(as_text=True))
    return client.post("/check", data={**form, "csrf_token": token}, **kwargs)


def _heading(response: Any) -> str:
    return assert_page_hygiene(response.get_data(as_text=True)).h1.get_text()


def test_the_check_page_asks_for_county_case_number_birth_date_and_last_name(client_request: Any) -> None:
    page = client_request.get("/check")
    names = {field.get("name") for field in page.find_all(["input", "select"])}
    assert {"county", "case_number", "date_of_birth-day", "last_name"} <= names


def test_a_published_order_is_found_from_details_typed_differently(client: Any, sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    page = assert_page_hygiene(_post(client, lookup_form()).get_data(as_text=True))
    assert page.h1.get_text() == "The court dismissed the conviction"
    assert "November 30, 2026" in page.get_text() and "Superior Court" in page.get_text()


def test_the_match_page_says_what_relief_means_and_how_to_get_the_order(client: Any, sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    body = _post(client, lookup_form()).get_data(as_text=True)
    assert "job applications" in body and "What it does not change" in body and "certified copy" in body


def test_a_wrong_birth_date_a_wrong_name_and_an_unknown_case_answer_with_the_same_bytes(
        client: Any, sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    answers = [_post(client, form) for form in (
        lookup_form(**{"date_of_birth-day": "28"}),
        lookup_form(last_name="Garcias"),
        lookup_form(case_number="SC-999999"),
        lookup_form(county="alameda"),
    )]
    assert {response.status_code for response in answers} == {200}
    assert len({response.get_data() for response in answers}) == 1


def test_the_no_record_page_has_no_form_and_repeats_nothing_typed(client: Any) -> None:
    response = _post(client, lookup_form(case_number="ZZ-424242", last_name="Unusualname"))
    page = assert_page_hygiene(response.get_data(as_text=True))
    assert page.h1.get_text() == "We have no record of relief for these details"
    assert page.find("form") is None and "424242" not in page.get_text() and "Unusualname" not in page.get_text()
    assert "Record Review" in page.get_text() and page.find("a", string="Start an application")


def test_missing_details_are_listed_and_what_was_typed_is_kept(client: Any) -> None:
    response = _post(client, lookup_form(last_name="", case_number="SC 55"))
    page = assert_page_hygiene(response.get_data(as_text=True))
    assert page.find(class_="error-summary") and "Enter your last name" in page.get_text()
    assert page.find("input", attrs={"name": "case_number"})["value"] == "SC 55"


def test_the_check_page_is_in_spanish(client_request: Any) -> None:
    client_request.client.get("/language/es?next=/check")
    page = client_request.get("/check")
    assert page.h1.get_text() == "¿Se limpió mi récord?"


def test_the_match_page_is_in_spanish(client: Any, sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    client.get("/language/es?next=/check")
    page = assert_page_hygiene(_post(client, lookup_form()).get_data(as_text=True))
    assert page.h1.get_text() == "El tribunal desestimó la condena" and "30 de noviembre de 2026" in page.get_text()


def test_the_no_record_page_is_in_spanish(client: Any) -> None:
    client.get("/language/es?next=/check")
    page = assert_page_hygiene(_post(client, lookup_form()).get_data(as_text=True))
    assert page.h1.get_text() == "No tenemos registro de alivio con estos datos"


def test_each_client_is_limited_in_look_ups(make_app: Callable[..., Any]) -> None:
    client = make_app(RATELIMIT_ENABLED=True, LOOKUP_RATE_LIMIT="2/hour", LOOKUP_CASE_RATE_LIMIT="100/day").test_client()
    statuses = [_post(client, lookup_form(case_number=f"SC-{n}")).status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_each_case_number_is_limited_whoever_asks(make_app: Callable[..., Any]) -> None:
    client = make_app(RATELIMIT_ENABLED=True, LOOKUP_RATE_LIMIT="100/hour", LOOKUP_CASE_RATE_LIMIT="2/day").test_client()
    typed = ["SC-000123", "sc 123", "SC123"]
    statuses = [_post(client, lookup_form(case_number=case), environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
                for n, case in enumerate(typed)]
    assert statuses == [200, 200, 429]
    assert _post(client, lookup_form(case_number="SC-777")).status_code == 200


def test_rows_published_under_a_retired_key_are_still_found(make_app: Callable[..., Any], tmp_path: Path) -> None:
    old = make_app(LOOKUP_HMAC_KEYS=("old-key",))
    with old.app_context():
        county = db.session.scalars(select(County).where(County.slug == "san-francisco")).one()
        user = User(email="da-rotation@example.org", name="DA", role="da", county_id=county.id)
        db.session.add(user)
        db.session.commit()
        publish_rows(user, tmp_path, ORDER)
    rotated = make_app(LOOKUP_HMAC_KEYS=("new-key", "old-key"))
    assert _heading(_post(rotated.test_client(), lookup_form())) == "The court dismissed the conviction"
    retired = make_app(LOOKUP_HMAC_KEYS=("new-key",))
    assert _heading(_post(retired.test_client(), lookup_form())) == "We have no record of relief for these details"


def test_the_database_holds_no_readable_personal_values(sf_da: Any, tmp_path: Path) -> None:
    publish_rows(sf_da, tmp_path, ORDER)
    dump = " ".join(str(row) for table in ("cleared_record", "publish_batch", "audit_event")
                    for row in db.session.execute(text(f"SELECT * FROM {table}")))
    for value in ("123", "1985", "GARC", "garc", "Garc"):
        assert value not in dump
    assert db.session.scalars(select(ClearedRecord)).one().lookup_hash


def test_the_results_page_says_a_court_already_granted_relief_and_the_papers_skip_that_case(
        client_request: Any, make_user: Callable[..., Any], tmp_path: Path) -> None:
    from app.models import Application
    from app.packets.for_application import packet_for_application
    from app.packets.service import NothingToFile
    from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until

    alameda = db.session.scalars(select(County).where(County.name == "Alameda")).one()
    publish_rows(make_user(role="da", office_slug=None, county_id=alameda.id), tmp_path,
                 {"county": "Alameda", "case_number": "12-CR-003456", "date_of_birth": "1980-04-02",
                  "last_name": "EXAMPLE", "relief": "dismissal", "order_date": "2026-11-30"})
    answer_until(client_request, MARIJUANA_IN_ALAMEDA)
    card = client_request.get("/results").find("section", class_="result")
    assert "A court has already granted relief in this case: dismissal, ordered on November 30, 2026" in card.get_text()
    with pytest.raises(NothingToFile):  # the only case was cleared already: there is nothing to file
        packet_for_application(db.session.scalars(select(Application)).one())
