"""Public JSON API (no CSRF, rate-limited per client)."""
from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import screen  # noqa: E402,F401  (registers the screening routes)
from app.api import packet  # noqa: E402,F401  (registers POST /api/v1/packet)
