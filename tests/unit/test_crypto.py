"""The keyring and the blind-index normalisation (app.crypto), without an app."""
from __future__ import annotations

import pytest

from app.crypto import (
    DecryptionError,
    KeyConfigError,
    Keyring,
    compact,
    generate_key,
    looks_encrypted,
    name_words,
    search_words,
)


@pytest.fixture
def ring() -> Keyring:
    return Keyring.from_text(generate_key(), generate_key())


def test_a_value_reads_back_under_the_same_purpose(ring):
    stored = ring.encrypt("Rosa Delgado", "application.full_name")
    assert ring.decrypt(stored, "application.full_name") == "Rosa Delgado"


def test_the_same_value_encrypts_differently_each_time(ring):
    assert ring.encrypt("Rosa", "application.full_name") != ring.encrypt("Rosa", "application.full_name")


def test_a_value_copied_into_another_column_does_not_decrypt(ring):
    stored = ring.encrypt("Rosa", "application.full_name")
    with pytest.raises(DecryptionError):
        ring.decrypt(stored, "referral_event.note")


def test_a_tampered_value_does_not_decrypt(ring):
    stored = ring.encrypt("Rosa", "application.full_name")
    tampered = stored[:-2] + ("A" if stored[-2] != "A" else "B") + stored[-1]
    with pytest.raises(DecryptionError):
        ring.decrypt(tampered, "application.full_name")


def test_every_listed_key_decrypts_and_the_first_encrypts():
    old, new = generate_key(), generate_key()
    index = generate_key()
    stored = Keyring.from_text(old, index).encrypt("Rosa", "p")
    both = Keyring.from_text(f"{new},{old}", index)
    assert both.decrypt(stored, "p") == "Rosa" and not both.is_current(stored)
    assert both.is_current(both.reencrypt(stored, "p"))


def test_reencrypting_a_current_value_leaves_it_as_it_is(ring):
    stored = ring.encrypt("Rosa", "p")
    assert ring.reencrypt(stored, "p") == stored


def test_stored_values_are_recognisable_and_plain_text_is_not(ring):
    assert looks_encrypted(ring.encrypt("x", "p")) and not looks_encrypted("Rosa Delgado")


@pytest.mark.parametrize("keys", ["", "not base64!", "c2hvcnQ="])
def test_a_missing_or_malformed_key_is_refused(keys):
    with pytest.raises(KeyConfigError):
        Keyring.from_text(keys, generate_key())


def test_the_blind_index_depends_on_its_key():
    data = generate_key()
    assert Keyring.from_text(data, generate_key()).blind_index("rosa") != \
        Keyring.from_text(data, generate_key()).blind_index("rosa")


def test_case_numbers_compact_to_letters_and_digits():
    assert compact("12-CR-3456") == compact("12 cr 3456") == compact("12cr3456") == "12cr3456"


def test_search_words_fold_case_and_accents():
    assert search_words("  José   O'Brien ") == ["jose", "obrien"]


def test_a_hyphenated_name_is_found_by_each_part_and_whole():
    assert {"garcia", "lopez", "garcialopez"} <= name_words("María García-López")

