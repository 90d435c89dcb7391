"""The public look-up of relief already granted (`/check`) and its publishing by DA, court and admin staff."""
from flask import Blueprint

bp = Blueprint("lookup", __name__)

from app.lookup import views  # noqa: E402,F401
