"""Load: N residents complete the questionnaire and submit at once, against gunicorn on a fresh PostgreSQL database.

What it does, bounded and self-cleaning:
  1. creates a scratch database portal_load_<pid>, migrates it and seeds the counties and offices;
  2. starts gunicorn (--workers, default 3) in production mode (rate limits off: this measures the pages);
  3. runs --residents (default 200) residents on as many threads, each with its own cookies, through every page of
     the questionnaire (GET, then POST with the page's CSRF token) and the consent page, all at the same time;
  4. one more resident reaches consent and sends the same consent --double-submits times at once (200 double taps);
  5. delivers the outbox with `flask outbox deliver` into a local SMTP sink (aiosmtpd);
  6. checks against the database that every reference is stored once, routed once (one referral per county) and
     mailed once (one confirmation row, sent, and one message in the sink), and that the double taps made one
     referral; prints p50/p95/p99 per request kind and throughput; drops the database (unless --keep).
Needs PostgreSQL (LOAD_ADMIN_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres) and the dev
requirements (aiosmtpd). Exits 1 when a check fails.
Run: .venv/bin/python benchmarks/load.py [--residents 200] [--workers 3] [--double-submits 200] [--keep]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.intake import MARIJUANA_IN_ALAMEDA  # noqa: E402
from tests.support.live_server import free_port  # noqa: E402
from tests.support.partner import SmtpServer  # noqa: E402

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
REFERENCE = re.compile(r"<strong>([A-Z0-9]{3}-[A-Z0-9]{3})</strong>")
ADMIN_URL = os.environ.get("LOAD_ADMIN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # the journey reads each Location itself, as the tests' client does


@dataclass
class Timings:
    """Latency per request kind, shared by every resident thread."""

    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.samples[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class Browser:
    """One resident's phone: cookies, no automatic redirects, every request timed."""

    def __init__(self, base: str, timings: Timings) -> None:
        self.base = base
        self.timings = timings
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())

    def request(self, kind: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) of one GET, or POST when `form` is given."""
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                status, body, location = response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as answer:  # 3xx (redirects not followed) and 4xx/5xx
            status, body, location = answer.code, answer.read().decode(), answer.headers.get("Location", "")
        self.timings.add(f"{'POST' if data is not None else 'GET'} {kind}", time.perf_counter() - started)
        return status, body, location

    def csrf(self, kind: str, path: str) -> str:
        status, body, _ = self.request(kind, path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        match = CSRF.search(body)
        if not match:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1) or match.group(2)

    def post(self, kind: str, path: str, form: dict) -> str:
        """Fetch the page for its token, post it; returns the next page's path."""
        token = self.csrf(kind, path)
        status, body, location = self.request(kind, path, {**form, "csrf_token": token})
        if status not in (302, 303):
            raise RuntimeError(f"POST {path}: {status} {body[:300]}")
        return urllib.parse.urlsplit(location).path or location


def answers_for(number: int) -> dict[str, dict]:
    """The shared answer map, with a name and address of this resident's own so mail and rows can be matched."""
    answers = {page: dict(form) for page, form in MARIJUANA_IN_ALAMEDA.items()}
    answers["/question/name"] = {"full_name": f"Load Resident {number}", "other_names": ""}
    answers["/question/contact"] = {"methods": ["email"], "email": f"resident-{number}@example.org", "phone": ""}
    return answers


def reach_consent(browser: Browser, answers: dict[str, dict]) -> None:
    url = _start(browser)
    for _ in range(80):
        if url == "/check-answers":
            break
        kind = "question" if url.startswith("/question") else "conviction"
        url = browser.post(kind, url, answers[url])
    else:
        raise RuntimeError("the journey did not end")
    browser.request("check-answers", "/check-answers")


def _start(browser: Browser) -> str:
    token = browser.csrf("home", "/")
    status, _, location = browser.request("start", "/start", {"csrf_token": token})
    if status != 302:
        raise RuntimeError(f"POST /start: {status}")
    return urllib.parse.urlsplit(location).path


