"""A volunteer runs a clinic (issue 11): the public questionnaire filled in for someone, consent read aloud and
recorded, a receipt in the resident's language, "next person" leaving nothing behind, the day's batch PDF and CSV,
and the referrals tagged with the event in the office's queue."""
from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from app.models import Application, Referral, User
from tests.support.clinic import event, volunteer  # noqa: F401  (fixtures)
from tests.support.clinic import answers_for, help_resident, next_person, start_resident
from tests.support.hygiene import csrf_token_from
from tests.support.intake import answer_until


@pytest.fixture
def on_shift(login_as, volunteer, event):
    login_as(volunteer)
    return volunteer


def applications(db_session) -> list[Application]:
    db_session.expire_all()
    return list(db_session.scalars(select(Application).order_by(Application.id)))


def pdf_pages(pdf: bytes) -> list[str]:
    """The PDF's text read back with pdftotext, one string per page."""
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode().split("\f")[:-1]


def test_starting_a_person_records_the_clinic_event_and_volunteer(client, db_session, on_shift, event):
    start_resident(client, event.id)
    (application,) = applications(db_session)
    assert (application.source, application.clinic_event_id, application.volunteer_id) == ("clinic", event.id,
                                                                                            on_shift.id)


def test_the_public_start_sends_a_volunteer_on_shift_to_their_events(client_request, db_session, on_shift, event):
    client_request.get("/clinic/")  # the shift starts on the volunteer's first clinic page
    response = client_request.post("/start", csrf_from="/")
    assert response.headers["Location"].endswith("/clinic/")
    assert applications(db_session) == []
    home = client_request.get("/clinic/")
    assert home.find(string=lambda s: s and "start each person from your event" in s)


def test_the_clinic_asks_the_public_questionnaires_pages(client_request, on_shift, event):
    first = start_resident(client_request.client, event.id)
    page = client_request.get(first)
    assert first.startswith("/question/") and page.find(string=lambda s: s and "Clinic: Reentry fair" in s)


def test_consent_names_the_volunteer_who_read_it_the_language_and_the_time(client_request, db_session, on_shift,
                                                                           event):
    help_resident(client_request, event.id, "Ana Uno", language="es", read_language="es")
    (application,) = applications(db_session)
    assert application.status == "submitted"
    assert (application.consent_read_by_id, application.consent_read_language) == (on_shift.id, "es")
    assert application.consent_at is not None


def test_the_consent_page_shows_the_statement_in_the_residents_language(client_request, on_shift, event):
    first = start_resident(client_request.client, event.id, language="es")
    answer_until(client_request, answers_for("Ana Dos"), first_url=first)
    page = client_request.get("/clinic/consent")
    statement = page.select_one(".read-aloud")
    assert statement["lang"] == "es" and "abogado" in statement.get_text()
    assert page.html["lang"] == "en"  # the volunteer's own page stays in the volunteer's language


def test_consent_without_the_residents_agreement_is_refused_and_keeps_what_was_typed(client_request, db_session,
                                                                                    on_shift, event):
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Tres"), first_url=first)
    page = client_request.post("/clinic/consent", {"read_language": "en", "personal_statement": "For a job"},
                               expected_status=200)
    assert page.select_one(".error-summary") is not None
    assert page.find("textarea", attrs={"name": "personal_statement"}).get_text().strip() == "For a job"
    assert applications(db_session)[0].status == "draft"


def test_the_public_consent_page_sends_a_volunteer_to_the_read_aloud_one(client_request, on_shift, event):
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Cuatro"), first_url=first)
    response = client_request.client.get("/consent")
    assert response.status_code == 302 and response.headers["Location"].endswith("/clinic/consent")


def test_the_receipt_is_in_the_residents_language_with_the_offices_phone(client_request, db_session, on_shift, event):
    help_resident(client_request, event.id, "Ana Cinco", language="es")
    page = client_request.get("/clinic/sent")
    receipt = page.select_one(".receipt")
    application = applications(db_session)[0]
    office = db_session.scalars(select(Referral)).one().office
    assert receipt["lang"] == "es" and application.reference in receipt.get_text()
    assert office.name in receipt.get_text() and office.phone in receipt.get_text()
    assert "Guarde este papel" in receipt.get_text()


