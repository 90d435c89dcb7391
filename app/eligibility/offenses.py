"""Read an offense the way people and records write it.

``HS 11357(b)``, ``H&S 11357(B)``, ``11357(b) HS``, ``11359 HS-POSSESS MARIJUANA FOR SALE``,
``PC 288A(C)``, ``Penal Code § 459.5``. Text we cannot read gives ``None``: the engine then
screens the conviction as an unknown offense instead of failing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.eligibility.labels import label_for
from app.eligibility.results import Offense

MAX_OFFENSE_TEXT = 500

# Spellings of each code, after upper-casing, dropping dots between letters and "AND" -> "&".
_CODE_ALIASES: dict[str, tuple[str, ...]] = {
    "HS": ("HEALTH&SAFETY CODE", "HEALTH&SAFETY", "H&S CODE", "H&SC", "H&S", "HSC", "HS"),
    "PC": ("PENAL CODE", "PENAL", "PEN CODE", "PEN", "CPC", "PC"),
    "VC": ("VEHICLE CODE", "VEHICLE", "VEH CODE", "VEH", "CVC", "VC"),
    "BP": ("BUSINESS&PROFESSIONS CODE", "BUSINESS&PROFESSIONS", "B&P CODE", "B&PC", "B&P", "BPC", "BP"),
    "WI": ("WELFARE&INSTITUTIONS CODE", "WELFARE&INSTITUTIONS", "W&I CODE", "W&IC", "W&I", "WIC", "WI"),
}
_ALIAS_TO_CODE: dict[str, str] = {
    alias: code for code, aliases in _CODE_ALIASES.items() for alias in aliases
}
_CODE = "|".join(sorted((re.escape(alias) for alias in _ALIAS_TO_CODE), key=len, reverse=True))
_SECTION = r"[0-9]{1,6}(?:\.[0-9]{1,3})?[A-Z]{0,2}"
_SUBPARTS = r"(?:\s*\(\s*[A-Z0-9]{1,4}\s*\))*"
_FILLER = r"(?:\s|[-:,]|SECTION\b|SEC\b)*"

_CODE_FIRST = re.compile(rf"^(?P<code>{_CODE})(?![A-Z]){_FILLER}(?P<section>{_SECTION})(?P<subs>{_SUBPARTS})(?![0-9.])")
_SECTION_FIRST = re.compile(rf"^(?P<section>{_SECTION})(?P<subs>{_SUBPARTS})[\s,]*(?P<code>{_CODE})(?![A-Z0-9])")
_SUBPART = re.compile(r"\(\s*([A-Z0-9]{1,4})\s*\)")
_DOT_AFTER_LETTER = re.compile(r"(?<=[A-Z])\.")
_SPACED_AMPERSAND = re.compile(r"\s*&\s*")
_WORD_AND = re.compile(r"\s+AND\s+")
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
    text = text[:MAX_OFFENSE_TEXT].upper().replace("§", " ")
    text = _DOT_AFTER_LETTER.sub("", text)
    text = _WORD_AND.sub("&", text)
    text = _SPACED_AMPERSAND.sub("&", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def parse_offense(text: str) -> Offense | None:
    """The offense a text names, or None when it names none we can read. Never raises."""
    if not isinstance(text, str):
        return None
    normal = _normalise(text)
    found = _CODE_FIRST.match(normal) or _SECTION_FIRST.match(normal)
    if found is None:
        return None
    code = _ALIAS_TO_CODE[found.group("code")]
    section = found.group("section").lower()
    subparts = tuple(part.lower() for part in _SUBPART.findall(found.group("subs")))
    subdivision = subparts[0] if subparts else None
    label, label_es = label_for(code, section, subdivision)
    return Offense(code, section, subdivision, label, label_es, subparts)
