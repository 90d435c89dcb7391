"""Clinic batch PDF: how long the event page's "Print all receipts and court papers" takes, as a volunteer meets it.

A live server (development mode, SQLite, as `make run`) gets an event and one volunteer; the volunteer helps
--residents people one after another through every page of the questionnaire over HTTP (the public journey, consent
read aloud, "next person"); then the event's batch PDF is requested, every part of it (BATCH_PART_SIZE people a
part), each timed from request to last byte, when 1, 10 and all residents have been helped. Prints seconds in all,
the slowest part (which must stay well inside the web server's 60 s timeout), seconds per resident, pages and bytes.
Run: .venv/bin/python benchmarks/clinic_batch.py [--residents 30]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.clinic.service import BATCH_PART_SIZE  # noqa: E402
from benchmarks.load import Browser, Timings  # noqa: E402
from tests.support.live_data import STAFF_PASSWORD, live_database  # noqa: E402
from tests.support.clinic import answers_for  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402


def prepare(server: LiveServer, scratch: Path) -> int:
    from app.auth.passwords import hash_password
    from app.models import ClinicEvent, ClinicVolunteer, PartnerOffice, User

    with live_database(server, scratch) as session:
        office = session.query(PartnerOffice).filter_by(slug="alameda-public-defender").one()
        volunteer = User(email="bench@example.org", name="Bench Volunteer", role="volunteer", office=office,
                         recovery_codes=[], password_hash=hash_password(STAFF_PASSWORD))
        event = ClinicEvent(name="Benchmark fair", event_date=dt.date.today(), place="Library", office=office,
                            county_id=office.county_id, help_window_days=7)
        session.add_all([volunteer, event])
        session.flush()
        session.add(ClinicVolunteer(event_id=event.id, user_id=volunteer.id))
        session.commit()
        return event.id


def post_from(browser: Browser, kind: str, path: str, page: str, form: dict) -> str:
    """Post `form` to `path` with the CSRF token of `page` (where the button is); returns the next page's path."""
    token = browser.csrf(kind, page)
    status, body, location = browser.request(kind, path, {**form, "csrf_token": token})
    if status != 302:
        raise RuntimeError(f"POST {path}: {status} {body[:300]}")
    return location.split("?")[0].replace(browser.base, "")


def help_resident(browser: Browser, event_id: int, number: int) -> None:
    event_page = f"/clinic/events/{event_id}"
    url = post_from(browser, "start", f"{event_page}/start", event_page, {"language": "es" if number % 3 == 1 else "en"})
    answers = answers_for(f"Bench Resident {number}")
    for _ in range(80):
        if url == "/check-answers":
            break
        url = browser.post("question", url, answers[url])
    else:
        raise RuntimeError("the journey did not end")
    browser.post("consent", "/clinic/consent", {"read_language": "en", "agreed": "y"})
    post_from(browser, "next person", "/clinic/next-person", "/clinic/sent", {})


def fetch_pdf(browser: Browser, path: str) -> tuple[float, int, int]:
    """(seconds, pages, bytes) of one PDF request, timed from request to last byte."""
    from pypdf import PdfReader

    started = time.perf_counter()
    with browser.opener.open(browser.base + path, timeout=600) as response:
        body = response.read()
    seconds = time.perf_counter() - started
    return seconds, len(PdfReader(io.BytesIO(body)).pages), len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        from app import create_app
        from tests.conftest import base_config, build_schema

        database = scratch / "bench.sqlite3"
        build_schema(create_app(base_config(scratch, f"sqlite:///{database}")))
        server = LiveServer(f"sqlite:///{database}", scratch / "instance")
        server.start()
        try:
            event_id = prepare(server, scratch)
            browser = Browser(server.url, Timings())
            token = browser.csrf("login", "/auth/login")
            browser.request("login", "/auth/login", {"email": "bench@example.org", "password": STAFF_PASSWORD,
                                                     "csrf_token": token})
            sizes = sorted({1, min(10, args.residents), args.residents})
            helped = 0
            started = time.perf_counter()
            print(f"clinic batch PDF, {args.residents} residents, live server (development, SQLite)")
            for size in sizes:
                while helped < size:
                    helped += 1
                    help_resident(browser, event_id, helped)
                parts = [fetch_pdf(browser, f"/clinic/events/{event_id}/batch.pdf?part={number}")
                         for number in range(1, -(-size // BATCH_PART_SIZE) + 1)]
                seconds = sum(part[0] for part in parts)
                print(f"  {size:>3} residents in {len(parts)} part(s) of up to {BATCH_PART_SIZE}: {seconds:6.2f} s in all, "
                      f"slowest part {max(part[0] for part in parts):6.2f} s, {seconds / size:5.2f} s/resident, "
                      f"{sum(part[1] for part in parts):>4} pages, {sum(part[2] for part in parts) / 1e6:5.2f} MB")
            journeys = time.perf_counter() - started
            print(f"  ({helped} residents helped over HTTP, every page, in {journeys:.1f} s including the batches)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
