"""Personal data encrypted at rest: AES-256-GCM per column, keys from the environment, and keyed blind indexes.

A copy of the database (a backup, a dump, a stolen disk) must not read as a list of people and their convictions, so
personal columns hold ciphertext made in the application with `cryptography`'s AES-GCM. Models declare them with the
type decorators below; everything else (forms, pages, the engine) sees plain Python values.

    full_name: Mapped[str | None] = mapped_column(EncryptedString("application.full_name"))

- Keys: DATA_ENCRYPTION_KEYS, comma-separated url-safe base64 32-byte keys (`flask keys generate`). The first one
  encrypts; every one listed decrypts, so a new key goes first and the old one stays until `flask keys rotate` has
  re-encrypted every row (app.key_rotation).
- A stored value reads `v1.<key id>.<base64 nonce+ciphertext>`; the key id (a keyed hash of the key, not the key)
  lets rotation find rows still under an old key in SQL. The purpose ("table.column") is bound as associated data,
  so a value copied into another column does not decrypt.
- Equality look-ups (partner search by name or case number) go through `blind_index`: HMAC-SHA256 under its own key
  (BLIND_INDEX_KEY) over a normalised value, so the database can match without ever holding the plaintext.
- Comparing an encrypted column in SQL (`==`, `like`, ...) raises: a fresh nonce makes every ciphertext different, so
  such a query could only ever silently find nothing.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import Flask, current_app
from sqlalchemy import Text
from sqlalchemy.sql import operators
from sqlalchemy.types import TypeDecorator

FORMAT = "v1"
NONCE_BYTES = 12
KEY_BYTES = 32
# 128 bits of HMAC: far beyond any collision among one portal's rows, and half the index size of the full digest.
BLIND_INDEX_CHARS = 32


class KeyConfigError(RuntimeError):
    """The keys in the environment are missing or malformed."""


class DecryptionError(RuntimeError):
    """A stored value no configured key opens (its key was removed too early, or the value was tampered with)."""


def generate_key() -> str:
    """A new data or blind-index key, as DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY take it."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def _decode_key(text: str, name: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as error:
        raise KeyConfigError(f"{name}: not url-safe base64 (make one with `flask keys generate`)") from error
    if len(key) != KEY_BYTES:
        raise KeyConfigError(f"{name}: a key must be {KEY_BYTES} bytes, this one is {len(key)}")
    return key


def key_id(key: bytes) -> str:
    """Names a key in stored values without revealing it."""
    return hmac.new(key, b"data-encryption-key-id", hashlib.sha256).hexdigest()[:8]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Keyring:
    """The configured keys: (key id, cipher) pairs, the first of which encrypts, and the blind-index key."""

    ciphers: tuple[tuple[str, AESGCM], ...]
    index_key: bytes

    @classmethod
    def from_text(cls, data_keys: str, index_key: str) -> Keyring:
        keys = [part for part in (data_keys or "").split(",") if part.strip()]
        if not keys:
            raise KeyConfigError("DATA_ENCRYPTION_KEYS is empty")
        if not (index_key or "").strip():
            raise KeyConfigError("BLIND_INDEX_KEY is empty")
        decoded = [_decode_key(text, f"DATA_ENCRYPTION_KEYS[{n}]") for n, text in enumerate(keys)]
        return cls(tuple((key_id(key), AESGCM(key)) for key in decoded), _decode_key(index_key, "BLIND_INDEX_KEY"))

    @property
    def current_id(self) -> str:
        return self.ciphers[0][0]

    @property
    def current_prefix(self) -> str:
        """How every value written under the current key begins (rotation looks for rows that do not)."""
        return f"{FORMAT}.{self.current_id}."

    def encrypt(self, plaintext: str, purpose: str) -> str:
        kid, cipher = self.ciphers[0]
        nonce = os.urandom(NONCE_BYTES)
        sealed = cipher.encrypt(nonce, plaintext.encode(), purpose.encode())
        return f"{FORMAT}.{kid}.{_b64(nonce + sealed)}"

    def decrypt(self, stored: str, purpose: str) -> str:
        version, kid, body = _split(stored)
        if version != FORMAT:
            raise DecryptionError(f"{purpose}: not a value this portal encrypted")
        for candidate, cipher in self.ciphers:
            if candidate == kid:
                raw = _unb64(body)
                try:
                    return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], purpose.encode()).decode()
                except InvalidTag as error:
                    raise DecryptionError(f"{purpose}: the value does not open under key {kid}") from error
        raise DecryptionError(f"{purpose}: encrypted under key {kid}, which is not in DATA_ENCRYPTION_KEYS")

    def is_current(self, stored: str) -> bool:
        return stored.startswith(self.current_prefix)

    def reencrypt(self, stored: str, purpose: str) -> str:
        """The value under the current key; one already under it is returned as it is (rotation is idempotent)."""
        return stored if self.is_current(stored) else self.encrypt(self.decrypt(stored, purpose), purpose)

    def blind_index(self, normalised: str) -> str:
        """A keyed hash for equality look-ups; callers normalise first (see `search_words`)."""
        return hmac.new(self.index_key, normalised.encode(), hashlib.sha256).hexdigest()[:BLIND_INDEX_CHARS]


