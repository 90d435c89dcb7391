"""Public JSON API (no CSRF, rate-limited per client)."""
from flask import Blueprint

bp = Blueprint("api", __name__)
