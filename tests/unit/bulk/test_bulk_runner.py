"""A whole run: files in, every output the DA gets out, malformed rows set aside, unreadable files refused."""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.bulk.outputs import ELIGIBILITY_COLUMNS
from app.bulk.policy import DA_OUTCOMES, load_options
from app.bulk.runner import run_bulk_screen
from app.doj.columns import COLUMNS
from app.doj.reader import DojFileError
from app.doj.synthetic import ARREST, conviction_row, doj_row, write_rows, write_synthetic_file
from tests.support.tiers import SHARED_FIXTURES, require_shared_fixture

AS_OF = date(2026, 11, 29)
FIXTURES = SHARED_FIXTURES / "doj"
OUTPUT_FILES = {
    "results.csv", "prop64_results.csv", "summary.json", "errors.csv", "report.pdf",
    *(f"{outcome}_list.{ext}" for outcome in DA_OUTCOMES for ext in ("csv", "pdf")),
}


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    return write_rows(
        tmp_path / "county.csv",
        [
            doj_row("1", ARREST, "11357(B) HS-POSSESS", name="ROE,RICHARD", dob="19750202", count_order="001001001000"),
            conviction_row("1", "11357(B) HS-POSSESS", "M", name="ROE,RICHARD", dob="19750202", count_order="001002001000",
                           ofn="SJ10CR1", event_date="20100301"),
            conviction_row("2", "11359 HS-SALE", "F", name="POE,ANN", dob="19800101", count_order="001002001000",
                           ofn="SJ11CR2", event_date="20110301"),
            conviction_row("2", "459 PC-BURGLARY", "F", name="POE,ANN", dob="19800101", count_order="002002001000",
                           event_date="20120301"),
            conviction_row("3", "11358 HS", "M", name="DOE,JOHN", dob="19900101", event_date="20180101",
                           cycle_date="20171201"),
        ],
    )


def test_a_run_writes_every_output(small_file: Path, tmp_path: Path) -> None:
    run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF)
    assert {path.name for path in (tmp_path / "out").iterdir()} == OUTPUT_FILES


def test_results_hold_every_input_row_with_the_eligibility_columns_appended(small_file: Path, tmp_path: Path) -> None:
    run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    rows = _csv(tmp_path / "out" / "results.csv")
    assert list(rows[0]) == list(COLUMNS) + list(ELIGIBILITY_COLUMNS)
    assert [(row["SOURCE_LINE"], row["IS_CONVICTION"], row["DETERMINATION"]) for row in rows] == [
        ("1", "no", ""), ("2", "yes", "dismissal"), ("3", "yes", "reduction"), ("4", "yes", ""), ("5", "yes", "needs_review"),
    ]


def test_prop64_results_hold_only_marijuana_convictions(small_file: Path, tmp_path: Path) -> None:
    run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert [row["CODE_SECTION"] for row in _csv(tmp_path / "out" / "prop64_results.csv")] == ["HS 11357(b)", "HS 11359", "HS 11358"]


def test_summary_counts_rows_people_and_outcomes(small_file: Path, tmp_path: Path) -> None:
    summary = run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert written == summary.data
    assert (written["rows_read"], written["rows_rejected"], written["subjects"], written["prop64_convictions"]) == (5, 0, 3, 3)
    # DOE's 2018 conviction follows an arrest after 2016-11-09, but the offense may be older (HS 11361.8: "at the
    # time of the offense"): a review case, not a refusal.
    assert written["outcomes"] == {"dismissal": 1, "reduction": 1, "needs_review": 1, "not_eligible": 0}
    assert written["prop64_convictions_by_section"]["HS 11359"]["reduction"] == 1
    assert written["people"]["left_with_no_conviction"] == 1  # ROE's only conviction is dismissed
    assert written["people"]["left_with_no_felony"] == 0  # POE keeps the burglary felony
    assert written["processing_seconds"] >= 0


