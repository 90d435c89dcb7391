"""All models, imported here so Alembic and the app see one metadata. Each area keeps its own module."""
from app.models.core import (  # noqa: F401
    ROLES,
    Application,
    AuditEvent,
    Conviction,
    County,
    PartnerOffice,
    User,
    utcnow,
)
