"""The command a DA's analyst runs on the county's DOJ file: ``python -m app.bulk screen`` (no web
app at all) and ``flask bulk screen`` (the same click command, added to the portal's ``flask bulk``).

Plain click, no Flask: the command starts in a fraction of a second and needs no configuration.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from app.bulk.policy import BulkOptions, OptionsError, load_options
from app.bulk.runner import UnknownCountyError, run_bulk_screen
from app.bulk.workers import default_workers
from app.doj.reader import DojFileError


def _parse_as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


def on_terminal() -> bool:
    """The progress bar is for a person watching; logs and pipes get only the final counts."""
    return sys.stdout.isatty()


@click.command("screen")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--county", required=True, help="County whose convictions to screen, e.g. 'San Joaquin'.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for the outputs.")
@click.option("--options", "options_file", type=click.Path(dir_okay=False, path_type=Path), help="Options JSON (eligibility_options.json format).")
@click.option("--as-of", callback=_parse_as_of, help="Date the rules are applied on (YYYY-MM-DD); default today.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    show_default="one per core, up to 2",
    help="Processes to split large files between (1: screen in this process only).",
)
def screen_command(
    files: tuple[Path, ...], county: str, out_dir: Path, options_file: Path | None, as_of: date | None, workers: int
) -> None:
    """Screen DOJ research FILE(s) for Prop 64 relief (HS 11361.9) in one county."""
    try:
        options = load_options(options_file) if options_file else BulkOptions()
    except OptionsError as error:
        raise click.ClickException(f"options: {error}") from None
    try:
        if on_terminal():
            with click.progressbar(length=1, label="Screening", show_percent=True) as bar:

                def advance(done: int, total: int) -> None:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)

                summary = run_bulk_screen(files, county, out_dir, options, as_of, progress=advance, workers=workers)
        else:
            summary = run_bulk_screen(files, county, out_dir, options, as_of, workers=workers)
    except (DojFileError, UnknownCountyError) as error:
        raise click.ClickException(str(error)) from None
    outcomes = summary["outcomes"]
    click.echo(
        f"{summary['rows_read']:,} rows read, {summary['rows_rejected']:,} rejected; "
        f"{summary['subjects']:,} people; {summary['prop64_convictions']:,} HS 11357-11360 convictions in {summary['county']}: "
        f"{outcomes['dismissal']:,} dismissal, {outcomes['reduction']:,} reduction, "
        f"{outcomes['needs_review']:,} needs review, {outcomes['not_eligible']:,} not eligible."
    )
    for warning in summary["warnings"]:
        click.echo(f"Warning: {warning}", err=True)
    if summary["rows_rejected"]:
        click.echo(f"Rejected rows are listed with their line numbers in {out_dir / 'errors.csv'}")
    click.echo(f"Results written to {out_dir}")


@click.group("bulk")
def bulk_commands() -> None:
    """DA bulk screening of the DOJ research file (python -m app.bulk)."""


bulk_commands.add_command(screen_command)
