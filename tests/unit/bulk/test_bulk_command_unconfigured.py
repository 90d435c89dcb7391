"""The DA's command as a DA runs it: a fresh clone, nothing configured (no APP_ENV, no SECRET_KEY), the real
process. ``python -m app.bulk`` needs no web app at all; ``flask bulk screen`` builds the portal's app
without its web secrets."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bulk.policy import DA_OUTCOMES
from app.doj.synthetic import write_synthetic_file

ROOT = Path(__file__).resolve().parents[3]
FLASK = Path(sys.executable).with_name("flask")
OUTPUT_FILES = {
    "results.csv", "prop64_results.csv", "summary.json", "errors.csv", "report.pdf",
    *(f"{outcome}_list.{ext}" for outcome in DA_OUTCOMES for ext in ("csv", "pdf")),
}
CONFIGURATION = ("APP_ENV", "SECRET_KEY", "FLASK_APP", "DATABASE_URL", "MAIL_SERVER")


@pytest.fixture
def unconfigured_env() -> dict[str, str]:
    """The environment of a shell where nobody set anything for the portal."""
    return {name: value for name, value in os.environ.items() if name not in CONFIGURATION}


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def county_file(tmp_path: Path) -> Path:
    return write_synthetic_file(tmp_path / "county.csv", 2_000, seed=14)


def test_python_m_app_bulk_writes_every_output_with_nothing_configured(
    county_file: Path, tmp_path: Path, unconfigured_env: dict[str, str]
) -> None:
    out = tmp_path / "out"
    done = _run([sys.executable, "-m", "app.bulk", "screen", str(county_file), "--county", "San Joaquin", "--out", str(out)],
                unconfigured_env)
    assert done.returncode == 0, done.stderr
    assert {path.name for path in out.iterdir()} == OUTPUT_FILES
    assert json.loads((out / "summary.json").read_text())["rows_read"] == 2_000


def test_flask_bulk_screen_writes_every_output_with_nothing_configured(
    county_file: Path, tmp_path: Path, unconfigured_env: dict[str, str]
) -> None:
    out = tmp_path / "out"
    done = _run([str(FLASK), "bulk", "screen", str(county_file), "--county", "San Joaquin", "--out", str(out)], unconfigured_env)
    assert done.returncode == 0, done.stderr
    assert {path.name for path in out.iterdir()} == OUTPUT_FILES


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "app.bulk", "screen", "--help"], [str(FLASK), "bulk", "screen", "--help"]],
    ids=["python -m app.bulk", "flask bulk"],
)
def test_help_runs_with_nothing_configured(command: list[str], unconfigured_env: dict[str, str]) -> None:
    done = _run(command, unconfigured_env)
    assert done.returncode == 0, done.stderr
    assert "--county" in done.stdout and "--out" in done.stdout


def test_the_standalone_command_loads_no_web_app_database_or_weasyprint(unconfigured_env: dict[str, str]) -> None:
    probe = "import sys, app.bulk.cli; print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy', 'weasyprint'}))"
    done = _run([sys.executable, "-c", probe], unconfigured_env)
    assert done.stdout.strip() == "[]", done.stderr


def test_the_web_server_still_refuses_to_start_in_production_without_a_secret_key(unconfigured_env: dict[str, str]) -> None:
    done = _run([sys.executable, "-c", "import wsgi"], unconfigured_env)  # as gunicorn imports it
    assert done.returncode != 0 and "SECRET_KEY must be set in production" in done.stderr
