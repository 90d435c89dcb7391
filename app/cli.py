"""Command-line tasks: `flask seed`, `flask retention purge`, `flask keys generate|rotate|reindex`, `flask screening diff`."""
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
        """Delete stale drafts, finished submissions and old audit entries past their retention periods."""
        from app.retention import purge_finished_submissions, purge_old_audit_events, purge_stale_drafts

        click.echo(f"drafts deleted: {purge_stale_drafts()}")
        click.echo(f"finished applications deleted: {purge_finished_submissions()}")
        click.echo(f"audit entries deleted: {purge_old_audit_events()}")

    @app.cli.group("keys")
    def keys() -> None:
        """Encryption keys of personal data (app.crypto): make one, re-encrypt under the newest, rebuild indexes."""

    @keys.command("generate")
    def generate() -> None:
        """Print a new key for DATA_ENCRYPTION_KEYS or BLIND_INDEX_KEY."""
        from app.crypto import generate_key

        click.echo(generate_key())

    @keys.command("rotate")
    @click.option("--batch", default=500, show_default=True, help="Rows re-encrypted per transaction.")
    def rotate(batch: int) -> None:
        """Re-encrypt every value under the first key of DATA_ENCRYPTION_KEYS; safe to interrupt and run again."""
        from app.crypto import keyring
        from app.extensions import db
        from app.key_rotation import BatchDone, rotate_all, rows_not_under_current_key

        ring = keyring()
        click.echo(f"re-encrypting under key {ring.current_id}")

        def committed(step: BatchDone) -> None:
            db.session.commit()
            click.echo(f"  {step.table}: {step.done}/{step.total} rows")

        counts = rotate_all(db.session, db.metadata, ring, batch=batch, after_batch=committed)
        db.session.commit()
        left = rows_not_under_current_key(db.session, db.metadata, ring)
        if left:
            click.echo(f"{sum(counts.values())} rows re-encrypted; {left} changed meanwhile: run `flask keys rotate` "
                       "again before removing old keys")
        else:
            click.echo(f"done: {sum(counts.values())} rows re-encrypted; older keys can now be removed")

    @keys.command("reindex")
    @click.option("--batch", default=500, show_default=True, help="Applications per transaction.")
    def reindex(batch: int) -> None:
        """Rebuild the blind indexes (search terms, address indexes) after BLIND_INDEX_KEY changed."""
        from app.search_index import rebuild

        click.echo(f"applications reindexed: {rebuild(batch)}")

    @app.cli.group("screening")
    def screening() -> None:
        """Stored screenings and the current rules."""

    @screening.command("diff")
    @click.option("--office", "office_slug", help="Only applications referred to this office (its slug).")
    def diff(office_slug: str | None) -> None:
        """List the stored screenings whose answers the current rules (ENGINE_VERSION) would change."""
        import csv
        import sys

        from app.eligibility import ENGINE_VERSION
        from app.screening_diff import changed_answers

        writer = csv.writer(sys.stdout)
        writer.writerow(["reference", "offices", "stored_version", "conviction", "remedy", "before", "after"])
        rows = 0
        for change in changed_answers(office_slug):
            writer.writerow([change.reference, " ".join(change.offices), change.stored_version or "", change.conviction,
                             change.remedy, change.before, change.after])
            rows += 1
        click.echo(f"{rows} answers change under rules {ENGINE_VERSION}", err=True)

    @app.cli.command("seed")
    @click.option("--demo/--no-demo", default=False, help="Also give offices example.org notification addresses.")
    def seed(demo: bool) -> None:
        """Load the 58 counties and the partner offices; safe to run again."""
        counts = seed_reference_data(demo=demo)
        click.echo(f"counties: {counts['counties']}, partner offices: {counts['offices']}")
