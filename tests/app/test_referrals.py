"""Routing submitted applications to offices, and what offices do with referrals (app.referrals)."""
from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from app.models import REFERRAL_STATUSES, AuditEvent, OutboxMessage, PartnerOffice, Referral, utcnow
from app.referrals import (
    STATUS_LABELS,
    add_note,
    change_status,
    enqueue_office_digests,
    route_application,
    transfer,
    unrouted_applications,
)
from tests.support.partner import build_application, routed_application


def office(db_session, slug):
    return db_session.scalars(select(PartnerOffice).where(PartnerOffice.slug == slug)).one()


def outbox(db_session, template=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if template:
        query = query.where(OutboxMessage.template == template)
    return db_session.scalars(query).all()


# --- Routing --------------------------------------------------------------------------------------------------------


def test_an_application_is_referred_to_the_office_of_its_conviction_county(db_session):
    application = build_application(["San Francisco"])
    [referral] = route_application(application)
    assert referral.office.slug == "sf-public-defender"
    assert referral.status == "new"
    assert application.routing_status == "routed"


def test_convictions_in_two_counties_make_two_referrals(db_session):
    application = build_application(["San Francisco", "Contra Costa", "san francisco"])
    referrals = route_application(application)
    assert [r.office.slug for r in referrals] == ["sf-public-defender", "contra-costa-public-defender"]


@pytest.mark.parametrize(("household", "slug"), [
    ({"monthly_income": 2500, "owns_home": False}, "alameda-public-defender"),
    ({"monthly_income": 4000, "owns_home": False}, "east-bay-community-law-center"),
    ({"monthly_income": 2500, "owns_home": True}, "east-bay-community-law-center"),
    ({"monthly_income": None, "owns_home": None}, "east-bay-community-law-center"),
])
def test_alameda_applies_the_public_defenders_income_rule(db_session, household, slug):
    [referral] = route_application(build_application(["Alameda"], household=household))
    assert referral.office.slug == slug


def test_a_non_participating_county_gets_no_referral_and_is_marked_not_routed(db_session):
    application = build_application(["Los Angeles"])
    assert route_application(application) == []
    assert application.routing_status == "not_routed"
    db_session.commit()
    assert application in unrouted_applications()


def test_a_participating_county_whose_office_is_not_live_gets_no_referral(db_session):
    application = build_application(["Monterey"])
    assert route_application(application) == []
    assert application.routing_status == "not_routed"


def test_routing_twice_neither_duplicates_referrals_nor_notices(db_session):
    application = build_application(["San Francisco", "Alameda"])
    first = route_application(application)
    db_session.commit()
    second = route_application(application)
    db_session.commit()
    assert [r.id for r in second] == [r.id for r in first]
    assert db_session.scalars(select(Referral)).all() == first
    assert len(outbox(db_session, "office_new_referral")) == 2


def test_each_office_is_notified_without_any_application_data(db_session):
    application = build_application(["San Francisco"], full_name="Rosa Privado")
    route_application(application)
    [notice] = outbox(db_session, "office_new_referral")
    assert notice.to_address == office(db_session, "sf-public-defender").notification_email
    flattened = repr(notice.context)
    assert application.reference not in flattened and "Rosa" not in flattened


def test_an_office_without_notification_address_gets_a_referral_and_a_logged_warning(db_session, caplog):
    office(db_session, "sf-public-defender").notification_email = None
    with caplog.at_level(logging.WARNING, logger="app.referrals"):
        [referral] = route_application(build_application(["San Francisco"]))
    assert referral.office.slug == "sf-public-defender"
    assert outbox(db_session) == []
    assert "sf-public-defender has no notification address" in caplog.text


def test_routing_leaves_committing_to_the_caller(db_session):
    application = build_application(["San Francisco"])
    route_application(application)
    db_session.rollback()
    assert db_session.scalars(select(Referral)).all() == []
    assert outbox(db_session) == []


# --- Status, notes, transfers ---------------------------------------------------------------------------------------


@pytest.fixture
def referral(db_session):
    application = routed_application(["San Francisco"], language="es", email_address="rosa@example.org")
    return db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()


@pytest.fixture
def attorney(make_user):
    return make_user("attorney", "sf-public-defender")


def test_a_status_change_is_recorded_in_history_and_the_audit_log(db_session, referral, attorney):
    change_status(referral, "in_review", attorney)
    db_session.commit()
    event = referral.events[-1]
    assert (event.kind, event.from_status, event.to_status, event.user_id) == ("status", "new", "in_review",
                                                                              attorney.id)
    assert referral.status == "in_review"
    audit = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "referral.status")).one()
    assert (audit.user_id, audit.object_id) == (attorney.id, str(referral.id))


