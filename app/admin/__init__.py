"""Administration: counties, partner offices and their routing, staff users, failed mail, unrouted applications."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from app.admin import views  # noqa: E402,F401  (register the routes)