def submit(browser: Browser) -> str:
    """Consent and send; returns the reference shown on the confirmation page."""
    browser.post("consent", "/consent", {"share": "y", "understands": "y"})
    status, body, _ = browser.request("confirmation", "/confirmation")
    match = REFERENCE.search(body)
    if status != 200 or not match:
        raise RuntimeError(f"confirmation: {status}")
    return match.group(1)


def resident(base: str, number: int, timings: Timings, start_gate: threading.Barrier,
             references: dict[int, str]) -> None:
    browser = Browser(base, timings)
    try:
        start_gate.wait()
        reach_consent(browser, answers_for(number))
        references[number] = submit(browser)
    except Exception as error:  # noqa: BLE001 - a failed resident is reported, the others go on
        timings.error(f"resident {number}: {error}")


def double_submit(base: str, taps: int, timings: Timings) -> tuple[str, dict[int, int]]:
    """One resident at consent taps "send" `taps` times at once (same cookie, same token); returns the reference and
    the count of each answer status."""
    browser = Browser(base, timings)
    reach_consent(browser, answers_for(0))
    token = browser.csrf("consent", "/consent")
    gate = threading.Barrier(taps)
    statuses: dict[int, int] = defaultdict(int)
    lock = threading.Lock()

    def tap() -> None:
        gate.wait()
        status, _, _ = browser.request("double-submit", "/consent",
                                       {"share": "y", "understands": "y", "csrf_token": token})
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=tap) for _ in range(taps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _, body, _ = browser.request("confirmation", "/confirmation")
    match = REFERENCE.search(body)
    return (match.group(1) if match else ""), dict(statuses)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def print_latencies(timings: Timings, elapsed: float) -> None:
    every = [s for values in timings.samples.values() for s in values]
    print(f"{'request':<26}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind in sorted(timings.samples):
        values = timings.samples[kind]
        print(f"{kind:<26}{len(values):>7}{percentile(values, .5) * 1000:>10.0f}{percentile(values, .95) * 1000:>10.0f}"
              f"{percentile(values, .99) * 1000:>10.0f}{max(values) * 1000:>10.0f}")
    print(f"{'all':<26}{len(every):>7}{statistics.median(every) * 1000:>10.0f}{percentile(every, .95) * 1000:>10.0f}"
          f"{percentile(every, .99) * 1000:>10.0f}{max(every) * 1000:>10.0f}")
    print(f"throughput: {len(every) / elapsed:.0f} requests/s over {elapsed:.1f} s")


def queued_confirmations(url: str) -> dict[str, int]:
    """Confirmation rows per reference, read before delivery (a sent row keeps no context)."""
    import psycopg

    with psycopg.connect(url) as connection:
        return dict(connection.execute(
            "SELECT context->>'reference', count(*) FROM outbox_message WHERE template = 'resident_confirmation' "
            "GROUP BY 1").fetchall())


def confirmations_received(sink: SmtpServer) -> dict[str, int]:
    """Confirmation messages per reference as the SMTP sink received them (the subject names the reference)."""
    received: dict[str, int] = defaultdict(int)
    for message in sink.inbox.messages:
        match = re.search(r"[A-Z0-9]{3}-[A-Z0-9]{3}", str(message["Subject"]))
        if match and "received your application" in str(message["Subject"]):
            received[match.group(0)] += 1
    return received


def database_checks(url: str, references: list[str], queued: dict[str, int], received: dict[str, int]) -> list[str]:
    """What the database and the SMTP sink hold, compared with the references the residents were shown."""
    import psycopg

    problems: list[str] = []
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT a.reference, count(DISTINCT r.id), count(DISTINCT c.county) "
            "FROM application a LEFT JOIN referral r ON r.application_id = a.id "
            "LEFT JOIN conviction c ON c.application_id = a.id WHERE a.status <> 'draft' "
            "GROUP BY a.id, a.reference").fetchall()
        unsent = connection.execute("SELECT count(*) FROM outbox_message WHERE status <> 'sent'").fetchone()[0]
        referrals = connection.execute("SELECT count(*) FROM referral").fetchone()[0]
        office_notices = connection.execute(
            "SELECT count(*) FROM outbox_message WHERE template = 'office_new_referral'").fetchone()[0]
    by_reference: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_reference[row[0]].append(row)
    for reference in references:
        stored = by_reference.get(reference, [])
        if len(stored) != 1:
            problems.append(f"{reference}: stored {len(stored)} times")
            continue
        _, referral_count, county_count = stored[0]
        if referral_count != county_count:
            problems.append(f"{reference}: {referral_count} referrals for {county_count} counties")
        if queued.get(reference) != 1:
            problems.append(f"{reference}: {queued.get(reference, 0)} confirmation e-mails queued")
        if received.get(reference) != 1:
            problems.append(f"{reference}: {received.get(reference, 0)} confirmations arrived")
    if len(by_reference) != len(references):
        problems.append(f"{len(by_reference)} submitted applications stored for {len(references)} residents")
    if unsent:
        problems.append(f"{unsent} outbox messages not sent")
    if office_notices != referrals:
        problems.append(f"{office_notices} office notices for {referrals} referrals")
    print(f"stored: {len(by_reference)} submitted applications, {referrals} referrals, {sum(queued.values())} "
          f"confirmations queued, {sum(received.values())} arrived, {office_notices} office notices, {unsent} unsent")
    return problems


def run(args: argparse.Namespace) -> int:
    import psycopg

    name = f"portal_load_{os.getpid()}"
    database_url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    instance = Path(tempfile.mkdtemp(prefix="portal-load-"))
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": "load-test-secret", "DATABASE_URL": database_url,
           "FORCE_HTTPS": "0", "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0",
           "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/10", "TEST_INSTANCE_PATH": str(instance),
           "MAIL_SERVER": "", "MAIL_SINK_DIR": str(instance / "mail-sink"), "FLASK_APP": "wsgi.py"}
    port = free_port()
    server = None
    sink = SmtpServer()
    try:
        for command in (["db", "upgrade", "heads"], ["seed", "--demo"]):
            subprocess.run([sys.executable, "-m", "flask", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True)
        log = (instance / "gunicorn.log").open("wb")
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(args.workers), "--bind",
                                   f"127.0.0.1:{port}", "--config", "python:app.gunicorn_conf", "wsgi:app"],
                                  cwd=ROOT, env={**env, "BASE_URL": f"http://127.0.0.1:{port}"}, stdout=log,
                                  stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, server)
        timings = Timings()
        references: dict[int, str] = {}
        gate = threading.Barrier(args.residents)
        threads = [threading.Thread(target=resident, args=(base, n, timings, gate, references))
                   for n in range(1, args.residents + 1)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        print(f"{args.residents} residents on {args.workers} gunicorn workers, all at once: "
              f"{len(references)} submitted, {len(timings.errors)} failed")
        for message in timings.errors[:10]:
            print("  ", message)
        print_latencies(timings, elapsed)

        double_reference, statuses = double_submit(base, args.double_submits, Timings())
        print(f"double submit: {args.double_submits} simultaneous consents of one application answered {statuses}")

        queued = queued_confirmations(database_url)
        sink.start()
        delivered = subprocess.run([sys.executable, "-m", "flask", "outbox", "deliver", "--batch", "1000"], cwd=ROOT,
                                   env={**env, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(sink.port)},
                                   check=True, capture_output=True, text=True)
        print(f"outbox worker: {delivered.stdout.strip()}; the SMTP sink received {sink.inbox.count()} messages")
        problems = database_checks(database_url, [*references.values(), double_reference], queued,
                                   confirmations_received(sink))
        problems += timings.errors
        print("checks:", "all passed" if not problems else f"{len(problems)} FAILED")
        for problem in problems[:20]:
            print("  ", problem)
        return 1 if problems else 0
    finally:
        sink.stop()
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept database {database_url} and {instance}")


def _wait_for(base: str, server: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)  # polling for readiness
    raise RuntimeError("gunicorn did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2-4 on a small host)")
    parser.add_argument("--double-submits", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database for a look afterwards")
    args = parser.parse_args()
    try:
        import psycopg

        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except Exception as error:  # noqa: BLE001
        print(f"skipped: PostgreSQL not reachable at {ADMIN_URL} ({error.__class__.__name__})")
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
