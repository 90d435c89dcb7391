"""Passwords are stored as Argon2id hashes and upgraded when the parameters change."""
from __future__ import annotations

from argon2 import PasswordHasher

from app.auth.passwords import hash_password, verify_password


def test_hash_is_argon2id_with_its_parameters_and_a_salt():
    first, second = hash_password("correct horse battery staple"), hash_password("correct horse battery staple")
    assert first.startswith("$argon2id$v=19$m=")
    assert first != second, "each hash has its own salt"


def test_right_password_verifies():
    assert verify_password(hash_password("correct horse battery staple"), "correct horse battery staple") == (True, None)


def test_wrong_password_does_not_verify():
    assert verify_password(hash_password("correct horse battery staple"), "correct horse battery stapler") == (False, None)


def test_account_without_a_password_never_verifies():
    assert verify_password(None, "") == (False, None)
    assert verify_password(None, "anything at all") == (False, None)


def test_hash_made_with_older_parameters_is_replaced_at_log_in():
    old_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse battery staple")
    matches, new_hash = verify_password(old_hash, "correct horse battery staple")
    assert matches and new_hash is not None
    assert new_hash.startswith("$argon2id$") and new_hash != old_hash
    assert verify_password(new_hash, "correct horse battery staple") == (True, None)


def test_garbage_in_the_hash_column_is_a_refusal_not_a_crash():
    assert verify_password("not-a-hash", "correct horse battery staple") == (False, None)
