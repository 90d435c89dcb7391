"""The attorneys' dashboard: queue, referral page (answers, memo, status, notes, transfer, history) and CSV export."""
from __future__ import annotations

import csv
import datetime
import io

import pytest
from sqlalchemy import select

from pypdf import PdfReader

from app.models import AuditEvent, OutboxMessage, PartnerOffice, Referral
from tests.support.hygiene import ClientRequest
from tests.support.partner import SCREENING, counted_queries, routed_application
from tests.support.sessions import log_in_test_client


def referral_of(db_session, application):
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


def referral_of_office(db_session, application, slug):
    return db_session.scalars(select(Referral).join(Referral.office).where(
        Referral.application_id == application.id, PartnerOffice.slug == slug)).one()


@pytest.fixture
def attorney(make_user, login_as):
    user = make_user("attorney", "sf-public-defender", bar_number="234567")
    login_as(user)
    return user


@pytest.fixture
def referral(db_session):
    application = routed_application(["San Francisco"], screening=SCREENING, language="es",
                                     email_address="rosa@example.org", full_name="Rosa Delgado",
                                     household={"monthly_income": 2100, "owns_home": False})
    return referral_of(db_session, application)


def page_text(page):
    return " ".join(page.get_text().split())


# --- Queue ----------------------------------------------------------------------------------------------------------


def test_the_queue_counts_referrals_by_status(client_request, attorney, referral, db_session):
    second = referral_of(db_session, routed_application(["San Francisco"]))
    second.status = "filed"
    db_session.commit()
    page = client_request.get("/partner/")
    tabs = {" ".join(a.get_text().split()) for a in page.select(".status-tabs a")}
    assert {"All 2", "New 1", "Filed 1", "Granted 0"} <= tabs


def test_the_queue_filters_by_status(client_request, attorney, referral, db_session):
    routed_application(["San Francisco"], full_name="Filed Person")
    page = client_request.get("/partner/?status=new")
    assert len(page.select("tbody tr")) == 2
    assert client_request.get("/partner/?status=filed").find("table") is None


@pytest.mark.parametrize("search", ["delgado", "Rosa Delgado", "ROSA"])
def test_the_queue_finds_a_referral_by_part_of_the_name(client_request, attorney, referral, search):
    routed_application(["San Francisco"], full_name="Someone Else")
    rows = client_request.get(f"/partner/?q={search}").select("tbody tr")
    assert [row.find("a").get_text() for row in rows] == [referral.application.reference]


def test_the_queue_finds_whole_words_of_a_name_not_fragments(client_request, attorney, referral):
    assert client_request.get("/partner/?q=Delg").find("table") is None


@pytest.mark.parametrize("search", ["SF-2020-0042", "sf20200042", "SF 2020 0042"])
def test_the_queue_finds_a_referral_by_case_number_however_it_is_typed(client_request, attorney, referral, db_session,
                                                                       search):
    referral.application.convictions[0].case_number = "SF-2020-0042"
    db_session.commit()
    routed_application(["San Francisco"], full_name="Someone Else")
    rows = client_request.get(f"/partner/?q={search}").select("tbody tr")
    assert [row.find("a").get_text() for row in rows] == [referral.application.reference]


def test_a_renamed_application_is_found_by_its_new_name_only(client_request, attorney, referral, db_session):
    referral.application.full_name = "Rosa Martinez"
    db_session.commit()
    assert client_request.get("/partner/?q=Delgado").find("table") is None
    assert len(client_request.get("/partner/?q=martinez").select("tbody tr")) == 1


def test_the_queue_search_never_finds_another_offices_referral(client_request, attorney, db_session):
    routed_application(["Alameda"], full_name="Rosa Delgado")
    assert client_request.get("/partner/?q=Rosa").find("table") is None


def test_the_queue_finds_a_referral_by_reference_in_any_case(client_request, attorney, referral):
    routed_application(["San Francisco"], full_name="Someone Else")
    rows = client_request.get(f"/partner/?q={referral.application.reference.lower()}").select("tbody tr")
    assert len(rows) == 1


def test_a_search_with_sql_wildcards_matches_them_literally(client_request, attorney, referral):
    assert client_request.get("/partner/?q=%25").find("table") is None


