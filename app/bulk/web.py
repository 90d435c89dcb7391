"""The bulk tool inside the portal: the DA's pages (``views``) and the ``flask bulk`` commands."""
from __future__ import annotations

import click
from flask import Blueprint

from app.bulk.cli import screen_command

bp = Blueprint("bulk", __name__, cli_group="bulk")
bp.cli.add_command(screen_command)  # the same command as `python -m app.bulk screen`: it needs no app


@bp.cli.command("purge")
def purge_command() -> None:
    """Delete uploads and outputs of web runs older than BULK_RETENTION_DAYS (run daily from cron)."""
    from app.bulk.jobs import fail_interrupted_jobs, purge_expired_jobs

    failed = fail_interrupted_jobs()
    deleted = purge_expired_jobs()
    click.echo(f"{deleted} expired run(s) deleted; {failed} interrupted run(s) marked failed.")


from app.bulk import queue  # noqa: E402,F401  (registers `flask bulk worker`)
from app.bulk import views  # noqa: E402,F401  (registers the pages on bp)
