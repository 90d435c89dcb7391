"""Staff roles as people read them, in the page's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.auth import bp

ROLE_NAMES = {
    "attorney": _l("Partner attorney"),
    "volunteer": _l("Clinic volunteer"),
    "da": _l("District attorney's office"),
    "court": _l("Superior court clerk"),
    "admin": _l("Administrator"),
}


@bp.app_context_processor
def inject_role_names() -> dict[str, object]:
    return {"role_names": ROLE_NAMES}
