"""Staff accounts: log-in, second factor, invitations, password reset (`flask users ...` on the command line)."""
from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group="users")

from app.auth import cli, roles, views  # noqa: E402,F401  (register the routes, commands and role names)
