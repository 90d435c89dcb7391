"""Unfinished applications are personal data nobody asked us to keep: drafts untouched for DRAFT_RETENTION_DAYS go.

Every saved page moves a draft's `purge_after` forward (app.applications), so "untouched" means no answer saved since.
Submitted applications are the partner office's records and are not purged here. Run `flask retention purge` daily.
"""
from __future__ import annotations

import datetime as dt

import click
from sqlalchemy import select

from app.extensions import db
from app.intake import bp
from app.models import Application, utcnow


def purge_stale_drafts(now: dt.datetime | None = None) -> int:
    """Delete drafts whose retention deadline has passed (their convictions go with them); returns how many."""
    now = now or utcnow()
    stale = db.session.scalars(
        select(Application).where(Application.status == "draft", Application.purge_after < now)
    ).all()
    for application in stale:
        db.session.delete(application)
    db.session.commit()
    return len(stale)


@bp.cli.command("purge")
def purge_command() -> None:
    """Delete unfinished applications not changed for DRAFT_RETENTION_DAYS days."""
    click.echo(f"purged drafts: {purge_stale_drafts()}")
