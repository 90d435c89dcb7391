"""Rate limits under gunicorn with several workers (issue 17): counters live where every worker sees them.

Each test starts a real gunicorn with three workers on a copy of the SQLite test database and sends concurrent
requests from many connections, so several workers answer them. Redis is used at TEST_REDIS_URL (by default
redis://127.0.0.1:6379/6, a database number of its own) with a key prefix of the test's own.
"""
from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.gunicorn_server import GunicornServer
from tests.support.hygiene import csrf_token_from
from tests.support.tiers import OPTIONAL_PREFIX

WORKERS = 3
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def database(sqlite_template, tmp_path):
    path = tmp_path / "portal.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        prefix = "" if "TEST_REDIS_URL" in os.environ else OPTIONAL_PREFIX
        pytest.skip(f"{prefix} no Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def serve(database, tmp_path):
    """serve(**env) starts gunicorn with these settings; every server is stopped after the test."""
    started = []

    def start(**env):
        server = GunicornServer(database, tmp_path / f"server-{len(started)}", WORKERS,
                                {"RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}", **env})
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


def api_statuses(server: GunicornServer, requests: int) -> list[int]:
    """POST /api/v1/screen `requests` times at once, each on its own connection."""
    def post(_):
        request = urllib.request.Request(server.url + "/api/v1/screen", data=json.dumps({}).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=requests) as pool:
        return list(pool.map(post, range(requests)))


def accepted(statuses: list[int]) -> int:
    return sum(status != 429 for status in statuses)


def test_three_workers_with_redis_counters_accept_the_limit_once(serve, redis_url):
    server = serve(RATELIMIT_STORAGE_URI=redis_url, API_RATE_LIMIT="5/minute")
    assert accepted(api_statuses(server, 20)) == 5


def test_three_workers_with_the_sqlite_file_accept_the_limit_once(serve, tmp_path):
    server = serve(RATELIMIT_STORAGE_URI=f"sqlite:///{tmp_path / 'limits.sqlite3'}", API_RATE_LIMIT="5/minute")
    assert accepted(api_statuses(server, 20)) == 5


def test_gunicorn_refuses_to_start_several_workers_on_memory_counters(database, tmp_path):
    server = GunicornServer(database, tmp_path, WORKERS, {"RATELIMIT_STORAGE_URI": "memory://"})
    finished = server.run_to_exit()
    assert finished.returncode != 0
    assert "multiply every limit by 3" in finished.stderr


def resume_from_a_new_browser(server: GunicornServer, reference: str, day: str) -> str:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with browser.open(server.url + "/resume", timeout=30) as page:
        token = csrf_token_from(page.read().decode())
    form = {"csrf_token": token, "reference": reference, "date_of_birth-day": day, "date_of_birth-month": "4",
            "date_of_birth-year": "1980"}
    with browser.open(server.url + "/resume", data=urllib.parse.urlencode(form).encode(), timeout=30) as page:
        return page.read().decode()


def test_a_code_locks_after_five_wrong_birth_dates_spread_over_workers(serve, redis_url, database, tmp_path):
    from app import create_app
    from app.applications import answers, lifecycle
    from app.applications.journey import StepRef
    from tests.conftest import base_config

    with create_app(base_config(tmp_path, database)).app_context():
        application, _token = lifecycle.create_draft(language="en")
        answers.save_answers(application, StepRef("date-of-birth"),
                             {"date_of_birth": {"day": "2", "month": "4", "year": "1980"}})
        reference = application.reference
    server = serve(RATELIMIT_STORAGE_URI=redis_url, RESUME_RATE_LIMIT="100/hour")
    with ThreadPoolExecutor(max_workers=5) as pool:
        wrong = list(pool.map(lambda _: resume_from_a_new_browser(server, reference, "3"), range(5)))
    assert all("We could not find an application" in page for page in wrong)
    assert "locked for today" in resume_from_a_new_browser(server, reference, "2")
