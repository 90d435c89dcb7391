"""The journey as a whole over HTTP: check answers, results, consent, one submission, save and return, deletion."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.models import Application
from app.models.referrals import OutboxMessage, Referral
from app.packets import NothingToFile, PacketRenderTimeout
from tests.support.hygiene import ClientRequest, csrf_token_from
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until, start

CONSENT = {"share": "y", "understands": "y", "personal_statement": "I want to work as a nurse."}


@pytest.fixture
def answered(client_request):
    """Every question answered; the browser is on check answers."""
    assert answer_until(client_request, MARIJUANA_IN_ALAMEDA) == "/check-answers"
    return client_request


def only_application(db_session) -> Application:
    db_session.expire_all()
    return db_session.scalars(select(Application)).one()


def resume_link(client_request) -> str:
    link = client_request.get("/save").find("p", class_="resume-link").a["href"]
    return re.sub(r"^https?://[^/]+", "", link)


def test_check_answers_lists_every_answer_with_a_change_link(answered):
    page = answered.get("/check-answers")
    text = page.get_text(" ")
    assert page.find(class_="caption").get_text() == "Section 5 of 5: Sending your application"
    assert "Ana Example" in text and "Possession of marijuana (HS 11357)" in text and "May 1, 2012" in text
    changes = [a["href"] for a in page.select("dd.change a")]
    assert "/question/name?return=check" in changes and "/conviction/1/offense?return=check" in changes


def test_a_change_link_returns_to_check_answers(answered):
    response = answered.post("/question/name?return=check", {"full_name": "Ana Changed"})
    assert response.headers["Location"] == "/check-answers"


def test_a_change_that_opens_a_new_question_asks_it_before_check_answers(answered):
    response = answered.post("/conviction/1/offense?return=check", {"offense": "", "offense_code": "PC 459.5"})
    assert response.headers["Location"] == "/check-answers"  # still a misdemeanor: nothing new to ask
    response = answered.post("/conviction/1/level?return=check", {"answer": "felony"})
    assert response.headers["Location"] == "/conviction/1/value"  # a felony: over $950 decides Prop 47


def test_a_question_hidden_by_a_change_and_shown_again_keeps_its_answer(answered):
    # "did you finish probation?" goes with a jail sentence (which asks about fire crews, PC 1203.4b), then comes back
    # answered with probation
    response = answered.post("/conviction/1/sentence?return=check", {"answer": "county_jail"})
    assert response.headers["Location"] == "/conviction/1/fire-camp"
    answered.post("/conviction/1/fire-camp?return=check", {"answer": "no"})
    response = answered.post("/conviction/1/sentence?return=check", {"answer": "probation"})
    assert response.headers["Location"] == "/check-answers"


def test_results_show_each_conviction_with_its_outcome_and_reasons(answered):
    page = answered.get("/results")
    card = page.find("section", class_="result")
    assert "Possession of marijuana (HS 11357)" in card.h2.get_text()
    assert "Looks possible" in card.get_text() and "Proposition 64 (marijuana)" in card.get_text()
    assert card.find("li"), "every outcome says why"


@pytest.mark.parametrize("url", ["/check-answers", "/results", "/consent"])
def test_the_pages_after_the_questions_wait_until_every_question_is_answered(client_request, url):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/conviction/1/level")
    response = client_request.client.get(url)
    assert response.status_code == 302 and response.headers["Location"] == "/conviction/1/level"


def test_consent_must_be_given_to_send(answered):
    page = answered.post("/consent", {"personal_statement": "x"}, expected_status=200)
    messages = page.find(class_="error-summary").get_text()
    assert "Agree to share your answers with the legal office, so they can help you" in messages
    assert page.find("textarea")["name"] == "personal_statement"
    assert page.find("textarea").get_text().strip() == "x"


def test_submitting_stores_the_screening_routes_to_the_office_and_confirms(answered, db_session):
    response = answered.post("/consent", CONSENT)
    assert response.headers["Location"] == "/confirmation"
    application = only_application(db_session)
    assert application.status == "submitted" and application.submitted_at and application.consent_at
    assert application.screening["convictions"][0]["determinations"]
    assert application.engine_version == application.screening["engine_version"]
    assert application.answers["personal_statement"] == "I want to work as a nurse."
    assert application.routing_status == "routed"
    referral = db_session.scalars(select(Referral)).one()
    assert referral.office.slug == "alameda-public-defender"  # income 1800, does not own a home
    templates = db_session.scalars(select(OutboxMessage.template).order_by(OutboxMessage.id)).all()
    assert templates.count("resident_confirmation") == 1 and "office_new_referral" in templates
    page = answered.get("/confirmation")
    assert application.reference in page.get_text()
    assert "Alameda County Public Defender" in page.get_text()


def test_submitting_twice_creates_one_submission(answered, db_session):
    token = csrf_token_from(answered.client.get("/consent").get_data(as_text=True))
    first = answered.client.post("/consent", data={**CONSENT, "csrf_token": token})
    second = answered.client.post("/consent", data={**CONSENT, "csrf_token": token})
    assert first.headers["Location"] == second.headers["Location"] == "/confirmation"
    assert db_session.scalar(select(func.count()).select_from(Application)) == 1
    assert db_session.scalar(select(func.count()).select_from(Referral)) == 1
    confirmations = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.template == "resident_confirmation")
    assert db_session.scalar(confirmations) == 1


def test_back_and_resubmit_after_sending_lands_on_the_confirmation(answered):
    answered.post("/consent", CONSENT)
    response = answered.client.get("/consent")
    assert response.status_code == 302 and response.headers["Location"] == "/confirmation"
    response = answered.post("/question/name", {"full_name": "Late change"}, csrf_from="/delete")
    assert response.headers["Location"] == "/confirmation"


def test_answers_are_saved_on_the_server_not_in_the_cookie(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/contact")
    assert only_application(db_session).full_name == "Ana Example"
    cookie = client_request.client.get_cookie("session")
    assert "Ana" not in cookie.value and "1980" not in cookie.value


def test_giving_an_email_address_emails_the_resume_link(client_request, db_session):
    from app.outbox import render

    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "resume_link")).one()
    assert message.to_address == "ana@example.org"
    assert resume_link(client_request) in render(message).body


def test_unsent_mail_names_the_application_instead_of_holding_its_resume_link(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "resume_link")).one()
    token = resume_link(client_request).removeprefix("/resume/")
    assert token not in str(message.context) and "resume_url" not in message.context
    assert message.context["resume_link_of"] == only_application(db_session).reference


def test_the_save_page_emails_the_link_again_on_request(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/address")
    page = client_request.post("/save", {}, expected_status=200)
    assert "We emailed you the link." in page.get_text()
    db_session.remove()  # as at the end of a real request: what was not committed is gone
    count = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.template == "resume_link")
    assert db_session.scalar(count) == 2


def test_the_resume_link_brings_the_person_back_after_a_server_restart(client_request, make_app):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/conviction/1/offense")
    link = resume_link(client_request)
    restarted = ClientRequest(make_app().test_client())  # a new process and a new browser: no session at all
    response = restarted.client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == "/conviction/1/offense"
    page = restarted.get("/question/name")
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Ana Example"


def test_a_wrong_resume_link_says_so_and_offers_the_code(client_request):
    page = client_request.get("/resume/not-a-real-token", expected_status=404)
    assert page.find("a", href="/resume")


def test_the_code_and_date_of_birth_bring_the_person_back(client_request, db_session, make_app):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/in-custody")
    reference = only_application(db_session).reference
    other_browser = ClientRequest(make_app().test_client())
    response = other_browser.post("/resume", {"reference": reference.lower().replace("-", " "),
                                              "date_of_birth-day": "02", "date_of_birth-month": "4",
                                              "date_of_birth-year": "1980"})
    assert response.headers["Location"] == "/question/in-custody"


def test_resuming_by_code_replaces_the_old_link(client_request, db_session, make_app):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/in-custody")
    old_link = resume_link(client_request)
    other_browser = ClientRequest(make_app().test_client())
    other_browser.post("/resume", {"reference": only_application(db_session).reference, "date_of_birth-day": "2",
                                   "date_of_birth-month": "4", "date_of_birth-year": "1980"})
    assert other_browser.client.get(old_link).status_code == 404


def test_a_wrong_date_of_birth_does_not_reveal_the_application(client_request, db_session, make_app):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/in-custody")
    other_browser = ClientRequest(make_app().test_client())
    page = other_browser.post("/resume", {"reference": only_application(db_session).reference,
                                          "date_of_birth-day": "3", "date_of_birth-month": "4",
                                          "date_of_birth-year": "1980"}, expected_status=200)
    assert "We could not find an application with this code and date of birth" in page.get_text()
    assert "Ana" not in page.get_text()


def test_guessing_codes_is_rate_limited(make_app):
    client = ClientRequest(make_app(RATELIMIT_ENABLED=True).test_client())
    guess = {"reference": "AAA-AAA", "date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1980"}
    for _ in range(10):
        client.post("/resume", guess, expected_status=200)
    client.post("/resume", guess, expected_status=429)


def test_a_person_can_delete_their_answers(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/in-custody")
    link = resume_link(client_request)
    response = client_request.post("/delete", {})
    assert response.headers["Location"] == "/deleted"
    assert db_session.scalar(select(func.count()).select_from(Application)) == 0
    assert client_request.client.get(link).status_code == 404


def confirm_deletion(client_request, typed_reference):
    """The confirmation page, then its form sent back with the page's nonce and the typed code."""
    page = client_request.get("/delete")
    form = {field["name"]: field.get("value", "") for field in page.select("form input[type=hidden]")}
    return client_request.client.post("/delete", data={**form, "reference": typed_reference})


