"""Fixtures and builders for the referral, outbox and dashboard tests: submitted applications, and a real SMTP
server (aiosmtpd) on a free local port. Import the fixtures into a test module to use them."""
from __future__ import annotations

import email
import email.policy
import secrets
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Callable, Iterator

import pytest


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """The SQL statements run inside the block, for tests that a page's queries do not grow with its rows."""
    from sqlalchemy import event

    from app.extensions import db

    statements: list[str] = []

    def record(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02) -> Any:
    """Poll `condition` until it returns something truthy; fail with a clear message at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


@dataclass
class Inbox:
    """What the SMTP server received, parsed; shared by the server's thread and the test."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


class SmtpServer:
    """aiosmtpd on a fixed port, so a test can stop it (an outage) and start it again on the same address."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def app_config(self) -> dict[str, Any]:
        # Flask-Mail suppresses sending in TESTING unless told otherwise; these tests want the real thing.
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_TIMEOUT_SECONDS": 5,
                "MAIL_SUPPRESS_SEND": False}


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running SMTP server; stop() and start() it to simulate an outage."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(make_app: Callable[..., Any], smtp_server: SmtpServer) -> Iterator[Any]:
    """The app, sending through the test's SMTP server."""
    application = make_app(**smtp_server.app_config())
    with application.app_context():
        yield application


def build_application(counties: list[str], *, household: dict[str, Any] | None = None, language: str = "en",
                      email_address: str | None = "resident@example.org", full_name: str = "Maria Example",
                      screening: dict[str, Any] | None = None) -> Any:
    """A submitted application with one conviction per county listed; added to the session, not committed."""
    from app.extensions import db
    from app.models import Application, Conviction, utcnow

    application = Application(
        reference=secrets.token_hex(4).upper(),
        token_hash=secrets.token_hex(32),
        status="submitted",
        language=language,
        answers={"household": household or {"monthly_income": None, "owns_home": None}},
        full_name=full_name,
        email=email_address,
        screening=screening,
        submitted_at=utcnow(),
    )
    for position, county in enumerate(counties):
        application.convictions.append(Conviction(position=position, county=county, case_number=f"CR-{position}",
                                                  offense_text="HS 11357(b)", code="HS", section="11357",
                                                  subdivision="b", level="misdemeanor"))
    db.session.add(application)
    db.session.flush()
    return application


def routed_application(counties: list[str], **fields: Any) -> Any:
    """A submitted application already routed and committed, as the questionnaire's submit would leave it."""
    from app.extensions import db
    from app.referrals import route_application

    application = build_application(counties, **fields)
    route_application(application)
    db.session.commit()
    return application


SCREENING = {
    "engine_version": "2026.11.0",
    "today": "2026-11-29",
    "convictions": [{
        "id": "c1",
        "offense": {"code": "HS", "section": "11357", "subdivision": "b", "label": "Possession of marijuana"},
        "determinations": [{
            "remedy": "prop64", "outcome": "eligible", "relief": "dismiss_and_seal", "statute": "HS 11361.8(e)",
            "form": "CR-400",
            "reasons": [{"en": "Possession of marijuana is no longer a crime for adults.",
                         "es": "La posesión de marihuana ya no es un delito para adultos."}],
            "missing": [],
        }],
    }],
    "automatic_relief": [],
}
