"""Flask-Login's user loader: the cookie carries "id:session_version", so bumping the version logs a user out everywhere."""
from __future__ import annotations

from app.extensions import db
from app.models import User


def load_user(identifier: str) -> User | None:
    user_id, _, version = identifier.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
