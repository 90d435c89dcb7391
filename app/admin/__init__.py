"""Administration: counties, offices, users, retention."""
from flask import Blueprint

bp = Blueprint("admin", __name__)
