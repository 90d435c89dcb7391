"""One bulk screening run: files in, the DA's outputs out. Shared by the CLI, the web job and the benchmark."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.bulk.outputs import SUMMARY_FILE, RunTally, RunWriters
from app.bulk.policy import BulkOptions
from app.bulk.report import write_court_list_pdfs, write_report
from app.bulk.screening import relief_impact, screen_subject
from app.doj.reader import DojReader, RejectedRow, check_readable
from app.doj.records import group_subjects
from app.eligibility.version import ENGINE_VERSION

ProgressCallback = Callable[[int, int], None]  # (bytes read, total bytes)
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
) -> Summary:
    """Screen every person in ``paths`` for ``county``'s Prop 64 relief; raises UnknownCountyError or
    DojFileError before writing anything when the county is not one or a file cannot be read."""
    started = time.perf_counter()
    paths = [Path(path) for path in paths]
    county = california_county(county)
    check_readable(paths)
    options = options or BulkOptions()
    as_of = as_of or date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    reader = DojReader(paths)
    total = reader.total_bytes
    if progress is not None:
        reader.progress = lambda done: progress(done, total)
    tally = RunTally()
    writers = RunWriters(out_dir, as_of)
    try:
        for item in group_subjects(reader.runs()):
            if isinstance(item, RejectedRow):
                tally.add_rejected()
                writers.write_rejected(item)
                continue
            result = screen_subject(item, county, options, as_of)
            tally.add_subject(result, relief_impact(result, as_of))
            writers.write_subject(result)
    finally:
        writers.close()

    data = tally.to_json(
        county=county,
        as_of=as_of.isoformat(),
        files=[path.name for path in paths],
        engine_version=ENGINE_VERSION,
        options=options.to_json(),
        warnings=reader.header_warnings,
    )
    if render_pdfs:
        write_court_list_pdfs(out_dir, county, as_of.isoformat())
    data["processing_seconds"] = round(time.perf_counter() - started, 3)
    if render_pdfs:
        write_report(out_dir, data)
    (out_dir / SUMMARY_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return Summary(data, out_dir)
