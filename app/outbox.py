"""Mail that is never lost: notices are written to a table with the change that causes them, and sent later.

`enqueue` only adds a row to the caller's session, so a notice exists if and only if its change was committed.
`deliver_due` (run by `flask outbox deliver`, or by the development thread) claims due rows, renders each in its
recipient's language, sends it through `app.mailer.deliver` (SMTP with a timeout), and on failure schedules the next
try with a growing delay, for hours; a message is marked failed only when its attempts run out. An SMTP outage thus
delays mail and never loses it.

Claiming: on PostgreSQL `SELECT ... FOR UPDATE SKIP LOCKED` so concurrent workers never pick the same row; elsewhere
(SQLite, one writer at a time) a compare-and-set UPDATE. Either way a claim moves `next_attempt_at` forward by a lease,
so a worker that dies mid-send lets the message come due again instead of stranding it. The one case that can send
twice is a worker dying after the SMTP server accepted a message and before the "sent" commit: at-least-once, by
design, because the alternative is a notice that may never arrive.
"""
from __future__ import annotations

import datetime as dt
import logging
import smtplib
import time
from dataclasses import dataclass, field
from typing import Any, Sequence

from flask import current_app
from flask_babel import force_locale
from flask_mail import Message
from jinja2 import Template, TemplateNotFound
from sqlalchemy import delete, func, select, update

from app.crypto import address_index
from app.extensions import db
from app.mailer import deliver
from app.models import OutboxMessage, utcnow

log = logging.getLogger(__name__)

# Minutes between tries: about 15 hours in all before a message is given up on.
DEFAULT_RETRY_DELAYS_MINUTES = (1, 5, 15, 30, 60, 60, 120, 120, 240, 240)
# Sent messages are kept this long (for "did the office get the notice?" questions), then deleted.
DEFAULT_KEEP_SENT_DAYS = 30
# Messages whose attempts ran out are kept this long after they were queued, for an admin to send again, then deleted:
# a notice that old is no longer worth sending, and its address and context need not be kept.
DEFAULT_KEEP_FAILED_DAYS = 30
# A context key naming the application whose resume link the message carries: the link holds a secret, so the row
# stores only the reference and `render` makes the link (`resume_url`) when the message is sent.
RESUME_LINK_OF = "resume_link_of"
# Longer than any send can take (SMTP timeout x a few round trips), so a live worker never loses its claim.
DEFAULT_LEASE_SECONDS = 300


def enqueue(to: str, template: str, language: str = "en", context: dict[str, Any] | None = None, *,
            dedupe_key: str | None = None) -> OutboxMessage:
    """Queue `templates/email/<template>.txt` for `to`; added to the current session, committed by the caller.

    `context` must be JSON-serialisable and should hold only what the message needs to say.
    """
    if not _template_exists(template):
        raise ValueError(f"no e-mail template templates/email/{template}.txt")
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    message = OutboxMessage(to_address=to, to_address_index=address_index(to), template=template, language=language,
                            context=dict(context or {}), dedupe_key=dedupe_key, status="pending", attempts=0,
                            next_attempt_at=utcnow())
    db.session.add(message)
    return message


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    # Claimed but handed back untried, because the claim was about to run out.
    released: list[int] = field(default_factory=list)

    @property
    def claimed(self) -> int:
        return len(self.sent) + len(self.retrying) + len(self.failed) + len(self.released)


@dataclass(frozen=True)
class Claim:
    message_ids: list[int]
    # The value this claim wrote to next_attempt_at; it identifies the claim when handing messages back.
    lease_until: dt.datetime
    # time.monotonic() after which no send may start: one that did could outlive the lease and be sent twice.
    send_deadline: float


def deliver_due(batch: int = 50, now: dt.datetime | None = None) -> DeliveryReport:
    """Send up to `batch` due messages, committing after each one so a crash never repeats a finished send."""
    report = DeliveryReport()
    claim = claim_due(batch, now or utcnow())
    for position, message_id in enumerate(claim.message_ids):
        if time.monotonic() >= claim.send_deadline:
            report.released = _release(claim.message_ids[position:], claim.lease_until)
            break
        message = db.session.get(OutboxMessage, message_id)
        if message is None:  # deleted (e.g. by a retention purge) after it was claimed
            continue
        try:
            deliver(render(message))
        except Exception as error:  # noqa: BLE001 - every failure must be rescheduled, whatever raised it
            _record_failure(message, error, now or utcnow())
            (report.failed if message.status == "failed" else report.retrying).append(message.id)
        else:
            _record_success(message)
            report.sent.append(message.id)
        db.session.commit()
    return report


def claim_due(batch: int, now: dt.datetime) -> Claim:
    """Take up to `batch` due messages for this worker and commit the claim, so no other worker takes them."""
    lease_seconds = current_app.config.get("OUTBOX_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)
    # An SMTP exchange is about seven round trips, each allowed the full timeout.
    longest_send = 7 * current_app.config["MAIL_TIMEOUT_SECONDS"]
    send_deadline = time.monotonic() + lease_seconds - longest_send
    lease_until = now + dt.timedelta(seconds=lease_seconds)
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
    )
    take = update(OutboxMessage).values(next_attempt_at=lease_until, attempts=OutboxMessage.attempts + 1)
    if db.session.get_bind().dialect.name == "postgresql":
        claimed = list(db.session.scalars(due.with_for_update(skip_locked=True)))
        if claimed:
            db.session.execute(take.where(OutboxMessage.id.in_(claimed)))
    else:
        claimed = []
        for message_id in db.session.scalars(due).all():
            still_due = take.where(OutboxMessage.id == message_id, OutboxMessage.status == "pending",
                                   OutboxMessage.next_attempt_at <= now)
            if db.session.execute(still_due).rowcount == 1:
                claimed.append(message_id)
    db.session.commit()
    return Claim(claimed, lease_until, send_deadline)


