"""gunicorn settings used by `make run`; production can use them too (`--config python:app.gunicorn_conf`)."""
from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

timeout = 60
graceful_timeout = 20

# Links that carry a secret (a resident's resume link, a staff invitation or password reset, a DA's bulk job) and the
# partner search (a resident's name) must not sit in access logs.
SECRET_PATHS = re.compile(r"(/resume/|/auth/reset-password/|/auth/invitation/|/bulk/jobs/)[^/?\s\"]+")
SEARCH_TERMS = re.compile(r"([?&]q=)[^&\s\"]*")


class RedactingLogger(Logger):
    """gunicorn's logger, with secret path segments replaced by "[redacted]" in every access-log field."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}


def redact(text: str) -> str:
    return SEARCH_TERMS.sub(r"\1[redacted]", SECRET_PATHS.sub(r"\1[redacted]", text))


logger_class = RedactingLogger


def on_starting(server: Any) -> None:
    """Refuse to start several workers that would each keep their own rate-limit counters (app.ratelimits)."""
    import os
    from pathlib import Path

    from app.config import rate_limit_storage_uri
    from app.ratelimits import require_shared_storage

    instance_path = Path(__file__).resolve().parent.parent / "instance"
    require_shared_storage(rate_limit_storage_uri(instance_path, os.environ.get("APP_ENV", "production")),
                           server.cfg.workers)
