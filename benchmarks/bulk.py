"""The DA's bulk command timed from the outside, as a DA runs it. Prints figures; no pass/fail.

    .venv/bin/python benchmarks/bulk.py                          # every shape, ~6 minutes on a quiet machine
    .venv/bin/python benchmarks/bulk.py --rows 100000 --quick    # the headline shape only

Each figure comes from runs of ``python -m app.bulk screen FILE --county "San Joaquin" --out DIR`` in
a subprocess with nothing configured (no APP_ENV, no SECRET_KEY) and the default workers, from process
start to exit, every output written. Each run of the command follows a bare ``csv.reader`` pass over
the same file, timed in this process: the two alternate, so a burst of other work on a shared machine
falls on both, and each line gives the medians (and each run's own ratio to the pass just before it:
the median and range of those). Memory is the peak of the command's and its helper processes' memory
summed, polled from /proc every 20 ms: each process's PSS, in which a page that a forked process
still shares with its parent counts half in each (the plain resident sets would count it twice).

The files come from benchmarks/support/doj_files.py, written from the DOJ format's description, not
by the code under test. Goals (issue 14): at most 3x the bare pass; peak memory under 300 MB and flat
from 100,000 to 2,000,000 rows; start-up to the first row under 0.5 s.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from doj_files import COLUMNS, Shape, write_doj_file  # noqa: E402

AS_OF = "2026-11-29"
COUNTY = "San Joaquin"
POLL_SECONDS = 0.02
CONFIGURATION = ("APP_ENV", "SECRET_KEY", "FLASK_APP", "DATABASE_URL", "MAIL_SERVER")
SHAPES: tuple[tuple[str, Shape], ...] = (
    ("few rows per person", Shape(rows_per_person="few")),
    ("many rows per person", Shape(rows_per_person="many")),
    ("small marijuana share", Shape(marijuana="small")),
    ("large marijuana share", Shape(marijuana="large")),
    ("CRLF line endings", Shape(crlf=True)),
    ("with a header row", Shape(header=True)),
    ("all 58 counties", Shape(counties="many")),
)
SAME_ROWS = {Shape(crlf=True), Shape(header=True)}  # made from the headline file: the same rows, so the same work


def unconfigured_env() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in CONFIGURATION}


def bare_csv_pass(path: Path, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        with open(path, newline="", encoding="utf-8") as handle:
            for _ in csv.reader(handle):
                pass
        best = min(best, time.perf_counter() - started)
    return best


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _memory_bytes(pid: int) -> int:
    """The process's proportional set size (PSS: a page shared by n processes counts 1/n in each), or
    its resident set where the kernel has no smaps_rollup."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * resource.getpagesize()


def _tree_memory_bytes(pid: int) -> int:
    """Memory of ``pid`` and all its descendants, summed."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            total += _memory_bytes(current)
        except (OSError, IndexError):
            continue
        pending.extend(_children(current))
    return total


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def run_command(arguments: list[str]) -> Run:
    """One run of the command in a subprocess: wall time, CPU of it and its workers, peak summed PSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "app.bulk", *arguments], cwd=ROOT, env=unconfigured_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_memory_bytes(process.pid))
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"the command failed: {process.stderr.read().decode() if process.stderr else ''}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak / 1e6)


def screen(path: Path, out_dir: Path, *extra: str) -> Run:
    return run_command(["screen", str(path), "--county", COUNTY, "--out", str(out_dir), "--as-of", AS_OF, *extra])


