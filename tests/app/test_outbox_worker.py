"""Who runs delivery: the `flask outbox` commands, and the development-only background thread."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OutboxMessage
from app.outbox import enqueue
from tests.support.partner import routed_application, smtp_server, wait_until  # noqa: F401  (fixture)


def queue_office_notice(to="intake@example.org"):
    message = enqueue(to=to, template="office_new_referral", context={"office_name": "SF Public Defender"})
    db.session.commit()
    return message


def test_flask_outbox_deliver_sends_what_is_due(make_app, smtp_server):
    app = make_app(**smtp_server.app_config())
    with app.app_context():
        queue_office_notice()
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sent: 1, to retry: 0, failed: 0"
    assert [m["To"] for m in smtp_server.inbox.messages] == ["intake@example.org"]


def test_flask_outbox_digest_queues_the_daily_digest_once(app):
    routed_application(["San Francisco"])
    runner = app.test_cli_runner()
    assert runner.invoke(args=["outbox", "digest"]).output.strip() == "digests queued: 1"
    assert runner.invoke(args=["outbox", "digest"]).output.strip() == "digests queued: 0"
    assert db.session.scalars(select(OutboxMessage.template).where(OutboxMessage.template == "office_digest")
                              ).all() == ["office_digest"]


@pytest.fixture
def development_app(make_app, smtp_server):
    app = make_app(APP_ENV="development", OUTBOX_POLL_SECONDS=0.05, **smtp_server.app_config())
    yield app
    worker = app.extensions.get("outbox_delivery")
    if worker is not None:
        worker.stop()


def test_in_development_the_web_process_delivers_mail_by_itself(development_app, smtp_server):
    with development_app.app_context():
        queue_office_notice()
    development_app.test_client().get("/healthz")
    wait_until(lambda: smtp_server.inbox.to("intake@example.org"))


def test_the_delivery_thread_starts_once_however_many_requests(development_app):
    client = development_app.test_client()
    client.get("/healthz")
    worker = development_app.extensions["outbox_delivery"]
    client.get("/healthz")
    assert development_app.extensions["outbox_delivery"] is worker and worker.thread.is_alive()


def test_outside_development_no_delivery_thread_is_started(make_app):
    app = make_app()  # APP_ENV=testing; production runs `flask outbox deliver --loop` instead
    app.test_client().get("/healthz")
    assert "outbox_delivery" not in app.extensions


def test_flask_outbox_status_reports_the_backlog_and_passes_when_mail_flows(app):
    queue_office_notice()
    result = app.test_cli_runner().invoke(args=["outbox", "status"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "pending: 1, due: 1, oldest due: 0 min, failed: 0"


def test_flask_outbox_status_fails_when_the_oldest_due_mail_is_late(app):
    import datetime as dt

    from app.models import utcnow

    queue_office_notice().next_attempt_at = utcnow() - dt.timedelta(hours=2)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "status", "--max-late-minutes", "30"])
    assert result.exit_code == 1 and "oldest due: 120 min" in result.output


def test_flask_outbox_status_fails_when_a_message_failed(app):
    queue_office_notice().status = "failed"
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["outbox", "status"])
    assert result.exit_code == 1 and "failed: 1" in result.output
