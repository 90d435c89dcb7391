"""Personal data at rest (issue 13): a copy of the database shows no one's name, birth date, contact details, case
number or offense; keys rotate without downtime; logs and the offices' mail carry none of it either."""
from __future__ import annotations

import logging
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import column, select, table

from app.crypto import generate_key
from app.extensions import db
from app.models import Application, Referral, User
from tests.support.hygiene import ClientRequest
from tests.support.intake import MARIJUANA_IN_ALAMEDA, answer_until
from tests.support.keys import TEST_KEYS
from tests.support.partner import mail_app, routed_application, smtp_server  # noqa: F401 (fixtures)

CONSENT = {"share": "y", "understands": "y"}
NAME = "Zenobia Quartermaine"
EMAIL = "zenobia.q@example.org"
PHONE = "415-555-0134"
CASE_NUMBER = "ZQ-778899"
STREET = "742 Evergreen Terrace"
NOTE = f"Called {NAME} about {CASE_NUMBER}"
BIRTH_DATES = ("1971-09-17", "09/17/1971", "9/17/1971", "September 17, 1971")
ZENOBIA: dict[str, dict[str, Any]] = {
    **MARIJUANA_IN_ALAMEDA,
    "/question/name": {"full_name": NAME, "other_names": "Zee Q."},
    "/question/date-of-birth": {"date_of_birth-day": "17", "date_of_birth-month": "9", "date_of_birth-year": "1971"},
    "/question/contact": {"methods": ["email", "phone"], "email": EMAIL, "phone": PHONE},
    "/question/address": {"street": STREET, "city": "Oakland", "state": "CA", "zip": "94612"},
    "/conviction/1/case-number": {"case_number": CASE_NUMBER},
}
# What must never be readable: the offense is HS 11357 (its section is searched for on its own, too).
PERSONAL = (NAME, "Zenobia", "Quartermaine", "Zee Q.", EMAIL, PHONE, STREET, CASE_NUMBER, "778899", "11357",
            *BIRTH_DATES)


def send_application(client_request: ClientRequest) -> None:
    answer_until(client_request, ZENOBIA)
    client_request.post("/consent", CONSENT)


def add_office_note(make_user: Any) -> None:
    from app.referrals import add_note

    attorney = make_user("attorney", office_slug="alameda-public-defender")
    referral = db.session.scalars(select(Referral)).one()
    add_note(referral, attorney, NOTE)
    db.session.commit()


def raw_rows() -> str:
    """Every value of every table as the database returns it, bypassing the models' decryption."""
    dumped = []
    for model_table in db.metadata.sorted_tables:
        raw = table(model_table.name, *(column(c.name) for c in model_table.columns))
        dumped.extend(repr(tuple(row)) for row in db.session.execute(select(raw)))
    return "\n".join(dumped)


