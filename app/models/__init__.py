"""All models, imported here so Alembic and the app see one metadata. Each area keeps its own module."""
from app.models.core import (  # noqa: F401
    ROLES,
    Application,
    AuditEvent,
    Conviction,
    County,
    PartnerOffice,
    SearchTerm,
    User,
    utcnow,
)
from app.models.referrals import (  # noqa: F401
    FINISHED_STATUSES,
    REFERRAL_STATUSES,
    OutboxMessage,
    Referral,
    ReferralEvent,
)
from app.models.bulk import BulkJob, BulkJobPart  # noqa: F401,E402
from app.models.lookup import RELIEFS, ClearedRecord, PublishBatch  # noqa: F401,E402
from app.models.clinic import ClinicEvent, ClinicVolunteer  # noqa: F401,E402
