"""`flask users create-admin`, `flask users invite` and (development only) `flask users seed-demo`."""
from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from sqlalchemy import select

from app.auth import accounts, bp, tokens
from app.auth.passwords import hash_password
from app.auth.service import find_user_by_email
from app.extensions import db
from app.models import ROLES, ClinicEvent, ClinicVolunteer, County, PartnerOffice, User, utcnow

# Fixed, public demo credentials: usable only where APP_ENV is development or testing.
DEMO_PASSWORD = "demo-password-123"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_CLINIC_NAME = "Demo clinic"
DEMO_VOLUNTEER = "volunteer@example.org"
DEMO_USERS = (  # email, name, role, office slug, county slug
    ("admin@example.org", "Demo Admin", "admin", None, None),
    ("attorney@example.org", "Demo Attorney", "attorney", "sf-public-defender", None),
    ("volunteer@example.org", "Demo Volunteer", "volunteer", "sf-public-defender", None),
    ("da@example.org", "Demo District Attorney", "da", None, "san-francisco"),
    ("court@example.org", "Demo Court Clerk", "court", None, "san-francisco"),
)


@bp.cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", show_default=True)
def create_admin(email: str, name: str) -> None:
    """Invite the first admin; prints the one-time link (it is also e-mailed through the outbox)."""
    _invite_and_print(email, name, "admin", None, None)


@bp.cli.command("invite")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--office", "office_slug", help="Partner office slug (attorneys and volunteers).")
@click.option("--county", "county_slug", help="County slug (district attorneys).")
def invite(email: str, name: str, role: str, office_slug: str | None, county_slug: str | None) -> None:
    """Invite a staff member; prints the one-time link (it is also e-mailed through the outbox)."""
    office = _one(PartnerOffice, office_slug) if office_slug else None
    county = _one(County, county_slug) if county_slug else None
    _invite_and_print(email, name, role, office, county)


@bp.cli.command("seed-demo")
def seed_demo() -> None:
    """Demo accounts with a known password and TOTP secret, for `make run` on a laptop; refused in production."""
    if current_app.config["APP_ENV"] not in ("development", "testing"):
        raise click.ClickException("demo users exist only when APP_ENV is development or testing")
    for email, name, role, office_slug, county_slug in DEMO_USERS:
        user = find_user_by_email(email) or User(email=email, name=name, role=role, recovery_codes=[])
        user.office = _one(PartnerOffice, office_slug) if office_slug else None
        user.county = _one(County, county_slug) if county_slug else None
        user.password_hash = hash_password(DEMO_PASSWORD)
        user.active = True
        user.locked_until = None
        user.failed_logins = 0
        if user.needs_second_factor:
            user.totp_secret = DEMO_TOTP_SECRET
            user.totp_confirmed_at = user.totp_confirmed_at or utcnow()
        db.session.add(user)
    db.session.commit()
    event = demo_clinic_event()
    click.echo("Demo staff accounts (development only):")
    for email, _name, role, _office, _county in DEMO_USERS:
        click.echo(f"  {role:<10} {email}")
    click.echo(f"  password:    {DEMO_PASSWORD}")
    click.echo(f"  TOTP secret: {DEMO_TOTP_SECRET} (add it to an authenticator app, or run: "
               f"python -c \"import pyotp; print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\")")
    click.echo(f"  clinic:      {event.name} today, the demo volunteer invited (/clinic/)")


def demo_clinic_event() -> ClinicEvent:
    """Today's demo clinic of the San Francisco public defender, with the demo volunteer invited: made once, moved to
    today on every `make run` so its help window is open."""
    office = _one(PartnerOffice, "sf-public-defender")
    event = db.session.scalars(select(ClinicEvent).where(ClinicEvent.name == DEMO_CLINIC_NAME)).first()
    if event is None:
        event = ClinicEvent(name=DEMO_CLINIC_NAME, place="Main Library, 100 Larkin Street", office=office,
                            county_id=office.county_id, help_window_days=current_app.config["CLINIC_HELP_WINDOW_DAYS"])
        db.session.add(event)
    event.event_date = dt.date.today()
    db.session.flush()
    volunteer = find_user_by_email(DEMO_VOLUNTEER)
    if volunteer is not None and not db.session.scalar(select(ClinicVolunteer.id).where(
            ClinicVolunteer.event_id == event.id, ClinicVolunteer.user_id == volunteer.id)):
        db.session.add(ClinicVolunteer(event_id=event.id, user_id=volunteer.id))
    db.session.commit()
    return event


def _invite_and_print(email: str, name: str, role: str, office: PartnerOffice | None, county: County | None) -> None:
    try:
        user, link = accounts.invite(None, email, name, role, office=office, county=county)
    except accounts.EmailAlreadyUsed:
        raise click.ClickException(f"an account with the address {email} already exists") from None
    except accounts.MissingScope:
        raise click.ClickException(f"a {role} needs --{accounts.SCOPE_BY_ROLE[role]}") from None
    click.echo(f"Invited {user.email} as {role}. One-time link (valid {tokens.LIFETIMES[tokens.INVITATION].days} "
               f"days):\n{link}")


def _one(model: type[PartnerOffice] | type[County], slug: str) -> PartnerOffice | County:
    found = db.session.scalars(select(model).where(model.slug == slug)).first()
    if found is None:
        raise click.ClickException(f"no {model.__tablename__.replace('_', ' ')} with the slug {slug!r}")
    return found
