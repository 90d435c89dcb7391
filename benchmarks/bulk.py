"""Benchmark of `flask bulk screen`'s runner on synthetic DOJ files. Prints figures; no pass/fail.

    .venv/bin/python benchmarks/bulk.py                 # 400k-row timing + 100k/1M memory
    .venv/bin/python benchmarks/bulk.py --rows 50000 --no-scaling   # quick look while developing

Goals (issue 7): at most 4x a bare csv.reader pass over the same file; peak memory under 300 MB;
a 1,000,000-row file's peak within 1.2x of a 100,000-row file's. Each run happens in a child
process so its peak RSS is its own. Runs are shown in one process (`--workers 1`) and split
between processes as `flask bulk screen` does by default (one per core, up to 2); CPU seconds
and peak memory include the worker processes.
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.doj.synthetic import write_synthetic_file  # noqa: E402

AS_OF = "2026-11-29"


def bare_csv_pass(path: Path, repeats: int = 3) -> tuple[float, float]:
    """Best of a few passes (wall seconds, CPU seconds): the machine is shared, the best is the least disturbed."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        with open(path, newline="", encoding="utf-8") as handle:
            for _ in csv.reader(handle):
                pass
        best_wall, best_cpu = min(best_wall, time.perf_counter() - wall), min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu


def _peak_rss_mb() -> float:
    """VmHWM: the process's peak resident set since the last reset."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak_rss() -> bool:
    """Linux lets a process reset its own peak (write 5 to clear_refs), so imports are not counted."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_run(path: Path, out_dir: Path, render_pdfs: bool, workers: int) -> None:
    """Runs in the child: one screening run, then its own timing and peak RSS as JSON on stdout.

    With workers > 1 the run forks worker processes: their CPU time is added to this process's, and
    the largest worker's peak RSS, once per worker, to this process's peak.
    """
    from app.bulk.runner import run_bulk_screen

    import_peak_mb = _peak_rss_mb()
    reset = _reset_peak_rss()
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = run_bulk_screen(
        [path], "SAN JOAQUIN", out_dir, as_of=date.fromisoformat(AS_OF), render_pdfs=render_pdfs, workers=workers
    )
    elapsed = time.perf_counter() - started
    # The largest worker's peak once per worker: an upper bound (forked pages are shared at first). Only with
    # workers: WeasyPrint's import runs ldconfig, whose fork would count this process's size again.
    largest_worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if workers > 1 else 0.0
    worker_peak_mb = largest_worker_mb * (workers - 1)
    print(json.dumps({
        "seconds": elapsed, "cpu_seconds": time.process_time() - cpu_started + _children_cpu_seconds(),
        "peak_mb": _peak_rss_mb() + worker_peak_mb, "peak_includes_imports": not reset,
        "import_peak_mb": import_peak_mb, "rows": summary["rows_read"], "outcomes": summary["outcomes"],
    }))


def measure(path: Path, work: Path, render_pdfs: bool = True, workers: int = 1) -> dict:
    out_dir = work / f"out-{path.stem}-{'pdf' if render_pdfs else 'csv'}-{workers}"
    command = [sys.executable, __file__, "--child", str(path), str(out_dir), "--workers", str(workers)]
    command += [] if render_pdfs else ["--no-pdfs"]
    completed = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def synthetic(work: Path, rows: int) -> Path:
    path = work / f"doj-{rows}.csv"
    if not path.exists():
        write_synthetic_file(path, rows, seed=2026)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--no-scaling", action="store_true", help="skip the 100k vs 1M memory comparison")
    parser.add_argument("--work", type=Path, help="folder for the synthetic files (kept between runs)")
    parser.add_argument("--workers", type=int, help="processes for the split run (default: as `flask bulk screen`)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-pdfs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_run(*args.child, render_pdfs=not args.no_pdfs, workers=args.workers or 1)
        return

    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        run_benchmark(args, args.work)
    else:
        with tempfile.TemporaryDirectory(prefix="bulk-bench-") as folder:  # ~1 GB of files for the 1M-row run
            run_benchmark(args, Path(folder))


def run_benchmark(args: argparse.Namespace, work: Path) -> None:
    from app.bulk.workers import default_workers

    workers = args.workers or default_workers()
    path = synthetic(work, args.rows)
    size_mb = path.stat().st_size / 1e6
    baseline, baseline_cpu = bare_csv_pass(path)
    runs = [("one process, CSV outputs", measure(path, work, render_pdfs=False))]
    runs.append(("one process, + report and list PDFs", measure(path, work)))
    if workers > 1:
        runs.append((f"{workers} processes, CSV outputs", measure(path, work, render_pdfs=False, workers=workers)))
        runs.append((f"{workers} processes, + PDFs (the command)", measure(path, work, workers=workers)))
    print(f"{args.rows:,} rows ({size_mb:.0f} MB), outcomes {runs[-1][1]['outcomes']}")
    print(f"  {'bare csv.reader pass':38s} {baseline:6.2f} s wall,          {baseline_cpu:6.2f} s CPU")
    for label, run in runs:
        print(f"  {label:38s} {run['seconds']:6.2f} s wall = {run['seconds'] / baseline:4.1f}x,"
              f" {run['cpu_seconds']:6.2f} s CPU = {run['cpu_seconds'] / baseline_cpu:4.1f}x;"
              f"  peak {run['peak_mb']:4.0f} MB ({run['import_peak_mb']:.0f} MB while importing the app)")
    if not args.no_scaling:
        small = measure(synthetic(work, 100_000), work, workers=workers)
        large = measure(synthetic(work, 1_000_000), work, workers=workers)
        print(f"  peak memory ({workers} process(es), with PDFs) 100,000 rows {small['peak_mb']:4.0f} MB;"
              f" 1,000,000 rows {large['peak_mb']:4.0f} MB = {large['peak_mb'] / small['peak_mb']:.2f}x"
              f"  ({large['seconds']:.1f} s for 1M rows)")
    if args.work:
        print(f"  files kept in {work}")


if __name__ == "__main__":
    main()
