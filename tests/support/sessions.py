"""Put a logged-in staff session on a test client without going through the log-in pages."""
from __future__ import annotations

import time
from typing import Any

from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier

from app.auth.decorators import SECOND_FACTOR_SESSION_KEY


def forget_request_caches() -> None:
    """The app fixture keeps one app context for the whole test, and each test-client request reuses it, so `g`
    outlives a request there (never in production): drop the logged-in user and the held application it caches."""
    if has_app_context():
        for cached in ("_login_user", "application", "_flask_babel"):
            g.pop(cached, None)


class FreshRequestClient(FlaskClient):
    """A test client whose every request starts without the previous request's cached user, application and locale,
    as in production."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        forget_request_caches()
        return super().open(*args, **kwargs)


def log_in_test_client(client: Any, user: Any) -> None:
    forget_request_caches()
    app = client.application
    with app.test_request_context("/", environ_base=client.environ_base):
        identifier = _create_identifier()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_id"] = identifier
        session[SECOND_FACTOR_SESSION_KEY] = True
        session["login_at"] = time.time()
        session["last_seen"] = time.time()
