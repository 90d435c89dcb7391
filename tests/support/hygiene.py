"""Page hygiene, in the spirit of GOV.UK Notify's `client_request`: every page a test fetches is checked for the
basics a screen-reader user and a security review rely on."""
from __future__ import annotations

from collections import Counter
from typing import Any

from bs4 import BeautifulSoup


def assert_page_hygiene(html: str) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    assert page.html is not None and page.html.get("lang") in ("en", "es"), "<html lang> must be en or es"
    headings = page.find_all("h1")
    assert len(headings) == 1, f"expected exactly one h1, found {len(headings)}"
    heading = " ".join(headings[0].get_text().split())
    title = " ".join(page.title.get_text().split()) if page.title else ""
    for prefix in ("Error: ", "Error:"):
        if title.startswith(prefix):
            title = title[len(prefix):].lstrip()
    assert title.startswith(heading), f"<title> {title!r} must begin with the h1 {heading!r}"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in page.find_all("form"):
        if (form.get("method") or "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), f"form {form.get('action')} has no CSRF token"
    return page


def csrf_token_from(html: str) -> str | None:
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"})
    return field["value"] if field else None


class ClientRequest:
    """get() returns the parsed page after the hygiene checks; post() sends the page's own CSRF token."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, url: str, expected_status: int = 200, **kwargs: Any) -> BeautifulSoup:
        response = self.client.get(url, **kwargs)
        assert response.status_code == expected_status, f"GET {url}: {response.status_code}"
        return assert_page_hygiene(response.get_data(as_text=True))

    def post(self, url: str, data: dict[str, Any] | None = None, expected_status: int = 302,
             csrf_from: str | None = None, **kwargs: Any) -> Any:
        """Returns the parsed page for a 200 (a form shown again with errors), else the response."""
        form_page = self.client.get(csrf_from or url)
        payload = dict(data or {})
        token = csrf_token_from(form_page.get_data(as_text=True))
        if token:
            payload.setdefault("csrf_token", token)
        response = self.client.post(url, data=payload, **kwargs)
        assert response.status_code == expected_status, (
            f"POST {url}: {response.status_code} {response.get_data(as_text=True)[:2000]}")
        if response.status_code == 200 and response.mimetype == "text/html":
            return assert_page_hygiene(response.get_data(as_text=True))
        return response
