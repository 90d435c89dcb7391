"""Who may use which partner route: the office's own attorneys; another office's staff get 404 for every route and
identifier (a referral's existence is never revealed); anonymous visitors go to log in; other roles are refused."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEvent, PartnerOffice, Referral
from tests.support.hygiene import csrf_token_from
from tests.support.partner import SCREENING, routed_application

# (method, path, form data) for every partner route; {id} is a referral of the San Francisco office.
REFERRAL_ROUTES = [
    ("GET", "/partner/referrals/{id}", None),
    ("POST", "/partner/referrals/{id}/status", {"status": "in_review"}),
    ("POST", "/partner/referrals/{id}/notes", {"note": "Checked the court index."}),
    ("POST", "/partner/referrals/{id}/transfer", {"office": "{office}"}),
    ("GET", "/partner/referrals/{id}/packet.pdf", None),
]
OFFICE_ROUTES = [("GET", "/partner/", None), ("GET", "/partner/export.csv", None)]
ALL_ROUTES = REFERRAL_ROUTES + OFFICE_ROUTES


@pytest.fixture
def sf_referral(db_session):
    application = routed_application(["San Francisco"], screening=SCREENING)
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


@pytest.fixture
def contra_costa_referral(db_session):
    application = routed_application(["Contra Costa"])
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


@pytest.fixture
def law_center(db_session):
    return db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "east-bay-community-law-center")).one()


def request_route(client, method, path, data, referral, office, csrf_page):
    url = path.format(id=referral.id)
    if method == "GET":
        return client.get(url)
    token = csrf_token_from(client.get(csrf_page).get_data(as_text=True))
    payload = {key: value.format(office=office.id) for key, value in data.items()}
    return client.post(url, data={**payload, "csrf_token": token})


@pytest.mark.parametrize(("method", "path", "data"), ALL_ROUTES)
def test_the_offices_own_attorney_may_use_every_route(client, login_as, make_user, sf_referral, law_center,
                                                      method, path, data):
    login_as(make_user("attorney", "sf-public-defender"))
    csrf_page = f"/partner/referrals/{sf_referral.id}"
    response = request_route(client, method, path, data, sf_referral, law_center, csrf_page)
    assert response.status_code == (200 if method == "GET" else 302)


@pytest.mark.parametrize(("method", "path", "data"), REFERRAL_ROUTES)
def test_another_offices_attorney_gets_404_on_every_referral_route(client, login_as, make_user, sf_referral,
                                                                  contra_costa_referral, law_center, db_session,
                                                                  method, path, data):
    login_as(make_user("attorney", "contra-costa-public-defender"))
    own_page = f"/partner/referrals/{contra_costa_referral.id}"
    response = request_route(client, method, path, data, sf_referral, law_center, own_page)
    assert response.status_code == 404
    db_session.refresh(sf_referral)
    assert (sf_referral.office.slug, sf_referral.status, len(sf_referral.events)) == ("sf-public-defender", "new", 1)


@pytest.mark.parametrize(("method", "path", "data"), REFERRAL_ROUTES)
def test_a_referral_that_does_not_exist_is_404_like_another_offices(client, login_as, make_user, sf_referral,
                                                                   law_center, method, path, data):
    login_as(make_user("attorney", "sf-public-defender"))
    missing = Referral(id=sf_referral.id + 1000)
    response = request_route(client, method, path, data, missing, law_center, f"/partner/referrals/{sf_referral.id}")
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "path", "data"), ALL_ROUTES)
def test_anonymous_visitors_are_sent_to_log_in(client, sf_referral, law_center, method, path, data):
    response = request_route(client, method, path, data, sf_referral, law_center, csrf_page="/auth/login")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize("role", ["volunteer", "da", "admin"])
@pytest.mark.parametrize(("method", "path", "data"), [r for r in ALL_ROUTES if r[0] == "GET"])
def test_staff_who_are_not_attorneys_are_refused(client, login_as, make_user, sf_referral, role, method, path, data):
    login_as(make_user(role, "sf-public-defender"))
    assert client.get(path.format(id=sf_referral.id)).status_code == 403


def test_an_attorney_without_an_office_sees_an_empty_queue_and_no_referral(client, login_as, make_user,
                                                                             sf_referral):
    login_as(make_user("attorney", None))
    assert sf_referral.application.reference not in client.get("/partner/").get_data(as_text=True)
    assert client.get(f"/partner/referrals/{sf_referral.id}").status_code == 404


def test_another_offices_queue_search_and_export_never_show_the_referral(client_request, client, login_as,
                                                                        make_user, sf_referral):
    login_as(make_user("attorney", "contra-costa-public-defender"))
    reference = sf_referral.application.reference
    assert client_request.get("/partner/").find("table") is None
    assert client_request.get(f"/partner/?q={reference}").find("table") is None
    assert reference not in client.get("/partner/export.csv").get_data(as_text=True)


def test_views_exports_and_changes_are_audited_by_identifier(client, login_as, make_user, sf_referral, db_session):
    attorney = make_user("attorney", "sf-public-defender")
    login_as(attorney)
    client.get("/partner/")
    page = client.get(f"/partner/referrals/{sf_referral.id}").get_data(as_text=True)
    client.get("/partner/export.csv")
    client.post(f"/partner/referrals/{sf_referral.id}/notes",
                data={"note": "Spoke to the clerk.", "csrf_token": csrf_token_from(page)})
    events = db_session.scalars(select(AuditEvent).where(AuditEvent.user_id == attorney.id)
                                .order_by(AuditEvent.id)).all()
    office_id = str(attorney.office_id)
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("referral.queue", "office", office_id),
        ("referral.view", "referral", str(sf_referral.id)),
        ("referral.export", "office", office_id),
        ("referral.note", "referral", str(sf_referral.id)),
    ]
