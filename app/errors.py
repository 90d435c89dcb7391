"""Error pages in the person's language; JSON for the API."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        if request.path.startswith("/api/"):
            return jsonify(errors=[{"field": None, "message": error.description}]), code
        return render_template("errors/error.html", code=code), code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        # The route's pattern, not the path: a path can carry a secret (a resume or password-reset token).
        route = request.url_rule.rule if request.url_rule is not None else request.path
        app.logger.exception("unhandled error on %s %s", request.method, route)
        if request.path.startswith("/api/"):
            return jsonify(errors=[{"field": None, "message": "Internal error"}]), 500
        return render_template("errors/error.html", code=500), 500