def database_copy(database_url: str) -> str:
    """The bytes a copy of the database would hold: the SQLite file, or `pg_dump` of the PostgreSQL database."""
    db.session.remove()
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()).decode(
            "latin-1")
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    return subprocess.run(["pg_dump", "--data-only", url], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def sent_and_noted(client_request, make_user, app):
    """A full journey, its referral to the Alameda office, and a note by the office's attorney."""
    send_application(client_request)
    add_office_note(make_user)


def test_the_models_read_what_was_stored(sent_and_noted):
    application = db.session.scalars(select(Application)).one()
    assert (application.full_name, application.email, application.phone) == (NAME, EMAIL, PHONE)
    assert application.date_of_birth.isoformat() == "1971-09-17"
    assert application.convictions[0].case_number == CASE_NUMBER
    assert db.session.scalars(select(Referral)).one().events[-1].note == NOTE


def stored_reference() -> str:
    return db.session.scalars(select(Application.reference)).one()


def test_no_raw_column_value_holds_personal_data(sent_and_noted):
    dumped = raw_rows()
    assert stored_reference() in dumped  # the rows are there; only their personal values are unreadable
    assert [value for value in PERSONAL if value.casefold() in dumped.casefold()] == []


def test_a_copy_of_the_database_holds_no_personal_data(sent_and_noted, database_url):
    reference = stored_reference()
    copy = database_copy(database_url)
    assert reference in copy
    assert [value for value in PERSONAL if value.casefold() in copy.casefold()] == []


def test_staff_second_factor_secrets_are_stored_encrypted(app, make_user):
    from app.auth.second_factor import issue_recovery_codes

    user = make_user("attorney", totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    issue_recovery_codes(user)
    db.session.commit()
    hashed_codes = list(user.recovery_codes)
    raw = table("user", column("id"), column("totp_secret"), column("recovery_codes"))
    stored = db.session.execute(select(raw.c.totp_secret, raw.c.recovery_codes).where(raw.c.id == user.id)).one()
    assert "JBSWY3DP" not in str(stored) and not any(code in str(stored) for code in hashed_codes)
    assert all(str(value).startswith("v1.") for value in stored)


def test_every_encrypted_column_is_bound_to_its_own_table_and_name():
    from app.key_rotation import encrypted_tables

    columns = [(target.name, name, purpose) for target in encrypted_tables(db.metadata)
               for name, purpose in target.columns]
    assert len(columns) >= 17
    assert [c for c in columns if c[2] != f"{c[0]}.{c[1]}"] == []


def test_a_statement_rendered_with_its_values_inline_holds_ciphertext(app):
    from sqlalchemy import update

    statement = update(Application).values(full_name=NAME)
    rendered = str(statement.compile(compile_kwargs={"literal_binds": True}))
    assert "Zenobia" not in rendered and "'v1." in rendered


def test_comparing_an_encrypted_column_in_sql_is_refused(app):
    with pytest.raises(TypeError, match="blind index"):
        select(Application).where(Application.full_name == NAME)


def test_an_empty_encrypted_column_can_still_be_tested_in_sql(app):
    assert db.session.scalars(select(Application).where(Application.email.is_(None))).all() == []


# --- Key rotation ------------------------------------------------------------------------------------------------


@pytest.fixture
def new_key() -> str:
    return generate_key()


@pytest.fixture
def written_under_old_key(make_app):
    """An application and a staff account with a second factor, written under the suite's key (the "old" one)."""
    old = make_app()
    with old.app_context():
        routed_application(["San Francisco"], full_name="Rosa Delgado")
        db.session.add(User(email="admin9@example.org", name="Admin", role="admin", recovery_codes=["hashed"],
                            totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
        db.session.commit()
    return old


def rotated_app(make_app: Any, keys: str) -> Any:
    return make_app(DATA_ENCRYPTION_KEYS=keys)


def stored_prefixes(app: Any) -> list[str]:
    """The key-id prefix of every stored application name."""
    with app.app_context():
        raw = table("application", column("full_name"))
        return [value[:12] for value in db.session.scalars(select(raw.c.full_name)) if value]


def read_everything(app: Any) -> tuple[list[str], list[str]]:
    """Names of applications and TOTP secrets of staff, decrypted through the models."""
    with app.app_context():
        names = [a.full_name for a in db.session.scalars(select(Application))]
        secrets = [u.totp_secret for u in db.session.scalars(select(User)) if u.totp_secret]
        db.session.remove()
        return names, secrets


def rotate(app: Any) -> Any:
    result = app.test_cli_runner().invoke(args=["keys", "rotate", "--batch", "2"])
    assert result.exit_code == 0, result.output
    return result


def test_an_old_key_kept_after_the_new_one_still_reads_its_rows(written_under_old_key, make_app, new_key):
    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    assert read_everything(both)[0] == ["Rosa Delgado"]


def test_new_rows_are_written_under_the_first_key(written_under_old_key, make_app, new_key):
    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    with both.app_context():
        routed_application(["San Francisco"], full_name="After Rotation")
    assert len({prefix for prefix in stored_prefixes(both)}) == 2


def test_after_rotation_the_old_key_can_be_removed(written_under_old_key, make_app, new_key):
    before = read_everything(written_under_old_key)
    rotate(rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}"))
    assert read_everything(rotated_app(make_app, new_key)) == before


def test_rotation_prints_its_progress(written_under_old_key, make_app, new_key):
    output = rotate(rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")).output
    assert "application: 1/1 rows" in output and "user: 1/1 rows" in output


def test_a_row_under_a_removed_key_fails_loudly_rather_than_reading_as_empty(written_under_old_key, make_app,
                                                                              new_key):
    from app.crypto import DecryptionError

    with pytest.raises(DecryptionError, match="not in DATA_ENCRYPTION_KEYS"):
        read_everything(rotated_app(make_app, new_key))


class Interrupted(Exception):
    pass


def interrupt_after_first_batch(app: Any) -> None:
    """A rotation stopped (killed, lost connection) after committing its first batch of one application row
    (tables before it in the rotation's order are done by then)."""
    from app.crypto import keyring
    from app.key_rotation import rotate_all

    def stop(step: Any) -> None:
        db.session.commit()
        if step.table == "application":
            raise Interrupted

    with app.app_context():
        with pytest.raises(Interrupted):
            rotate_all(db.session, db.metadata, keyring(), batch=1, after_batch=stop)
        db.session.rollback()


def test_an_interrupted_rotation_leaves_every_row_readable(written_under_old_key, make_app, new_key):
    with written_under_old_key.app_context():
        routed_application(["San Francisco"], full_name="Second Person")
    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    interrupt_after_first_batch(both)
    assert len(set(stored_prefixes(both))) == 2  # one name under each key
    assert sorted(read_everything(both)[0]) == ["Rosa Delgado", "Second Person"]


def test_an_interrupted_rotation_finishes_when_run_again(written_under_old_key, make_app, new_key):
    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    interrupt_after_first_batch(both)
    rotate(both)
    assert read_everything(rotated_app(make_app, new_key))[0] == ["Rosa Delgado"]


def test_a_finished_rotation_run_again_rewrites_nothing(written_under_old_key, make_app, new_key):
    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    rotate(both)
    assert "done: 0 rows re-encrypted" in rotate(both).output


def test_rotation_never_overwrites_a_value_the_site_changed_meanwhile(written_under_old_key, make_app, new_key):
    from app.crypto import keyring
    from app.key_rotation import EncryptedTable, not_under_current_key, rewrite, to_current_key

    both = rotated_app(make_app, f"{new_key},{TEST_KEYS['DATA_ENCRYPTION_KEYS']}")
    with both.app_context():
        application = db.session.scalars(select(Application)).one()
        reencrypt = to_current_key(keyring())

        def resident_saves_during_rotation(stored: str, purpose: str) -> str:
            application.full_name = "Rosa Changed"  # written under the current key by the site
            db.session.flush()
            return reencrypt(stored, purpose)

        target = EncryptedTable("application", (("full_name", "application.full_name"),))
        rewrite(db.session, target, resident_saves_during_rotation, not_under_current_key(keyring()))
        db.session.commit()
        db.session.expire_all()
        assert db.session.scalars(select(Application.full_name)).one() == "Rosa Changed"


def found_by_search(app: Any, term: str) -> list[str]:
    from app import search_index

    with app.app_context():
        found = list(db.session.scalars(select(Application.full_name).where(search_index.matches(term))))
        db.session.remove()
        return found


def test_after_the_blind_index_key_changes_reindexing_makes_search_work_again(written_under_old_key, make_app):
    new_index = make_app(BLIND_INDEX_KEY=generate_key())
    assert found_by_search(new_index, "delgado") == []
    result = new_index.test_cli_runner().invoke(args=["keys", "reindex"])
    assert result.exit_code == 0 and "applications reindexed: 1" in result.output
    assert found_by_search(new_index, "delgado") == ["Rosa Delgado"]


# --- Logs and mail -------------------------------------------------------------------------------------------------


def test_a_full_journey_leaves_no_personal_data_in_logs_or_office_mail(mail_app, smtp_server, caplog):
    from app.outbox import deliver_due

    caplog.set_level(logging.DEBUG)
    send_application(ClientRequest(mail_app.test_client()))
    deliver_due()
    office_mail = [m.as_string() for m in smtp_server.inbox.to("alameda-public-defender@example.org")]
    assert office_mail, "the office was not mailed"
    secrets = (NAME, "Quartermaine", CASE_NUMBER, *BIRTH_DATES)
    assert [value for value in secrets if value in caplog.text] == []
    assert [value for value in secrets for mail in office_mail if value in mail] == []


# --- The migration that encrypted existing rows ------------------------------------------------------------------


@pytest.fixture
def migrated_from_plaintext(make_app):
    """Rows written in plain text by the schema before encryption (0004), then the migrations run to the head."""
    import datetime as dt

    from flask_migrate import downgrade, upgrade

    app = make_app()
    with app.app_context():
        db.session.remove()
        downgrade(revision="0004_cleared_records")
        now = dt.datetime(2026, 11, 1)
        application = table("application", *(column(name) for name in (
            "id", "reference", "token_hash", "status", "language", "answers", "full_name", "date_of_birth", "email",
            "phone", "screening", "source", "created_at", "updated_at")))
        conviction = table("conviction", *(column(name) for name in (
            "application_id", "position", "case_number", "offense_text", "code", "section", "facts")))
        outbox = table("outbox_message", *(column(name) for name in (
            "to_address", "template", "language", "context", "status", "attempts", "next_attempt_at", "created_at")))
        db.session.execute(application.insert().values(
            id=1, reference="ABCD2345", token_hash="0" * 64, status="submitted", language="en",
            answers='{"other_names": "Zee Q."}', full_name=NAME, date_of_birth="1971-09-17", email=EMAIL, phone=PHONE,
            screening="null", source="web", created_at=now, updated_at=now))
        db.session.execute(conviction.insert().values(
            application_id=1, position=0, case_number=CASE_NUMBER, offense_text="HS 11357", code="HS",
            section="11357", facts="{}"))
        db.session.execute(outbox.insert().values(
            to_address=EMAIL, template="resume_link", language="en", context='{"reference": "ABCD2345"}',
            status="pending", attempts=0, next_attempt_at=now, created_at=now))
        db.session.commit()
        db.session.remove()
        upgrade(revision="heads")
        yield app


def test_the_migration_encrypts_rows_written_before_it(migrated_from_plaintext):
    assert [value for value in PERSONAL if value.casefold() in raw_rows().casefold()] == []


def test_rows_encrypted_by_the_migration_read_as_before(migrated_from_plaintext):
    application = db.session.scalars(select(Application)).one()
    assert (application.full_name, application.email, application.date_of_birth.isoformat()) == (
        NAME, EMAIL, "1971-09-17")
    assert (application.answers, application.screening) == ({"other_names": "Zee Q."}, None)
    assert (application.convictions[0].case_number, application.convictions[0].section) == (CASE_NUMBER, "11357")


def test_rows_encrypted_by_the_migration_are_found_by_name_case_number_and_address(migrated_from_plaintext):
    from app import search_index
    from app.crypto import address_index
    from app.models import OutboxMessage

    for term in ("quartermaine", CASE_NUMBER):
        assert db.session.scalars(select(Application.reference).where(search_index.matches(term))).all() == [
            "ABCD2345"]
    assert db.session.scalars(select(OutboxMessage.template)
                              .where(OutboxMessage.to_address_index == address_index(EMAIL))).all() == ["resume_link"]
