"""Benchmark: a questionnaire page of the resident journey vs a bare Flask page with a WTForms form, in one run.

Both go through Flask's test client in the same process, interleaved in rounds so machine noise hits both alike:
  bare         a one-route Flask app rendering a FlaskForm (CSRF on, one radio question) with an inline template
  question     GET /question/in-custody of the portal (session lookup by token hash, journey, catalogs, base layout,
               security headers), on a migrated SQLite database with the reference data
  save         POST /question/in-custody (validate, save the answer, compute the next question, redirect)
Goal (issue 4): the questionnaire page serves at least half the bare page's requests per second.
Run: .venv/bin/python benchmarks/pages.py [--seconds 2] [--rounds 3]
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask, render_template_string  # noqa: E402
from flask_wtf import FlaskForm  # noqa: E402
from wtforms import RadioField  # noqa: E402
from wtforms.validators import InputRequired  # noqa: E402

BARE_TEMPLATE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Are you in jail or prison now?</title>
</head><body><main><form method="post" novalidate>{{ form.csrf_token }}
<fieldset><legend><h1>Are you in jail or prison now?</h1></legend>
{% for option in form.answer %}<div>{{ option() }} {{ option.label() }}</div>{% endfor %}</fieldset>
<button type="submit">Continue</button></form></main></body></html>"""


class BareForm(FlaskForm):
    answer = RadioField(choices=[("yes", "Yes"), ("no", "No"), ("unknown", "I don't know")],
                        validators=[InputRequired("Select yes, no or I don't know")])


def bare_app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="bench", TESTING=True)
    from flask_wtf.csrf import CSRFProtect

    CSRFProtect(app)

    @app.route("/", methods=["GET", "POST"])
    def page():  # type: ignore[no-untyped-def]
        return render_template_string(BARE_TEMPLATE, form=BareForm())

    return app


def portal_client(folder: Path):  # type: ignore[no-untyped-def]
    """The real app on a migrated SQLite file, with a started application in the client's session."""
    from flask_migrate import upgrade

    from app import create_app
    from app.seed import seed_reference_data

    app = create_app({"APP_ENV": "testing", "TESTING": True, "SECRET_KEY": "bench",
                      "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "INSTANCE_PATH": str(folder),
                      "MAIL_SERVER": "", "MAIL_SINK_DIR": str(folder / "mail"), "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(revision="heads")
        seed_reference_data(demo=True)
    client = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/").get_data(as_text=True))
    response = client.post("/start", data={"csrf_token": token.group(1)})
    assert response.status_code == 302, response.status_code
    return client, token.group(1)


def rate(request: Callable[[], int], seconds: float) -> float:
    """Requests per second over about `seconds` of wall time."""
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        status = request()
        assert status in (200, 302), status
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="timing window per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the median is reported")
    args = parser.parse_args()

    bare = bare_app().test_client()
    with tempfile.TemporaryDirectory() as folder:
        portal, csrf_token = portal_client(Path(folder))
        contenders: dict[str, Callable[[], int]] = {
            "bare Flask + WTForms page (GET)": lambda: bare.get("/").status_code,
            "questionnaire page (GET /question/in-custody)": lambda: portal.get("/question/in-custody").status_code,
            "questionnaire answer saved (POST)": lambda: portal.post(
                "/question/in-custody", data={"csrf_token": csrf_token, "answer": "no"}).status_code,
        }
        for request in contenders.values():  # warm up: templates compiled, catalogs loaded, caches filled
            for _ in range(20):
                request()
        results: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(args.rounds):
            for name, request in contenders.items():
                results[name].append(rate(request, args.seconds))

    medians = {name: statistics.median(values) for name, values in results.items()}
    bare_rate = medians["bare Flask + WTForms page (GET)"]
    print(f"{'page':50} {'req/s (median)':>15} {'vs bare':>8}")
    for name, value in medians.items():
        print(f"{name:50} {value:15.0f} {value / bare_rate:8.2f}")
    ratio = medians["questionnaire page (GET /question/in-custody)"] / bare_rate
    print(f"\ngoal: questionnaire page >= 0.50 of the bare page -> {ratio:.2f} ({'met' if ratio >= 0.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
