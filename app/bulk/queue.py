"""Web runs on RQ, on the Redis production already runs for rate limits.

RQ because it is the smallest of the established queues that does what a run needs: jobs that
outlive the web process, workers on any machine, a retry, dependencies (the join waits for every
part), and a worker that forks a fresh process per job so a big county's memory is given back.
Celery would add a broker protocol and a scheduler we do not use; Dramatiq has no job dependencies.

A queue job carries only the BulkJob's id (and a part number); the upload and the outputs live in
instance storage, which every web and worker machine must share (the same ``instance/bulk/``
folder, e.g. an NFS mount). Without BULK_QUEUE_URL (``make run``, tests) the steps run on a thread
of the web process instead, one after another (``app.bulk.tasks.run_eagerly``).
"""
from __future__ import annotations

import logging
import os
import socket
from typing import Any

import click
from flask import Flask, current_app

from app.bulk import tasks
from app.bulk.web import bp
from app.extensions import db

log = logging.getLogger(__name__)

JOB_TIMEOUT_SECONDS = 4 * 3600  # a part or join of the largest file, with a wide margin (RQ kills a job past it)
RESULT_TTL_SECONDS = 24 * 3600  # the job row keeps the outcome; RQ's copy is only for debugging
_worker_app: Flask | None = None  # the app the steps run in, set when a worker starts
_worker_pid: int | None = None  # the process that last used its database pool


class QueueUnavailable(RuntimeError):
    """Redis did not take the run: the upload is stored but nothing will screen it."""

    def __init__(self, reason: str, started: list[int] | None = None) -> None:
        super().__init__(reason)
        self.started = started or []  # the runs queued before Redis stopped answering


def submit(app: Flask, *job_ids: int) -> list[int]:
    """Start stored runs (a DA's one, or a statewide upload's one per county): each its own queue job when there is
    a queue, else one after another on a thread of this process. Returns the runs that were started; raises
    QueueUnavailable, carrying those, when Redis stops taking them."""
    if not app.config["BULK_QUEUE_URL"]:
        if app.config["APP_ENV"] == "production":
            log.warning("BULK_QUEUE_URL is not set: bulk jobs %s run on a thread of this web process and die with it", job_ids)
        tasks.launch_thread(app, *job_ids)
        return list(job_ids)
    from redis.exceptions import RedisError

    queue = bulk_queue(app)
    started: list[int] = []
    for job_id in job_ids:
        try:
            queue.enqueue(plan_task, job_id, **_job_options(app, job_id, "plan"))
        except RedisError as error:
            raise QueueUnavailable(type(error).__name__, started) from error
        started.append(job_id)
    return started


def bulk_queue(app: Flask) -> Any:
    from redis import Redis
    from rq import Queue

    return Queue(app.config["BULK_QUEUE_NAME"], connection=Redis.from_url(app.config["BULK_QUEUE_URL"]))


def _job_options(app: Flask, job_id: int, step: str, **extra: Any) -> dict[str, Any]:
    from rq import Retry

    return {
        "job_id": f"bulk-{job_id}-{step}",  # readable in `rq info`; one RQ job per step of a run
        "retry": Retry(max=tasks.ATTEMPTS - 1),
        "job_timeout": JOB_TIMEOUT_SECONDS,
        "result_ttl": RESULT_TTL_SECONDS,
        "description": f"bulk run {job_id}: {step}",
        **extra,
    }


# -- what the worker runs (module-level functions: RQ stores them by name) ----------------------


def plan_task(job_id: int) -> int:
    """Cut the upload into parts and queue one job per part, then the join after all of them."""
    app = worker_app()
    parts = tasks.run_step(app, job_id, tasks.plan_job, last_attempt=_last_attempt()) or 0
    if parts:
        queue = bulk_queue(app)
        screened = [queue.enqueue(part_task, job_id, index, **_job_options(app, job_id, f"part-{index}")) for index in range(parts)]
        queue.enqueue(join_task, job_id, **_job_options(app, job_id, "join", depends_on=screened))
    return parts


def part_task(job_id: int, index: int) -> None:
    from rq import get_current_job

    current = get_current_job()
    worker = (current.worker_name if current is not None else None) or "rq-worker"
    tasks.run_step(worker_app(), job_id, tasks.screen_part, index, worker, last_attempt=_last_attempt())


def join_task(job_id: int) -> None:
    tasks.run_step(worker_app(), job_id, tasks.join_parts, last_attempt=_last_attempt())


def _last_attempt() -> bool:
    from rq import get_current_job

    current = get_current_job()
    return current is None or not current.retries_left


def worker_app() -> Flask:
    """The app of `flask bulk worker` (or of a test); a plain `rq worker` builds one from the environment.

    RQ's default worker runs each job in a fork: the parent's pooled database connections must not
    be shared with it, so a forked job starts its own."""
    global _worker_app, _worker_pid
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    if _worker_pid not in (None, os.getpid()):
        with _worker_app.app_context():
            db.engine.dispose(close=False)
    _worker_pid = os.getpid()
    return _worker_app


# -- the worker ---------------------------------------------------------------------------------


def run_worker(app: Flask, burst: bool = False, simple: bool = False, max_jobs: int | None = None, name: str | None = None) -> bool:
    """Serve the bulk queue until stopped (or, with ``burst``, until it is empty).

    The default worker forks a process per queue job, so each run's memory is returned when it ends;
    ``simple`` runs jobs in this process (tests, debugging)."""
    from rq import SimpleWorker, Worker

    global _worker_app, _worker_pid
    _worker_app, _worker_pid = app, os.getpid()
    queue = bulk_queue(app)
    worker_class = SimpleWorker if simple else Worker
    worker = worker_class([queue], connection=queue.connection, name=name)
    return worker.work(burst=burst, max_jobs=max_jobs, with_scheduler=False)


@bp.cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of a fork per job.")
@click.option("--name", help="Worker name shown in `rq info` and on each part it screens (default: host and pid).")
def worker_command(burst: bool, simple: bool, name: str | None) -> None:
    """Screen web uploads from the bulk queue (BULK_QUEUE_URL); run one or more, on any machine."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config["BULK_QUEUE_URL"]:
        raise click.ClickException("BULK_QUEUE_URL is not set: web uploads run inside the web process, no worker is needed.")
    run_worker(app, burst=burst, simple=simple, name=name or f"{socket.gethostname()}.{os.getpid()}")
