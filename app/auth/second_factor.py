"""The second factor: TOTP codes from an authenticator app, and single-use recovery codes.

Nothing here touches the request or commits: callers decide when a change is saved.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import pyotp
import segno

from app.models import User

ISSUER = "Clear My Record California"
TOTP_VALID_WINDOW = 1  # one 30-second step either side, for phone clocks that drift
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without mistakes


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User) -> str:
    assert user.totp_secret
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(uri: str, title: str) -> str:
    """Inline <svg> markup: the CSP allows it, while a data: image or a script would need exceptions."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, title=title, svgclass="qr-code")


def accept_totp(user: User, code: str, now: dt.datetime) -> bool:
    """True when `code` is right for a time-step within the window that is later than the last one used.

    Remembering the step (not the code) also refuses an older code seen after a newer one was used.
    """
    code = normalise(code)
    if not user.totp_secret or not (len(code) == 6 and code.isdigit()):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now_utc = now.replace(tzinfo=dt.timezone.utc) if now.tzinfo is None else now
    current_step = totp.timecode(now_utc)
    for step in range(current_step - TOTP_VALID_WINDOW, current_step + TOTP_VALID_WINDOW + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            user.totp_last_step = step
            return True
    return False


def issue_recovery_codes(user: User) -> list[str]:
    """New codes replace any old ones; only their hashes are kept, so they are shown once."""
    codes = ["-".join(_random_chunk(5) for _ in range(2)) for _ in range(RECOVERY_CODE_COUNT)]
    user.recovery_codes = [_hash_recovery_code(code) for code in codes]
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """A matching code is removed, so each works once."""
    candidate = _hash_recovery_code(code)
    remaining = list(user.recovery_codes or [])
    for stored in remaining:
        if hmac.compare_digest(stored, candidate):
            remaining.remove(stored)
            user.recovery_codes = remaining
            return True
    return False


def normalise(code: str) -> str:
    return "".join(code.split()).lower()


def _random_chunk(length: int) -> str:
    return "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(length))


def _hash_recovery_code(code: str) -> str:
    # The codes are random (50 bits), not chosen by people, so a plain SHA-256 cannot be reversed by guessing,
    # and checking ten of them stays cheap, unlike ten Argon2 verifications per attempt.
    return hashlib.sha256(normalise(code).replace("-", "").encode()).hexdigest()
