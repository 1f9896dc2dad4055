"""The built site as a reader's browser sees it: Playwright drives Debian's chromium (no browser
download) over a local web server, and each page visit records what the browser tests check.

* ``serve(folder)`` serves a folder on http://127.0.0.1 from a thread. Text (HTML, CSS,
  scripts) is sent gzip-compressed to a browser that accepts it, as any web host sends it, so
  the bytes a visit records are the bytes a reader downloads. Given a list, it notes there the
  path and status of every request it answers, those the browser makes on its own too
  (``/favicon.ico``), which a page's events do not show.
* ``launch(playwright)`` starts chromium; ``Recorder`` notes a page's console errors, failed
  requests and the bytes of every response; ``run_axe`` runs axe-core in the page;
  ``looks_drawn_in`` compares an element's pixels with the element drawn in one font family.
* ``html_ids`` and ``link_problem`` resolve a link against the files of the site.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, Page, Playwright, Request, Response

from fiscalbook.data.paths import CHROMIUM, CHROMIUM_ARGS, REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".inv"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


# --- the server ------------------------------------------------------------------------------

class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files of one folder; text gzip-compressed for a browser that accepts it. Each answer's
    (path, status) is appended to ``requests`` when given."""

    def __init__(self, *args, requests: list[tuple[str, int]] | None = None, **kwargs) -> None:
        self.requests = requests  # before the base class's __init__, which answers the request
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.requests is not None:
            self.requests.append((urlsplit(self.path).path, int(code)))

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED and path.is_file()):
            super().do_GET()
            return
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve(root: Path, requests: list[tuple[str, int]] | None = None) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL (ending in /). Every
    request answered is noted in ``requests``, if given, as (path, status)."""
    handler = functools.partial(SiteHandler, directory=str(root), requests=requests)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run `make browser`")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


# --- what a page does ------------------------------------------------------------------------

@dataclass
class Recorder:
    """A page's console errors, uncaught exceptions, failed requests and downloaded bytes."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)

    def attach(self, page: Page) -> Recorder:
        page.on("console", lambda message: message.type == "error" and self.errors.append(
            f"console: {message.text} ({message.location.get('url', '')})"))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url}: {request.failure}"))
        page.on("response", self._response)
        page.on("requestfinished", self._finished)
        return self

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def _finished(self, request: Request) -> None:
        if request.url.startswith("data:"):
            return
        self.bytes_by_url[request.url] = request.sizes()["responseBodySize"]

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_by_url.values())


def run_axe(page: Page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations on the page (of ``rules`` only, if given): rule, impact, help
    and the first offending elements."""
    if not AXE.is_file():
        raise FileNotFoundError(f"{AXE} is missing: run `make browser`")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": rules} if rules else {}
    return page.evaluate("""async (options) => (await axe.run(document, options)).violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")), count: v.nodes.length}))""", options)


def looks_drawn_in(page: Page, selector: str, family: str) -> tuple[bool, bool]:
    """Whether the first ``selector`` element, as the page draws it, looks exactly as it does
    drawn in ``family`` alone; and whether ``family`` draws it differently from a family no
    system has (that is, whether the font is there at all). Pixels of element screenshots:
    what a reader sees, not what the style sheets say."""
    element = page.locator(selector).first
    shots = []
    for forced in ("", f'"{family}"', '"fiscalbook no such font"'):
        element.evaluate("(e, family) => family ? e.style.setProperty('font-family', family, 'important')"
                         " : e.style.removeProperty('font-family')", forced)
        shots.append(element.screenshot(animations="disabled", caret="hide", timeout=10_000))
    element.evaluate("(e) => e.style.removeProperty('font-family')")
    as_drawn, in_family, in_no_font = shots
    return as_drawn == in_family, in_family != in_no_font


# --- links -----------------------------------------------------------------------------------

class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


@functools.lru_cache(maxsize=256)
def html_ids(path: Path) -> frozenset[str]:
    """The ids (and anchor names) of an HTML file."""
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def local_file(url: str, base_url: str, root: Path) -> Path | None:
    """The file of ``root`` that ``url`` (served from ``base_url``) names, if it is one."""
    if not url.startswith(base_url):
        return None
    path = root / unquote(urlsplit(url).path[len(urlsplit(base_url).path):])
    path = path / "index.html" if path.is_dir() else path
    return path if path.is_file() else None


def link_problem(href: str, base_url: str, root: Path) -> str | None:
    """What is wrong with an internal link (an absolute URL under ``base_url``, the address
    ``root`` is served at): None when its file exists and its #fragment is an id of it.
    Links elsewhere are not followed (the site has no internet) and return None."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not href.startswith(base_url):
        return None
    path = local_file(href, base_url, root)
    if path is None:
        return f"{href}: no such file"
    fragment = unquote(parts.fragment)
    if fragment and path.suffix == ".html" and fragment not in html_ids(path):
        return f"{href}: no element with id '{fragment}' in {path.name}"
    return None
