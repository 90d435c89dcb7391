"""`flask bulk screen`: arguments, exit codes and messages (the command object, driven by click's runner)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.cli import ScriptInfo

from app.bulk import cli
from app.bulk.cli import screen_command
from app.doj.synthetic import conviction_row, write_rows


@pytest.fixture
def county_file(tmp_path: Path) -> Path:
    return write_rows(tmp_path / "county.csv", [conviction_row("1", "11357(B) HS", "M"), conviction_row("2", "11359 HS", "F")])


def _run(*args: str) -> Result:
    """The command needs an app context (Flask's AppGroup); a bare app is enough, it uses nothing of it."""
    return CliRunner().invoke(screen_command, list(args), obj=ScriptInfo(create_app=lambda: Flask(__name__)))


def test_screen_writes_the_outputs_and_prints_the_counts(county_file: Path, tmp_path: Path) -> None:
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--as-of", "2026-11-29")
    assert result.exit_code == 0, result.output
    assert "2 rows read, 0 rejected" in result.output and "1 dismissal, 1 reduction" in result.output
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["as_of"] == "2026-11-29"


def test_several_files_are_screened_in_one_run(county_file: Path, tmp_path: Path) -> None:
    second = write_rows(tmp_path / "more.csv", [conviction_row("3", "11358 HS", "M")])
    result = _run(str(county_file), str(second), "--county", "San Joaquin", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "3 rows read" in result.output


def test_unreadable_file_gives_one_clear_message_and_a_non_zero_exit(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "missing.csv"), "--county", "San Joaquin", "--out", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert result.output.strip() == f"Error: {tmp_path / 'missing.csv'}: no such file"


def test_options_file_is_applied(county_file: Path, tmp_path: Path) -> None:
    options = tmp_path / "options.json"
    options.write_text(json.dumps({"baselineEligibility": {"dismiss": ["11359"], "reduce": []}, "additionalRelief": {}}))
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--options", str(options))
    assert result.exit_code == 0 and "2 dismissal, 0 reduction" in result.output


def test_invalid_options_file_is_refused_before_screening(county_file: Path, tmp_path: Path) -> None:
    options = tmp_path / "options.json"
    options.write_text('{"baselineEligibility": {"dismiss": ["11350"]}}')
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--options", str(options))
    assert result.exit_code != 0 and "11350 is not one of" in result.output
    assert not (tmp_path / "out").exists()


def test_as_of_must_be_an_iso_date(county_file: Path, tmp_path: Path) -> None:
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--as-of", "11/29/2026")
    assert result.exit_code == 2 and "use YYYY-MM-DD" in result.output


def test_progress_bar_is_shown_on_a_terminal(county_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "on_terminal", lambda: True)
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "Screening" in result.output


def test_no_progress_bar_when_output_is_not_a_terminal(county_file: Path, tmp_path: Path) -> None:
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"))
    assert "Screening" not in result.output


def test_rejected_rows_are_pointed_to_and_the_run_still_succeeds(county_file: Path, tmp_path: Path) -> None:
    with open(county_file, "a", encoding="utf-8") as handle:
        handle.write("not,a,doj,row\n")
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and "1 rejected" in result.output and "errors.csv" in result.output


def test_a_misspelt_county_is_refused_before_screening(county_file: Path, tmp_path: Path) -> None:
    result = _run(str(county_file), "--county", "San Jaoquin", "--out", str(tmp_path / "out"))
    assert result.exit_code != 0 and "'San Jaoquin' is not a California county" in result.output
    assert not (tmp_path / "out").exists()


def test_workers_option_is_passed_to_the_run(county_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real_run = cli.run_bulk_screen

    def recording_run(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs["workers"])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(cli, "run_bulk_screen", recording_run)
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--workers", "3")
    assert result.exit_code == 0, result.output
    assert seen == [3]


def test_workers_below_one_are_refused(county_file: Path, tmp_path: Path) -> None:
    result = _run(str(county_file), "--county", "San Joaquin", "--out", str(tmp_path / "out"), "--workers", "0")
    assert result.exit_code == 2 and "--workers" in result.output
