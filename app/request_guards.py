"""Refuse text carrying NUL characters before any view sees it.

No person types U+0000, yet a hostile post can: PostgreSQL refuses it in a text column (psycopg raises DataError, an
HTTP 500 and a rolled-back request), and CSV and PDF tools treat it as the end of a string. One hook answers 400 for
a NUL in the path, the query string or a posted form, so every form and every future one is covered. JSON bodies
are read by the API's own bounded reader and never stored; multipart bodies (the DA's DOJ upload) are parsed by their
view under their own size limit, so the hook leaves both alone.
"""
from __future__ import annotations

from flask import Flask, abort, request

NUL = "\x00"


def carries_nul() -> bool:
    """Whether the current request's path, query or url-encoded form holds a NUL character."""
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in value for key, value in request.args.items(multi=True)):
        return True
    if request.mimetype == "application/x-www-form-urlencoded":
        return any(NUL in key or NUL in value for key, value in request.form.items(multi=True))
    return False


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters() -> None:
        if carries_nul():
            abort(400)
