"""Clinic mode: volunteers take residents through the questionnaire at an event (issue 11)."""
from flask import Blueprint

bp = Blueprint("clinic", __name__)

from app.clinic import views  # noqa: E402,F401  (register the routes)
