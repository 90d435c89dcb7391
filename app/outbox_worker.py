"""Who runs the outbox: `flask outbox deliver [--loop]` and `flask outbox digest` in production (cron or a service),
and, in development only, a background thread in the web process so `make run` sends mail with nothing else to start.
"""
from __future__ import annotations

import logging
import threading

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.outbox import DeliveryReport, deliver_due, purge_failed, purge_sent

log = logging.getLogger(__name__)

DEFAULT_POLL_SECONDS = 5.0

outbox_cli = AppGroup("outbox", help="Send queued mail, queue the daily office digest, delete old sent mail.")


def init_app(app: Flask) -> None:
    app.cli.add_command(outbox_cli)
    if app.config["APP_ENV"] == "development":
        _start_with_first_request(app)


def deliver_until_stopped(app: Flask, stop: threading.Event, poll_seconds: float, batch: int = 50) -> None:
    """Deliver what is due, then wait; a failing pass (database restarting, say) is logged and tried again."""
    while not stop.is_set():
        with app.app_context():
            try:
                report = deliver_due(batch)
            except Exception:  # noqa: BLE001 - the loop must outlive any one bad pass
                log.exception("outbox delivery pass failed")
                db.session.rollback()
                report = DeliveryReport()
            finally:
                db.session.remove()
        if report.claimed < batch or report.released:  # a full batch fully worked: more may be due, go again now
            stop.wait(poll_seconds)


class BackgroundDelivery:
    """The development delivery thread. A daemon, so it never keeps a stopping server alive."""

    def __init__(self, app: Flask, poll_seconds: float) -> None:
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=deliver_until_stopped, args=(app, self.stop_event, poll_seconds),
                                       name="outbox-delivery", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout)


def _start_with_first_request(app: Flask) -> None:
    """Started by the first request, not by create_app: CLI commands (`flask seed`, `flask db`) build the app too,
    and only a process that serves pages should carry a delivery thread."""
    lock = threading.Lock()

    @app.before_request
    def start_background_delivery() -> None:
        if "outbox_delivery" in app.extensions:
            return
        with lock:
            if "outbox_delivery" not in app.extensions:
                worker = BackgroundDelivery(app, app.config.get("OUTBOX_POLL_SECONDS", DEFAULT_POLL_SECONDS))
                app.extensions["outbox_delivery"] = worker
                worker.start()
                log.info("outbox delivery thread started (development)")


@outbox_cli.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running, polling for due mail (for a service manager).")
@click.option("--batch", default=50, show_default=True, help="Messages claimed per pass.")
@click.option("--poll-seconds", default=DEFAULT_POLL_SECONDS, show_default=True, help="Wait between passes (--loop).")
def deliver_command(loop: bool, batch: int, poll_seconds: float) -> None:
    """Send the mail that is due (once, or until stopped with --loop)."""
    from flask import current_app

    if loop:
        stop = threading.Event()
        try:
            deliver_until_stopped(current_app._get_current_object(), stop, poll_seconds, batch)  # type: ignore[attr-defined]
        except KeyboardInterrupt:
            stop.set()
        return
    report = deliver_due(batch)
    click.echo(f"sent: {len(report.sent)}, to retry: {len(report.retrying)}, failed: {len(report.failed)}")


@outbox_cli.command("digest")
def digest_command() -> None:
    """Queue today's digest for each office with unopened or stale referrals (run daily; safe to run twice)."""
    from app.referrals import enqueue_office_digests

    queued = enqueue_office_digests()
    db.session.commit()
    click.echo(f"digests queued: {len(queued)}")


@outbox_cli.command("status")
@click.option("--max-late-minutes", default=30, show_default=True,
              help="Exit 1 when the oldest due message waits longer than this (a stopped worker or an SMTP outage).")
def status_command(max_late_minutes: int) -> None:
    """Print the mail backlog for monitoring; exit 1 when mail is late or any message failed."""
    from app.outbox import backlog

    state = backlog()
    click.echo(f"pending: {state.pending}, due: {state.due}, oldest due: {state.oldest_due_minutes} min, "
               f"failed: {state.failed}")
    if state.failed or state.oldest_due_minutes > max_late_minutes:
        raise SystemExit(1)


@outbox_cli.command("purge")
def purge_command() -> None:
    """Delete sent messages older than OUTBOX_KEEP_SENT_DAYS and failed ones older than OUTBOX_KEEP_FAILED_DAYS
    (30 days each by default); run daily."""
    click.echo(f"sent messages deleted: {purge_sent()}")
    click.echo(f"failed messages deleted: {purge_failed()}")
