"""How long a DA's web upload takes on the queue, from submit to done, with 1 and 2 RQ workers (issue 14).

    .venv/bin/python benchmarks/bulk_queue.py [--rows 400000] [--piece-mb 32] [--redis redis://127.0.0.1:6379/5]

Workers are started (and warm) before the upload is submitted, each as its own process, as on separate machines;
the time is from submit until the job row says done. For comparison, the same file through the runner in one
process and split between two (what `flask bulk screen` does). Needs a Redis; uses a queue name of its own and
empties it afterwards. Skipped (exit 0) without Redis.
"""
from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2026, 11, 29)
WORKER = "from app import create_app; from app.bulk.queue import run_worker; run_worker(create_app({config!r}), name={name!r})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--piece-mb", type=float, default=32)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    args = parser.parse_args()

    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    try:
        Redis.from_url(args.redis).ping()
    except RedisDown:
        print(f"skipped: no Redis at {args.redis}")
        return 0

    from flask_migrate import upgrade

    from app import create_app
    from app.bulk import jobs, queue
    from app.bulk.policy import BulkOptions
    from app.bulk.runner import run_bulk_screen
    from app.doj.synthetic import write_synthetic_file
    from app.extensions import db
    from app.models import BulkJob, County, User
    from app.seed import seed_reference_data

    work = Path(tempfile.mkdtemp(prefix="bulk-queue-bench-"))
    config = {
        "APP_ENV": "development", "SECRET_KEY": "benchmark", "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "INSTANCE_PATH": str(work / "instance"), "BULK_QUEUE_URL": args.redis, "BULK_QUEUE_NAME": f"bulk-bench-{os.getpid()}",
        "BULK_QUEUE_PIECE_MB": args.piece_mb,
    }
    source = write_synthetic_file(work / "doj.csv", args.rows, seed=2026)
    print(f"{args.rows:,} rows, {source.stat().st_size / 1e6:.0f} MB, parts of {args.piece_mb:g} MB")

    for processes in (1, 2):
        started = time.perf_counter()
        run_bulk_screen([source], "San Joaquin", work / f"cli-{processes}", as_of=AS_OF, workers=processes)
        print(f"runner, {processes} process(es): {time.perf_counter() - started:.2f} s")

    app = create_app(config)
    with app.app_context():
        upgrade(revision="heads")
        seed_reference_data(demo=False)
        county = db.session.query(County).filter_by(name="San Joaquin").one()
        user = User(email="da@example.org", name="DA", role="da", county_id=county.id)
        db.session.add(user)
        db.session.commit()
        content = source.read_bytes()
        for count in (1, 2):
            workers = [
                subprocess.Popen([sys.executable, "-c", WORKER.format(config=config, name=f"bench-{count}-{n}")], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                for n in range(count)
            ]
            time.sleep(4)  # the workers are up and waiting
            job = jobs.create_job(user, county, io.BytesIO(content), "doj.csv", BulkOptions(), AS_OF)
            db.session.commit()
            started = time.perf_counter()
            queue.submit(app, job.id)
            while True:
                db.session.expire_all()
                found = db.session.get(BulkJob, job.id)
                if not found.active:
                    break
                time.sleep(0.2)
            elapsed = time.perf_counter() - started
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=60)
            print(f"queue, {count} worker(s): {elapsed:.2f} s submit to {found.status}, {len(found.parts)} parts, "
                  f"{found.rows_read:,} rows read, workers {sorted({part.worker for part in found.parts})}")
            print("   " + _timeline(queue.bulk_queue(app).connection, job.id, len(found.parts)))
        queue.bulk_queue(app).empty()
    return 0


def _timeline(connection: object, job_id: int, parts: int) -> str:
    """Each queue job's start and end, in seconds after the plan started, and the worker that ran it."""
    from rq.job import Job

    steps = ["plan", *(f"part-{n}" for n in range(parts)), "join"]
    found = [Job.fetch(f"bulk-{job_id}-{step}", connection=connection) for step in steps]
    zero = found[0].started_at
    return ", ".join(
        f"{step} {(job.started_at - zero).total_seconds():.1f}-{(job.ended_at - zero).total_seconds():.1f} s ({job.worker_name})"
        for step, job in zip(steps, found)
    )


if __name__ == "__main__":
    raise SystemExit(main())
