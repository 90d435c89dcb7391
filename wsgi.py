"""Entry point for gunicorn (`gunicorn wsgi:app`) and for the `flask` command, which finds the app here.

gunicorn's app refuses to start in production without SECRET_KEY; the `flask` command's app starts
without one (a DA's `flask bulk screen` needs no web secrets) but refuses every request and token.
"""
from app import create_app
from app.factory import loaded_by_flask_command

app = create_app(command_line=loaded_by_flask_command())
