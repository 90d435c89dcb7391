"""Faults, each with real parts: an SMTP outage during submissions, the database connection dropped mid-request, an
outbox worker process killed mid-send, a server restart mid-questionnaire, a PDF render past its time bound."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from typing import Any, Iterator

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import Application, utcnow
from app.models.referrals import OutboxMessage, Referral
from app.outbox import deliver_due, enqueue
from tests.conftest import base_config
from tests.support.hygiene import ClientRequest, assert_page_hygiene
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until
from tests.support.live_server import ROOT
from tests.support.partner import Inbox, SmtpServer, smtp_server, wait_until  # noqa: F401  (fixture)

CONSENT = {"share": "y", "understands": "y"}


def resident_at_check_answers(app: Any, number: int) -> ClientRequest:
    answers = {**MARIJUANA_IN_ALAMEDA,
               "/question/contact": {"methods": ["email"], "email": f"resident-{number}@example.org", "phone": ""}}
    resident = ClientRequest(app.test_client())
    assert answer_until(resident, answers) == "/check-answers"
    return resident


def count(statement: Any) -> int:
    db.session.rollback()  # read what is committed (the test shares the requests' app context and session)
    return db.session.scalar(select(func.count()).select_from(statement))


# --- SMTP down during submissions, then up --------------------------------------------------------------------------

def test_mail_queued_while_smtp_is_down_arrives_once_each_when_it_is_back(make_app, smtp_server):
    app = make_app(**{**smtp_server.app_config(), "MAIL_TIMEOUT_SECONDS": 1})
    residents = []
    for n in range(3):
        with app.app_context():  # each browser its own context: Flask-WTF caches the CSRF token on `g`
            residents.append(resident_at_check_answers(app, n))
    smtp_server.stop()
    for resident in residents:
        with app.app_context():
            resident.post("/consent", CONSENT)  # submitting never waits for mail
    with app.app_context():
        outage = deliver_due()
        assert outage.sent == [] and len(outage.retrying) == 3 * 3  # resume link, confirmation, office notice each

        smtp_server.start()
        later = utcnow() + dt.timedelta(hours=1)
        assert len(deliver_due(now=later).sent) == 9
        assert deliver_due(now=later + dt.timedelta(hours=1)).claimed == 0
    for n in range(3):
        subjects = [m["Subject"] for m in smtp_server.inbox.to(f"resident-{n}@example.org")]
        assert sum("received your application" in s for s in subjects) == 1, subjects
    assert smtp_server.inbox.count() == 9


# --- the database connection dropped mid-request --------------------------------------------------------------------

@pytest.fixture
def drop_connection_on(app: Any) -> Iterator[Any]:
    """drop_connection_on("INSERT INTO referral"): the next such statement loses its database connection (on
    PostgreSQL the backend is really killed with pg_terminate_backend; SQLite cannot lose one, so it is simulated)."""
    armed: list[str] = []

    def before_execute(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not armed or not statement.lstrip().startswith(armed[0]):
            return
        armed.clear()
        if connection.dialect.name != "postgresql":
            raise OperationalError(statement, None, Exception("server closed the connection unexpectedly"),
                                   connection_invalidated=True)
        import psycopg

        url = connection.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", (cursor.connection.info.backend_pid,))

    event.listen(db.engine, "before_cursor_execute", before_execute)
    yield armed.append
    event.remove(db.engine, "before_cursor_execute", before_execute)


def test_a_connection_lost_while_submitting_leaves_nothing_half_written_and_the_retry_works(app, drop_connection_on):
    resident = resident_at_check_answers(app, 1)
    drop_connection_on("INSERT INTO referral")
    response = resident.post("/consent", CONSENT, expected_status=503)
    page = assert_page_hygiene(response.get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "The service is unavailable for a moment"
    assert response.headers["Retry-After"] == "30"
    assert count(select(Application).where(Application.status == "submitted").subquery()) == 0
    assert count(select(Referral).subquery()) == 0
    assert count(select(OutboxMessage).where(OutboxMessage.template == "resident_confirmation").subquery()) == 0

    resident.post("/consent", CONSENT)  # the pool replaced the dead connection: the same tap now goes through
    assert count(select(Referral).subquery()) == 1


def test_a_connection_lost_while_saving_an_answer_keeps_the_earlier_answers(app, drop_connection_on):
    resident = ClientRequest(app.test_client())
    answer_until(resident, MARIJUANA_IN_ALAMEDA, stop_before="/question/date-of-birth")
    drop_connection_on("UPDATE application")
    resident.post("/question/date-of-birth", MARIJUANA_IN_ALAMEDA["/question/date-of-birth"], expected_status=503)
    page = resident.get("/question/name")
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Ana Example"


# --- an outbox worker process killed mid-send -----------------------------------------------------------------------

class HoldingInbox(Inbox):
    """Receives the message but holds its reply until released: the worker is mid-send for as long as the test
    wants. A held message is not counted as received (the worker never heard "250 OK")."""

    def __init__(self) -> None:
        super().__init__()
        self.hold = True
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.hold:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)  # polling the release event inside the SMTP server's loop
            return "451 try again later"
        return await super().handle_DATA(server, session, envelope)


def worker_process(database_url: str, smtp: SmtpServer, tmp_path: Any) -> subprocess.Popen[str]:
    config = {**base_config(tmp_path, database_url), **smtp.app_config(), "RATELIMIT_ENABLED": False}
    return subprocess.Popen([sys.executable, "-m", "tests.support.outbox_process", json.dumps(config)], cwd=ROOT,
                            env={**os.environ}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_a_worker_killed_mid_send_leaves_the_message_to_the_next_worker_which_delivers_it_once(app, database_url,
                                                                                            tmp_path):
    smtp = SmtpServer()
    smtp.inbox = HoldingInbox()
    smtp.start()
    try:
        message = enqueue(to="intake@example.org", template="office_new_referral", context={"office_name": "SF PD"})
        db.session.commit()
        message_id = message.id
        first = worker_process(database_url, smtp, tmp_path)
        assert smtp.inbox.holding.wait(20), "the worker never reached the SMTP server"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        smtp.inbox.release.set()

        db.session.remove()
        claimed = db.session.get(OutboxMessage, message_id)
        assert claimed.status == "pending" and claimed.next_attempt_at > utcnow()  # held by the dead worker's lease
        claimed.next_attempt_at = utcnow()  # the lease runs out (five minutes in production)
        db.session.commit()
        smtp.inbox.hold = False
        second = worker_process(database_url, smtp, tmp_path)
        assert second.wait(30) == 0 and "sent: 1" in second.stdout.read()
        assert deliver_due(now=utcnow() + dt.timedelta(hours=1)).claimed == 0
        assert [m["To"] for m in smtp.inbox.messages] == ["intake@example.org"]
        db.session.remove()
        assert db.session.get(OutboxMessage, message_id).status == "sent"
    finally:
        smtp.inbox.release.set()
        smtp.stop()


# --- a server restart mid-questionnaire: tests/app/test_intake_journey.py -------------------------------------------
# test_the_resume_link_brings_the_person_back_after_a_server_restart (a new app and client, nothing lost), and
# tests/browser/test_journey.py restarts a real server process midway with JavaScript off.


# --- a PDF render past its time bound -------------------------------------------------------------------------------

@pytest.fixture
def stuck_layout(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """WeasyPrint's layout never finishing (until released), with a short time bound."""
    import app.packets.rendering as rendering

    release = threading.Event()

    def stuck(documents: Any) -> bytes:
        release.wait(30)
        return b""  # the abandoned render ends; nobody waits for it any more

    monkeypatch.setattr(rendering, "_layout", stuck)
    monkeypatch.setattr(rendering, "DEFAULT_TIMEOUT_SECONDS", 0.3)
    yield release
    release.set()


def test_a_render_past_its_time_bound_explains_itself_and_the_worker_serves_the_next_request(
        app, stuck_layout, monkeypatch):
    resident = resident_at_check_answers(app, 1)
    resident.post("/consent", CONSENT)
    response = resident.client.get("/petition.pdf")
    assert response.status_code == 302 and response.headers["Location"].endswith("/confirmation")
    assert "took too long to prepare" in resident.get("/confirmation").get_text()

    stuck_layout.set()
    monkeypatch.undo()  # WeasyPrint well again, the usual time bound
    again = resident.client.get("/petition.pdf")
    assert again.status_code == 200 and again.data.startswith(b"%PDF")