def _split(stored: str) -> tuple[str, str, str]:
    parts = stored.split(".", 2)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", "")


def looks_encrypted(stored: str) -> bool:
    """True for a value in this module's format (the migration skips those it already encrypted)."""
    version, kid, body = _split(stored)
    return version == FORMAT and len(kid) == 8 and bool(body)


def init_app(app: Flask) -> None:
    """Builds the keyring from the config (app.config reads or generates the keys) once per app. The `flask`
    command's app in production may have no keys (a DA's `flask bulk screen` reads files only): it gets none, and
    the first encrypted value it touches raises KeyConfigError."""
    data_keys, index_key = app.config["DATA_ENCRYPTION_KEYS"], app.config["BLIND_INDEX_KEY"]
    app.extensions["keyring"] = Keyring.from_text(data_keys, index_key) if data_keys or index_key else None


def keyring() -> Keyring:
    ring = current_app.extensions["keyring"]
    if ring is None:
        raise KeyConfigError("DATA_ENCRYPTION_KEYS and BLIND_INDEX_KEY must be set to read or write personal data "
                             "(`flask keys generate`)")
    return ring


# --- Normalising for blind indexes ------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case, accents and width folded, so "José", "JOSE" and "jose" index alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def compact(text: str) -> str:
    """Letters and digits only: "12-CR-3456", "12 cr 3456" and "12CR3456" are one case number."""
    return "".join(c for c in _fold(text) if c.isalnum())


def search_words(text: str) -> list[str]:
    """The words a search term or a name is matched by, each compacted ("O'Brien" -> "obrien")."""
    return [word for word in (compact(part) for part in text.split()) if word]


def address_index(address: str) -> str:
    """The blind index of an e-mail address (case-insensitive), apart from the search words by its prefix."""
    return keyring().blind_index("address:" + address.strip().casefold())


def name_words(name: str) -> set[str]:
    """What a name is findable by: each word whole, and each part of a hyphenated or apostrophed word."""
    words = set(search_words(name))
    for part in _fold(name).split():
        run = ""
        for char in part + " ":
            if char.isalnum():
                run += char
            elif run:
                words.add(run)
                run = ""
    return words


# --- Column types -----------------------------------------------------------------------------------------------------

# What may still be asked of an encrypted column in SQL: whether it is empty.
_ALLOWED_OPERATORS = {operators.is_, operators.is_not}


class EncryptedType(TypeDecorator[Any]):
    """Text in the database, a Python value in the model. Subclasses say how a value becomes text and back."""

    impl = Text
    cache_ok = True

    class Comparator(TypeDecorator.Comparator[Any]):
        def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
            if op not in _ALLOWED_OPERATORS:
                raise TypeError(f"an encrypted column cannot be compared in SQL ({op.__name__}): use a blind index "
                                "(app.crypto.blind_index) or compare after reading the row")
            return super().operate(op, *other, **kwargs)

    comparator_factory = Comparator

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose

    def serialise(self, value: Any) -> str:
        raise NotImplementedError

    def deserialise(self, text: str) -> Any:
        raise NotImplementedError

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return keyring().encrypt(self.serialise(value), self.purpose)

    def process_literal_param(self, value: Any, dialect: Any) -> str | None:
        """A statement rendered with its values inline (literal_binds) carries ciphertext too, never the value."""
        return self.process_bind_param(value, dialect)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        return self.deserialise(keyring().decrypt(value, self.purpose))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.purpose!r})"


class EncryptedString(EncryptedType):
    cache_ok = True

    def serialise(self, value: Any) -> str:
        return str(value)

    def deserialise(self, text: str) -> str:
        return text


class EncryptedDate(EncryptedType):
    cache_ok = True

    def serialise(self, value: Any) -> str:
        return value.isoformat()

    def deserialise(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)


class EncryptedJSON(EncryptedType):
    """A JSON document (dict or list). Like SQLAlchemy's JSON, in-place changes are not seen: assign a new value."""

    cache_ok = True

    def serialise(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def deserialise(self, text: str) -> Any:
        return json.loads(text)
