"""Per-county court data: venue lookup and the rule that unchecked addresses stay off the forms."""

from __future__ import annotations

import json
from pathlib import Path

from app.packets.courts import COUNTIES_FILE, court_for_county


def test_county_names_match_whatever_their_case_or_suffix() -> None:
    assert court_for_county("  san diego county ").court_name == "Superior Court of California, County of San Diego"


def test_an_unknown_county_leaves_the_court_unnamed() -> None:
    assert court_for_county(None).county is None


def test_an_unverified_address_stays_off_the_form_court_box() -> None:
    court = court_for_county("San Francisco")
    assert not court.verified and court.street and court.form_street == ""


def test_a_verified_address_fills_the_form_court_box(tmp_path: Path) -> None:
    data = {"counties": [{"name": "Inyo", "court_name": "Superior Court of California, County of Inyo",
                          "filing": {"courthouse": "Main", "street": "1 Example Way", "city_zip": "Town, CA 90000", "verified": True}}]}
    path = tmp_path / "counties.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert court_for_county("Inyo", path=path).form_street == "1 Example Way"


def test_every_filing_entry_says_whether_it_was_verified() -> None:
    counties = json.loads(COUNTIES_FILE.read_text(encoding="utf-8"))["counties"]
    filings = [county["filing"] for county in counties if "filing" in county]
    assert filings and all(isinstance(filing.get("verified"), bool) for filing in filings)
