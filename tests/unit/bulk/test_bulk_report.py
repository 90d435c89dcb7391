"""report.pdf's charts: relief by outcome and by code section, labelled directly and filled with patterns so
that they read the same printed in black and white. Read back with pdftotext, as a DA's printout would be read."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import pytest

from app.bulk.policy import DA_OUTCOMES
from app.bulk import report
from app.bulk.report import OUTCOME_PATTERNS, outcome_bars
from app.bulk.runner import run_bulk_screen
from app.doj.synthetic import conviction_row, write_rows
from tests.support.tiers import require


@pytest.fixture(scope="module")
def report_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    require(shutil.which("pdftotext"), "pdftotext is not installed (apt-get install poppler-utils)")
    folder = tmp_path_factory.mktemp("report")
    rows = [
        conviction_row("1", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN"),
        conviction_row("2", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN"),
        conviction_row("3", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN"),
        conviction_row("4", "11359 HS-SALE", "F", county="SAN JOAQUIN"),
    ]
    run_bulk_screen([write_rows(folder / "doj.csv", rows)], "San Joaquin", folder / "out", as_of=date(2026, 11, 29))
    completed = subprocess.run(["pdftotext", "-layout", str(folder / "out" / "report.pdf"), "-"], capture_output=True, check=True, text=True)
    return completed.stdout


def test_the_relief_by_outcome_chart_names_each_outcome_with_its_count_and_share(report_text: str) -> None:
    chart = report_text.split("Relief by outcome", 1)[1].split("Outcomes by code section", 1)[0]
    lines = [" ".join(line.split()) for line in chart.splitlines() if line.strip()]
    assert lines == ["Eligible for dismissal 3 (75%)", "Eligible for reduction to a misdemeanor 1 (25%)", "Needs review 0 (0%)", "Not eligible 0 (0%)"]


def test_the_by_section_chart_labels_each_section_with_its_total(report_text: str) -> None:
    chart = report_text.split("Outcomes by code section", 1)[1]
    lines = [" ".join(line.split()) for line in chart.splitlines() if line.strip()]
    assert "HS 11357 3" in lines and "HS 11359 1" in lines


def test_every_outcome_has_its_own_fill_pattern_so_colour_is_never_the_only_difference() -> None:
    assert sorted(OUTCOME_PATTERNS) == sorted(DA_OUTCOMES) and len(set(OUTCOME_PATTERNS.values())) == len(DA_OUTCOMES)


def test_outcome_bars_are_scaled_to_the_largest_outcome() -> None:
    bars = {bar.outcome: bar for bar in outcome_bars({"dismissal": 30, "reduction": 15, "needs_review": 0, "not_eligible": 5})}
    assert bars["reduction"].width == bars["dismissal"].width / 2 and bars["needs_review"].width == 0
    assert [bar.percent for bar in bars.values()] == ["60%", "30%", "0%", "10%"]


def test_a_run_with_no_prop64_convictions_draws_empty_bars_without_dividing_by_zero() -> None:
    assert {bar.percent for bar in outcome_bars(dict.fromkeys(DA_OUTCOMES, 0))} == {"0%"}


def test_a_bulk_run_with_its_pdfs_never_loads_a_layout_engine(tmp_path) -> None:
    """report.pdf and the court lists are drawn with the PDF standard fonts: loading WeasyPrint would cost the
    command about a second of CPU after its last row (issue 14)."""
    county_file = write_rows(tmp_path / "doj.csv", [conviction_row("1", "11357(B) HS-POSSESS", "M", county="SAN JOAQUIN")])
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from app.bulk.runner import run_bulk_screen\n"
        f"run_bulk_screen([{str(county_file)!r}], 'San Joaquin', {str(tmp_path / 'out')!r}, as_of=date(2026, 11, 29))\n"
        "print('weasyprint' in sys.modules)\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "False" and (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF-1.4")


def test_court_lists_shared_with_a_helper_process_are_the_lists_one_process_writes(tmp_path, monkeypatch) -> None:
    rows = [conviction_row(str(n), "11357(B) HS-POSSESS" if n % 3 else "11359 HS-SALE", "M" if n % 2 else "F",
                           county="SAN JOAQUIN") for n in range(1, 200)]
    run_bulk_screen([write_rows(tmp_path / "doj.csv", rows)], "San Joaquin", tmp_path / "out", as_of=date(2026, 11, 29),
                    render_pdfs=False)
    out = tmp_path / "out"
    alone = {path.name: path.read_bytes() for path in report.write_court_list_pdfs(out, "SAN JOAQUIN", "2026-11-29")}
    monkeypatch.setattr(report, "PARALLEL_LISTS_BYTES", 0)
    shared = {path.name: path.read_bytes() for path in report.write_court_list_pdfs(out, "SAN JOAQUIN", "2026-11-29", 2)}
    assert shared == alone and len(alone) == len(DA_OUTCOMES)
