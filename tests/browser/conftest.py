"""Browser tier: Debian's Chromium driven by Playwright (it cannot download its own browsers here)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.support.live_server import LiveServer
from tests.support.tiers import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed (apt-get install chromium): browser tier not run")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: browser tier not run")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def live_server(tmp_path: Path, sqlite_template: Path) -> Iterator[LiveServer]:
    database = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, database)
    server = LiveServer(f"sqlite:///{database}", tmp_path / "instance")
    server.start()
    yield server
    server.stop()


def phone_page(browser: Any, request: pytest.FixtureRequest, viewport: dict[str, int] = PHONE,
               **context_options: Any) -> Iterator[Any]:
    """A phone-sized page (or another `viewport`; extra Playwright context options, like java_script_enabled=False);
    its screenshot is kept under test-artifacts/ as evidence. Fixtures `yield from` it."""
    context = browser.new_context(viewport=viewport, locale="en-US", **context_options)
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A phone-sized page with JavaScript on."""
    yield from phone_page(browser, request)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core (shipped inside the axe-playwright-python wheel) on the current page; serious/critical only."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    violations = results.response["violations"]
    return [v for v in violations if v.get("impact") in ("serious", "critical")]