def test_next_person_leaves_nothing_of_the_last_resident(client_request, db_session, on_shift, event):
    help_resident(client_request, event.id, "Ana Seis")
    response = next_person(client_request.client)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/clinic/events/{event.id}")
    assert response.headers["Clear-Site-Data"] == '"cache"'
    client = client_request.client
    assert client.get("/clinic/sent").status_code == 404
    for path in ("/question/name", "/confirmation", "/check-answers", "/petition.pdf"):
        assert "Ana Seis" not in client.get(path, follow_redirects=True).get_data(as_text=True), path


def test_the_next_person_starts_empty(client_request, db_session, on_shift, event):
    help_resident(client_request, event.id, "Ana Siete")
    next_person(client_request.client)
    first = start_resident(client_request.client, event.id)
    page = client_request.get(first)
    assert "Ana Siete" not in str(page)
    assert len(applications(db_session)) == 2


def test_a_volunteer_switches_the_residents_language_without_changing_their_own(client_request, db_session,
                                                                                on_shift, event):
    first = start_resident(client_request.client, event.id)
    client_request.client.get(f"/language/es?next={first}")
    assert client_request.get(first).html["lang"] == "es"
    assert client_request.get(f"/clinic/events/{event.id}").html["lang"] == "en"
    assert applications(db_session)[0].language == "es"


def test_the_volunteers_own_language_switch_leaves_the_residents_alone(client_request, db_session, on_shift, event):
    first = start_resident(client_request.client, event.id, language="es")
    client_request.client.get(f"/language/es?next=/clinic/events/{event.id}")
    assert client_request.get(f"/clinic/events/{event.id}").html["lang"] == "es"
    client_request.client.get(f"/language/en?next=/clinic/events/{event.id}")
    assert client_request.get(first).html["lang"] == "es"


def test_finish_at_home_gives_the_code_and_where_to_go_on(client_request, db_session, on_shift, event):
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Ocho"), stop_before="/question/address", first_url=first)
    page = client_request.get("/clinic/finish-at-home")
    application = applications(db_session)[0]
    assert application.reference in page.select_one(".receipt").get_text()
    assert "/resume" in page.select_one(".receipt").get_text()