def test_the_queue_filters_by_county(client_request, attorney, referral, db_session):
    other = referral_of(db_session, routed_application(["Contra Costa"], full_name="Transferred In"))
    other.office = referral.office  # e.g. after a transfer: the office now has two counties' referrals
    db_session.commit()
    rows = client_request.get(f"/partner/?county={other.county_id}").select("tbody tr")
    assert [row.find_all("td")[1].get_text() for row in rows] == ["Transferred In"]


def test_a_new_referral_is_marked_unopened_until_someone_opens_it(client_request, attorney, referral):
    assert "Unopened" in page_text(client_request.get("/partner/"))
    client_request.get(f"/partner/referrals/{referral.id}")
    assert "Unopened" not in page_text(client_request.get("/partner/"))


# --- Referral page --------------------------------------------------------------------------------------------------


def test_the_referral_page_shows_the_answers(client_request, attorney, referral):
    text = page_text(client_request.get(f"/partner/referrals/{referral.id}"))
    assert "Rosa Delgado" in text and "rosa@example.org" in text and "$2,100" in text
    assert "HS 11357(b)" in text and "CR-0" in text


def test_facts_the_resident_did_not_know_are_shown_as_not_known(client_request, attorney, db_session):
    found = referral_of(db_session, routed_application(["San Francisco"], household={"monthly_income": None,
                                                                                     "owns_home": None}))
    rows = {dt.get_text(): dt.find_next("dd").get_text()
            for dt in client_request.get(f"/partner/referrals/{found.id}").select("#answers + dl dt")}
    assert rows["Monthly household income"] == "Does not know"
    assert rows["Owns a home"] == "Does not know"


def conviction_answers(client_request, found):
    page = client_request.get(f"/partner/referrals/{found.id}")
    return {dt.get_text(): dt.find_next("dd").get_text() for dt in page.select(".card dl dt")}


def test_answers_to_questions_asked_of_few_people_are_shown_when_asked(client_request, attorney, db_session):
    found = referral_of(db_session, routed_application(["San Francisco"]))
    found.application.convictions[0].facts = {"probation_terminated_early": True, "trafficking_victim": None}
    db_session.commit()
    rows = conviction_answers(client_request, found)
    assert rows["Probation ended early by a judge"] == "Yes"
    assert rows["Conviction arose while being forced or pressured into sex work"] == "Does not know or did not say"


def test_questions_never_asked_are_not_listed_as_unknown(client_request, attorney, referral):
    assert "Probation ended early by a judge" not in conviction_answers(client_request, referral)


def test_the_referral_page_shows_the_screening_memo(client_request, attorney, referral):
    memo = client_request.get(f"/partner/referrals/{referral.id}").find("h2", id="memo").find_next("div")
    text = page_text(memo)
    assert "HS 11357(b) – Possession of marijuana" in text
    assert "Eligible" in text and "Dismiss and seal" in text and "CR-400" in text
    assert "Possession of marijuana is no longer a crime for adults." in text


def test_the_memo_gives_reasons_in_spanish_to_a_spanish_speaking_attorney(client_request, client, attorney,
                                                                          referral):
    client.get("/language/es")
    text = page_text(client_request.get(f"/partner/referrals/{referral.id}"))
    assert "La posesión de marihuana ya no es un delito para adultos." in text


def test_without_a_stored_screening_the_memo_is_computed(client_request, attorney, db_session):
    found = referral_of(db_session, routed_application(["San Francisco"], screening=None))
    text = page_text(client_request.get(f"/partner/referrals/{found.id}"))
    assert "this memo was computed when you opened it" in text
    assert "Proposition 64" in text


# --- Packet ---------------------------------------------------------------------------------------------------------


def pdf_text(data):
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_packet_is_offered_when_the_screening_calls_for_a_petition(client_request, attorney, referral):
    page = client_request.get(f"/partner/referrals/{referral.id}")
    assert page.find("a", href=f"/partner/referrals/{referral.id}/packet.pdf")


def test_the_packet_is_not_offered_when_nothing_can_be_filed(client_request, attorney, db_session):
    nothing = {**SCREENING, "convictions": [{**SCREENING["convictions"][0], "determinations": [
        {**SCREENING["convictions"][0]["determinations"][0], "outcome": "not_eligible"}]}]}
    found = referral_of(db_session, routed_application(["San Francisco"], screening=nothing))
    assert not client_request.get(f"/partner/referrals/{found.id}").find("a", href=lambda h: h and "packet" in h)


