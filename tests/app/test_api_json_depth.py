"""No body, however deeply nested, gets a 500 from a JSON endpoint: the contract allows only 400 or 413."""

from __future__ import annotations

from typing import Any

import pytest

JSON_ENDPOINTS = ("/api/v1/screen", "/api/v1/packet")


def nested(depth: int, opener: str = "[", closer: str = "]") -> bytes:
    return (opener * depth + closer * depth).encode()


def nested_objects(depth: int) -> bytes:
    return ('{"a":' * depth + "1" + "}" * depth).encode()


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deeply_nested_arrays_get_400(client: Any, url: str, depth: int) -> None:
    response = client.post(url, data=nested(depth), content_type="application/json")
    assert response.status_code == 400
    assert "levels deep" in response.get_json()["errors"][0]["message"]


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
def test_deeply_nested_objects_get_400(client: Any, url: str) -> None:
    response = client.post(url, data=nested_objects(100_000), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
def test_unclosed_nesting_gets_400(client: Any, url: str) -> None:
    response = client.post(url, data=b"[" * 500_000, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
def test_brackets_inside_strings_do_not_count_as_nesting(client: Any, url: str) -> None:
    body = b'{"today": "2026-11-29", "convictions": [{"id": "' + b"[" * 5_000 + b'", "offense": "HS 11357"}]}'
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code != 500
    assert response.status_code != 400 or "levels deep" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
def test_nesting_past_the_limit_inside_a_valid_body_gets_400(client: Any, url: str) -> None:
    deep_value = "[" * 40 + "]" * 40
    body = f'{{"today": "2026-11-29", "convictions": [{{"id": "c1", "offense": "HS 11357", "level": {deep_value}}}]}}'
    response = client.post(url, data=body.encode(), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url", JSON_ENDPOINTS)
def test_deep_nesting_over_the_size_limit_gets_413(client: Any, url: str) -> None:
    response = client.post(url, data=nested(600_000), content_type="application/json")
    assert response.status_code == 413