def test_a_status_change_tells_the_resident_in_their_language_when_asked(db_session, referral, attorney):
    event = change_status(referral, "filed", attorney, notify_resident=True)
    [notice] = outbox(db_session, "resident_status_update")
    assert (notice.to_address, notice.language, notice.context["status"]) == ("rosa@example.org", "es", "filed")
    assert event.resident_notified


def test_a_status_change_without_notice_sends_nothing_to_the_resident(db_session, referral, attorney):
    change_status(referral, "filed", attorney, notify_resident=False)
    assert outbox(db_session, "resident_status_update") == []


def test_a_resident_without_email_cannot_be_notified(db_session, referral, attorney):
    referral.application.email = None
    event = change_status(referral, "filed", attorney, notify_resident=True)
    assert not event.resident_notified
    assert outbox(db_session, "resident_status_update") == []


def test_every_status_has_a_label_in_queue_order():
    assert tuple(STATUS_LABELS) == REFERRAL_STATUSES


def test_an_unknown_status_is_refused(referral, attorney):
    with pytest.raises(ValueError):
        change_status(referral, "lost", attorney)


def test_notes_join_the_history(db_session, referral, attorney):
    add_note(referral, attorney, "  Called the resident; waiting for court papers. ")
    db_session.commit()
    assert referral.events[-1].note == "Called the resident; waiting for court papers."


def test_an_empty_note_is_refused(referral, attorney):
    with pytest.raises(ValueError):
        add_note(referral, attorney, "   ")


def test_a_transfer_moves_the_referral_and_keeps_its_history(db_session, referral, attorney):
    change_status(referral, "in_review", attorney)
    add_note(referral, attorney, "Lives in Oakland now.")
    referral.opened_at = utcnow()
    db_session.commit()
    law_center = office(db_session, "east-bay-community-law-center")

    transfer(referral, law_center, attorney, reason="Moved to Alameda")
    db_session.commit()

    assert referral.office == law_center
    assert (referral.status, referral.opened_at) == ("new", None)
    assert [e.kind for e in referral.events] == ["created", "status", "note", "transfer"]
    moved = referral.events[-1]
    assert (moved.from_office.slug, moved.to_office.slug, moved.note) == (
        "sf-public-defender", "east-bay-community-law-center", "Moved to Alameda")
    assert outbox(db_session, "office_new_referral")[-1].to_address == law_center.notification_email


def test_a_referral_cannot_be_transferred_to_an_office_that_is_not_live(db_session, referral, attorney):
    with pytest.raises(ValueError):
        transfer(referral, office(db_session, "monterey-public-defender"), attorney)


# --- Daily digest ---------------------------------------------------------------------------------------------------


def test_the_digest_counts_unopened_and_stale_referrals_without_case_data(db_session):
    now = utcnow()
    fresh, opened_stale, finished = (routed_application(["San Francisco"]) for _ in range(3))
    referrals = {a.id: db_session.scalars(select(Referral).where(Referral.application_id == a.id)).one()
                 for a in (fresh, opened_stale, finished)}
    for application_id in (opened_stale.id, finished.id):
        referrals[application_id].opened_at = now - dt.timedelta(days=30)
        referrals[application_id].last_activity_at = now - dt.timedelta(days=30)
    referrals[finished.id].status = "granted"
    db_session.commit()

    [digest] = enqueue_office_digests(now)

    assert digest.to_address == office(db_session, "sf-public-defender").notification_email
    assert digest.context == {"office_name": office(db_session, "sf-public-defender").name, "unopened": 1,
                              "stale": 1, "stale_days": 14}


def test_the_digest_goes_out_once_a_day(db_session):
    routed_application(["San Francisco"])
    now = utcnow()
    assert len(enqueue_office_digests(now)) == 1
    db_session.commit()
    assert enqueue_office_digests(now) == []
    assert len(enqueue_office_digests(now + dt.timedelta(days=1))) == 1


def test_each_office_gets_its_own_digest_once_a_day(db_session):
    routed_application(["San Francisco", "Contra Costa"])
    now = utcnow()
    first = enqueue_office_digests(now)
    assert sorted(m.to_address for m in first) == sorted(
        office(db_session, slug).notification_email for slug in ("sf-public-defender", "contra-costa-public-defender"))
    db_session.commit()
    assert enqueue_office_digests(now) == []


def test_an_office_with_nothing_waiting_gets_no_digest(db_session, referral, attorney):
    referral.opened_at = utcnow()
    db_session.commit()
    assert enqueue_office_digests() == []