def _release(message_ids: list[int], lease_until: dt.datetime) -> list[int]:
    """Hand untried messages back, due now and with the attempt not counted, unless another worker has them."""
    released = []
    for message_id in message_ids:
        ours = update(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.status == "pending",
            OutboxMessage.next_attempt_at == lease_until,
        ).values(next_attempt_at=utcnow(), attempts=OutboxMessage.attempts - 1)
        if db.session.execute(ours).rowcount == 1:
            released.append(message_id)
    db.session.commit()
    return released


def render(message: OutboxMessage) -> Message:
    """Build the e-mail in the recipient's language from the template's `subject` and `body` blocks."""
    context = {**message.context, "base_url": current_app.config["BASE_URL"].rstrip("/")}
    if RESUME_LINK_OF in context:
        from app.applications.tokens import resume_url_of

        context["resume_url"] = resume_url_of(context[RESUME_LINK_OF])
    with force_locale(message.language):
        text = current_app.jinja_env.get_template(f"email/{message.template}.txt")
        subject = " ".join(_render_block(text, "subject", context).split())
        body = _render_block(text, "body", context).strip() + "\n"
        html = None
        if _template_exists(message.template, ".html"):
            html = _render_block(current_app.jinja_env.get_template(f"email/{message.template}.html"), "body", context)
    return Message(subject=subject, recipients=[message.to_address], body=body, html=html)


def retry_delays() -> Sequence[dt.timedelta]:
    minutes = current_app.config.get("OUTBOX_RETRY_DELAYS_MINUTES", DEFAULT_RETRY_DELAYS_MINUTES)
    return [dt.timedelta(minutes=m) for m in minutes]


def failed_messages() -> list[OutboxMessage]:
    """For the admin area: messages whose attempts ran out (addresses and templates, no rendered text)."""
    return list(db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.status == "failed").order_by(OutboxMessage.id.desc())
    ))


def failed_count() -> int:
    """How many messages `failed_messages` lists, without loading them (the admin home page)."""
    return db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.status == "failed")) or 0


@dataclass(frozen=True)
class Backlog:
    """What monitoring watches: mail waiting, how late the oldest due message is, and mail given up on."""

    pending: int
    due: int
    oldest_due_minutes: int
    failed: int


def backlog(now: dt.datetime | None = None) -> Backlog:
    now = now or utcnow()
    pending, due, oldest = db.session.execute(select(
        func.count(),
        func.count().filter(OutboxMessage.next_attempt_at <= now),
        func.min(OutboxMessage.next_attempt_at).filter(OutboxMessage.next_attempt_at <= now),
    ).where(OutboxMessage.status == "pending")).one()
    late = int((now - oldest).total_seconds() // 60) if oldest is not None else 0
    return Backlog(pending=pending or 0, due=due or 0, oldest_due_minutes=late, failed=failed_count())


def requeue(message: OutboxMessage) -> None:
    """An admin's "try again" for a failed message: a fresh set of attempts, due now. The caller commits."""
    message.status = "pending"
    message.attempts = 0
    message.next_attempt_at = utcnow()


def purge_sent(now: dt.datetime | None = None) -> int:
    """Delete sent messages older than OUTBOX_KEEP_SENT_DAYS: a delivered notice's address is no longer needed."""
    keep_days = current_app.config.get("OUTBOX_KEEP_SENT_DAYS", DEFAULT_KEEP_SENT_DAYS)
    return _delete_older_than(keep_days, "sent", OutboxMessage.sent_at, now)


def purge_failed(now: dt.datetime | None = None) -> int:
    """Delete failed messages queued more than OUTBOX_KEEP_FAILED_DAYS ago."""
    keep_days = current_app.config.get("OUTBOX_KEEP_FAILED_DAYS", DEFAULT_KEEP_FAILED_DAYS)
    return _delete_older_than(keep_days, "failed", OutboxMessage.created_at, now)


def _delete_older_than(days: int, status: str, timestamp: Any, now: dt.datetime | None) -> int:
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    deleted = db.session.execute(
        delete(OutboxMessage).where(OutboxMessage.status == status, timestamp < cutoff)
    ).rowcount
    db.session.commit()
    return deleted


def _record_success(message: OutboxMessage) -> None:
    message.status = "sent"
    message.sent_at = utcnow()
    message.last_error = None
    # Sent mail needs no context any more; keeping it would only keep personal data longer.
    message.context = {}


def _record_failure(message: OutboxMessage, error: Exception, now: dt.datetime) -> None:
    delays = retry_delays()
    message.last_error = _error_kind(error)
    if message.attempts > len(delays):
        message.status = "failed"
        log.warning("outbox message %s (%s) failed after %s attempts: %s",
                    message.id, message.template, message.attempts, message.last_error)
        return
    message.next_attempt_at = now + delays[message.attempts - 1]
    log.info("outbox message %s (%s) attempt %s failed (%s); next try at %s",
             message.id, message.template, message.attempts, message.last_error, message.next_attempt_at)


def _error_kind(error: Exception) -> str:
    """The class and SMTP code of an error: enough to diagnose, without server text that may quote an address."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({c for c, _ in error.recipients.values()})
        code = ",".join(str(c) for c in codes)
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:120]


def _render_block(template: Template, block: str, context: dict[str, Any]) -> str:
    return "".join(template.blocks[block](template.new_context(context)))


def _template_exists(name: str, suffix: str = ".txt") -> bool:
    try:
        current_app.jinja_env.get_template(f"email/{name}{suffix}")
    except TemplateNotFound:
        return False
    return True
