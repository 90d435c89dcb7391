"""Staff accounts: log-in, second factor, invitations, password reset."""
from flask import Blueprint

bp = Blueprint("auth", __name__)
