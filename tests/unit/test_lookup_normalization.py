"""The look-up forgives how a resident types a case number and a name, and nothing else."""
from __future__ import annotations

import datetime as dt

from app.lookup.matching import Identity, last_name_candidates, normalize_case_number, normalize_last_name

DOB = dt.date(1985, 3, 27)


def test_case_numbers_ignore_case_spaces_and_dashes() -> None:
    assert normalize_case_number("sc 12-34ab") == normalize_case_number("SC1234AB") == "SC1234AB"


def test_leading_zeros_of_each_number_in_a_case_number_are_forgiven() -> None:
    assert normalize_case_number("SC-000123") == normalize_case_number("sc123")
    assert normalize_case_number("12-CR-0045") == normalize_case_number("12CR45")


def test_a_case_number_of_zeros_keeps_one_zero() -> None:
    assert normalize_case_number("000") == "0"


def test_different_digits_stay_different_case_numbers() -> None:
    assert normalize_case_number("SC123") != normalize_case_number("SC1230")


def test_last_names_ignore_accents_case_spaces_and_punctuation() -> None:
    assert normalize_last_name("García López") == normalize_last_name("GARCIA-LOPEZ") == "garcialopez"
    assert normalize_last_name("O'Brien") == "obrien"
    assert normalize_last_name("Nuñez") == normalize_last_name("NUNEZ")


def test_identities_made_from_differently_typed_details_are_equal() -> None:
    court = Identity.of("san-francisco", "SC 000123", DOB, "GARCÍA")
    resident = Identity.of("san-francisco", "sc-123", DOB, "garcia")
    assert court == resident and court.message() == resident.message()


def test_an_identity_in_another_county_differs() -> None:
    assert Identity.of("alameda", "SC123", DOB, "Doe") != Identity.of("san-francisco", "SC123", DOB, "Doe")


def test_last_name_candidates_are_every_run_of_trailing_words() -> None:
    assert last_name_candidates("María García López") == ["García López", "López"]


def test_a_single_word_name_is_its_own_candidate() -> None:
    assert last_name_candidates("Prince") == ["Prince"]


def test_order_dates_are_read_as_iso_or_as_a_clerks_month_day_year() -> None:
    from app.lookup.publishing import parse_date

    assert parse_date("2026-11-30") == parse_date("11/30/2026") == dt.date(2026, 11, 30)
    assert parse_date("30/11/2026") is None and parse_date("") is None