def test_court_list_names_case_person_birth_date_and_sections(small_file: Path, tmp_path: Path) -> None:
    run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF)
    assert _csv(tmp_path / "out" / "reduction_list.csv") == [
        {"CASE_NUMBER": "SJ11CR2", "NAME": "POE,ANN", "DATE_OF_BIRTH": "1980-01-01", "CONVICTION_DATE": "2011-03-01", "SECTIONS": "HS 11359"}
    ]
    text = PdfReader(tmp_path / "out" / "reduction_list.pdf").pages[0].extract_text()
    assert "SJ11CR2" in text and "POE,ANN" in text and "HS 11359" in text


def test_report_shows_the_outcomes_chart(small_file: Path, tmp_path: Path) -> None:
    run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF)
    text = PdfReader(tmp_path / "out" / "report.pdf").pages[0].extract_text()
    assert "Outcomes by code section" in text and "County of San Joaquin" in text


def test_long_court_list_runs_over_several_pdf_pages(tmp_path: Path) -> None:
    rows = [conviction_row(str(n), "11357(B) HS", "M", count_order="001002001000") for n in range(200)]
    run_bulk_screen([write_rows(tmp_path / "many.csv", rows)], "San Joaquin", tmp_path / "out", as_of=AS_OF)
    assert len(PdfReader(tmp_path / "out" / "dismissal_list.pdf").pages) > 1


