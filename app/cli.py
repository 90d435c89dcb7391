"""Command-line tasks: `flask seed`."""
from __future__ import annotations

import click
from flask import Flask

from app.seed import seed_reference_data


def register(app: Flask) -> None:
    @app.cli.command("seed")
    @click.option("--demo/--no-demo", default=False, help="Also give offices example.org notification addresses.")
    def seed(demo: bool) -> None:
        """Load the 58 counties and the partner offices; safe to run again."""
        counts = seed_reference_data(demo=demo)
        click.echo(f"counties: {counts['counties']}, partner offices: {counts['offices']}")