def test_the_batch_pdf_has_each_residents_receipt_then_papers_in_order(client_request, db_session, on_shift, event):
    for name in ("Ana Primera", "Berta Segunda"):
        help_resident(client_request, event.id, name)
        next_person(client_request.client)
    response = client_request.client.get(f"/clinic/events/{event.id}/batch.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = pdf_pages(response.data)
    first, second = applications(db_session)
    receipts = [number for number, page in enumerate(pages) if page.lstrip().startswith("Receipt")]
    assert len(receipts) == 2 and receipts[0] == 0
    for start, end, application in ((receipts[0], receipts[1], first), (receipts[1], len(pages), second)):
        assert application.reference in pages[start]
        papers = "\n".join(pages[start + 1:end])
        assert application.full_name in papers and "Petition" in papers
        other = second if application is first else first
        assert other.full_name not in papers


def test_the_days_csv_lists_everyone_helped_for_the_hosting_office(client, client_request, db_session, login_as,
                                                                   make_user, on_shift, event):
    help_resident(client_request, event.id, "=HYPERLINK(1)")
    next_person(client)
    login_as(make_user("attorney", "alameda-public-defender"))  # the hosting office
    body = client.get(f"/clinic/events/{event.id}/export.csv").get_data(as_text=True)
    header, row = body.splitlines()[:2]
    assert header.startswith("reference,name,status,referral_offices")
    office = db_session.scalars(select(Referral)).one().office
    assert "'=HYPERLINK(1)" in row and "Val Volunteer" in row and office.name in row


def test_the_offices_queue_filters_by_event(client, client_request, db_session, login_as, make_user, on_shift, event):
    from tests.support.partner import routed_application

    help_resident(client_request, event.id, "Ana Filtro")
    next_person(client)
    office = db_session.scalars(select(Referral)).one().office
    routed_application(["Alameda"], full_name="Pablo Publico", household={"monthly_income": 1800, "owns_home": False})
    login_as(make_user("attorney", office.slug))
    everyone = client.get("/partner/").get_data(as_text=True)
    filtered = client.get(f"/partner/?event={event.id}").get_data(as_text=True)
    assert "Pablo Publico" in everyone and "Ana Filtro" in everyone
    assert "Ana Filtro" in filtered and "Pablo Publico" not in filtered


def test_the_referral_page_names_the_event_and_who_read_the_consent(client, client_request, db_session, login_as,
                                                                    make_user, on_shift, event):
    help_resident(client_request, event.id, "Ana Memo")
    next_person(client)
    referral = db_session.scalars(select(Referral)).one()
    login_as(make_user("attorney", referral.office.slug))
    text = client.get(f"/partner/referrals/{referral.id}").get_data(as_text=True)
    assert "Reentry fair" in text and "Consent read aloud by Val Volunteer in English" in text


def test_end_my_shift_logs_out_and_forgets_the_resident(client_request, db_session, on_shift, event):
    first = start_resident(client_request.client, event.id)
    answer_until(client_request, answers_for("Ana Fin"), stop_before="/question/address", first_url=first)
    client = client_request.client
    token = csrf_token_from(client.get(f"/clinic/events/{event.id}").get_data(as_text=True))
    response = client.post("/clinic/end-shift", data={"csrf_token": token})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get(f"/clinic/events/{event.id}").status_code == 302
    assert "Ana Fin" not in client.get("/question/name", follow_redirects=True).get_data(as_text=True)


def test_an_attorney_creates_an_event_for_their_own_office(client_request, db_session, login_as, make_user):
    from app.models import ClinicEvent, PartnerOffice

    attorney = make_user("attorney", "alameda-public-defender")
    login_as(attorney)
    page = client_request.get("/clinic/events/new")
    offered = [option["value"] for option in page.select("#office_id option")]
    assert offered == [str(attorney.office_id)]
    response = client_request.post("/clinic/events/new", {
        "name": "Spring fair", "event_date-day": "14", "event_date-month": "3", "event_date-year": "2027",
        "place": "Oakland Library", "county_id": str(attorney.office.county_id), "office_id": str(attorney.office_id),
        "help_window_days": "7"})
    created = db_session.scalars(select(ClinicEvent)).one()
    assert response.headers["Location"].endswith(f"/clinic/events/{created.id}")
    other = db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "sf-public-defender")).one()
    refused = client_request.post("/clinic/events/new", {
        "name": "Not mine", "event_date-day": "14", "event_date-month": "3", "event_date-year": "2027",
        "place": "SF", "county_id": str(other.county_id), "office_id": str(other.id), "help_window_days": "7"},
        expected_status=200)
    assert refused.select_one(".error-summary") is not None


def _changed_event_form(event, **changes):
    fields = {"name": event.name, "event_date-day": str(event.event_date.day),
              "event_date-month": str(event.event_date.month), "event_date-year": str(event.event_date.year),
              "place": event.place, "county_id": str(event.county_id), "office_id": str(event.office_id),
              "help_window_days": str(event.help_window_days)}
    return {**fields, **changes}


def test_the_hosting_offices_attorney_changes_the_events_place_and_help_window(client_request, db_session, login_as,
                                                                                make_user, event):
    from app.models import AuditEvent

    attorney = make_user("attorney", "alameda-public-defender")
    login_as(attorney)
    page = client_request.get(f"/clinic/events/{event.id}/edit")
    assert page.select_one("#name")["value"] == event.name
    response = client_request.post(f"/clinic/events/{event.id}/edit",
                                   _changed_event_form(event, place="West Oakland Library", help_window_days="14"))
    assert response.headers["Location"].endswith(f"/clinic/events/{event.id}")
    db_session.expire_all()
    assert (event.place, event.help_window_days) == ("West Oakland Library", 14)
    assert db_session.scalars(select(AuditEvent).where(AuditEvent.action == "clinic.event_changed")).one().user_id == attorney.id


