"""District attorneys' bulk screening of the DOJ conviction file (web and `flask bulk`)."""
from flask import Blueprint

bp = Blueprint("bulk", __name__, cli_group="bulk")
