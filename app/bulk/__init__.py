"""District attorneys' bulk screening of the DOJ conviction file (web and `flask bulk`)."""
from flask import Blueprint

bp = Blueprint("bulk", __name__, cli_group="bulk")

from app.bulk import cli  # noqa: E402,F401  (registers `flask bulk screen`)
from app.bulk import queue  # noqa: E402,F401  (registers `flask bulk worker`)
from app.bulk import views  # noqa: E402,F401
