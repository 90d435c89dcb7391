"""Who sees a clinic event and its applications (issue 11): the invited volunteers, during the help window; the
hosting office's attorneys; admins. Nobody else, by any route or identifier; and a volunteer never reaches the
partner dashboard or the admin pages. Each view is audited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Application, AuditEvent
from tests.support.clinic import event, volunteer  # noqa: F401  (fixtures)
from tests.support.clinic import answers_for, help_resident, invite, make_event, start_resident
from tests.support.intake import answer_until
from tests.support.partner import routed_application
from tests.support.sessions import forget_request_caches


@pytest.fixture
def other_event(db_session, make_user):
    found = make_event(db_session, "sf-public-defender", name="Library clinic")
    invite(db_session, found, make_user("volunteer", "sf-public-defender"))
    return found


@pytest.fixture
def helped(client_request, login_as, volunteer, event):
    """One resident sent at `event` by `volunteer`, still on the volunteer's screen."""
    login_as(volunteer)
    help_resident(client_request, event.id, "Ana Clinic")
    return client_request.client


def event_routes(event_id: int, application_id: int) -> list[str]:
    return [f"/clinic/events/{event_id}", f"/clinic/events/{event_id}/batch.pdf",
            f"/clinic/events/{event_id}/applications/{application_id}/receipt",
            f"/clinic/events/{event_id}/applications/{application_id}/papers.pdf"]


def the_application(db_session) -> Application:
    db_session.expire_all()
    return db_session.scalars(select(Application)).one()


def test_a_volunteer_sees_only_the_events_they_are_invited_to(client_request, login_as, volunteer, event, other_event):
    login_as(volunteer)
    page = client_request.get("/clinic/")
    assert event.name in page.get_text() and other_event.name not in page.get_text()


def test_a_volunteer_gets_404_for_every_route_of_another_event(client, db_session, login_as, make_user, helped,
                                                              other_event):
    application = the_application(db_session)
    outsider = make_user("volunteer", "sf-public-defender")
    invite(db_session, other_event, outsider)
    login_as(outsider)
    for path in event_routes(application.clinic_event_id, application.id):
        assert client.get(path).status_code == 404, path


def test_an_application_of_another_event_is_404_under_the_volunteers_own_event(client, db_session, login_as,
                                                                              make_user, helped, other_event):
    application = the_application(db_session)
    outsider = make_user("volunteer", "sf-public-defender")
    invite(db_session, other_event, outsider)
    login_as(outsider)
    assert client.get(f"/clinic/events/{other_event.id}/applications/{application.id}/receipt").status_code == 404
    assert client.get(f"/clinic/events/{other_event.id}/applications/{application.id}/papers.pdf").status_code == 404


def test_a_volunteer_cannot_open_the_partner_dashboard(client, login_as, volunteer):
    login_as(volunteer)
    assert client.get("/partner/").status_code == 403
    assert client.get("/partner/export.csv").status_code == 403


def test_a_volunteer_cannot_open_an_admin_page(client, login_as, volunteer):
    login_as(volunteer)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/users").status_code == 403


def test_a_volunteer_cannot_download_the_days_csv(client, login_as, volunteer, event):
    login_as(volunteer)
    assert client.get(f"/clinic/events/{event.id}/export.csv").status_code == 403


def test_a_volunteer_cannot_open_an_application_after_the_help_window(client, db_session, helped, event):
    application = the_application(db_session)
    event.event_date = event.event_date.replace(year=event.event_date.year - 1)
    db_session.commit()
    for path in event_routes(event.id, application.id):
        assert helped.get(path).status_code == 404, path


def test_the_questionnaire_in_hand_closes_with_the_help_window(client_request, db_session, login_as, volunteer,
                                                               event):
    login_as(volunteer)
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Late"), stop_before="/question/address", first_url=first)
    event.event_date = event.event_date.replace(year=event.event_date.year - 1)
    db_session.commit()
    response = client_request.client.get("/question/address")
    assert response.status_code == 302 and response.headers["Location"].endswith("/clinic/")
    assert client_request.client.get("/question/address").headers["Location"].startswith("/resume")


