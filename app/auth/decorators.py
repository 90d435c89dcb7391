"""Access rules for staff pages, in one place so no view can forget one."""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

from flask import abort, redirect, request, session, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

SECOND_FACTOR_SESSION_KEY = "second_factor_ok"


def staff_required(*roles: str) -> Callable[[F], F]:
    """Logged in, second factor passed where the role needs one, and one of `roles` (any staff role when empty).

    Anonymous visitors go to the log-in page; a logged-in user of the wrong role gets 403.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if current_user.needs_second_factor and not session.get(SECOND_FACTOR_SESSION_KEY):
                return redirect(url_for("auth.second_factor", next=request.full_path.rstrip("?")))
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
