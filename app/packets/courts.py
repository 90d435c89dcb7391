"""Where to file: per-county court data read from app/data/counties.json.

Addresses change and some were not checked against the court's own site; a filing entry
marked ``"verified": false`` is shown on the cover sheet with a request to confirm it, and is
never printed in a form's court box.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTIES_FILE = Path(__file__).resolve().parent.parent / "data" / "counties.json"


@dataclass(frozen=True, slots=True)
class CourtFiling:
    county: str | None  # canonical county name, None when the person did not know it
    court_name: str
    website: str | None = None
    courthouse: str | None = None
    street: str | None = None
    city_zip: str | None = None
    verified: bool = False

    @property
    def county_upper(self) -> str:
        return (self.county or "").upper()

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(line for line in (self.courthouse, self.street, self.city_zip) if line)

    # The form's court box gets only checked addresses; an unchecked one could misdirect a filing.
    @property
    def form_street(self) -> str:
        return (self.street or "") if self.verified else ""

    @property
    def form_mailing(self) -> str:
        return ""

    @property
    def form_city_zip(self) -> str:
        return (self.city_zip or "") if self.verified else ""

    @property
    def form_branch(self) -> str:
        return (self.courthouse or "") if self.verified else ""


UNKNOWN_COURT = CourtFiling(county=None, court_name="Superior Court of California")


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, CourtFiling]:
    data = json.loads(path.read_text(encoding="utf-8"))
    courts: dict[str, CourtFiling] = {}
    for entry in data["counties"]:
        filing = entry.get("filing") or {}
        courts[entry["name"].casefold()] = CourtFiling(
            county=entry["name"],
            court_name=entry.get("court_name") or f"Superior Court of California, County of {entry['name']}",
            website=entry.get("website"),
            courthouse=filing.get("courthouse"),
            street=filing.get("street"),
            city_zip=filing.get("city_zip"),
            verified=bool(filing.get("verified", False)),
        )
    return courts


def court_for_county(county: str | None, *, path: Path = COUNTIES_FILE) -> CourtFiling:
    """The superior court of the county of conviction (the venue for every petition here)."""
    if not county:
        return UNKNOWN_COURT
    key = " ".join(word for word in county.split() if word.casefold() != "county").casefold()
    return _load(path).get(key, CourtFiling(county=county.strip(), court_name=f"Superior Court of California, County of {county.strip()}"))
