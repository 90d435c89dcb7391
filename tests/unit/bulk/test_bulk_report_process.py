"""report.pdf rendered by the helper process a split run forks at its start (app.bulk.report_process)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bulk import report, runner
from app.bulk.outputs import REPORT_FILE
from app.bulk.report_process import ReportProcess
from app.bulk.runner import run_bulk_screen
from app.doj.synthetic import conviction_row, write_rows

AS_OF = date(2026, 11, 29)


@pytest.fixture
def summary(tmp_path: Path) -> dict:
    county_file = write_rows(tmp_path / "county.csv", [conviction_row("1", "11357 HS", "M"), conviction_row("2", "11359 HS", "F")])
    run_bulk_screen([county_file], "San Joaquin", tmp_path / "inline", as_of=AS_OF, workers=1)
    return json.loads((tmp_path / "inline" / "summary.json").read_text())


def test_the_helper_writes_the_report_the_command_would(summary: dict, tmp_path: Path) -> None:
    helper = ReportProcess()
    helper.render(tmp_path, summary)
    helper.wait()
    inline = PdfReader(tmp_path / "inline" / REPORT_FILE).pages[0].extract_text()
    assert PdfReader(tmp_path / REPORT_FILE).pages[0].extract_text() == inline


def test_an_error_in_the_helper_is_raised_by_wait(summary: dict, tmp_path: Path) -> None:
    helper = ReportProcess()
    helper.render(tmp_path / "no-such-folder", summary)
    with pytest.raises(OSError):
        helper.wait()


def test_a_helper_never_asked_for_a_report_is_stopped() -> None:
    helper = ReportProcess()
    helper.stop()
    assert not helper.running


def test_a_split_run_renders_its_report_in_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers = tmp_path / "report-writer-pids"
    real = report.write_report

    def recording(out_dir: Path, data: dict) -> Path:
        with open(writers, "a") as handle:  # a file: the helper is a forked process
            handle.write(f"{os.getpid()}\n")
        return real(out_dir, data)

    monkeypatch.setattr(report, "write_report", recording)
    county_file = write_rows(tmp_path / "county.csv", [conviction_row("1", "11357 HS", "M")])
    run_bulk_screen([county_file], "San Joaquin", tmp_path / "split", as_of=AS_OF, workers=2)
    assert (tmp_path / "split" / REPORT_FILE).exists()
    (writer,) = (int(pid) for pid in writers.read_text().split())  # written once, by another process
    assert writer != os.getpid()


def test_a_run_in_one_process_renders_its_report_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "ReportProcess", lambda: pytest.fail("a helper process for --workers 1"))
    county_file = write_rows(tmp_path / "county.csv", [conviction_row("1", "11357 HS", "M")])
    run_bulk_screen([county_file], "San Joaquin", tmp_path / "one", as_of=AS_OF, workers=1)
    assert (tmp_path / "one" / REPORT_FILE).exists()


def test_weasyprint_is_imported_with_ctypes_left_as_it_was() -> None:
    probe = (
        "import ctypes.util, sys; real = ctypes.util.find_library\n"
        "from app.bulk.report_process import import_weasyprint; import_weasyprint()\n"
        "assert 'weasyprint' in sys.modules and ctypes.util.find_library is real"
    )
    subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[3], check=True, timeout=60)


def test_a_run_that_fails_before_its_summary_stops_its_report_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[ReportProcess] = []

    def recorded() -> ReportProcess:
        started.append(ReportProcess())
        return started[-1]

    def failing(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("screening failed")

    monkeypatch.setattr(runner, "ReportProcess", recorded)
    monkeypatch.setattr(runner, "screen_in_processes", failing)
    county_file = write_rows(tmp_path / "county.csv", [conviction_row("1", "11357 HS", "M")])
    with pytest.raises(RuntimeError, match="screening failed"):
        run_bulk_screen([county_file], "San Joaquin", tmp_path / "out", as_of=AS_OF, workers=2)
    assert len(started) == 1 and not started[0].running
