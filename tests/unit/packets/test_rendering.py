"""The fence around WeasyPrint: only forms_pdf/ files are fetched, and a render has a time bound."""

from __future__ import annotations

import pytest

from app.packets.rendering import FORMS_DIR, ForbiddenResourceError, FormsOnlyFetcher, PacketRenderTimeout, render_pdf


@pytest.fixture
def fetcher() -> FormsOnlyFetcher:
    return FormsOnlyFetcher()


def test_fetcher_serves_the_stylesheet_inside_forms_pdf(fetcher: FormsOnlyFetcher) -> None:
    response = fetcher.fetch((FORMS_DIR / "print.css").as_uri())
    assert b"@font-face" in response.read()


def test_fetcher_serves_the_self_hosted_fonts(fetcher: FormsOnlyFetcher) -> None:
    response = fetcher.fetch((FORMS_DIR / "fonts" / "LiberationSans-Regular.ttf").as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"  # TrueType signature


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (FORMS_DIR / ".." / "app" / "data" / "counties.json").as_uri(),  # climbs out of forms_pdf/
        f"file://{FORMS_DIR}/../app/data/counties.json",
        "file://evil.example/forms_pdf/print.css",
    ],
)
def test_fetcher_refuses_files_outside_forms_pdf(fetcher: FormsOnlyFetcher, url: str) -> None:
    with pytest.raises(ForbiddenResourceError):
        fetcher.fetch(url)


@pytest.mark.parametrize(
    "url", ["http://example.org/style.css", "https://example.org/font.ttf", "data:text/css,body{}", "ftp://example.org/x"]
)
def test_fetcher_refuses_network_and_data_urls(fetcher: FormsOnlyFetcher, url: str) -> None:
    with pytest.raises(ForbiddenResourceError):
        fetcher.fetch(url)


def test_a_document_pointing_outside_forms_pdf_is_not_rendered() -> None:
    html = '<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>x</body></html>'
    with pytest.raises(ForbiddenResourceError):
        render_pdf([html])


def test_a_render_past_its_time_bound_raises_instead_of_blocking() -> None:
    html = "<html><body>" + "<p>line</p>" * 3000 + "</body></html>"
    with pytest.raises(PacketRenderTimeout):
        render_pdf([html], timeout_seconds=0.001)
