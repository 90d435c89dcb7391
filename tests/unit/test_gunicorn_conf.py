"""Access logs never hold a resume link's secret."""
from __future__ import annotations

from app.gunicorn_conf import redact


def test_resume_token_is_redacted_from_a_request_line():
    assert redact("GET /resume/AbC-123_xyz?x=1 HTTP/1.1") == "GET /resume/[redacted]?x=1 HTTP/1.1"


def test_other_paths_are_left_alone():
    assert redact("GET /question/name HTTP/1.1") == "GET /question/name HTTP/1.1"
