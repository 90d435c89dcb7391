"""The outbox: notices are queued with the change that causes them and delivered over real SMTP (aiosmtpd), with
retries that outlast an outage and never send a message twice."""
from __future__ import annotations

import datetime as dt
import socket
import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage, utcnow
from app.outbox import claim_due, deliver_due, enqueue, failed_messages, purge_failed, purge_sent, requeue
from tests.support.partner import mail_app, smtp_server  # noqa: F401  (fixtures)

RETRY_DELAYS = (1, 5, 15, 30, 60, 60, 120, 120, 240, 240)


def queue_status_notice(to="rosa@example.org", language="en", status="filed"):
    message = enqueue(to=to, template="resident_status_update", language=language,
                      context={"reference": "AB12CD34", "status": status, "office_name": "SF Public Defender",
                               "office_phone": "(415) 553-1671"})
    db.session.commit()
    return message


def later(minutes):
    return utcnow() + dt.timedelta(minutes=minutes)


# --- Queueing -------------------------------------------------------------------------------------------------------


def test_enqueue_joins_the_callers_transaction(app):
    enqueue(to="rosa@example.org", template="office_new_referral", context={"office_name": "X"})
    db.session.rollback()
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_enqueue_refuses_a_template_that_does_not_exist(app):
    with pytest.raises(ValueError, match="no e-mail template"):
        enqueue(to="rosa@example.org", template="no_such_notice")


def test_enqueue_falls_back_to_english_for_a_language_the_site_does_not_have(app):
    assert enqueue(to="a@example.org", template="office_new_referral", language="fr",
                   context={"office_name": "X"}).language == "en"


# --- Delivery -------------------------------------------------------------------------------------------------------


def test_a_queued_message_is_delivered_over_smtp(mail_app, smtp_server):
    message = queue_status_notice()
    report = deliver_due()
    assert report.sent == [message.id]
    [received] = smtp_server.inbox.to("rosa@example.org")
    assert received["Subject"] == "News about your record-clearing application AB12CD34"
    assert "Your petition has been filed with the court." in received.get_content()


def test_a_message_is_rendered_in_the_recipients_language(mail_app, smtp_server):
    queue_status_notice(language="es")
    deliver_due()
    [received] = smtp_server.inbox.to("rosa@example.org")
    assert received["Subject"].startswith("Novedades sobre su solicitud")
    assert "Su petición fue presentada ante el tribunal." in received.get_content()


def test_a_sent_message_is_marked_sent_and_keeps_no_context(mail_app, smtp_server):
    message = queue_status_notice()
    deliver_due()
    db.session.refresh(message)
    assert (message.status, message.attempts, message.context) == ("sent", 1, {})
    assert message.sent_at is not None


def test_nothing_is_sent_twice(mail_app, smtp_server):
    queue_status_notice()
    deliver_due()
    assert deliver_due(now=later(24 * 60)).claimed == 0
    assert smtp_server.inbox.count() == 1


# --- Outages and retries --------------------------------------------------------------------------------------------


def test_during_an_outage_a_message_waits_with_growing_delays(mail_app, smtp_server):
    smtp_server.stop()
    message = queue_status_notice()
    now = utcnow()
    schedule = []
    for _ in range(3):
        deliver_due(now=now)
        db.session.refresh(message)
        schedule.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert schedule == [dt.timedelta(minutes=m) for m in RETRY_DELAYS[:3]]
    assert (message.status, message.attempts) == ("pending", 3)
    assert message.last_error == "ConnectionRefusedError"


def test_a_message_fails_only_when_its_attempts_run_out_about_fifteen_hours_later(mail_app, smtp_server):
    smtp_server.stop()
    message = queue_status_notice()
    started = now = utcnow()
    while message.status == "pending":
        deliver_due(now=now)
        db.session.refresh(message)
        now = message.next_attempt_at
    assert message.attempts == len(RETRY_DELAYS) + 1
    assert now - started >= dt.timedelta(hours=14)
    assert failed_messages() == [message]


def test_an_outage_delays_mail_and_every_message_arrives_exactly_once(mail_app, smtp_server):
    smtp_server.stop()
    addresses = [f"resident{n}@example.org" for n in range(5)]
    for address in addresses:
        queue_status_notice(to=address)
    assert deliver_due().retrying and smtp_server.inbox.count() == 0
    assert deliver_due(now=later(0.5)).claimed == 0  # not due again before the first delay

    smtp_server.start()
    report = deliver_due(now=later(2))
    deliver_due(now=later(60))

    assert len(report.sent) == 5
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == addresses


