"""The partner offices' dashboard."""
from flask import Blueprint

bp = Blueprint("partner", __name__)

from app.partner import views  # noqa: E402,F401  (registers the routes)
