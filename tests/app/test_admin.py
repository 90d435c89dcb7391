"""The admin area: only admins get in; every change is audited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import AuditEvent, County, PartnerOffice, User
from tests.support.sessions import log_in_test_client
from tests.support.staff_accounts import queued_templates

ADMIN_PAGES = ["/admin/", "/admin/offices", "/admin/counties", "/admin/users", "/admin/users/invite",
               "/admin/failed-mail", "/admin/unrouted"]


@pytest.fixture
def admin(make_user, login_as):
    user = make_user("admin")
    login_as(user)
    return user


@pytest.fixture
def attorney(make_user):
    return make_user("attorney")


def office(db_session, slug):
    return db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == slug)).one()


def audited(db_session, action):
    return [(e.user_id, e.object_type, e.object_id)
            for e in db_session.scalars(select(AuditEvent).where(AuditEvent.action == action))]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_every_admin_page_passes_hygiene_checks(client_request, admin, path):
    client_request.get(path)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_anonymous_visitor_is_sent_to_log_in(client, path):
    assert client.get(path).headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("role", ["attorney", "volunteer", "da"])
def test_other_staff_get_403(client_request, make_user, login_as, role):
    login_as(make_user(role))
    client_request.get("/admin/", expected_status=403)


def test_admin_who_has_not_passed_the_second_factor_is_sent_to_it(client, make_user):
    log_in_test_client(client, make_user("admin"))
    with client.session_transaction() as session:
        session.pop("second_factor_ok")
    assert client.get("/admin/").headers["Location"].startswith("/auth/second-factor")


# --- Users ----------------------------------------------------------------------------------------------------------

def test_admin_invites_an_attorney_of_an_office(client_request, admin, db_session):
    sf = office(db_session, "sf-public-defender")
    response = client_request.post("/admin/users/invite", {"name": "Ana Ruiz", "email": "Ana@Example.org",
                                                           "role": "attorney", "office_id": sf.id, "county_id": 0})
    invited = db_session.scalars(select(User).where(User.email == "ana@example.org")).one()
    assert response.headers["Location"] == f"/admin/users/{invited.id}"
    assert invited.office == sf and invited.password_hash is None
    assert queued_templates(db_session, invited.email) == ["staff_invitation"]
    assert audited(db_session, "user_invited") == [(admin.id, "user", str(invited.id))]


def test_an_attorneys_bar_number_is_kept_for_the_petition_caption(client_request, admin, db_session):
    sf = office(db_session, "sf-public-defender")
    client_request.post("/admin/users/invite", {"name": "Ana Ruiz", "email": "ana@example.org", "role": "attorney",
                                                "office_id": sf.id, "county_id": 0, "bar_number": "287654"})
    assert db_session.scalars(select(User.bar_number).where(User.email == "ana@example.org")).one() == "287654"


def test_a_bar_number_must_be_digits(client_request, admin, db_session):
    sf = office(db_session, "sf-public-defender")
    page = client_request.post("/admin/users/invite", {"name": "Ana Ruiz", "email": "ana@example.org",
                                                       "role": "attorney", "office_id": sf.id, "county_id": 0,
                                                       "bar_number": "CA-12"}, expected_status=200)
    assert "Enter the State Bar number in digits" in page.find(class_="error-summary").get_text()


def test_invitation_for_an_attorney_needs_an_office(client_request, admin, db_session):
    page = client_request.post("/admin/users/invite", {"name": "Ana Ruiz", "email": "ana@example.org",
                                                       "role": "attorney", "office_id": 0, "county_id": 0},
                               expected_status=200)
    assert "Select the office they work for" in page.find(class_="error-summary").get_text()
    assert page.find("input", attrs={"name": "name"})["value"] == "Ana Ruiz"
    assert db_session.scalars(select(User).where(User.email == "ana@example.org")).first() is None


def test_invitation_for_a_district_attorney_needs_a_county(client_request, admin):
    page = client_request.post("/admin/users/invite", {"name": "Dee Ay", "email": "da@example.org", "role": "da",
                                                       "office_id": 0, "county_id": 0}, expected_status=200)
    assert "Select the county of their office" in page.find(class_="error-summary").get_text()


def test_invitation_to_an_address_already_used_is_refused(client_request, admin, attorney):
    page = client_request.post("/admin/users/invite", {"name": "Again", "email": attorney.email.upper(),
                                                       "role": "admin", "office_id": 0, "county_id": 0},
                               expected_status=200)
    assert "already an account" in page.find(class_="error-summary").get_text()


def test_user_page_passes_hygiene_checks(client_request, admin, attorney):
    page = client_request.get(f"/admin/users/{attorney.id}")
    assert attorney.email in page.get_text()


def user_action(client_request, user, action, **kwargs):
    return client_request.post(f"/admin/users/{user.id}/{action}", csrf_from=f"/admin/users/{user.id}", **kwargs)


def test_admin_disables_an_account_which_logs_it_out(client_request, admin, attorney, db_session, make_app):
    elsewhere = make_app().test_client()
    log_in_test_client(elsewhere, attorney)
    user_action(client_request, attorney, "disable")
    assert attorney.active is False
    assert elsewhere.get("/auth/account").headers["Location"].startswith("/auth/login")
    assert audited(db_session, "user_disabled") == [(admin.id, "user", str(attorney.id))]


def test_admin_enables_a_disabled_account(client_request, admin, attorney, db_session):
    attorney.active = False
    db_session.commit()
    user_action(client_request, attorney, "enable")
    assert attorney.active is True and audited(db_session, "user_enabled")


def test_admin_cannot_disable_their_own_account(client_request, admin, db_session):
    user_action(client_request, admin, "disable")
    assert admin.active is True and audited(db_session, "user_disabled") == []


def test_admin_resets_a_lost_second_factor(client_request, admin, attorney, db_session):
    from tests.support.staff_accounts import give_totp

    give_totp(attorney, db_session)
    attorney.recovery_codes = ["hash"]
    db_session.commit()
    user_action(client_request, attorney, "reset-second-factor")
    assert attorney.totp_secret is None and attorney.totp_confirmed_at is None and attorney.recovery_codes == []
    assert audited(db_session, "second_factor_reset") == [(admin.id, "user", str(attorney.id))]


def test_admin_logs_a_user_out_everywhere(client_request, admin, attorney, db_session, make_app):
    elsewhere = make_app().test_client()
    log_in_test_client(elsewhere, attorney)
    user_action(client_request, attorney, "log-out-everywhere")
    assert elsewhere.get("/auth/account").status_code == 302
    assert audited(db_session, "sessions_ended") == [(admin.id, "user", str(attorney.id))]


def test_admin_resends_an_invitation(client_request, admin, attorney, db_session):
    user_action(client_request, attorney, "resend-invitation")
    assert queued_templates(db_session, attorney.email) == ["staff_invitation"]
    assert audited(db_session, "invitation_resent")


def test_unknown_user_action_is_refused(client_request, admin, attorney):
    user_action(client_request, attorney, "promote-to-admin", expected_status=400)


def test_user_action_without_csrf_token_is_refused(client, admin, attorney):
    assert client.post(f"/admin/users/{attorney.id}/disable").status_code == 400
    assert attorney.active is True


# --- Offices and counties -------------------------------------------------------------------------------------------

def test_office_page_shows_the_routing_rule_as_fields(client_request, admin, db_session):
    alameda_pd = office(db_session, "alameda-public-defender")
    page = client_request.get(f"/admin/offices/{alameda_pd.id}")
    assert page.find("input", attrs={"name": "priority"})["value"] == "1"
    assert page.find("input", attrs={"name": "monthly_income_below"})["value"] == "3000"
    assert page.find("input", attrs={"name": "owns_home", "value": "no"}).has_attr("checked")


def test_admin_edits_an_office_contacts_and_rule(client_request, admin, db_session):
    alameda_pd = office(db_session, "alameda-public-defender")
    client_request.post(f"/admin/offices/{alameda_pd.id}", {
        "name": "Alameda County Public Defender", "website": "https://publicdefender.acgov.org",
        "phone": "(510) 272-6600", "notification_email": "intake@example.org", "live": "y",
        "priority": "2", "monthly_income_below": "3500", "owns_home": "any"})
    assert alameda_pd.notification_email == "intake@example.org"
    assert alameda_pd.routing == {"priority": 2, "when": {"monthly_income_below": 3500}}
    assert audited(db_session, "office_updated") == [(admin.id, "partner_office", str(alameda_pd.id))]


def test_edited_rule_is_one_the_router_accepts(client_request, admin, db_session):
    from app.referrals import routing_errors

    sf = office(db_session, "sf-public-defender")
    client_request.post(f"/admin/offices/{sf.id}", {"name": sf.name, "priority": "1", "owns_home": "yes"})
    assert sf.routing == {"priority": 1, "when": {"owns_home": True}} and routing_errors(sf.routing) == []


def test_unchecking_live_stops_an_office_taking_referrals(client_request, admin, db_session):
    sf = office(db_session, "sf-public-defender")
    client_request.post(f"/admin/offices/{sf.id}", {"name": sf.name, "owns_home": "any"})
    assert sf.live is False


def test_office_form_keeps_typed_values_on_error(client_request, admin, db_session):
    sf = office(db_session, "sf-public-defender")
    page = client_request.post(f"/admin/offices/{sf.id}", {"name": "", "notification_email": "not-an-address",
                                                           "owns_home": "any"}, expected_status=200)
    assert page.find("input", attrs={"name": "notification_email"})["value"] == "not-an-address"
    assert len(page.select(".error-summary li")) == 2
    assert audited(db_session, "office_updated") == []


def test_admin_changes_which_counties_take_part(client_request, admin, db_session):
    counties = {c.name: c for c in db_session.scalars(select(County))}
    participating = [c.id for c in counties.values() if c.participating and c.name != "Yolo"] + [counties["Kern"].id]
    client_request.post("/admin/counties", {"participating": participating})
    assert counties["Kern"].participating and not counties["Yolo"].participating
    assert sorted(audited(db_session, "county_joined") + audited(db_session, "county_left")) == sorted([
        (admin.id, "county", str(counties["Kern"].id)), (admin.id, "county", str(counties["Yolo"].id))])


# --- Lists from the referral and outbox modules ---------------------------------------------------------------------

def test_failed_mail_is_listed_and_can_be_tried_again(client_request, admin, db_session):
    from app.outbox import enqueue

    message = enqueue(to="office@example.org", template="staff_invitation", context={"link": "x", "name": "n",
                                                                                    "role": "attorney",
                                                                                    "valid_hours": 1})
    message.status, message.attempts, message.last_error = "failed", 11, "SMTPServerDisconnected"
    db_session.commit()
    assert "office@example.org" in client_request.get("/admin/failed-mail").get_text()
    assert audited(db_session, "viewed_failed_mail") == [(admin.id, "outbox_message", None)]
    client_request.post(f"/admin/failed-mail/{message.id}/retry", csrf_from="/admin/failed-mail")
    assert message.status == "pending" and message.attempts == 0
    assert audited(db_session, "mail_requeued") == [(admin.id, "outbox_message", str(message.id))]


def test_unrouted_applications_are_listed_by_reference_and_the_view_is_audited(client_request, admin, db_session):
    from app.models import Application, Conviction, utcnow

    application = Application(reference="ABCD-2345", token_hash="f" * 64, status="submitted",
                              routing_status="not_routed", submitted_at=utcnow(),
                              convictions=[Conviction(county="Kern", offense_text="x")])
    db_session.add(application)
    db_session.commit()
    page = client_request.get("/admin/unrouted")
    row = page.find("td", string="ABCD-2345").find_parent("tr")
    assert "Kern" in row.get_text()
    assert audited(db_session, "viewed_unrouted_applications") == [(admin.id, "application", None)]


def test_the_unrouted_list_takes_as_many_queries_for_many_applications_as_for_one(client, admin):
    from tests.support.partner import build_application, counted_queries

    def page_queries():
        with counted_queries() as statements:
            assert client.get("/admin/unrouted").status_code == 200
        return len(statements)

    build_application(["Kern"]).routing_status = "not_routed"
    for_one = page_queries()
    for _ in range(5):
        build_application(["Kern", "Fresno"]).routing_status = "not_routed"
    assert page_queries() == for_one


def test_the_admin_home_counts_failed_mail_and_unrouted_applications(client_request, admin, db_session):
    from app.outbox import enqueue
    from tests.support.partner import build_application

    for address in ("a@example.org", "b@example.org"):
        enqueue(to=address, template="office_new_referral", context={"office_name": "x"}).status = "failed"
    build_application(["Kern"]).routing_status = "not_routed"
    db_session.commit()
    items = [" ".join(li.get_text().split()) for li in client_request.get("/admin/").select(".admin-links li")]
    assert "Email that could not be sent (2)" in items and "Applications no office took (1)" in items


def test_admin_area_speaks_spanish(client_request, admin):
    page = client_request.get("/admin/", headers={"Accept-Language": "es"})
    assert page.h1.get_text() == "Administración"
    assert page.find("a", string="Usuarios")
