"""report.pdf from a forked process that loads WeasyPrint while the file is still being screened.

Loading WeasyPrint costs about as much as rendering the report itself (0.5-0.6 s each), and a run
that waits for both after the last row spends a fifth of its time on one page. Forked at the start of a run,
this process pays for the import alongside the screening; when the summary is ready it renders the
page while the command writes the court-list PDFs. The PDF is the one ``write_report`` writes in
the command's own process.
"""
from __future__ import annotations

import ctypes.util
import multiprocessing
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

LDCONFIG = Path("/sbin/ldconfig")


class ReportProcess:
    """One report.pdf, rendered in a helper process: start it, ``render`` once, then ``wait``; or
    ``stop`` it when the run fails before its summary."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        job_receiver, self._jobs = context.Pipe(duplex=False)
        self._results, result_sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_render_when_asked, args=(job_receiver, result_sender, self._jobs), daemon=True
        )
        self._process.start()
        job_receiver.close()  # the child's ends: this process only sends the job and reads the result
        result_sender.close()

    @property
    def running(self) -> bool:
        return self._process.is_alive()

    def render(self, out_dir: Path, summary: dict[str, Any]) -> None:
        self._jobs.send((out_dir, summary))

    def wait(self) -> None:
        """Until report.pdf is written; the helper's error, if any, is raised here."""
        try:
            status, error = self._results.recv()
        except EOFError:
            self._process.join()
            status, error = "error", RuntimeError(f"the report process stopped (exit code {self._process.exitcode})")
        self._process.join()  # it leaves once it has answered
        self.stop()
        if status == "error":
            raise error

    def stop(self) -> None:
        if self.running:
            self._process.kill()
        self._process.join()
        self._jobs.close()
        self._results.close()


def _render_when_asked(jobs: Connection, results: Connection, parents_end: Connection) -> None:
    """The helper's body: load WeasyPrint now, render when the summary comes."""
    parents_end.close()
    try:
        import_weasyprint()  # the slow part, done while the parent screens
        from app.bulk.report import write_report

        out_dir, summary = jobs.recv()
        write_report(out_dir, summary)
        results.send(("done", None))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        results.send(("error", error))
    finally:
        results.close()


def import_weasyprint() -> None:
    """Import WeasyPrint with its C libraries looked up in one ``ldconfig -p`` listing.

    WeasyPrint tries several names for each library, and cffi asks ``ctypes.util.find_library``
    about each name that does not load directly; on Linux every such question runs ldconfig, gcc
    and ld (26 subprocesses: half the import's time). Answered from one listing, the import takes
    0.6 s instead of 1.2 s. Every library is still loaded by the dynamic loader; a name the
    listing lacks is answered "not found", and WeasyPrint goes on to a name the loader finds itself.
    """
    if "weasyprint" in sys.modules:
        return
    with _libraries_from_one_listing():
        import weasyprint  # noqa: F401


@contextmanager
def _libraries_from_one_listing() -> Iterator[None]:
    if not sys.platform.startswith("linux") or not LDCONFIG.exists():
        yield
        return
    try:
        listing = subprocess.run([str(LDCONFIG), "-p"], capture_output=True, text=True, check=True,
                                 env={"LC_ALL": "C", "LANG": "C"}, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        yield
        return

    def find_library(name: str) -> str | None:  # ctypes' own pattern over the same listing
        found = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(", listing)
        return found.group(1) if found else None

    real = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real