def test_the_packet_carries_the_attorney_and_office_in_its_caption(client, attorney, referral, db_session):
    response = client.get(f"/partner/referrals/{referral.id}/packet.pdf")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="packet-{referral.application.reference}.pdf"')
    text = pdf_text(response.data)
    assert attorney.name in text and "San Francisco Public Defender (Clean Slate)" in text
    assert "234567" in text
    audit = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "referral.packet")).one()
    assert audit.object_id == str(referral.id)


def test_the_packet_holds_only_the_referral_countys_convictions(client, attorney, db_session):
    application = routed_application(["San Francisco", "Contra Costa"], screening=SCREENING)
    found = referral_of_office(db_session, application, "sf-public-defender")
    text = pdf_text(client.get(f"/partner/referrals/{found.id}/packet.pdf").data)
    assert "County of San Francisco" in text and "Contra Costa" not in text


def test_asking_for_a_packet_when_nothing_can_be_filed_explains_why(client_request, attorney, db_session):
    application = routed_application(["San Francisco"])
    application.answers = {**application.answers, "situation": {"in_custody": True, "pending_charges": True}}
    conviction = application.convictions[0]
    conviction.offense_text, conviction.level, conviction.sentence = "PC 187", "felony", "state_prison"
    conviction.conviction_date, conviction.sentence_completed = datetime.date(2000, 1, 1), True
    db_session.commit()
    found = referral_of(db_session, application)
    url = f"/partner/referrals/{found.id}"
    response = client_request.client.get(f"{url}/packet.pdf")
    assert response.headers["Location"] == url
    assert "The screening calls for no petition on this county's convictions." in page_text(client_request.get(url))


# --- Changes --------------------------------------------------------------------------------------------------------


def test_a_status_change_with_notice_queues_the_residents_email_in_spanish(client_request, attorney, referral,
                                                                           db_session):
    url = f"/partner/referrals/{referral.id}"
    client_request.post(f"{url}/status", {"status": "filed", "notify_resident": "y"}, csrf_from=url)
    page = client_request.get(url)
    assert "Status changed to “Filed”. The resident will receive an e-mail in their language." in page_text(page)
    notice = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "resident_status_update")).one()
    assert (notice.to_address, notice.language) == ("rosa@example.org", "es")


def test_a_status_change_without_notice_queues_nothing_for_the_resident(client_request, attorney, referral,
                                                                        db_session):
    url = f"/partner/referrals/{referral.id}"
    client_request.post(f"{url}/status", {"status": "in_review"}, csrf_from=url)
    db_session.refresh(referral)
    assert referral.status == "in_review"
    assert db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == "resident_status_update")).all() \
        == []


def test_a_status_change_without_a_status_shows_the_error(client_request, attorney, referral):
    url = f"/partner/referrals/{referral.id}"
    page = client_request.post(f"{url}/status", {}, csrf_from=url, expected_status=200)
    assert page.title.get_text().startswith("Error:")
    assert "Choose a status" in page_text(page.select_one(".error-summary"))


def test_a_note_joins_the_history(client_request, attorney, referral):
    url = f"/partner/referrals/{referral.id}"
    client_request.post(f"{url}/notes", {"note": "Asked the court for the docket."}, csrf_from=url)
    history = page_text(client_request.get(url).find("ol", class_="history"))
    assert "Asked the court for the docket." in history and attorney.name in history


def test_an_empty_note_is_refused(client_request, attorney, referral):
    url = f"/partner/referrals/{referral.id}"
    page = client_request.post(f"{url}/notes", {"note": "  "}, csrf_from=url, expected_status=200)
    assert "Write the note" in page_text(page.select_one(".error-summary"))


def test_a_transfer_hands_the_referral_to_the_other_office_with_its_history(app, client_request, client, attorney,
                                                                           referral, db_session, make_user):
    law_center = db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "east-bay-community-law-center")
                                    ).one()
    url = f"/partner/referrals/{referral.id}"
    client_request.post(f"{url}/notes", {"note": "Lives in Oakland."}, csrf_from=url)
    response = client_request.post(f"{url}/transfer", {"office": law_center.id, "reason": "Moved"}, csrf_from=url)
    assert response.headers["Location"] == "/partner/"
    assert client.get(url).status_code == 404

    law_center_client = app.test_client()
    log_in_test_client(law_center_client, make_user("attorney", "east-bay-community-law-center"))
    with app.app_context():  # a fresh `g`: Flask-Login keeps the first attorney there for this test's context
        history = page_text(ClientRequest(law_center_client).get(url).find("ol", class_="history"))
    assert "Transferred from San Francisco Public Defender (Clean Slate) to East Bay Community Law Center." in history
    assert "Lives in Oakland." in history


