"""Password hashing with Argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile).

Hashes carry their own parameters, so raising them later only needs a rehash at the next successful log-in.
"""
from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256  # Argon2 has no length limit, but an unbounded input is a cheap way to burn our CPU

default_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the e-mail address is unknown, so a wrong address takes as long as a wrong password.

    Made on first use, not at import: hashing takes Argon2's memory (~50 MB of peak RSS) in every
    process that imports the app, including CLI commands that never check a password.
    """
    return default_hasher.hash("not a real password, only here to spend the same time")


def hash_password(password: str, hasher: PasswordHasher = default_hasher) -> str:
    return hasher.hash(password)


def verify_password(stored_hash: str | None, password: str,
                    hasher: PasswordHasher = default_hasher) -> tuple[bool, str | None]:
    """(matches, new hash when the stored one was made with other parameters, else None)."""
    try:
        hasher.verify(stored_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False, None
    if stored_hash is None:
        return False, None
    return True, hasher.hash(password) if hasher.check_needs_rehash(stored_hash) else None