def test_a_sent_application_can_be_deleted_with_its_referral(answered, db_session):
    answered.post("/consent", CONSENT)
    response = confirm_deletion(answered, only_application(db_session).reference.lower())
    assert response.headers["Location"] == "/deleted"
    assert db_session.scalar(select(func.count()).select_from(Referral)) == 0
    assert db_session.scalar(select(func.count()).select_from(Application)) == 0


def test_deleting_an_application_drops_its_unsent_emails_but_not_the_office_notice(answered, db_session):
    answered.post("/consent", CONSENT)
    confirm_deletion(answered, only_application(db_session).reference)
    db_session.remove()
    unsent = db_session.scalars(select(OutboxMessage.template).where(OutboxMessage.status != "sent")).all()
    assert "resident_confirmation" not in unsent and "resume_link" not in unsent
    assert "office_new_referral" in unsent


def test_the_language_chosen_sticks_to_the_application(client_request, db_session):
    start(client_request.client)
    client_request.client.get("/language/es?next=/question/counties")
    client_request.get("/question/counties")
    assert only_application(db_session).language == "es"


def test_a_resumed_application_comes_back_in_its_language(client_request, db_session, make_app):
    client_request.client.get("/language/es")
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before="/question/in-custody")
    link = resume_link(client_request)
    other_browser = ClientRequest(make_app().test_client())
    other_browser.client.get(link)
    assert other_browser.get("/question/in-custody").html["lang"] == "es"