def test_the_transfer_list_offers_only_live_offices_other_than_ones_own(client_request, attorney, referral):
    options = client_request.get(f"/partner/referrals/{referral.id}").select("#office option")
    names = [o.get_text() for o in options]
    assert names and not any(n.startswith("San Francisco Public Defender") for n in names)
    assert not any(n.startswith("Monterey") for n in names)


# --- Export ---------------------------------------------------------------------------------------------------------


def test_the_export_lists_the_offices_referrals(client, attorney, referral):
    response = client.get("/partner/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["reference"], r["name"], r["county"], r["status"]) for r in rows] == [
        (referral.application.reference, "Rosa Delgado", "San Francisco", "new")]


def test_the_export_defuses_spreadsheet_formulas(client, attorney, db_session):
    routed_application(["San Francisco"], full_name='=HYPERLINK("http://evil.example")')
    rows = list(csv.DictReader(io.StringIO(client.get("/partner/export.csv").get_data(as_text=True))))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil.example")'


def test_the_export_takes_as_many_queries_for_many_referrals_as_for_one(client, attorney, referral):
    def export_queries():
        with counted_queries() as statements:
            assert client.get("/partner/export.csv").status_code == 200
        return len(statements)

    for_one = export_queries()
    for number in range(5):
        routed_application(["San Francisco"], full_name=f"Person {number}")
    assert export_queries() == for_one


def test_the_referral_page_loads_the_transfer_offices_counties_in_one_query(client, attorney, referral):
    with counted_queries() as statements:
        assert client.get(f"/partner/referrals/{referral.id}").status_code == 200
    assert sum(s.lstrip().startswith("SELECT county.") for s in statements) <= 2


# --- Queue pages ----------------------------------------------------------------------------------------------------


@pytest.fixture
def many_referrals(attorney, monkeypatch):
    """Seven referrals to the attorney's office, shown three to a page."""
    monkeypatch.setattr("app.referrals.QUEUE_PAGE_SIZE", 3)
    return [routed_application(["San Francisco"], full_name=f"Person {n}") for n in range(1, 8)]


def names_on(page):
    return [row.find_all("td")[1].get_text() for row in page.select("tbody tr")]


def test_a_long_queue_is_shown_a_page_at_a_time_oldest_first(client_request, many_referrals):
    page = client_request.get("/partner/")
    assert names_on(page) == ["Person 1", "Person 2", "Person 3"]
    assert "Referrals 1 to 3 of 7" in page_text(page) and "Page 1 of 3" in page_text(page)
    assert page.find("a", rel="prev") is None


def test_the_next_page_link_leads_to_the_following_referrals(client_request, many_referrals):
    next_link = client_request.get("/partner/").find("a", rel="next")["href"]
    page = client_request.get(next_link)
    assert names_on(page) == ["Person 4", "Person 5", "Person 6"]
    assert page.find("a", rel="prev") is not None


def test_page_links_keep_the_search_and_status(client_request, many_referrals):
    page = client_request.get("/partner/?status=new&q=person")
    href = page.find("a", rel="next")["href"]
    assert "status=new" in href and "q=person" in href and "page=2" in href


def test_a_page_past_the_end_shows_the_last_page(client_request, many_referrals):
    page = client_request.get("/partner/?page=99")
    assert names_on(page) == ["Person 7"] and "Page 3 of 3" in page_text(page)
    assert page.find("a", rel="next") is None


@pytest.mark.parametrize("page_number", ["0", "-1", "abc", "99999999999"])
def test_a_page_number_that_is_not_one_shows_the_first_page(client_request, many_referrals, page_number):
    assert names_on(client_request.get(f"/partner/?page={page_number}"))[0] == "Person 1"


def test_a_short_queue_has_no_page_links(client_request, attorney, referral):
    assert client_request.get("/partner/").find("nav", class_="pagination") is None


def test_the_export_holds_every_matching_referral_not_just_one_page(client, many_referrals):
    rows = list(csv.reader(io.StringIO(client.get("/partner/export.csv").get_data(as_text=True))))
    assert len(rows) == 1 + 7
