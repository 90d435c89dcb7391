"""The portal's core records: where people were convicted, who helps them, what they told us, who looked."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.crypto import EncryptedDate, EncryptedJSON, EncryptedString
from app.extensions import db

if TYPE_CHECKING:
    from app.models.clinic import ClinicEvent

# Stable constraint names keep Alembic diffs identical on SQLite and PostgreSQL.
db.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
assert isinstance(db.metadata, MetaData)

ROLES = ("attorney", "volunteer", "da", "court", "admin")


def utcnow() -> dt.datetime:
    """Naive UTC, stored the same way on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class County(db.Model):
    __tablename__ = "county"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    court_name: Mapped[str] = mapped_column(String(120))
    court_website: Mapped[str | None] = mapped_column(String(200))
    participating: Mapped[bool] = mapped_column(Boolean, default=False)

    offices: Mapped[list[PartnerOffice]] = relationship(back_populates="county")

    def __repr__(self) -> str:
        return f"<County {self.name}>"


class PartnerOffice(db.Model):
    """A legal-aid or public-defender office that takes referrals for a county.

    `routing` is data, not code: {"priority": 1, "when": {"monthly_income_below": 3000, "owns_home": false}}.
    """

    __tablename__ = "partner_office"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    website: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    notification_email: Mapped[str | None] = mapped_column(String(254))
    live: Mapped[bool] = mapped_column(Boolean, default=True)
    routing: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    county: Mapped[County] = relationship(back_populates="offices")
    users: Mapped[list[User]] = relationship(back_populates="office")

    def __repr__(self) -> str:
        return f"<PartnerOffice {self.slug}>"


class User(db.Model):
    """Staff only: residents never have accounts."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("partner_office.id"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"))
    # Printed in the attorney caption of the petitions an attorney downloads.
    bar_number: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(EncryptedString("user.totp_secret"))
    totp_confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # the last accepted TOTP time-step: no replay
    recovery_codes: Mapped[list[str]] = mapped_column(EncryptedJSON("user.recovery_codes"), default=list)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    office: Mapped[PartnerOffice | None] = relationship(back_populates="users")
    county: Mapped[County | None] = relationship()

    # Flask-Login protocol, written out so a disabled account is never "active".
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        # The version makes every old session cookie invalid after a password reset or logout-everywhere.
        return f"{self.id}:{self.session_version}"

    @property
    def needs_second_factor(self) -> bool:
        """Attorney, DA, court and admin must use one; a volunteer who chose to enrol uses theirs too."""
        return self.role in ("attorney", "da", "court", "admin") or self.totp_confirmed_at is not None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Application(db.Model):
    """One resident's questionnaire, from first answer (draft) to submission.

    Answers live in `answers` (JSON, the questionnaire's own shape); the few columns beside it are what staff search
    and what retention needs. The secret resume token is stored only as a hash.
    """

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The resume token is derived from this salt and SECRET_KEY (app.applications.tokens.resume_token), so a link can be
    # made again when a page or an e-mail needs it without the token being stored anywhere; None on rows made before
    # it existed, whose first new link rotates the token.
    token_salt: Mapped[str | None] = mapped_column(String(32))
    # Deleting a submitted application takes two requests: the first issues this one-time nonce (stored hashed).
    delete_nonce_hash: Mapped[str | None] = mapped_column(String(64))
    delete_nonce_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    language: Mapped[str] = mapped_column(String(5), default="en")
    # Personal columns are encrypted (app.crypto); staff find an application by name or case number through
    # `search_terms`, keyed hashes of the words.
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("application.answers"), default=dict)
    full_name: Mapped[str | None] = mapped_column(EncryptedString("application.full_name"))
    date_of_birth: Mapped[dt.date | None] = mapped_column(EncryptedDate("application.date_of_birth"))
    email: Mapped[str | None] = mapped_column(EncryptedString("application.email"))
    phone: Mapped[str | None] = mapped_column(EncryptedString("application.phone"))
    screening: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON("application.screening"))
    engine_version: Mapped[str | None] = mapped_column(String(20))
    routing_status: Mapped[str | None] = mapped_column(String(20))  # routed | not_routed
    source: Mapped[str] = mapped_column(String(20), default="web")  # web | clinic | api
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Filled in at a clinic event (source "clinic"): which event, which volunteer, and who read the consent
    # statement aloud, in which language (the volunteer records the resident's agreement; app.clinic.service).
    clinic_event_id: Mapped[int | None] = mapped_column(ForeignKey("clinic_event.id"), index=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    consent_read_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    consent_read_language: Mapped[str | None] = mapped_column(String(5))
    purge_after: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)

    convictions: Mapped[list[Conviction]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Conviction.position"
    )
    search_terms: Mapped[list[SearchTerm]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    clinic_event: Mapped[ClinicEvent | None] = relationship()
    volunteer: Mapped[User | None] = relationship(foreign_keys=[volunteer_id])
    consent_read_by: Mapped[User | None] = relationship(foreign_keys=[consent_read_by_id])

    def __repr__(self) -> str:
        return f"<Application {self.reference} {self.status}>"


class Conviction(db.Model):
    """One conviction as the person described it; `None` in a fact column means "I don't know"."""

    __tablename__ = "conviction"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    county: Mapped[str | None] = mapped_column(String(40))
    case_number: Mapped[str | None] = mapped_column(EncryptedString("conviction.case_number"))
    offense_text: Mapped[str] = mapped_column(EncryptedString("conviction.offense_text"), default="")
    # What the person was convicted of is encrypted with the case number; level, dates and sentence facts are not
    # (they identify no one once name, birth date and case number are unreadable).
    code: Mapped[str | None] = mapped_column(EncryptedString("conviction.code"))
    section: Mapped[str | None] = mapped_column(EncryptedString("conviction.section"))
    subdivision: Mapped[str | None] = mapped_column(EncryptedString("conviction.subdivision"))
    level: Mapped[str | None] = mapped_column(String(12))
    conviction_date: Mapped[dt.date | None] = mapped_column(Date)
    conviction_year: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(String(20))
    sentence_completed: Mapped[bool | None] = mapped_column(Boolean)
    sentence_completed_date: Mapped[dt.date | None] = mapped_column(Date)
    probation_completed: Mapped[bool | None] = mapped_column(Boolean)
    probation_violated: Mapped[bool | None] = mapped_column(Boolean)
    value_over_950: Mapped[bool | None] = mapped_column(Boolean)
    facts: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("conviction.facts"), default=dict)

    application: Mapped[Application] = relationship(back_populates="convictions")


class SearchTerm(db.Model):
    """A blind index entry: the keyed hash (app.crypto.blind_index) of one word of an application's name or of one of
    its case numbers, so the partner queue can search without a plaintext column. Kept by app.search_index."""

    __tablename__ = "search_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(32), index=True)


class AuditEvent(db.Model):
    """Who saw or changed what, when: identifiers only, never personal values."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("partner_office.id"))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(40))
    ip_address: Mapped[str | None] = mapped_column(String(45))

