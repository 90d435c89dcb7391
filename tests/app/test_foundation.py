"""The skeleton's promises: health, schema, headers, languages, reference data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import County, PartnerOffice
from tests.support.keys import TEST_KEYS


def test_models_and_migrations_agree(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.extensions import db

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_health_check_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_check_is_503_when_database_is_unreachable(make_app, database_url, tmp_path):
    if database_url.startswith("sqlite"):
        nowhere = f"sqlite:///{tmp_path}/missing-dir/nope/db.sqlite3"
    else:
        nowhere = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
    unreachable = make_app(DATABASE_URL=nowhere)
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_seed_loads_all_58_counties_with_14_participating(db_session):
    assert db_session.scalar(select(func.count()).select_from(County)) == 58
    participating = db_session.scalars(select(County.name).where(County.participating)).all()
    assert len(participating) == 14
    assert "San Joaquin" in participating and "Los Angeles" not in participating


def test_alameda_has_two_partner_offices(db_session):
    alameda = db_session.scalars(select(County).where(County.name == "Alameda")).one()
    assert sorted(o.slug for o in alameda.offices) == ["alameda-public-defender", "east-bay-community-law-center"]


def test_seed_is_idempotent(app, db_session):
    from app.seed import seed_reference_data

    seed_reference_data(demo=True)
    assert db_session.scalar(select(func.count()).select_from(PartnerOffice)) == 19


def test_seed_keeps_an_admin_change_to_participation(app, db_session):
    from app.seed import seed_reference_data

    kern = db_session.scalars(select(County).where(County.name == "Kern")).one()
    kern.participating = True
    db_session.commit()
    seed_reference_data()
    assert db_session.get(County, kern.id).participating is True


def test_demo_office_addresses_are_never_real(db_session):
    emails = db_session.scalars(select(PartnerOffice.notification_email)).all()
    assert emails and all(e.endswith("@example.org") for e in emails)


def test_start_page_passes_hygiene_checks(client_request):
    page = client_request.get("/")
    assert "free" in page.get_text()


def test_start_page_sends_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_start_page_has_no_inline_script_or_third_party_asset(client):
    html = client.get("/").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script found"
    assert not re.search(r"""(src|href)=["']https?://""", html.replace('href="https://', "LINK")), html


def test_start_page_with_its_css_and_js_weighs_under_200_kb(client):
    html = client.get("/").get_data()
    assets = re.findall(rb"""(?:src|href)="(/static/[^"]+)\"""", html)
    total = len(html) + sum(len(client.get(a.decode()).get_data()) for a in assets)
    assert assets and total < 200 * 1024


def test_accept_language_es_gives_a_spanish_page(client_request):
    page = client_request.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert page.html["lang"] == "es"
    assert "gratis" in page.get_text().lower()


def test_language_choice_persists_across_pages(client):
    response = client.get("/language/es?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="es"' in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)",
                                    "/\\evil.example/", "\\\\evil.example/", "/\t/evil.example/"])
