"""Put records into a live server's database from the test process (browser tests)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pyotp

from tests.support.keys import TEST_KEYS

STAFF_PASSWORD = "correct horse battery staple"


@contextmanager
def live_database(server: Any, scratch: Path) -> Iterator[Any]:
    """An app context on the server's database; connections are closed afterwards so the server sees the rows."""
    from app import create_app
    from app.extensions import db

    app = create_app({"APP_ENV": "testing", "SECRET_KEY": "x", **TEST_KEYS,
                      "DATABASE_URL": server.env["DATABASE_URL"],
                      "INSTANCE_PATH": str(scratch / "setup-instance")})
    with app.app_context():
        try:
            yield db.session
        finally:
            db.session.remove()
            db.engine.dispose()


def add_staff_with_authenticator(session: Any, email: str, name: str, role: str, office_slug: str | None = None,
                                 county_name: str | None = None) -> str:
    """A staff account with STAFF_PASSWORD and a confirmed authenticator app; returns the TOTP secret."""
    from app.auth.passwords import hash_password
    from app.models import County, PartnerOffice, User, utcnow

    office = session.query(PartnerOffice).filter_by(slug=office_slug).one() if office_slug else None
    county = session.query(County).filter_by(name=county_name).one() if county_name else None
    secret = pyotp.random_base32()
    session.add(User(email=email, name=name, role=role, office=office, county=county, recovery_codes=[],
                     password_hash=hash_password(STAFF_PASSWORD), totp_secret=secret, totp_confirmed_at=utcnow()))
    session.commit()
    return secret
