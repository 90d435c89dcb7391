"""Command-line tasks: `flask seed`, `flask retention purge`, `flask screening diff`."""
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

    @app.cli.group("screening")
    def screening() -> None:
        """Stored screenings and the current rules."""

    @screening.command("diff")
    @click.option("--office", "office_slug", help="Only applications referred to this office (its slug).")
    def diff(office_slug: str | None) -> None:
        """List the stored screenings whose answers the current rules (ENGINE_VERSION) would change."""
        import csv
        import sys

        from app.screening_diff import changed_answers, current_version

        writer = csv.writer(sys.stdout)
        writer.writerow(["reference", "offices", "stored_version", "conviction", "remedy", "before", "after"])
        rows = 0
        for change in changed_answers(office_slug):
            writer.writerow([change.reference, " ".join(change.offices), change.stored_version or "", change.conviction,
                             change.remedy, change.before, change.after])
            rows += 1
        click.echo(f"{rows} answers change under rules {current_version()}", err=True)

    @app.cli.command("seed")
    @click.option("--demo/--no-demo", default=False, help="Also give offices example.org notification addresses.")
    def seed(demo: bool) -> None:
        """Load the 58 counties and the partner offices; safe to run again."""
        counts = seed_reference_data(demo=demo)
        click.echo(f"counties: {counts['counties']}, partner offices: {counts['offices']}")
