"""Who was cleared, found only by someone who knows all four details: the keyed hash and its normalization.

The look-up key is HMAC-SHA256, under the server's LOOKUP_HMAC_KEY, of the county, the court case number, the date
of birth and the last name, each normalized so that a resident typing "sc-000123" finds the court's "SC 123" and
"Garcia" finds "GARCÍA". The table stores only that hash: without the key, a dump does not say who was cleared, and
even with it, finding a row takes all four values.

Every look-up computes the hash under every active key and runs the same single query, match or not, so the answer's
timing does not tell a near miss (right case, wrong birth date) from an unknown case.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from app.config import ConfigError, missing_secret_message
from app.extensions import db
from app.models import Application, ClearedRecord, County

_SEGMENTS = re.compile(r"[0-9]+|[A-Z]+")
_NOT_LETTERS = re.compile(r"[^a-z]")


def fold_accents(text: str) -> str:
    """"García" -> "Garcia": NFKD splits an accented letter into the letter and its mark, and the marks go."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def normalize_case_number(case_number: str) -> str:
    """Upper case, separators gone, leading zeros of each run of digits forgiven: "sc-000123" -> "SC123"."""
    segments = _SEGMENTS.findall(fold_accents(case_number or "").upper())
    return "".join(segment.lstrip("0") or "0" if segment.isdigit() else segment for segment in segments)


def normalize_last_name(last_name: str) -> str:
    """Letters only, without accents or case: "O'Brien-García" -> "obriengarcia"."""
    return _NOT_LETTERS.sub("", fold_accents(last_name or "").casefold())


def county_key(county: str) -> str:
    """A county's name or slug compared loosely: "San Francisco", "san-francisco" and "SAN FRANCISCO" agree."""
    return normalize_last_name(county)


def counties_by_key() -> dict[str, County]:
    """Every county under its name's and its slug's key."""
    return {county_key(name): county for county in db.session.scalars(select(County))
            for name in (county.name, county.slug)}


@dataclass(frozen=True, slots=True)
class Identity:
    """What a court order names, normalized: the four values the hash is made of."""

    county_slug: str
    case_number: str
    date_of_birth: dt.date
    last_name: str

    @classmethod
    def of(cls, county_slug: str, case_number: str, date_of_birth: dt.date, last_name: str) -> Identity:
        return cls(county_slug, normalize_case_number(case_number), date_of_birth, normalize_last_name(last_name))

    def message(self) -> bytes:
        return "\x1f".join((self.county_slug, self.case_number, self.date_of_birth.isoformat(), self.last_name)).encode()


def active_keys() -> Sequence[str]:
    """The current key first, then retired keys still honoured (app.config._lookup_keys)."""
    keys = current_app.config["LOOKUP_HMAC_KEYS"]
    if not keys:  # the `flask` command's app in production without LOOKUP_HMAC_KEY
        raise ConfigError(missing_secret_message("LOOKUP_HMAC_KEY"))
    return keys


def key_id(key: str) -> str:
    """Names a key in the table without revealing it, so rows made under a retired key can be found and re-published."""
    return hmac.new(key.encode(), b"cleared-record-key-id", hashlib.sha256).hexdigest()[:16]


def lookup_hash(identity: Identity, key: str) -> str:
    return hmac.new(key.encode(), identity.message(), hashlib.sha256).hexdigest()


def hashes_under_every_key(identities: Iterable[Identity]) -> list[str]:
    keys = active_keys()
    return [lookup_hash(identity, key) for identity in identities for key in keys]


def find_relief(identities: Iterable[Identity]) -> ClearedRecord | None:
    """The published relief for any of these identities (candidates of one person's details), or None.

    Always the same work: every hash under every key, one query, whatever is found."""
    hashes = hashes_under_every_key(identities)
    if not hashes:
        return None
    return db.session.scalars(
        select(ClearedRecord).where(ClearedRecord.lookup_hash.in_(hashes)).order_by(ClearedRecord.order_date.desc())
    ).first()


def last_name_candidates(full_name: str) -> list[str]:
    """A questionnaire's full name gives no separate last name: "María García López" may be filed as "García López"
    or "López". Every run of trailing words is tried (never the first name alone)."""
    words = (full_name or "").replace(",", " ").split()
    return [" ".join(words[start:]) for start in range(1, len(words))] or words


def granted_relief_by_conviction(application: Application) -> dict[str, ClearedRecord]:
    """Published relief for the convictions the person entered, by conviction id ("c1", ...) as the engine names them.

    Matches the person's own birth date and name with each conviction's county and case number."""
    if application.date_of_birth is None or not application.full_name:
        return {}
    counties = counties_by_key()
    found: dict[str, ClearedRecord] = {}
    for number, conviction in enumerate(application.convictions, start=1):
        county = counties.get(county_key(conviction.county or ""))
        if county is None or not normalize_case_number(conviction.case_number or ""):
            continue
        record = find_relief(Identity.of(county.slug, conviction.case_number or "", application.date_of_birth, name)
                             for name in last_name_candidates(application.full_name))
        if record is not None:
            found[f"c{number}"] = record
    return found
