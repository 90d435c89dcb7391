"""The resident's journey: start page, questionnaire, results, submission; `flask retention purge`."""
from flask import Blueprint

bp = Blueprint("intake", __name__, cli_group="retention")

from app.intake import views  # noqa: E402,F401
from app import retention  # noqa: E402,F401  (registers `flask retention purge` on this blueprint)