def test_another_offices_attorney_cannot_change_the_event(client, login_as, make_user, event):
    login_as(make_user("attorney", "sf-public-defender"))
    assert client.get(f"/clinic/events/{event.id}/edit").status_code == 404


def test_a_volunteer_cannot_change_the_event(client, on_shift, event):
    assert client.get(f"/clinic/events/{event.id}/edit").status_code == 403


def test_an_event_change_with_mistakes_keeps_what_was_typed(client_request, login_as, make_user, event):
    login_as(make_user("admin", None))
    page = client_request.post(f"/clinic/events/{event.id}/edit",
                               _changed_event_form(event, name="Renamed fair", place="", help_window_days="90"),
                               expected_status=200)
    assert page.select_one(".error-summary") is not None and page.select_one("#name")["value"] == "Renamed fair"


def test_an_event_form_with_mistakes_keeps_what_was_typed(client_request, login_as, make_user):
    login_as(make_user("admin", None))
    page = client_request.post("/clinic/events/new", {"name": "Fair", "event_date-day": "31",
                                                      "event_date-month": "2", "event_date-year": "2027",
                                                      "place": "", "help_window_days": "99"}, expected_status=200)
    assert page.select_one("#name")["value"] == "Fair" and page.select_one("#event_date-day")["value"] == "31"
    errors = page.select_one(".error-summary").get_text()
    assert "real date" in errors and "where the event is" in errors and "0 to 60" in errors


def test_inviting_an_unknown_address_sends_a_volunteer_invitation(client_request, db_session, login_as, make_user,
                                                                  event):
    from tests.support.staff_accounts import queued_templates

    login_as(make_user("attorney", "alameda-public-defender"))
    client_request.post(f"/clinic/events/{event.id}/volunteers", {"email": "new.helper@example.org",
                                                                   "name": "New Helper"},
                        csrf_from=f"/clinic/events/{event.id}")
    user = db_session.scalars(select(User).where(User.email == "new.helper@example.org")).one()
    assert (user.role, user.office_id) == ("volunteer", event.office_id)
    assert queued_templates(db_session, "new.helper@example.org") == ["staff_invitation"]
    assert user.id in {invitation.user_id for invitation in event.invitations}


def test_an_attorneys_address_cannot_be_invited_as_a_volunteer(client_request, login_as, make_user, event):
    login_as(make_user("attorney", "alameda-public-defender"))
    colleague = make_user("attorney", "alameda-public-defender")
    page = client_request.post(f"/clinic/events/{event.id}/volunteers", {"email": colleague.email},
                               csrf_from=f"/clinic/events/{event.id}", expected_status=200)
    assert "not a volunteer" in page.select_one(".error-summary").get_text()


def test_a_busy_days_batch_is_printed_in_parts_in_order(client_request, db_session, monkeypatch, on_shift, event):
    from app.clinic import service

    monkeypatch.setattr(service, "BATCH_PART_SIZE", 1)
    for name in ("Ana Parte", "Berta Parte"):
        help_resident(client_request, event.id, name)
        next_person(client_request.client)
    page = client_request.get(f"/clinic/events/{event.id}")
    links = [a["href"] for a in page.select("a[href*='batch.pdf']")]
    assert links == [f"/clinic/events/{event.id}/batch.pdf?part=1", f"/clinic/events/{event.id}/batch.pdf?part=2"]
    second = pdf_pages(client_request.client.get(links[1]).data)
    assert "Berta Parte" in "\n".join(second) and "Ana Parte" not in "\n".join(second)
    assert client_request.client.get(f"/clinic/events/{event.id}/batch.pdf?part=3").status_code == 404


def test_batch_parts_cover_everyone_once():
    from app.clinic.service import batch_parts

    assert [(p.first, p.last) for p in batch_parts(45, size=20)] == [(1, 20), (21, 40), (41, 45)]
    assert [(p.first, p.last) for p in batch_parts(20, size=20)] == [(1, 20)]
    assert batch_parts(0, size=20) == []