def test_language_switch_is_not_an_open_redirect(client, target):
    response = client.get("/language/es", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_every_page_offers_the_other_language(client_request):
    page = client_request.get("/")
    assert page.find("a", hreflang="es").get_text() == "Español"


def test_missing_page_is_a_friendly_404(client_request):
    page = client_request.get("/no-such-page", expected_status=404)
    assert page.h1.get_text() == "Page not found"


def test_production_refuses_to_start_without_secret_key(monkeypatch, tmp_path):
    from app.config import ConfigError, load_config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config(tmp_path, {"APP_ENV": "production"})


def test_development_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(tmp_path, {"APP_ENV": "development"})["SECRET_KEY"]
    assert first == load_config(tmp_path, {"APP_ENV": "development"})["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_refuses_to_start_without_the_lookup_key(monkeypatch, tmp_path):
    from app.config import ConfigError, load_config

    monkeypatch.setenv("SECRET_KEY", "k")
    for name, value in TEST_KEYS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LOOKUP_HMAC_KEY", raising=False)
    with pytest.raises(ConfigError, match="LOOKUP_HMAC_KEY"):
        load_config(tmp_path, {"APP_ENV": "production"})


def test_the_flask_commands_app_starts_without_the_lookup_key_and_the_look_up_refuses(monkeypatch, tmp_path):
    from app.config import ConfigError, load_config

    monkeypatch.delenv("LOOKUP_HMAC_KEY", raising=False)
    assert load_config(tmp_path, {"APP_ENV": "production", "SECRET_KEY": "k"}, secret_required=False)["LOOKUP_HMAC_KEYS"] == ()
    from flask import Flask

    from app.lookup.matching import active_keys

    bare = Flask(__name__)
    bare.config["LOOKUP_HMAC_KEYS"] = ()
    with bare.app_context(), pytest.raises(ConfigError, match="LOOKUP_HMAC_KEY"):
        active_keys()


def test_development_generates_and_keeps_a_lookup_key_apart_from_the_secret_key(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.delenv("LOOKUP_HMAC_KEY", raising=False)
    monkeypatch.delenv("LOOKUP_HMAC_OLD_KEYS", raising=False)
    first = load_config(tmp_path, {"APP_ENV": "development"})
    assert first["LOOKUP_HMAC_KEYS"] == load_config(tmp_path, {"APP_ENV": "development"})["LOOKUP_HMAC_KEYS"]
    assert first["LOOKUP_HMAC_KEYS"][0] != first["SECRET_KEY"]
    assert (tmp_path / "lookup_hmac_key").stat().st_mode & 0o777 == 0o600


def test_retired_lookup_keys_follow_the_current_one(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("LOOKUP_HMAC_KEY", "new")
    monkeypatch.setenv("LOOKUP_HMAC_OLD_KEYS", "old1, old2")
    assert load_config(tmp_path, {"APP_ENV": "development"})["LOOKUP_HMAC_KEYS"] == ("new", "old1", "old2")


@pytest.mark.parametrize("missing", ["DATA_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"])
def test_production_refuses_to_start_without_an_encryption_key(monkeypatch, tmp_path, missing):
    from app.config import ConfigError, load_config

    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("LOOKUP_HMAC_KEY", "l")
    for name, value in TEST_KEYS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    with pytest.raises(ConfigError, match=missing):
        load_config(tmp_path, {"APP_ENV": "production"})


def test_production_refuses_a_malformed_encryption_key(monkeypatch, tmp_path):
    from app import create_app
    from app.crypto import KeyConfigError

    monkeypatch.setenv("SECRET_KEY", "k")
    with pytest.raises(KeyConfigError, match="DATA_ENCRYPTION_KEYS"):
        create_app({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path), **TEST_KEYS,
                    "DATA_ENCRYPTION_KEYS": "not-a-key", "LOOKUP_HMAC_KEYS": ("l",)})


def test_development_generates_and_keeps_its_encryption_keys(monkeypatch, tmp_path):
    from app.config import load_config

    for name in TEST_KEYS:
        monkeypatch.delenv(name, raising=False)
    first = load_config(tmp_path, {"APP_ENV": "development"})
    again = load_config(tmp_path, {"APP_ENV": "development"})
    assert first["DATA_ENCRYPTION_KEYS"] == again["DATA_ENCRYPTION_KEYS"] != first["BLIND_INDEX_KEY"]
    assert again["BLIND_INDEX_KEY"] == first["BLIND_INDEX_KEY"]
    assert (tmp_path / "data_encryption_keys").stat().st_mode & 0o777 == 0o600


def test_production_cookies_are_secure_httponly_samesite(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("LOOKUP_HMAC_KEY", "l")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    config = load_config(tmp_path, {"APP_ENV": "production", **TEST_KEYS})
    assert config["SESSION_COOKIE_SECURE"] and config["SESSION_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax" and config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_database_url_postgres_scheme_uses_psycopg3(monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    config = load_config(tmp_path, {"SECRET_KEY": "k", **TEST_KEYS, "LOOKUP_HMAC_KEYS": ("l",)})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_mail_without_server_goes_to_the_local_sink(app, tmp_path):
    from flask_mail import Message

    from app.mailer import deliver

    deliver(Message("Hello", recipients=["someone@example.org"], body="Body"))
    sink = Path(app.config["MAIL_SINK_DIR"])
    files = list(sink.glob("*.eml"))
    assert len(files) == 1 and b"someone@example.org" in files[0].read_bytes()


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(make_app):
    from flask import request

    app = make_app(TRUSTED_PROXY_COUNT=1)
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.get_data(as_text=True) == "203.0.113.9"


def test_foreign_keys_are_enforced_on_every_backend(db_session):
    from sqlalchemy.exc import IntegrityError

    from app.models import Conviction

    db_session.add(Conviction(application_id=999_999, offense_text="HS 11357"))
    with pytest.raises(IntegrityError):
        db_session.commit()
    db_session.rollback()


def test_every_page_names_a_self_hosted_icon_so_browsers_do_not_hit_a_404(client):
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert client.get("/static/favicon.svg").status_code == 200


def test_a_database_error_never_carries_the_values_of_its_statement(app):
    """Unhandled errors are logged with their traceback; a resident's answers must not end up in the log."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from app.extensions import db

    with pytest.raises(SQLAlchemyError) as raised:
        db.session.execute(text("SELECT * FROM no_such_table WHERE name = :name"), {"name": "Rosa Delgado"})
    db.session.rollback()
    assert "no_such_table" in str(raised.value) and "Rosa Delgado" not in str(raised.value)


def test_an_unhandled_error_is_logged_with_the_route_not_the_secret_in_its_path(make_app, caplog):
    from flask import Blueprint

    app = make_app()
    probe = Blueprint("probe", __name__)

    @probe.get("/probe/<token>")
    def failing(token):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    app.register_blueprint(probe)
    with caplog.at_level("ERROR"):
        response = app.test_client().get("/probe/s3cret-token-value")
    assert response.status_code == 500
    assert "unhandled error on GET /probe/<token>" in caplog.text and "s3cret-token-value" not in caplog.text


def test_flask_command_app_starts_in_production_without_secret_key_but_serves_no_page(monkeypatch, tmp_path):
    """`flask bulk screen` must run unconfigured; a server started from that app must still not serve."""
    from app import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path)}, command_line=True)
    assert app.config["SECRET_KEY"] is None
    assert app.test_client().get("/", base_url="https://localhost").status_code == 500


def test_flask_command_app_without_secret_key_signs_no_staff_link(monkeypatch, tmp_path):
    from app import create_app
    from app.auth import tokens
    from app.config import ConfigError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path)}, command_line=True)
    with app.app_context(), pytest.raises(ConfigError):
        tokens._serializer("invite")


def test_flask_command_app_without_encryption_keys_refuses_to_touch_personal_data(monkeypatch, tmp_path):
    from app import create_app
    from app.crypto import KeyConfigError, keyring

    for name in ("SECRET_KEY", *TEST_KEYS):
        monkeypatch.delenv(name, raising=False)
    app = create_app({"APP_ENV": "production", "INSTANCE_PATH": str(tmp_path)}, command_line=True)
    with app.app_context(), pytest.raises(KeyConfigError, match="DATA_ENCRYPTION_KEYS"):
        keyring()