def test_adding_a_second_conviction_walks_its_questions_then_asks_again(answered):
    response = answered.post("/question/convictions", {"answer": "yes"})
    assert response.headers["Location"] == "/conviction/2/county"
    answered.post("/conviction/2/county", {"county": "Alameda"})
    assert answered.client.get("/check-answers").headers["Location"] == "/conviction/2/case-number"


def test_removing_a_conviction_takes_it_off_the_list(answered, db_session):
    answered.post("/question/convictions", {"answer": "yes"})
    answered.post("/conviction/2/county", {"county": "Fresno"})
    answered.post("/conviction/2/remove", {}, csrf_from="/question/convictions")
    assert len(only_application(db_session).convictions) == 1


def test_the_start_page_offers_start_and_continue(client_request):
    page = client_request.get("/")
    assert page.find("button", string=re.compile("Start now"))
    assert page.find("a", href="/resume").get_text() == "Continue a saved application"


@pytest.mark.parametrize("url", ["/check-answers", "/results", "/consent", "/save", "/delete", "/resume"])
def test_every_page_after_the_questions_passes_hygiene(answered, url):
    answered.get(url)


def test_the_confirmation_and_deleted_pages_pass_hygiene(answered, db_session):
    answered.post("/consent", CONSENT)
    answered.get("/confirmation")
    confirm_deletion(answered, only_application(db_session).reference)
    answered.get("/deleted")


def test_the_confirmation_offers_the_filled_court_papers(answered):
    answered.post("/consent", CONSENT)
    link = answered.get("/confirmation").find("a", href="/petition.pdf")
    assert link is not None
    response = answered.client.get("/petition.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (NothingToFile("the screening calls for no petition"), "We could not fill in court papers"),
        (PacketRenderTimeout(), "took too long to prepare"),
    ],
    ids=["nothing-to-file", "too-slow"],
)
def test_court_papers_that_cannot_be_made_are_explained_on_the_confirmation(answered, monkeypatch, failure, message):
    answered.post("/consent", CONSENT)

    def failing(_application, **_options):
        raise failure

    monkeypatch.setattr("app.intake.views.resident_packet", failing)
    response = answered.client.get("/petition.pdf")
    assert response.status_code == 302 and response.headers["Location"].endswith("/confirmation")
    assert message in answered.get("/confirmation").get_text()


def test_the_court_papers_are_not_offered_before_sending(answered):
    assert answered.client.get("/petition.pdf").status_code == 404


def test_no_personal_value_reaches_the_logs(client_request, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    answer_until(client_request, MARIJUANA_IN_ALAMEDA)
    client_request.post("/consent", CONSENT)
    for value in ("Ana Example", "ana@example.org", "1980", "1 Main St", "12-CR-3456", "nurse"):
        assert value not in caplog.text


SHOPLIFTING_FELONY = {**MARIJUANA_IN_ALAMEDA, "/conviction/1/offense": {"offense": "", "offense_code": "PC 459.5"},
                      "/conviction/1/level": {"answer": "felony"}}


def test_a_late_prop_47_application_is_asked_why_it_is_late(client_request, db_session):
    assert answer_until(client_request, SHOPLIFTING_FELONY) == "/check-answers"
    page = client_request.get("/consent")
    assert page.find("textarea", attrs={"name": "good_cause_statement"}) is not None
    client_request.post("/consent", {**CONSENT, "good_cause_statement": "I did not know about the law."})
    assert only_application(db_session).answers["good_cause_statement"] == "I did not know about the law."


def test_no_good_cause_question_when_prop_47_is_not_in_play(answered):
    assert answered.get("/consent").find("textarea", attrs={"name": "good_cause_statement"}) is None
