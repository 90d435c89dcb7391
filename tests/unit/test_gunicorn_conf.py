"""Access logs never hold a resume link's secret."""
from __future__ import annotations

from app.gunicorn_conf import redact


def test_resume_token_is_redacted_from_a_request_line():
    assert redact("GET /resume/AbC-123_xyz?x=1 HTTP/1.1") == "GET /resume/[redacted]?x=1 HTTP/1.1"


def test_other_paths_are_left_alone():
    assert redact("GET /question/name HTTP/1.1") == "GET /question/name HTTP/1.1"


def test_staff_invitation_and_password_reset_tokens_are_redacted():
    assert redact("GET /auth/invitation/eyJ1c2Vy.abc HTTP/1.1") == "GET /auth/invitation/[redacted] HTTP/1.1"
    assert redact("POST /auth/reset-password/eyJ1c2Vy.abc HTTP/1.1") == "POST /auth/reset-password/[redacted] HTTP/1.1"


def test_a_partner_search_for_a_name_is_redacted():
    assert redact("GET /partner/?status=new&q=Rosa+Delgado&county=3 HTTP/1.1") == (
        "GET /partner/?status=new&q=[redacted]&county=3 HTTP/1.1")


def test_a_bulk_job_token_is_redacted_from_its_page_and_its_downloads():
    assert redact("GET /bulk/jobs/Zk3_q-9x HTTP/1.1") == "GET /bulk/jobs/[redacted] HTTP/1.1"
    assert redact("GET /bulk/jobs/Zk3_q-9x/files/report.pdf HTTP/1.1") == (
        "GET /bulk/jobs/[redacted]/files/report.pdf HTTP/1.1")
