"""The audit log: every staff view, download, export and change, by identifier only."""
from __future__ import annotations

from flask import has_request_context, request

from app.extensions import db
from app.models import AuditEvent, User


def record_audit(user: User | None, action: str, object_type: str, object_id: object | None = None) -> AuditEvent:
    """Added to the current session; it commits with the change it describes (or on its own for reads)."""
    event = AuditEvent(
        user_id=getattr(user, "id", None),
        office_id=getattr(user, "office_id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event