def test_malformed_rows_are_listed_with_line_numbers_and_the_run_goes_on(small_file: Path, tmp_path: Path) -> None:
    with open(small_file, "a", encoding="utf-8") as handle:
        handle.write("too,few,columns\n")
    summary = run_bulk_screen([small_file], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert _csv(tmp_path / "out" / "errors.csv") == [{"FILE": "county.csv", "LINE": "6", "REASON": "3 columns, expected 95"}]
    assert (summary["rows_read"], summary["rows_rejected"], summary["prop64_convictions"]) == (6, 1, 3)


def test_unreadable_file_fails_before_any_output_is_written(tmp_path: Path) -> None:
    with pytest.raises(DojFileError, match="missing.csv: no such file"):
        run_bulk_screen([tmp_path / "missing.csv"], "San Joaquin", tmp_path / "out", as_of=AS_OF)
    assert not (tmp_path / "out").exists()


def test_progress_is_reported_up_to_the_total_size(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "synthetic.csv", 5000, seed=3)
    seen: list[tuple[int, int]] = []
    run_bulk_screen([path], "San Joaquin", tmp_path / "out", as_of=AS_OF, progress=lambda done, total: seen.append((done, total)), render_pdfs=False)
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_synthetic_file_keeps_every_row(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "synthetic.csv", 3000, seed=7)
    summary = run_bulk_screen([path], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert summary["rows_read"] == 3000 and summary["rows_rejected"] == 0
    assert sum(1 for _ in open(tmp_path / "out" / "results.csv", encoding="utf-8")) == 3001
    assert set(summary["outcomes"].values()) != {0}


@pytest.fixture
def fixtures() -> Path:
    require_shared_fixture(FIXTURES)
    return FIXTURES


def test_public_fixture_gives_the_expected_counts(fixtures: Path, tmp_path: Path) -> None:
    summary = run_bulk_screen([fixtures / "no_headers.csv"], "SAN JOAQUIN", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert (summary["rows_read"], summary["rows_rejected"], summary["subjects"], summary["prop64_convictions"]) == (38, 0, 11, 15)
    # Review: a felony whose only disqualifier is a prior PC 220, a super strike only in some forms (PC 667(e)(2)(C)(iv)),
    # a 2017 conviction whose offense date the file does not give (HS 11361.8 looks at the time of the offense), and an
    # adult's 2014 HS 11359 listed as a misdemeanor, though before Prop 64 that section was a felony only.
    # Not eligible: an adult's 2015 possession of more than 28.5 g, still the same misdemeanor today (11361.8(e)).
    assert summary["outcomes"] == {"dismissal": 0, "reduction": 11, "needs_review": 3, "not_eligible": 1}


def test_public_fixture_with_the_desktop_tool_options_dismisses_more(fixtures: Path, tmp_path: Path) -> None:
    options = load_options(fixtures / "eligibility_options.json")
    summary = run_bulk_screen([fixtures / "no_headers.csv"], "SAN JOAQUIN", tmp_path / "out", options, AS_OF, render_pdfs=False)
    # The options raise every reduction to a dismissal; they never overrule a review or a refusal.
    assert summary["outcomes"] == {"dismissal": 11, "reduction": 0, "needs_review": 3, "not_eligible": 1}


def test_public_fixture_with_header_and_trailing_comma_matches_the_plain_one(fixtures: Path, tmp_path: Path) -> None:
    summary = run_bulk_screen([fixtures / "extra_comma.csv"], "SAN JOAQUIN", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert (summary["rows_read"], summary["rows_rejected"], summary["prop64_convictions"]) == (38, 0, 15)


def test_public_fixture_with_a_missing_column_rejects_every_row(fixtures: Path, tmp_path: Path) -> None:
    summary = run_bulk_screen([fixtures / "bad.csv"], "SACRAMENTO", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    errors = _csv(tmp_path / "out" / "errors.csv")
    assert (summary["rows_read"], summary["rows_rejected"]) == (37, 37)
    assert [int(row["LINE"]) for row in errors] == list(range(2, 39))


def test_plea_bargain_counts_are_counted_apart_from_marijuana_convictions(tmp_path: Path) -> None:
    rows = [
        conviction_row("1", "11359 HS-SALE", "F", count_order="001002001000"),
        conviction_row("1", "11364 HS-PARAPHERNALIA", "M", count_order="001002002000"),
    ]
    summary = run_bulk_screen([write_rows(tmp_path / "plea.csv", rows)], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert (summary["prop64_convictions"], summary["plea_signal_convictions"]) == (1, 1)
    assert summary["prop64_convictions_by_section"]["HS 11364"]["needs_review"] == 1
    assert _csv(tmp_path / "out" / "needs_review_list.csv")[0]["SECTIONS"] == "HS 11364"


@pytest.mark.parametrize("spelling", ["san joaquin", "SAN JOAQUIN", "San Joaquin County", " San  Joaquin "])
def test_county_is_matched_however_it_is_typed(spelling: str, small_file: Path, tmp_path: Path) -> None:
    summary = run_bulk_screen([small_file], spelling, tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    assert summary["county"] == "SAN JOAQUIN" and summary["prop64_convictions"] == 3


def test_results_columns_explain_the_record_behind_a_determination(tmp_path: Path) -> None:
    rows = [
        conviction_row("1", "187 PC-MURDER", "F", event_date="19900101", count_order="001002001000"),
        conviction_row("1", "11358 HS-CULTIVATE", "F", event_date="20100101", count_order="002002001000", ofn="SJ10CR9"),
        doj_row("1", "DECEASED", count_order="009001001000"),
    ]
    run_bulk_screen([write_rows(tmp_path / "one.csv", rows)], "San Joaquin", tmp_path / "out", as_of=AS_OF, render_pdfs=False)
    murder, marijuana, death = _csv(tmp_path / "out" / "results.csv")
    assert {key: marijuana[key] for key in ("CASE_NUMBER", "CODE_SECTION", "IS_FELONY", "PRIOR_SUPERSTRIKES", "CONVICTIONS_ON_RECORD",
                                          "AFTER_NOV_9_2016", "YEARS_SINCE_THIS_CONVICTION", "DECEASED", "DETERMINATION")} == {
        "CASE_NUMBER": "SJ10CR9", "CODE_SECTION": "HS 11358", "IS_FELONY": "yes", "PRIOR_SUPERSTRIKES": "PC 187",
        "CONVICTIONS_ON_RECORD": "2", "AFTER_NOV_9_2016": "no", "YEARS_SINCE_THIS_CONVICTION": "16.9", "DECEASED": "yes",
        "DETERMINATION": "not_eligible",
    }
    assert "very serious offense" in marijuana["REASON"]
    assert (death["IS_CONVICTION"], death["DECEASED"], death["DETERMINATION"]) == ("no", "yes", "")
    assert murder["DETERMINATION"] == ""
