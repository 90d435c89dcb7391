"""Hostile input: NUL characters, junk on every form, tampered cookies and tokens, stored HTML. Never a 5xx, never
stored corruption, never script execution."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from wtforms.fields.core import UnboundField

from app.extensions import db
from app.models import Application, Referral, User
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until
from tests.support.partner import routed_application
from tests.support.sessions import log_in_test_client

NAME_PAGE = "/question/name"
HOSTILE_TEXT = ["\x00", "a\x00b", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "' OR 1=1 --",
                "{{7*7}}", "\u202e", "x" * 5000, "%00", "\ud7ff\ufffd", "../../etc/passwd"]


def _form_field_names() -> list[str]:
    """Every field name of every form the app defines, so fuzzed posts reach validation and not only a 400."""
    from flask_wtf import FlaskForm

    names: set[str] = set()
    pending = list(FlaskForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        names.update(name for name in dir(form_class) if isinstance(getattr(form_class, name, None), UnboundField))
    names.update(key for page in MARIJUANA_IN_ALAMEDA.values() for key in page)
    return sorted(names)


def _post_urls(app: Any) -> list[str]:
    """Every POST route outside the JSON API (its own property tests cover it), plus each questionnaire page."""
    urls = set(MARIJUANA_IN_ALAMEDA)
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()) and not rule.endpoint.startswith("api."):
            urls.add(rule.build({name: 1 for name in rule.arguments}, append_unknown=False)[1])
    return sorted(urls)


# --- NUL characters ----------------------------------------------------------------------------------------------

def test_a_nul_character_in_a_form_is_refused_with_400_and_nothing_is_stored(client_request, db_session):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before=NAME_PAGE)
    response = client_request.post(NAME_PAGE, {"full_name": "Ana\x00 Example", "other_names": ""},
                                   expected_status=400)
    assert response.status_code == 400
    assert db_session.scalar(select(func.count()).where(Application.full_name.is_not(None))) == 0


def test_a_nul_character_in_the_query_string_is_refused_with_400(client):
    assert client.get("/partner/?q=a%00b").status_code == 400


def test_a_nul_character_in_the_path_is_refused_with_400(client):
    assert client.get("/question/na%00me").status_code == 400


def test_a_nul_character_in_a_json_body_to_the_api_is_not_a_server_error(client):
    body = {"person": {}, "convictions": [{"id": "a\u0000", "offense": "HS 11357\u0000"}]}
    assert client.post("/api/v1/screen", json=body).status_code in (200, 400)


# --- junk on every form (Hypothesis) -----------------------------------------------------------------------------

@pytest.fixture
def fuzz_clients(make_app):
    """A resident mid-questionnaire, an attorney and an admin, on an app without CSRF (tested on its own) so the
    junk reaches the forms' validation."""
    from tests.support.hygiene import ClientRequest

    app = make_app(WTF_CSRF_ENABLED=False)
    with app.app_context():
        routed_application(["San Francisco"])
        clients = []
        for role in ("attorney", "admin"):
            office = None
            if role == "attorney":
                from app.models import PartnerOffice
                office = db.session.scalars(select(PartnerOffice).where(PartnerOffice.slug == "sf-public-defender")
                                            ).one()
            user = User(email=f"fuzz-{role}@example.org", name=f"Fuzz {role}", role=role, office=office)
            db.session.add(user)
            db.session.commit()
            client = app.test_client()
            log_in_test_client(client, user)
            clients.append(client)
        resident = app.test_client()
        resident.post("/start")
        clients.append(resident)
        yield app, clients, _post_urls(app), _form_field_names()


text_values = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40),
                        st.integers(-10**12, 10**12).map(str), st.sampled_from(["", "y", "yes", "no", "on", "1"]))


@settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_post_to_any_form_is_never_a_server_error(fuzz_clients, data):
    app, clients, urls, field_names = fuzz_clients
    client = data.draw(st.sampled_from(clients))
    url = data.draw(st.sampled_from(urls))
    keys = st.one_of(st.sampled_from(field_names), st.text(max_size=12))
    form = data.draw(st.dictionaries(keys, st.one_of(text_values, st.lists(text_values, max_size=3)), max_size=8))
    with app.app_context():
        response = client.post(url, data=form)
        db.session.remove()
    assert response.status_code < 500, f"POST {url} {form!r}: {response.status_code}"


# --- bodies, content types, cookies, tokens ----------------------------------------------------------------------

def test_a_body_over_the_request_limit_is_refused_with_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    assert client.post("/auth/login", data={"email": "x" * 4096}).status_code == 413


def test_a_form_page_posted_as_json_is_refused_not_crashed(client):
    assert client.post("/auth/login", json={"email": "a@example.org"}).status_code == 400


def test_the_api_refuses_a_body_that_is_not_json(client):
    response = client.post("/api/v1/screen", data=b"<xml/>", content_type="application/xml")
    assert response.status_code in (400, 415)


def test_a_tampered_session_cookie_starts_a_fresh_session(client_request):
    answer_until(client_request, MARIJUANA_IN_ALAMEDA, stop_before=NAME_PAGE)
    client = client_request.client
    cookie = next(c for c in client._cookies.values() if "session" in c.key)
    client.set_cookie(cookie.key, cookie.value[:-3] + "AAA", domain=cookie.domain)
    response = client.get(NAME_PAGE)
    assert response.status_code in (302, 303) or response.status_code == 200
    assert "Ana" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/auth/reset-password/forged.token.value", "/auth/invitation/forged.token.value",
                                 "/resume/forged-token"])
def test_a_forged_link_token_is_not_a_server_error(client, url):
    assert client.get(url).status_code in (200, 302, 400, 404, 410)


# --- stored HTML on staff pages ----------------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"


def test_html_a_resident_typed_is_shown_escaped_on_every_staff_page(client, login_as, make_user, db_session):
    application = routed_application(["San Francisco"], full_name=SCRIPT)
    application.answers = {**application.answers, "other_names": SCRIPT, "personal_statement": SCRIPT}
    application.convictions[0].offense_text = SCRIPT
    db_session.commit()
    referral = db_session.scalars(select(Referral).where(Referral.application_id == application.id)).one()
    login_as(make_user("attorney"))
    for url in ("/partner/", f"/partner/referrals/{referral.id}", f"/partner/?q={SCRIPT}"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert SCRIPT not in html, f"{url} shows stored HTML unescaped"
    assert "&lt;script&gt;" in client.get(f"/partner/referrals/{referral.id}").get_data(as_text=True)


def test_a_staff_name_with_html_is_shown_escaped_in_the_admin_pages(client, login_as, make_user):
    make_user("attorney", name=SCRIPT)
    login_as(make_user("admin"))
    html = client.get("/admin/users").get_data(as_text=True)
    assert SCRIPT not in html and "&lt;script&gt;" in html
