"""The browser set-up the site's browser tests rely on: Playwright drives Debian's chromium (no
browser download), axe-core from node_modules runs in a page, and Chromium prints a PDF whose
text pypdf reads back. `make test` installs chromium and axe-core before running this."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from fiscalbook.data.paths import CHROMIUM, REPO
from fiscalbook.data.paths import CHROMIUM_ARGS as ARGS

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Smoke page</title>
<link rel="icon" href="data:,"></head><body><main><h1>Browser smoke test</h1>
<p>Printed by <a href="#top">Chromium</a>.</p></main></body></html>"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site_url(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_playwright_drives_debian_chromium(site_url: str, tmp_path: Path) -> None:
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make browser`"
    assert AXE.is_file(), f"{AXE} is missing: run `make browser`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(site_url)
            assert page.title() == "Smoke page"
            assert page.screenshot().startswith(b"\x89PNG")

            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => { const r = await axe.run(); "
                                   "return {version: axe.version, passes: r.passes.length, "
                                   "violations: r.violations.map(v => v.id)}; }")
            assert result["passes"] > 0 and result["violations"] == [], result
            pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["axe-core"]
            assert result["version"] == pinned

            pdf = tmp_path / "page.pdf"
            page.pdf(path=str(pdf), format="A4")
            assert errors == []
        finally:
            browser.close()
    assert "Browser smoke test" in PdfReader(pdf).pages[0].extract_text()
