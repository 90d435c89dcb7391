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


# Exempt from the global check on purpose, the form itself checking the token (see the view's comment).
CSRF_CHECKED_BY_THE_FORM = {"bulk.index", "lookup.publish_csv"}


def test_every_post_route_outside_the_api_refuses_a_post_without_csrf_token(app):
    """The probe above shows the global protection works; this shows no other form route was exempted from it."""
    client = app.test_client()
    checked = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.endpoint.startswith("api.") \
                or rule.endpoint in CSRF_CHECKED_BY_THE_FORM:
            continue
        url = rule.build({name: 1 for name in rule.arguments}, append_unknown=False)[1]
        assert client.post(url, data={"x": "1"}).status_code == 400, f"{rule.endpoint} accepted a POST without CSRF"
        checked.append(rule.endpoint)
    assert {"auth.login", "auth.logout", "partner.set_status", "admin.user_action", "admin.retry_mail"} <= set(checked)
