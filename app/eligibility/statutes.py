"""Statute lists as data, and how an offense is matched against them.

A list entry such as ``PC 286(c)(1)`` matches an offense at that subdivision or below it. An
offense cited less precisely than the entry (``PC 286`` against ``PC 286(c)(1)``) is only a
*possible* match: the rules turn that into ``needs_review`` rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.eligibility.results import Offense

NO = 0
MAYBE = 1
YES = 2

_ENTRY = re.compile(r"^(HS|PC|VC|BP|WI) ([0-9]+(?:\.[0-9]+)?[a-z]{0,2})((?:\([0-9a-zA-Z]+\))*)$")
_SUBPART = re.compile(r"\(([0-9a-zA-Z]+)\)")


def parse_entry(entry: str) -> tuple[str, str, tuple[str, ...]]:
    """Read one table entry written in canonical form, e.g. ``"PC 288.5"`` or ``"PC 289(a)(2)(C)"``."""
    found = _ENTRY.match(entry)
    if found is None:
        raise ValueError(f"not a canonical statute entry: {entry!r}")
    code, section, tail = found.groups()
    return code, section, tuple(part.lower() for part in _SUBPART.findall(tail))


class StatuteList:
    """An immutable set of code sections, optionally narrowed to subdivisions."""

    __slots__ = ("name", "_entries")

    def __init__(self, name: str, entries: Iterable[str]) -> None:
        self.name = name
        grouped: dict[tuple[str, str], set[tuple[str, ...]]] = {}
        for entry in entries:
            code, section, subparts = parse_entry(entry)
            grouped.setdefault((code, section), set()).add(subparts)
        self._entries: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
            key: tuple(sorted(parts)) for key, parts in grouped.items()
        }

    def match(self, offense: Offense | None) -> int:
        """YES, MAYBE (cited too coarsely to tell) or NO."""
        if offense is None:
            return NO
        entry_parts = self._entries.get((offense.code, offense.section))
        if entry_parts is None:
            return NO
        cited = offense.subparts
        result = NO
        for parts in entry_parts:
            if cited[: len(parts)] == parts:
                return YES
            if parts[: len(cited)] == cited:
                result = MAYBE
        return result