def start_up_seconds(repeats: int = 5) -> float:
    """``screen --help``: the interpreter and every module the command imports before its first row."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app.bulk", "screen", "--help"], cwd=ROOT, env=unconfigured_env(),
                       check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def doj_file(work: Path, rows: int, shape: Shape) -> Path:
    path = work / f"doj-{rows}-{shape.slug}.csv"
    if path.exists():
        return path
    if shape in SAME_ROWS:  # the usual file with CR-LF line endings or a header row: a copy, not a new file
        with open(doj_file(work, rows, Shape()), newline="", encoding="utf-8") as usual, \
                open(path, "w", newline="", encoding="utf-8") as copy:
            if shape.header:
                copy.write(",".join(COLUMNS) + "\n")
            for line in usual:
                copy.write(line.replace("\n", "\r\n") if shape.crlf else line)
        return path
    return write_doj_file(path, rows, shape)


@dataclass(frozen=True)
class Measured:
    bare: list[float]  # bare pass before each run of the command
    runs: list[Run]


def measure(path: Path, out_dir: Path, repeats: int, *extra: str) -> Measured:
    """``repeats`` rounds of a bare pass then the command, alternating, on the same file."""
    bare: list[float] = []
    runs: list[Run] = []
    for _ in range(repeats):
        bare.append(bare_csv_pass(path, repeats=1))
        runs.append(screen(path, out_dir, *extra))
    return Measured(bare, runs)


def report(label: str, path: Path, measured: Measured) -> None:
    bare = statistics.median(measured.bare)
    seconds = [run.seconds for run in measured.runs]
    ratios = [run.seconds / before for run, before in zip(measured.runs, measured.bare)]
    spread = f" ({min(ratios):3.1f}-{max(ratios):3.1f}x)" if len(ratios) > 1 else "           "
    cpu = statistics.median(run.cpu_seconds for run in measured.runs)
    peak = max(run.peak_mb for run in measured.runs)
    size = path.stat().st_size / 1e6
    print(f"  {label:30s} {size:5.0f} MB  bare {bare:5.2f} s  command {statistics.median(seconds):5.2f} s = "
          f"{statistics.median(ratios):3.1f}x{spread}  CPU {cpu:5.2f} s ({cpu / bare:3.1f}x)  peak {peak:4.0f} MB  "
          f"[{len(ratios)} runs, load {os.getloadavg()[0]:.1f}]", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=400_000, help="rows of the headline file")
    parser.add_argument("--shape-rows", type=int, help="rows of each other shape's file (default: as --rows)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of the command on the headline file")
    parser.add_argument("--shape-repeats", type=int, default=3, help="runs of the command on each other shape")
    parser.add_argument("--quick", action="store_true", help="the headline file only: no other shapes, no 2M-row run")
    parser.add_argument("--work", type=Path, help="folder for the generated files (kept between runs)")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        run_benchmark(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="bulk-bench-") as folder:  # ~1.5 GB with the 2M-row file
            run_benchmark(args, Path(folder))


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg()) + f" on {os.cpu_count()} cores"


MEMORY_ROWS = (100_000, 400_000, 1_000_000, 2_000_000)


def run_benchmark(args: argparse.Namespace, work: Path) -> None:
    shape_rows = args.shape_rows or args.rows
    print(f"{load()} (other work on the machine slows the command, which uses every core, more than the bare pass)")
    print(f"start-up (screen --help, nothing configured): {start_up_seconds():.2f} s", flush=True)
    headline = doj_file(work, args.rows, Shape())
    out = work / "out"
    print(f"{args.rows:,} rows, a county's usual extract ({Shape().label}):")
    report("the command (default workers)", headline, measure(headline, out, args.repeats))
    report("--workers 1", headline, measure(headline, out, 1, "--workers", "1"))
    if args.quick:
        return
    print(f"{shape_rows:,} rows of each shape (default workers):")
    for label, shape in SHAPES:
        path = doj_file(work, shape_rows, shape)
        report(label, path, measure(path, out, args.shape_repeats))
    print("memory from 100,000 to 2,000,000 rows (usual extract, default workers):")
    for rows in MEMORY_ROWS:
        path = doj_file(work, rows, Shape())
        report(f"{rows:,} rows", path, measure(path, out, 1))
    print(load())


if __name__ == "__main__":
    main()
