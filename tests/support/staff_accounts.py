"""Staff accounts for the auth and admin tests: a known password, a real TOTP secret, and log-in through the pages."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pyotp

from app.auth.passwords import hash_password
from app.crypto import address_index
from app.models import utcnow

PASSWORD = "correct horse battery staple"


def give_password(user: Any, db_session: Any, password: str = PASSWORD) -> Any:
    user.password_hash = hash_password(password)
    db_session.commit()
    return user


def give_totp(user: Any, db_session: Any) -> pyotp.TOTP:
    """A confirmed authenticator app; returns it so a test can read codes at any moment."""
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed_at = utcnow()
    db_session.commit()
    return pyotp.TOTP(user.totp_secret)


def code_at(totp: pyotp.TOTP, moment: dt.datetime) -> str:
    return totp.at(moment.replace(tzinfo=dt.timezone.utc))


def post_password(client_request: Any, email: str, password: str = PASSWORD, **kwargs: Any) -> Any:
    return client_request.post("/auth/login", {"email": email, "password": password}, **kwargs)


def outbox_link(db_session: Any, template: str, to: str) -> str:
    """The link in the newest queued e-mail of that kind to that address, as the recipient would click it."""
    from sqlalchemy import select

    from app.models import OutboxMessage

    message = db_session.scalars(select(OutboxMessage).where(OutboxMessage.template == template,
                                                             OutboxMessage.to_address_index == address_index(to))
                                 .order_by(OutboxMessage.id.desc())).first()
    assert message is not None, f"no {template} e-mail queued for {to}"
    link = message.context["link"]
    return link[link.index("/auth/"):]


def queued_templates(db_session: Any, to: str) -> list[str]:
    """The templates of the e-mails queued for an address (found by its blind index: addresses are encrypted)."""
    from sqlalchemy import select

    from app.models import OutboxMessage

    return list(db_session.scalars(select(OutboxMessage.template)
                                   .where(OutboxMessage.to_address_index == address_index(to))
                                   .order_by(OutboxMessage.id)))
