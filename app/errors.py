"""Error pages in the person's language; JSON for the API."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

# Seconds a client (or a proxy) is told to wait after the database dropped its connection.
RETRY_AFTER_SECONDS = 30


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        if request.path.startswith("/api/"):
            return jsonify(errors=[{"field": None, "message": error.description}]), code
        return render_template("errors/error.html", code=code), code

    @app.errorhandler(DBAPIError)
    def database_unavailable(error: DBAPIError):  # type: ignore[no-untyped-def]
        """A lost database connection (restart, failover, a killed backend) is a 503, not a crash: the request's
        transaction is rolled back whole, the pool replaces the dead connection, and the next request works."""
        from app.extensions import db

        if not error.connection_invalidated:
            return unexpected(error)
        db.session.rollback()
        route = request.url_rule.rule if request.url_rule is not None else request.path
        app.logger.warning("database connection lost during %s %s; answered 503", request.method, route)
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if request.path.startswith("/api/"):
            return jsonify(errors=[{"field": None, "message": "Service unavailable"}]), 503, headers
        return render_template("errors/error.html", code=503), 503, headers

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        # The route's pattern, not the path: a path can carry a secret (a resume or password-reset token).
        route = request.url_rule.rule if request.url_rule is not None else request.path
        app.logger.exception("unhandled error on %s %s", request.method, route)
        if request.path.startswith("/api/"):
            return jsonify(errors=[{"field": None, "message": "Internal error"}]), 500
        return render_template("errors/error.html", code=500), 500
