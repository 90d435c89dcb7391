"""Command-line tasks: `flask seed`."""
from __future__ import annotations

import click
from flask import Flask

from app.seed import seed_reference_data


def register(app: Flask) -> None:
    @app.cli.group("retention")
    def retention() -> None:
        """Deleting personal data on schedule."""

    @retention.command("purge")
    def purge() -> None:
        """Delete stale drafts and finished submissions past their retention periods."""
        from app.retention import purge_finished_submissions, purge_stale_drafts

        click.echo(f"drafts deleted: {purge_stale_drafts()}")
        click.echo(f"finished applications deleted: {purge_finished_submissions()}")

    @app.cli.command("seed")
    @click.option("--demo/--no-demo", default=False, help="Also give offices example.org notification addresses.")
    def seed(demo: bool) -> None:
        """Load the 58 counties and the partner offices; safe to run again."""
        counts = seed_reference_data(demo=demo)
        click.echo(f"counties: {counts['counties']}, partner offices: {counts['offices']}")
