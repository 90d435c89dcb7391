"""The portal's app factory: one function builds the app for the web server, the CLI and the tests."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from flask import Flask, request, session
from flask_babel import get_locale
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import ConfigError, load_config, missing_secret_key_message
from app.extensions import babel, csrf, db, limiter, login_manager, mail, migrate

ROOT = Path(__file__).resolve().parent.parent

# One blueprint per audience; each package exposes `bp`.
BLUEPRINTS = (
    ("app.site", None),
    ("app.intake", None),
    ("app.api", "/api/v1"),
    ("app.auth", "/auth"),
    ("app.partner", "/partner"),
    ("app.bulk.web", "/bulk"),
    ("app.admin", "/admin"),
    ("app.clinic", "/clinic"),
    ("app.lookup", None),
)

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}


def create_app(config: dict[str, Any] | None = None, *, command_line: bool = False) -> Flask:
    """The portal's app. ``command_line``: built by the ``flask`` command, which in production may run
    without SECRET_KEY (a DA's ``flask bulk screen`` has no web site to secure); such an app refuses
    every web request and every token, so a server started from it cannot serve a page."""
    app = Flask(
        __name__,
        instance_path=str((config or {}).get("INSTANCE_PATH") or ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(Path(app.instance_path), config, secret_required=not command_line))
    if not app.config["SECRET_KEY"]:
        _refuse_requests_without_secret_key(app)

    if app.config["TRUSTED_PROXY_COUNT"]:
        hops = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    _init_extensions(app)
    for module_name, url_prefix in BLUEPRINTS:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.bp, url_prefix=url_prefix)
    csrf.exempt(importlib.import_module("app.api").bp)

    from app import cli, errors, outbox_worker, request_guards

    request_guards.init_app(app)
    cli.register(app)
    errors.register(app)
    outbox_worker.init_app(app)
    return app


def loaded_by_flask_command() -> bool:
    """True while the ``flask`` command imports wsgi.py to find its commands: it does so inside its
    click context. gunicorn (or any WSGI server) imports wsgi.py with no click context."""
    import click

    return click.get_current_context(silent=True) is not None


def _refuse_requests_without_secret_key(app: Flask) -> None:
    @app.before_request
    def refuse() -> None:
        raise ConfigError(missing_secret_key_message())


def _init_extensions(app: Flask) -> None:
    from app import crypto

    crypto.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    mail.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    limiter.init_app(app)
    # One Talisman per app: it keeps its settings on the instance, and tests build apps with different settings.
    app.extensions["talisman"] = Talisman(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )
    from app import models, search_index  # noqa: F401  (register the mappers and the search index before first use)
    from app.auth.loader import load_user

    login_manager.user_loader(load_user)

    @app.context_processor
    def inject_language() -> dict[str, Any]:
        return {"current_language": str(get_locale() or "en"), "languages": app.config["LANGUAGES"]}

    @app.after_request
    def no_store_for_private_pages(response):  # type: ignore[no-untyped-def]
        """Pages with a person's answers must not stay in a shared phone's or proxy's cache."""
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def select_locale() -> str:
    """An explicit choice (stored in the session, or the application's language) wins over Accept-Language."""
    from flask import current_app

    from app.clinic.shift import clinic_page_language

    languages = current_app.config["LANGUAGES"]
    chosen = clinic_page_language() or session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
