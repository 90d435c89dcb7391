"""Put a logged-in staff session on a test client without going through the log-in pages."""
from __future__ import annotations

import time
from typing import Any

from flask_login.utils import _create_identifier

from app.auth.decorators import SECOND_FACTOR_SESSION_KEY


def log_in_test_client(client: Any, user: Any) -> None:
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
