"""The last step of sending mail: SMTP when configured, else a local sink folder (mail never leaves the machine)."""
from __future__ import annotations

import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from flask import current_app
from flask_mail import Message

from app.extensions import mail


def deliver(message: Message) -> None:
    """Send now or raise; retrying is the outbox's job, not this function's."""
    if not current_app.config["MAIL_SERVER"]:
        write_to_sink(message)
        return
    with socket_timeout(current_app.config["MAIL_TIMEOUT_SECONDS"]):
        mail.send(message)


@contextmanager
def socket_timeout(seconds: float) -> Iterator[None]:
    """Flask-Mail opens its SMTP connection without a timeout; a hung server must not hang a worker."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)


def write_to_sink(message: Message) -> Path:
    sink = Path(current_app.config["MAIL_SINK_DIR"])
    sink.mkdir(parents=True, exist_ok=True)
    path = sink / f"{time.time_ns()}.eml"
    path.write_bytes(message.as_bytes())
    current_app.logger.info("mail written to sink %s", path.name)
    return path
