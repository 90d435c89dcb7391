"""Settings come from the environment so one build runs on a laptop (SQLite) and in production (PostgreSQL)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, Callable

TRUE = {"1", "true", "yes", "on"}


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


class ConfigError(RuntimeError):
    """Raised when production is started with an unsafe configuration."""


SECRET_KEY_HOW = "python -c 'import secrets; print(secrets.token_hex(32))'"


def missing_secret_message(variable: str, how: str = SECRET_KEY_HOW) -> str:
    return f"{variable} must be set in production (e.g. `{how}`)."


def missing_secret_key_message() -> str:
    return missing_secret_message("SECRET_KEY")


def _instance_secret(
    instance_path: Path, environment: str, name: str, make: Callable[[], str], how: str, required: bool = True
) -> str | None:
    """Production must be given the secret `name`; elsewhere one is generated once into the instance folder (its
    lower-cased name), so sessions and encrypted rows survive restarts without anyone having to invent a key.
    ``required=False`` (the ``flask`` command's app) leaves a missing production secret missing instead of refusing
    to start."""
    value = os.environ.get(name)
    if value:
        return value
    if environment == "production":
        if not required:
            return None
        raise ConfigError(missing_secret_message(name, how))
    key_file = instance_path / name.lower()
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _secret_key(instance_path: Path, environment: str, required: bool = True) -> str | None:
    return _instance_secret(instance_path, environment, "SECRET_KEY", lambda: secrets.token_hex(32), SECRET_KEY_HOW,
                            required)


def _encryption_key(instance_path: Path, environment: str, name: str, required: bool = True) -> str | None:
    """DATA_ENCRYPTION_KEYS (comma-separated, the first encrypts) and BLIND_INDEX_KEY (app.crypto)."""
    from app.crypto import generate_key

    return _instance_secret(instance_path, environment, name, generate_key, "flask keys generate", required)


def _lookup_keys(instance_path: Path, environment: str, required: bool = True) -> tuple[str, ...]:
    """The keyed hash of the public look-up (app.lookup.matching): the current key first, then any retired keys
    still accepted while their rows are re-published (LOOKUP_HMAC_OLD_KEYS, comma-separated; docs/lookup.md).
    Empty only for the ``flask`` command's app in production without LOOKUP_HMAC_KEY (the look-up then refuses)."""
    current = _instance_secret(instance_path, environment, "LOOKUP_HMAC_KEY", lambda: secrets.token_hex(32),
                               SECRET_KEY_HOW, required)
    if current is None:
        return ()
    old = [key.strip() for key in os.environ.get("LOOKUP_HMAC_OLD_KEYS", "").split(",") if key.strip()]
    return (current, *old)


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'portal.sqlite3'}"
    # Heroku-style URLs and plain "postgresql://" both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def rate_limit_storage_uri(instance_path: Path, environment: str) -> str:
    """Where rate-limit counters live (app.ratelimits): RATELIMIT_STORAGE_URI, else a SQLite file that every worker of
    a development server shares, else (production, tests) memory, which gunicorn refuses with several workers."""
    configured = os.environ.get("RATELIMIT_STORAGE_URI")
    if configured:
        return configured
    if environment == "development":
        return f"sqlite:///{instance_path.resolve() / 'ratelimits.sqlite3'}"
    return "memory://"