def test_an_smtp_server_that_never_answers_times_out_and_the_message_is_retried(make_app):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections, never sends a greeting
    try:
        app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=silent.getsockname()[1], MAIL_TIMEOUT_SECONDS=0.5,
                       MAIL_SUPPRESS_SEND=False)
        with app.app_context():
            message = queue_status_notice()
            report = deliver_due()
            assert report.retrying == [message.id]
            assert db.session.get(OutboxMessage, message.id).last_error in ("TimeoutError", "SMTPServerDisconnected")
    finally:
        silent.close()


def test_a_failed_message_can_be_requeued_by_an_admin(mail_app, smtp_server):
    message = queue_status_notice()
    message.status, message.attempts = "failed", 11
    db.session.commit()
    requeue(message)
    db.session.commit()
    assert deliver_due().sent == [message.id]


def test_a_worker_that_dies_mid_send_lets_the_message_come_due_again(mail_app, smtp_server):
    message = queue_status_notice()
    assert claim_due(10, utcnow()).message_ids == [message.id]  # claimed, then the worker vanished
    assert deliver_due().claimed == 0  # another worker leaves it alone while the lease runs
    assert deliver_due(now=later(6)).sent == [message.id]
    assert smtp_server.inbox.count() == 1


def test_a_worker_never_starts_a_send_that_could_outlive_its_claim(make_app, smtp_server):
    app = make_app(OUTBOX_LEASE_SECONDS=30, **smtp_server.app_config())  # 30 s < 7 round trips x 5 s timeout
    with app.app_context():
        message = queue_status_notice()
        report = deliver_due()
        db.session.refresh(message)
        assert report.released == [message.id]
        assert (message.status, message.attempts) == ("pending", 0)
        assert message.next_attempt_at <= utcnow()
        assert smtp_server.inbox.count() == 0


def test_error_records_never_quote_the_server_reply(mail_app, smtp_server):
    class RefusingInbox:
        async def handle_RCPT(self, server, session, envelope, address, options):
            return f"550 no mailbox for {address}"

    smtp_server.stop()
    smtp_server.inbox = RefusingInbox()
    smtp_server.start()
    message = queue_status_notice()
    deliver_due()
    db.session.refresh(message)
    assert message.last_error == "SMTPRecipientsRefused 550"


# --- Several workers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_workers_on_postgresql_never_send_the_same_message_twice(mail_app, smtp_server):
    addresses = [f"resident{n}@example.org" for n in range(40)]
    for address in addresses:
        enqueue(to=address, template="office_new_referral", context={"office_name": "X"})
    db.session.commit()
    start = threading.Barrier(2)
    sent_by_worker: list[list[int]] = [[], []]
    errors: list[BaseException] = []

    def worker(index):
        try:
            with mail_app.app_context():
                start.wait()
                while (report := deliver_due(batch=3)).claimed:
                    sent_by_worker[index].extend(report.sent)
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert set(sent_by_worker[0]).isdisjoint(sent_by_worker[1])
    assert all(sent_by_worker), "both workers should have taken part"
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == sorted(addresses)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_on_sqlite_a_message_claimed_by_one_worker_is_not_claimed_by_another(make_app):
    first, second = make_app(), make_app()
    with first.app_context():
        message_id = queue_status_notice().id
        now = utcnow()
        assert claim_due(10, now).message_ids == [message_id]
    with second.app_context():
        assert claim_due(10, now).message_ids == []


# --- Retention ------------------------------------------------------------------------------------------------------


def test_sent_messages_are_deleted_after_thirty_days_and_others_are_kept(mail_app, smtp_server):
    sent, waiting = queue_status_notice(to="sent@example.org"), queue_status_notice(to="waiting@example.org")
    assert deliver_due(batch=1).sent == [sent.id]
    assert purge_sent(now=later(29 * 24 * 60)) == 0
    assert purge_sent(now=later(31 * 24 * 60)) == 1
    assert [m.id for m in db.session.scalars(select(OutboxMessage))] == [waiting.id]


def test_failed_messages_are_deleted_thirty_days_after_they_were_queued(app):
    failed, waiting = queue_status_notice(to="failed@example.org"), queue_status_notice(to="waiting@example.org")
    failed.status = "failed"
    db.session.commit()
    assert purge_failed(now=later(29 * 24 * 60)) == 0
    assert purge_failed(now=later(31 * 24 * 60)) == 1
    assert [m.id for m in db.session.scalars(select(OutboxMessage))] == [waiting.id]
