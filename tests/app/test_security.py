"""CSRF on every form: a POST without the token is refused."""
from __future__ import annotations

from flask import Blueprint


def test_post_without_csrf_token_is_refused(make_app):
    app = make_app()
    probe = Blueprint("probe", __name__)
    probe.add_url_rule("/probe", "probe", lambda: "ok", methods=["POST"])
    app.register_blueprint(probe)
    response = app.test_client().post("/probe", data={"x": "1"})
    assert response.status_code == 400
