"""gunicorn with several workers in a child process: what production runs, for tests of what workers share."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from tests.support.live_server import ROOT, free_port


class GunicornServer:
    def __init__(self, database_url: str, instance_path: Path, workers: int, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.log_path = instance_path / "gunicorn.log"
        self.env = {**os.environ, "APP_ENV": "testing", "SECRET_KEY": "gunicorn-test-secret",
                    "DATABASE_URL": database_url, "MAIL_SERVER": "", "MAIL_SINK_DIR": str(instance_path / "mail"),
                    "RATELIMIT_ENABLED": "1", "BASE_URL": self.url, **env}
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def command(self) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
                "--config", "python:app.gunicorn_conf", "wsgi:app"]

    def run_to_exit(self, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        """For a server expected to refuse to start."""
        return subprocess.run(self.command(), cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout)

    def start(self, timeout: float = 40.0) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; log:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200 and self._all_workers_booted():
                        return
            except OSError:
                pass
            time.sleep(0.2)  # polling for readiness, not waiting for a result
        raise RuntimeError(f"gunicorn did not answer in {timeout}s; log:\n{self.log_path.read_text()[-3000:]}")

    def _all_workers_booted(self) -> bool:
        return self.log_path.read_text().count("Booting worker") >= self.workers

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        if self._log:
            self._log.close()
