"""app.applications without a request: drafts, tokens, the journey's order, engine facts, submission, retention."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from app.applications import answers, facts, journey, lifecycle, submission, tokens
from app.applications.answers import ApplicationLocked
from app.applications.journey import CHECK, StepRef
from app.eligibility import screen
from app.models import Application, Conviction, utcnow
from app.models.referrals import Referral
from app.retention import purge_stale_drafts

DOB = {"day": "2", "month": "4", "year": "1980"}


@pytest.fixture
def draft(app):
    application, _token = lifecycle.create_draft(language="en")
    return application


def save(application, slug, data, index=None):
    answers.save_answers(application, StepRef(slug, index), data)


def add_conviction(application, **pages):
    """Answer a conviction's pages; `pages` maps slug (underscored) to its form data."""
    index = len(application.convictions) + 1
    for slug, data in pages.items():
        save(application, slug.replace("_", "-"), data, index)
    return index


def complete(application, offense="HS 11357", county="Alameda", sentence="probation", level="misdemeanor"):
    for slug, data in [
        ("counties", {"counties": [county]}), ("name", {"full_name": "Ana Example", "other_names": "Ana E."}),
        ("date-of-birth", {"date_of_birth": DOB}), ("contact", {"methods": ["email"], "email": "ana@example.org"}),
        ("address", {"street": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94612"}),
        ("probation-or-parole", {"answer": "no"}), ("in-custody", {"answer": "no"}),
        ("pending-charges", {"answer": "no"}), ("sex-offender-registration", {"answer": "no"}),
        ("serious-felony", {"answer": "no"}),
    ]:
        save(application, slug, data)
    add_conviction(application, county={"county": county}, case_number={"case_number": "12-CR-1"},
                   offense={"offense": offense, "offense_code": ""}, level={"answer": level},
                   date={"conviction_date": {"day": "1", "month": "5", "year": "2012"}},
                   sentence={"answer": sentence}, sentence_finished={"answer": "yes"},
                   probation_completed={"answer": "yes"})
    save(application, "convictions", {"answer": "no"})
    while (ref := journey.first_unanswered(application)) != CHECK:
        save(application, ref.slug, {"answer": "no", "monthly_income": "1800", "choices": []}, ref.index)
    return application


def test_a_reference_is_a_short_code_without_ambiguous_characters(draft):
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}", draft.reference)


def test_the_resume_token_is_stored_only_as_its_hash(app):
    application, token = lifecycle.create_draft(language="es")
    assert token not in application.token_hash and len(application.token_hash) == 64
    assert tokens.find_by_token(token) is application
    assert tokens.find_by_token("guess") is None and tokens.find_by_token(None) is None


def test_a_new_draft_is_due_for_purging_after_the_retention_period(draft):
    expected = utcnow() + dt.timedelta(days=30)
    assert abs((draft.purge_after - expected).total_seconds()) < 60


@pytest.mark.parametrize("typed", ["K7M-4QX", "k7m4qx", " K7M 4QX "])
def test_a_typed_reference_is_read_however_it_is_spaced_or_cased(typed):
    assert tokens.normalise_reference(typed) == "K7M-4QX"


def test_resume_by_reference_needs_the_matching_date_of_birth_and_replaces_the_token(draft):
    save(draft, "date-of-birth", {"date_of_birth": DOB})
    old_hash = draft.token_hash
    assert tokens.resume_by_reference(draft.reference, dt.date(1980, 4, 3)) is None
    found, token = tokens.resume_by_reference(draft.reference.lower(), dt.date(1980, 4, 2))
    assert found is draft and draft.token_hash != old_hash and tokens.find_by_token(token) is draft


def test_the_journey_starts_with_the_counties_question(draft):
    assert journey.first_unanswered(draft) == StepRef("counties")


def test_the_journey_asks_about_a_first_conviction_before_any_exists(draft):
    refs = list(journey.journey(draft))
    assert StepRef("offense", 1) in refs and refs.index(StepRef("offense", 1)) < refs.index(StepRef("convictions"))


def test_saving_a_page_for_the_next_conviction_number_adds_that_conviction(draft):
    save(draft, "county", {"county": "Fresno"}, 1)
    assert [c.county for c in draft.convictions] == ["Fresno"]


def test_the_probation_question_is_asked_only_when_the_sentence_may_include_probation(draft):
    add_conviction(draft, sentence={"answer": "state_prison"})
    assert StepRef("probation-completed", 1) not in list(journey.journey(draft))
    save(draft, "sentence", {"answer": "unknown"}, 1)
    assert StepRef("probation-completed", 1) in list(journey.journey(draft))


def test_a_follow_up_is_asked_only_when_the_engine_says_the_answer_matters(app):
    shoplifting = complete(lifecycle.create_draft("en")[0], offense="PC 487", sentence="county_jail",
                           level="felony")
    marijuana = complete(lifecycle.create_draft("en")[0], offense="HS 11357")
    assert StepRef("value", 1) in list(journey.journey(shoplifting))
    assert StepRef("value", 1) not in list(journey.journey(marijuana))


def test_household_questions_are_asked_only_where_offices_route_on_them(app):
    alameda = complete(lifecycle.create_draft("en")[0], county="Alameda")
    fresno = complete(lifecycle.create_draft("en")[0], county="Fresno")
    assert StepRef("income") in list(journey.journey(alameda))
    assert StepRef("income") not in list(journey.journey(fresno))


def test_household_answers_are_stored_where_routing_reads_them(draft):
    save(draft, "income", {"monthly_income": "2,500", "rather_not_say": False})
    save(draft, "home", {"answer": "unknown"})
    assert draft.answers["household"] == {"monthly_income": 2500, "owns_home": None}


def test_after_the_last_question_comes_check_answers(app):
    application = complete(lifecycle.create_draft("en")[0])
    assert journey.next_step(application, StepRef("hearing")) == CHECK


def test_saying_yes_to_another_conviction_goes_to_the_next_conviction(app):
    application = complete(lifecycle.create_draft("en")[0])
    save(application, "convictions", {"answer": "yes"})
    assert journey.next_step(application, StepRef("convictions")) == StepRef("county", 2)


def test_a_change_from_check_answers_returns_there(app):
    application = complete(lifecycle.create_draft("en")[0])
    assert journey.next_step(application, StepRef("name"), returning_to_check=True) == CHECK


def test_the_back_step_is_the_previous_question(draft):
    assert journey.previous_step(draft, StepRef("name")) == StepRef("counties")
    assert journey.previous_step(draft, StepRef("counties")) is None


def test_person_facts_keep_i_dont_know_as_none(draft):
    save(draft, "date-of-birth", {"date_of_birth": DOB})
    save(draft, "in-custody", {"answer": "no"})
    save(draft, "serious-felony", {"answer": "unknown"})
    person = facts.person_facts(draft)
    assert person.in_custody is False and person.superstrike_prior is None and person.pending_charges is None
    assert person.date_of_birth == dt.date(1980, 4, 2)


def test_conviction_facts_pass_only_a_whole_date_to_the_engine(draft):
    add_conviction(draft, offense={"offense": "", "offense_code": "11357(b) HS"},
                   date={"conviction_date": {"day": "", "month": "", "year": "2012"}})
    (conviction,) = facts.conviction_facts(draft)
    assert conviction.id == "c1" and conviction.offense_text == "11357(b) HS" and conviction.conviction_date is None
    assert draft.convictions[0].conviction_year == 2012 and draft.convictions[0].section == "11357"


def test_i_dont_know_what_it_was_for_gives_an_empty_offense(draft):
    add_conviction(draft, offense={"offense": "unknown", "offense_code": ""}, level={"answer": "unknown"})
    (conviction,) = facts.conviction_facts(draft)
    assert conviction.offense_text == "" and conviction.level is None


def test_follow_up_facts_without_a_column_reach_the_engine(draft):
    add_conviction(draft, mandatory_supervision={"answer": "yes"}, trafficking={"answer": "unknown"})
    (conviction,) = facts.conviction_facts(draft)
    assert conviction.mandatory_supervision is True and conviction.trafficking_victim is None


def test_applicant_details_and_petition_choices_for_the_packet(app):
    application = complete(lifecycle.create_draft("en")[0])
    save(application, "hearing", {"choices": ["waive_appearance"]})
    assert facts.applicant_details(application) == {
        "name": "Ana Example", "aka": "Ana E.", "date_of_birth": "1980-04-02", "address": "1 Main St",
        "city": "Oakland", "state": "CA", "zip": "94612", "phone": None, "email": "ana@example.org"}
    assert facts.petition_choices(application) == {
        "waive_original_judge": False, "waive_appearance": True, "personal_statement": None,
        "good_cause_statement": None}


def test_contact_details_not_chosen_are_not_kept(draft):
    save(draft, "contact", {"methods": ["mail"], "email": "ana@example.org", "phone": "5105550123"})
    assert draft.email is None and draft.phone is None


def test_submit_stamps_the_screening_and_routes_once(app, db_session):
    application = complete(lifecycle.create_draft("en")[0])
    assert submission.submit(application, "For my job", today=dt.date(2026, 11, 29)) is True
    assert application.status == "submitted" and application.purge_after is None
    assert application.screening["today"] == "2026-11-29" and application.engine_version
    assert submission.submit(application, "again") is False
    assert db_session.scalar(select(func.count()).select_from(Referral)) == 1
    assert application.answers["personal_statement"] == "For my job"


def test_a_submitted_application_no_longer_changes(app):
    application = complete(lifecycle.create_draft("en")[0])
    submission.submit(application, None)
    with pytest.raises(ApplicationLocked):
        save(application, "name", {"full_name": "Someone else"})


def test_an_application_without_a_conviction_is_never_finished(draft):
    """Check answers, results and consent open only when nothing is unanswered; a conviction is always asked for."""
    complete(draft)
    answers.remove_conviction(draft, 1)
    assert draft.convictions == [] and journey.first_unanswered(draft) == StepRef("county", 1)


def test_retention_purges_only_drafts_untouched_past_their_deadline(app, db_session):
    stale = lifecycle.create_draft("en")[0]
    add_conviction(stale, county={"county": "Fresno"})
    fresh = lifecycle.create_draft("en")[0]
    sent = complete(lifecycle.create_draft("en")[0])
    submission.submit(sent, None)
    stale.purge_after = utcnow() - dt.timedelta(minutes=1)
    db_session.commit()
    assert purge_stale_drafts() == 1
    remaining = set(db_session.scalars(select(Application.reference)))
    assert remaining == {fresh.reference, sent.reference}
    assert db_session.scalar(select(func.count()).select_from(Conviction)) == 1  # the sent application's


def test_saving_an_answer_postpones_the_purge(draft, db_session):
    draft.purge_after = utcnow() - dt.timedelta(days=1)
    db_session.commit()
    save(draft, "name", {"full_name": "Ana"})
    assert purge_stale_drafts() == 0


def test_removing_a_conviction_postpones_the_purge_too(draft, db_session):
    add_conviction(draft, county={"county": "Alameda"})
    draft.purge_after = utcnow() - dt.timedelta(days=1)
    db_session.commit()
    answers.remove_conviction(draft, 1)
    assert purge_stale_drafts() == 0


def test_the_retention_period_is_configurable(make_app):
    app = make_app(DRAFT_RETENTION_DAYS=7)
    with app.app_context():
        application = lifecycle.create_draft("en")[0]
        assert (application.purge_after - utcnow()).days == 6


def test_flask_retention_purge_reports_how_many_drafts_went(app):
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0 and "drafts deleted: 0" in result.output


def test_two_simultaneous_submissions_of_one_application_submit_it_once(app, db_session):
    """A double tap sends two requests at once; the conditional UPDATE lets exactly one of them do the work."""
    import threading

    application_id = complete(lifecycle.create_draft("en")[0]).id
    db_session.remove()
    barrier, outcomes = threading.Barrier(2), []

    def tap() -> None:
        with app.app_context():
            barrier.wait()
            outcomes.append(submission.submit(db_session.get(Application, application_id), None))
            db_session.remove()

    taps = [threading.Thread(target=tap) for _ in range(2)]
    for thread in taps:
        thread.start()
    for thread in taps:
        thread.join(timeout=30)
    assert sorted(outcomes) == [False, True]
    assert db_session.scalar(select(func.count()).select_from(Referral)) == 1


def test_back_from_a_conviction_being_added_goes_to_the_list(app):
    application = complete(lifecycle.create_draft("en")[0])
    assert journey.previous_step(application, StepRef("county", 2)) == StepRef("convictions")


def test_the_early_discharge_question_is_asked_only_once_probation_is_finished(draft):
    add_conviction(draft, sentence={"answer": "probation"}, **{"probation-completed": {"answer": "no"}})
    assert StepRef("probation-ended-early", 1) not in list(journey.journey(draft))
    save(draft, "probation-completed", {"answer": "yes"}, 1)
    assert StepRef("probation-ended-early", 1) in list(journey.journey(draft))


def test_a_probation_ended_early_reaches_the_engine_as_an_early_discharge(app):
    application = complete(lifecycle.create_draft("en")[0], offense="PC 242")
    save(application, "probation-ended-early", {"answer": "yes"}, 1)
    [conviction] = facts.conviction_facts(application)
    assert conviction.probation_terminated_early is True
    screening = screen(facts.person_facts(application), [conviction], dt.date(2026, 11, 29))
    [pc1203_4] = [d for d in screening.convictions[0].determinations if d.remedy == "pc1203_4"]
    assert pc1203_4.basis == "early_discharge"
