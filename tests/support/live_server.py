"""A real server process on a free local port, with start/stop/restart for the "server restarted" tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from tests.support.keys import TEST_KEYS

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, database_url: str, instance_path: Path, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.instance_path = instance_path
        self.env = {
            **os.environ,
            "APP_ENV": "development",
            "SECRET_KEY": "live-server-secret",
            "DATABASE_URL": database_url,
            "TEST_INSTANCE_PATH": str(instance_path),
            "TEST_PORT": str(self.port),
            "MAIL_SERVER": "",
            "MAIL_SINK_DIR": str(instance_path / "mail-sink"),
            "RATELIMIT_ENABLED": "0",
            "BASE_URL": self.url,
            **TEST_KEYS,
            **(extra_env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = instance_path / "server.log"
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 20.0) -> None:
        self.instance_path.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(self.command(), cwd=ROOT, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early; log:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200 and self.ready():
                        return
            except OSError:
                pass
            time.sleep(0.1)  # polling for readiness, not waiting for a result
        raise RuntimeError(f"server did not answer in {timeout}s; log:\n{self.log_path.read_text()[-3000:]}")

    def command(self) -> list[str]:
        return [sys.executable, "-m", "tests.support.serve"]

    def ready(self) -> bool:
        """Beyond /healthz answering: a server of several processes waits for all of them."""
        return True

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self._log:
            self._log.close()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()
