"""gunicorn with several workers in a child process: what production runs, for tests of what workers share."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.live_server import ROOT, LiveServer


class GunicornServer(LiveServer):
    def __init__(self, database_url: str, instance_path: Path, workers: int, env: dict[str, str]) -> None:
        super().__init__(database_url, instance_path, {"APP_ENV": "testing", "RATELIMIT_ENABLED": "1", **env})
        self.workers = workers
        self.log_path = instance_path / "gunicorn.log"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
                "--config", "python:app.gunicorn_conf", "wsgi:app"]

    def ready(self) -> bool:
        return self.log_path.read_text().count("Booting worker") >= self.workers

    def run_to_exit(self, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        """For a server expected to refuse to start."""
        return subprocess.run(self.command(), cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout)
