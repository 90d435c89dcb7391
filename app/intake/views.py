from __future__ import annotations

from flask import render_template

from app.intake import bp


@bp.get("/")
def start():
    return render_template("intake/start.html")
