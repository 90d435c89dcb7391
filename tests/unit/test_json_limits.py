"""The depth bound that keeps hostile JSON from recursing the decoder into a crash."""

from __future__ import annotations

import pytest

from app.bulk.policy import OptionsError, options_from_bytes
from app.json_limits import MAX_JSON_DEPTH, TooDeep, loads_bounded, nesting_depth_exceeds


def test_nesting_at_the_limit_is_decoded() -> None:
    text = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert loads_bounded(text) is not None


def test_nesting_one_past_the_limit_is_refused() -> None:
    with pytest.raises(TooDeep):
        loads_bounded("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))


def test_a_million_levels_are_refused_without_recursion() -> None:
    assert nesting_depth_exceeds("{" * 1_000_000)


def test_escaped_quotes_keep_the_scanner_inside_the_string() -> None:
    text = '["\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]'
    assert loads_bounded(text) == ['"' + "[" * 50]


def test_too_deep_is_a_value_error_so_callers_treat_it_as_bad_input() -> None:
    assert issubclass(TooDeep, ValueError)


def test_a_deeply_nested_bulk_options_file_is_an_options_error() -> None:
    with pytest.raises(OptionsError):
        options_from_bytes(b"[" * 200_000)
