"""HTML to PDF with WeasyPrint, fenced in.

* Templates are trusted files from ``forms_pdf/`` only, loaded by a Jinja2 environment of our
  own (autoescaped, no Flask request needed); user text only ever arrives as escaped values.
* :class:`FormsOnlyFetcher` serves files inside ``forms_pdf/`` (stylesheet, fonts) and refuses
  everything else: other local files, ``data:``, and any network URL, so a value that somehow
  became markup still cannot read the disk or call out.
* Each form is rendered as its own document so its footer can say "Page 1 of 3"; the pages are
  then joined into one PDF whose metadata (title, language) come from the first document.
* Time bound: :func:`render_pdf` runs the layout in a worker thread and waits at most
  ``timeout_seconds`` (``PacketRenderTimeout`` otherwise, so a web worker is never held for
  long). A Python thread cannot be killed, so inputs are bounded too (the API caps a body at
  200 convictions; statements are capped in :mod:`app.packets.service`); measured packets render
  in well under a second (see benchmarks/packet.py), which is why rendering in the request is fine.
"""

from __future__ import annotations

import concurrent.futures
import mimetypes
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

FORMS_DIR = (Path(__file__).resolve().parent.parent.parent / "forms_pdf").resolve()
DEFAULT_TIMEOUT_SECONDS = 10.0


class ForbiddenResourceError(ValueError):
    """A template asked WeasyPrint for something outside forms_pdf/."""


class PacketRenderTimeout(RuntimeError):
    """Rendering took longer than the time bound."""


class FormsOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Serves files from ``forms_pdf/`` and refuses every other URL."""

    def __init__(self, root: Path = FORMS_DIR) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self._root = root.resolve()

    def resolve(self, url: str) -> Path:
        """The file a URL names, if it lies inside the forms folder; raises otherwise."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ForbiddenResourceError(f"refused non-local URL scheme {parts.scheme!r}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self._root) or not path.is_file():
            raise ForbiddenResourceError("refused a file outside forms_pdf/")
        return path

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=_read_asset(path), headers={"Content-Type": mime_type})


@lru_cache(maxsize=32)
def _read_asset(path: Path) -> bytes:
    """Fonts and the stylesheet are read once per process, not once per render."""
    return path.read_bytes()


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FORMS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(template_name: str, context: Mapping[str, Any]) -> str:
    return template_environment().get_template(template_name).render(**context)


STYLESHEET = FORMS_DIR / "print.css"


def _layout(html_documents: Sequence[str]) -> bytes:
    # One parsed stylesheet and one font configuration serve every form of the packet, so
    # print.css and the four font files are read and parsed once per packet, not once per form.
    fetcher = FormsOnlyFetcher()
    base_url = FORMS_DIR.as_uri() + "/"
    try:
        font_config = FontConfiguration()
        stylesheet = CSS(url=STYLESHEET.as_uri(), url_fetcher=fetcher, font_config=font_config)
        documents = [
            HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=font_config)
            for html in html_documents
        ]
    except FatalURLFetchingError as refused:  # a BaseException in WeasyPrint; turned into an ordinary error here
        raise ForbiddenResourceError(str(refused)) from refused
    pages = [page for document in documents for page in document.pages]
    pdf: bytes = documents[0].copy(pages).write_pdf()
    return pdf


_executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="packet-render")


def render_pdf(html_documents: Sequence[str], *, timeout_seconds: float | None = None) -> bytes:
    """Lay out the documents in order and join them into one PDF, within the time bound (the module's
    DEFAULT_TIMEOUT_SECONDS unless given, read at call time so an operator or a test can change it)."""
    if timeout_seconds is None:
        timeout_seconds = DEFAULT_TIMEOUT_SECONDS
    if not html_documents:
        raise ValueError("nothing to render")
    future = _executor.submit(_layout, list(html_documents))
    try:
        return future.result(timeout=timeout_seconds)
    except concurrent.futures.TimeoutError as error:
        future.cancel()
        raise PacketRenderTimeout(f"packet rendering exceeded {timeout_seconds:g} s") from error
