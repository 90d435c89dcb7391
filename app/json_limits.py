"""JSON decoding with a bound on nesting depth, for every body and file a user can send.

Python's decoder recurses once per level, so a body of 100,000 ``[`` characters ends in RecursionError (an HTTP 500)
rather than a ValueError. We count the depth before decoding: one pass, no recursion, strings skipped.
"""
from __future__ import annotations

import json
from typing import Any

# Deepest nesting any of our formats needs is 4 (body -> convictions -> item -> value); 32 leaves room for tools.
MAX_JSON_DEPTH = 32
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")


class TooDeep(ValueError):
    """The document nests arrays or objects deeper than ``MAX_JSON_DEPTH``."""


def nesting_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays/objects nest deeper than ``limit``, counting only brackets outside strings."""
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in _OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif char in _CLOSERS:
            depth -= 1
    return False


def loads_bounded(text: str, limit: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises TooDeep (a ValueError) instead of recursing past ``limit`` levels."""
    if nesting_depth_exceeds(text, limit):
        raise TooDeep(f"the JSON nests deeper than {limit} levels")
    return json.loads(text)
