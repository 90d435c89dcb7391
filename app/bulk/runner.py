"""One bulk screening run: files in, the DA's outputs out. Shared by the CLI, the web job and the benchmark."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.bulk.outputs import SUMMARY_FILE
from app.bulk.pieces import PieceJob, PieceOutcome, ProgressCallback, screen_pieces
from app.bulk.policy import BulkOptions
from app.bulk.report import write_court_list_pdfs, write_report
from app.bulk.workers import can_split, screen_in_processes
from app.doj.reader import check_readable
from app.eligibility.version import ENGINE_VERSION

COUNTIES_FILE = Path(__file__).resolve().parent.parent / "data" / "counties.json"


class UnknownCountyError(ValueError):
    """A county name that is not one of California's 58: every count would silently be out of county."""


def california_county(name: str) -> str:
    """The county as the DOJ file spells it (upper case), or UnknownCountyError."""
    counties = {row["name"].casefold() for row in json.loads(COUNTIES_FILE.read_text("utf-8"))["counties"]}
    cleaned = " ".join(name.split())
    if cleaned.casefold().removesuffix(" county") not in counties:
        raise UnknownCountyError(f"{name!r} is not a California county")
    return cleaned.upper().removesuffix(" COUNTY")


@dataclass(frozen=True, slots=True)
class Summary:
    """summary.json as written, and where the run's files are."""

    data: dict[str, Any]
    out_dir: Path

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


def run_bulk_screen(
    paths: Sequence[Path],
    county: str,
    out_dir: Path,
    options: BulkOptions | None = None,
    as_of: date | None = None,
    progress: ProgressCallback | None = None,
    render_pdfs: bool = True,
    workers: int = 1,
) -> Summary:
    """Screen every person in ``paths`` for ``county``'s Prop 64 relief; raises UnknownCountyError or
    DojFileError before writing anything when the county is not one or a file cannot be read.

    ``workers`` > 1 splits large files between that many processes (``app.bulk.workers``); the
    outputs are the same, byte for byte, as one process's.
    """
    started = time.perf_counter()
    paths = [Path(path) for path in paths]
    county = california_county(county)
    check_readable(paths)
    options = options or BulkOptions()
    as_of = as_of or date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    job = PieceJob(county, options, as_of)
    outcome = screen_in_processes(paths, job, out_dir, workers, progress)  # None: one process it is
    if outcome is None:
        outcome = screen_pieces(paths, job, out_dir, headers=True, progress=progress)
    pdf_processes = 2 if workers > 1 and can_split() else 1
    return finish_run(outcome, paths, job, out_dir, lambda: time.perf_counter() - started, render_pdfs, pdf_processes)


def finish_run(
    outcome: PieceOutcome,
    paths: Sequence[Path],
    job: PieceJob,
    out_dir: Path,
    elapsed_seconds: Callable[[], float],
    render_pdfs: bool = True,
    pdf_processes: int = 1,
) -> Summary:
    """After the streaming part (in one process, or joined from pieces by the queue): the PDFs and summary.json."""
    data = outcome.tally.to_json(
        county=job.county,
        as_of=job.as_of.isoformat(),
        files=[path.name for path in paths],
        engine_version=ENGINE_VERSION,
        options=job.options.to_json(),
        warnings=outcome.header_warnings,
    )
    data["processing_seconds"] = round(elapsed_seconds(), 3)  # reading, screening and the CSVs
    if render_pdfs:
        write_pdfs(out_dir, data, pdf_processes)
    (out_dir / SUMMARY_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return Summary(data, out_dir)


def write_pdfs(out_dir: Path, summary: dict[str, Any], processes: int = 1) -> None:
    """report.pdf and the court-list PDFs, drawn with the PDF standard fonts (no layout engine to load)."""
    write_report(out_dir, summary)
    write_court_list_pdfs(out_dir, summary["county"], summary["as_of"], processes)