def test_an_event_past_its_window_is_not_listed_for_its_volunteer(client_request, db_session, login_as, volunteer):
    closed = make_event(db_session, days_ago=9, help_window_days=7, name="Old fair")
    invite(db_session, closed, volunteer)
    login_as(volunteer)
    assert "Old fair" not in client_request.get("/clinic/").get_text()


def test_the_window_includes_its_last_day(db_session, volunteer):
    from app.clinic.access import volunteer_may_enter
    from app.models import utcnow

    last_day = make_event(db_session, days_ago=7, help_window_days=7, name="Last day")
    invite(db_session, last_day, volunteer)
    assert volunteer_may_enter(volunteer, last_day, utcnow())


def test_a_volunteer_who_logs_out_loses_the_resident(client_request, login_as, volunteer, event):
    login_as(volunteer)
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Out"), stop_before="/question/address", first_url=first)
    with client_request.client.session_transaction() as session:
        session.pop("_user_id")
    forget_request_caches()
    response = client_request.client.get("/question/name")
    assert response.status_code == 302
    assert "Ana Out" not in client_request.client.get("/question/name", follow_redirects=True).get_data(as_text=True)


def test_an_attorney_of_another_office_cannot_see_the_event(client, db_session, login_as, make_user, helped, event):
    application = the_application(db_session)
    login_as(make_user("attorney", "sf-public-defender"))
    for path in [*event_routes(event.id, application.id), f"/clinic/events/{event.id}/export.csv"]:
        assert client.get(path).status_code == 404, path


def test_the_hosting_offices_attorney_sees_the_event_and_its_csv(client, db_session, login_as, make_user, helped,
                                                                  event):
    login_as(make_user("attorney", "alameda-public-defender"))
    assert client.get(f"/clinic/events/{event.id}").status_code == 200
    assert "Ana Clinic" in client.get(f"/clinic/events/{event.id}/export.csv").get_data(as_text=True)


def test_district_attorneys_are_refused_the_clinic(client, login_as, make_user, event):
    login_as(make_user("da", None, county_id=event.county_id))
    assert client.get("/clinic/").status_code == 403
    assert client.get(f"/clinic/events/{event.id}").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(f"/clinic/events/{event.id}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_every_questionnaire_page_a_volunteer_opens_is_audited(client_request, db_session, login_as, volunteer,
                                                               event):
    login_as(volunteer)
    first = start_resident(client_request.client, event.id)
    client_request.get(first)
    application = the_application(db_session)
    views = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "clinic.questionnaire_viewed",
                                                        AuditEvent.object_id == str(application.id))).all()
    assert views and all(view.user_id == volunteer.id for view in views)


def test_the_event_page_view_is_audited(client, db_session, login_as, volunteer, event):
    login_as(volunteer)
    client.get(f"/clinic/events/{event.id}")
    assert db_session.scalars(select(AuditEvent).where(AuditEvent.action == "clinic.event_viewed",
                                                       AuditEvent.object_id == str(event.id))).first() is not None


def test_a_public_application_is_never_shown_on_an_event(client, db_session, login_as, volunteer, event):
    public = routed_application(["Alameda"])
    login_as(volunteer)
    assert client.get(f"/clinic/events/{event.id}/applications/{public.id}/receipt").status_code == 404


def test_a_volunteer_idle_for_30_minutes_is_logged_out_and_loses_the_resident(client_request, login_as, volunteer,
                                                                              event):
    import time

    login_as(volunteer)
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Idle"), stop_before="/question/address", first_url=first)
    with client_request.client.session_transaction() as session:
        session["last_seen"] = time.time() - 31 * 60
    response = client_request.client.get("/question/address")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert "Ana Idle" not in client_request.client.get("/question/name", follow_redirects=True).get_data(as_text=True)


def test_the_demo_clinic_is_open_today_for_the_demo_volunteer(app, db_session):
    from app.auth.service import find_user_by_email
    from app.clinic.access import volunteer_events
    from app.models import utcnow

    result = app.test_cli_runner().invoke(args=["users", "seed-demo"])
    assert result.exit_code == 0 and "Demo clinic" in result.output
    assert [e.name for e in volunteer_events(find_user_by_email("volunteer@example.org"), utcnow())] == ["Demo clinic"]
