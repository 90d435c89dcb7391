"""Backups are only as good as a restore: deploy/backup/portal-backup.sh dumps the PostgreSQL test database,
portal-restore.sh restores it into a scratch database, and the application is found whole there."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import create_app
from app.extensions import db
from app.models import Application
from tests.conftest import base_config, reset_postgresql
from tests.support.live_server import ROOT
from tests.support.partner import routed_application

SCRIPTS = ROOT / "deploy" / "backup"


def plain_url(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (pg_dump and psql do not know '+psycopg')."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def restored_url(postgresql_ready: str) -> Iterator[str]:
    url = plain_url(postgresql_ready).rsplit("/", 1)[0] + f"/portal_restore_{os.getpid()}"
    yield url
    subprocess.run(["psql", "--no-psqlrc", "-q", url.rsplit("/", 1)[0] + "/postgres", "-c",
                    f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'], check=True)


def snapshot(reference: str) -> dict[str, Any]:
    """Everything a partner office sees of one application: answers, screening, convictions, referrals, history."""
    from app.models import Referral

    application = db.session.scalars(select(Application).where(Application.reference == reference)
                                     .options(selectinload(Application.convictions))).one()
    referrals = db.session.scalars(select(Referral).where(Referral.application_id == application.id)).all()
    return {
        "reference": application.reference, "full_name": application.full_name, "answers": application.answers,
        "screening": application.screening, "status": application.status,
        "convictions": [(c.county, c.case_number, c.offense_text) for c in application.convictions],
        "referrals": [(r.office.slug, r.status, [e.kind for e in r.events]) for r in referrals],
    }


def test_a_dump_restored_into_a_new_database_holds_the_application_whole(postgresql_ready, restored_url, tmp_path):
    live = create_app(base_config(tmp_path / "live", postgresql_ready))
    reset_postgresql(live)
    with live.app_context():
        reference = routed_application(["San Francisco", "Alameda"], full_name="Maria Backup").reference
        before = snapshot(reference)
        db.engine.dispose()
    env = {**os.environ, "DATABASE_URL": plain_url(postgresql_ready), "BACKUP_DIR": str(tmp_path / "backups")}
    dump = Path(subprocess.run([SCRIPTS / "portal-backup.sh"], env=env, check=True, capture_output=True, text=True)
                .stdout.strip())
    assert dump.exists() and dump.stat().st_mode & 0o077 == 0  # readable by its owner only

    restore = subprocess.run([SCRIPTS / "portal-restore.sh", dump, restored_url], check=True, capture_output=True,
                             text=True)
    assert "restored 1 applications" in restore.stdout
    restored = create_app(base_config(tmp_path / "restored", restored_url.replace("postgresql://",
                                                                                  "postgresql+psycopg://", 1)))
    with restored.app_context():
        assert snapshot(reference) == before
        db.engine.dispose()
