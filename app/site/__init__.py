"""Pages that belong to no single audience: health check, language switch."""
from flask import Blueprint

bp = Blueprint("site", __name__)

from app.site import views  # noqa: E402,F401
