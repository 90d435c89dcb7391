"""Shared fixtures. Tiers: unit (no app), app (test client on SQLite, and on PostgreSQL when TEST_DATABASE_URL is
set), browser (Playwright driving Debian's Chromium against a live server). A tier whose dependency is missing is
skipped with its reason; with REQUIRE_ALL=1 every skip is a failure."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.support.hygiene import ClientRequest
from tests.support.keys import TEST_KEYS
from tests.support.tiers import OPTIONAL_PREFIX, require

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
DATABASE_BACKENDS = ["sqlite", "postgresql"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """REQUIRE_ALL=1 (CI): a skipped tier means a dependency is missing, which must fail the run."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("REQUIRE_ALL") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if OPTIONAL_PREFIX not in reason:
            report.outcome = "failed"
            report.longrepr = f"skipped under REQUIRE_ALL=1: {reason}"


def base_config(tmp_path: Path, database_url: str) -> dict[str, Any]:
    return {
        "APP_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "LOOKUP_HMAC_KEYS": ("test-lookup-key",),
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "MAIL_SINK_DIR": str(tmp_path / "mail-sink"),
        "MAIL_SERVER": "",
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        **TEST_KEYS,
    }


def build_schema(app: Any) -> None:
    """Schema from the migrations, never create_all: the tests then prove the migrations work."""
    from flask_migrate import upgrade

    from app.seed import seed_reference_data

    with app.app_context():
        upgrade(revision="heads")
        seed_reference_data(demo=True)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app import create_app

    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    build_schema(create_app(base_config(folder, f"sqlite:///{path}")))
    return path


@pytest.fixture(scope="session")
def postgresql_ready(tmp_path_factory: pytest.TempPathFactory) -> str:
    require(TEST_DATABASE_URL, "TEST_DATABASE_URL is not set: PostgreSQL tier not run")
    from sqlalchemy import create_engine, text

    from app import create_app
    from app.config import load_config

    url = load_config(tmp_path_factory.mktemp("pgcfg"), {"DATABASE_URL": TEST_DATABASE_URL,
                                                       "SECRET_KEY": "x", **TEST_KEYS, "LOOKUP_HMAC_KEYS": ("x",)})["SQLALCHEMY_DATABASE_URI"]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    build_schema(create_app(base_config(tmp_path_factory.mktemp("pg"), url)))
    return url


def reset_postgresql(app: Any) -> None:
    from sqlalchemy import text

    from app.extensions import db
    from app.seed import seed_reference_data

    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()
        seed_reference_data(demo=True)


@pytest.fixture(params=DATABASE_BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every app test runs on a fresh SQLite copy and on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return request.getfixturevalue("postgresql_ready")


@pytest.fixture
def make_app(tmp_path: Path, database_url: str) -> Iterator[Callable[..., Any]]:
    """Build an app on this test's database with extra settings: make_app(RATELIMIT_ENABLED=True)."""
    from app import create_app
    from app.extensions import db

    built = []

    def factory(**overrides: Any) -> Any:
        config = base_config(tmp_path, database_url)
        config.update(overrides)
        app = create_app(config)
        if config["DATABASE_URL"] == database_url and database_url.startswith("postgresql") and not built:
            reset_postgresql(app)
        built.append(app)
        return app

    yield factory
    for app in built:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Any]) -> Iterator[Any]:
    application = make_app()
    with application.app_context():
        yield application


@pytest.fixture
def client(app: Any) -> Any:
    from tests.support.sessions import FreshRequestClient

    app.test_client_class = FreshRequestClient
    return app.test_client()


@pytest.fixture
def client_request(client: Any) -> ClientRequest:
    """GET/POST a page and check its hygiene (one h1, title, unique ids, CSRF in forms, lang)."""
    return ClientRequest(client)


@pytest.fixture
def db_session(app: Any) -> Any:
    from app.extensions import db

    return db.session


@pytest.fixture
def make_user(db_session: Any) -> Callable[..., Any]:
    """A staff user; passwords and second factors are set by the auth tests' own helpers."""
    from app.models import PartnerOffice, User

    counter = iter(range(1, 10_000))

    def factory(role: str = "attorney", office_slug: str | None = "sf-public-defender", **fields: Any) -> Any:
        office = None
        if office_slug and role in ("attorney", "volunteer"):
            office = db_session.query(PartnerOffice).filter_by(slug=office_slug).one()
        n = next(counter)
        user = User(email=fields.pop("email", f"{role}{n}@example.org"), name=fields.pop("name", f"{role.title()} {n}"),
                    role=role, office=office, **fields)
        db_session.add(user)
        db_session.commit()
        return user

    return factory


@pytest.fixture
def login_as(client: Any) -> Callable[[Any], None]:
    """Log a staff user in on the test client, second factor passed (the log-in flow has its own tests)."""
    from tests.support.sessions import log_in_test_client

    def do(user: Any) -> None:
        log_in_test_client(client, user)

    return do


@pytest.fixture
def sf_attorney(make_user: Callable[..., Any], login_as: Callable[[Any], None]) -> Any:
    """An attorney of the San Francisco Public Defender, logged in on the test client."""
    user = make_user("attorney", "sf-public-defender", bar_number="234567")
    login_as(user)
    return user