def load_config(
    instance_path: Path, overrides: dict[str, Any] | None = None, *, secret_required: bool = True
) -> dict[str, Any]:
    """Build the Flask config mapping from the environment, then apply explicit overrides (tests)."""
    overrides = dict(overrides or {})
    environment = overrides.get("APP_ENV") or os.environ.get("APP_ENV", "production")
    secure = environment == "production"
    mail_server = os.environ.get("MAIL_SERVER", "")
    config: dict[str, Any] = {
        "APP_ENV": environment,
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(instance_path, environment, secret_required),
        "LOOKUP_HMAC_KEYS": overrides.get("LOOKUP_HMAC_KEYS") or _lookup_keys(instance_path, environment, secret_required),
        # Personal columns are encrypted with these (app.crypto); production refuses to start without them, except
        # the `flask` command's app (a DA's `flask bulk screen` reads files only).
        **{name: overrides.get(name) or _encryption_key(instance_path, environment, name, secret_required)
           for name in ("DATA_ENCRYPTION_KEYS", "BLIND_INDEX_KEY")},
        "SQLALCHEMY_DATABASE_URI": overrides.pop("DATABASE_URL", None) or _database_url(instance_path),
        # hide_parameters: a database error's message (logged with its traceback) names the statement but not its
        # values, which can be a resident's name, address or answers.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "BASE_URL": os.environ.get("BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '5000')}"),
        "PORT": _int("PORT", 5000),
        # Behind a reverse proxy, how many hops of X-Forwarded-* to trust (rate limits and audit need the client IP).
        "TRUSTED_PROXY_COUNT": _int("TRUSTED_PROXY_COUNT", 0),
        # Mail: with no MAIL_SERVER, messages are written to MAIL_SINK_DIR and never leave the machine.
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "Clear My Record <no-reply@example.org>"),
        "MAIL_TIMEOUT_SECONDS": _int("MAIL_TIMEOUT_SECONDS", 10),
        "MAIL_SINK_DIR": os.environ.get("MAIL_SINK_DIR", str(instance_path / "mail-sink")),
        # Security
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", secure),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-session" if _flag("SESSION_COOKIE_SECURE", secure) else "session",
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", secure),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "FORCE_HTTPS": _flag("FORCE_HTTPS", secure),
        "PERMANENT_SESSION_LIFETIME": _int("SESSION_LIFETIME_SECONDS", 12 * 3600),
        "WTF_CSRF_TIME_LIMIT": None,  # tokens live as long as the session; a slow phone user is not punished
        "RATELIMIT_STORAGE_URI": rate_limit_storage_uri(instance_path, environment),
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "60/minute"),
        "API_PACKET_RATE_LIMIT": os.environ.get("API_PACKET_RATE_LIMIT", "10/minute"),
        "RESUME_RATE_LIMIT": os.environ.get("RESUME_RATE_LIMIT", "10/hour"),
        # Resuming by code (app.resume_guard): wrong birth dates before a code locks, the burst across clients that raises
        # an alarm, and the one that pauses resuming by code.
        "RESUME_CODE_FAILURE_LIMIT": os.environ.get("RESUME_CODE_FAILURE_LIMIT", "5/day"),
        "RESUME_FAILURE_ALARM": os.environ.get("RESUME_FAILURE_ALARM", "50/hour"),
        "RESUME_GLOBAL_FAILURE_LIMIT": os.environ.get("RESUME_GLOBAL_FAILURE_LIMIT", "500/hour"),
        # The public look-up of granted relief (issue 12): per client, and per normalized case number whoever asks.
        "LOOKUP_RATE_LIMIT": os.environ.get("LOOKUP_RATE_LIMIT", "20/hour"),
        "LOOKUP_CASE_RATE_LIMIT": os.environ.get("LOOKUP_CASE_RATE_LIMIT", "10/day"),
        "LOOKUP_MAX_UPLOAD_MB": _int("LOOKUP_MAX_UPLOAD_MB", 50),
        # Keys in a Redis shared with other programs (or other deployments) start with this.
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "portal"),
        # Mail worker and office digest
        "OUTBOX_POLL_SECONDS": _int("OUTBOX_POLL_SECONDS", 5),
        "REFERRAL_STALE_DAYS": _int("REFERRAL_STALE_DAYS", 14),
        # Languages
        "LANGUAGES": ("en", "es"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DOMAIN": ";".join(TRANSLATION_DOMAINS),
        "BABEL_TRANSLATION_DIRECTORIES": ";".join(
            str(Path(__file__).resolve().parent.parent / "translations") for _ in TRANSLATION_DOMAINS
        ),
        # Data retention
        "DRAFT_RETENTION_DAYS": _int("DRAFT_RETENTION_DAYS", 30),
        "SUBMITTED_RETENTION_DAYS": _int("SUBMITTED_RETENTION_DAYS", 365),
        "AUDIT_RETENTION_DAYS": _int("AUDIT_RETENTION_DAYS", 365),
        # Clinic events (issue 11): days after the event its volunteers may still reprint and finish (the default of
        # a new event; each event keeps its own).
        "CLINIC_HELP_WINDOW_DAYS": _int("CLINIC_HELP_WINDOW_DAYS", 7),
        # Forms and API bodies are small; the DA's bulk upload raises its own limit (BULK_MAX_UPLOAD_MB) per request.
        "MAX_CONTENT_LENGTH": _int("MAX_REQUEST_MB", 2) * 1024 * 1024,
        # DA bulk tool (issue 7): upload limit for the DOJ file, and days before uploads and outputs are deleted.
        "BULK_MAX_UPLOAD_MB": _int("BULK_MAX_UPLOAD_MB", 500),
        "BULK_RETENTION_DAYS": _int("BULK_RETENTION_DAYS", 14),
        # Web uploads run on RQ workers when a queue is configured (issue 14), e.g. redis://127.0.0.1:6379/1; without
        # one (development, tests) the same steps run one after another on a thread of the web process.
        "BULK_QUEUE_URL": os.environ.get("BULK_QUEUE_URL", ""),
        "BULK_QUEUE_NAME": os.environ.get("BULK_QUEUE_NAME", "bulk"),
        # An upload is cut into queue jobs of about this size, so several workers share one county's file.
        "BULK_QUEUE_PIECE_MB": _int("BULK_QUEUE_PIECE_MB", 32),
    }
    config.update(overrides)
    return config


# One Babel catalog per audience, so each area's strings can be extracted and translated on their own.
TRANSLATION_DOMAINS = ("messages", "intake", "partner", "auth", "bulk", "admin", "lookup", "clinic")
