"""The site in a real browser (Playwright driving Debian's chromium: fiscalbook.build.sitecheck).

Every page the toc lists in both editions, their search and index pages and the site root are
visited once each; a visit gathers everything the tests below check (console, requests, links,
images, axe, fonts, tooltips, the page at phone width) and takes full-page screenshots at
desktop and phone width into ``_build/screenshots/<place>/<year>/<lang>/<page>-{desktop,phone}.png``
(the site root: ``_build/screenshots/index-*.png``). Search is typed into the theme's search
box as a reader types it. ``make browser`` installs chromium and axe-core.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PLACE, YEAR
from playwright.sync_api import Browser, Page, sync_playwright

from fiscalbook.build.book import BUILD
from fiscalbook.build.editions import toc_documents
from fiscalbook.build.sitecheck import (
    DESKTOP,
    PHONE,
    Recorder,
    launch,
    link_problem,
    local_file,
    looks_drawn_in,
    run_axe,
    serve,
)
from fiscalbook.build.webfont import FAMILY, site_chars, typed_chars
from fiscalbook.story.fmt import LANGS

SCREENSHOTS = BUILD / "screenshots"
PAGE_BUDGET = 1_000_000  # bytes a page downloads, with its images, scripts, styles and fonts
SEVERE = ("serious", "critical")
# (edition, query, the chapter whose subject it is)
SEARCHES = [("zh", "三公经费", "09_three_public"), ("zh", "转移支付", "08_transfers"),
            ("zh", "预算稳定调节基金", "05_reserve"), ("zh", "债务限额", "06_debt"),
            ("en", "transfer", "08_transfers"), ("en", "debt ceiling", "06_debt")]
OTHER = {"en": "zh", "zh": "en"}
HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class PageVisit:
    """What one visit of a page found."""

    path: str  # relative to the site root, e.g. 2023/zh/notebooks/09_three_public.html
    kind: str  # landing, chapter, search or genindex
    lang: str | None
    html_lang: str = ""
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    link_problems: list[str] = field(default_factory=list)
    image_problems: list[str] = field(default_factory=list)
    images: int = 0
    axe: list[dict] = field(default_factory=list)
    axe_dark: list[dict] = field(default_factory=list)
    font_problems: list[str] = field(default_factory=list)
    tooltip_problems: list[str] = field(default_factory=list)
    phone_width: int = 0
    table_boxes: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return sum(self.bytes_by_url.values())


# --- the pages and how a visit sees them -------------------------------------------------------

def site_pages() -> list[tuple[str, str, str | None]]:
    """(path, kind, edition) of every page the tests visit."""
    pages: list[tuple[str, str, str | None]] = [("index.html", "landing", None)]
    for lang in LANGS:
        pages += [(f"{PLACE}/{YEAR}/{lang}/{document}.html", "chapter", lang) for document in toc_documents()]
        pages += [(f"{PLACE}/{YEAR}/{lang}/{name}.html", name, lang) for name in ("search", "genindex")]
    return pages


def screenshot_path(path: str, width: str) -> Path:
    """_build/screenshots/<place>/<year>/<lang>/<page>-<width>.png (the site root: index-<width>.png)."""
    relative = Path(path)
    folder = SCREENSHOTS.joinpath(*relative.parts[:3]) if len(relative.parts) > 3 else SCREENSHOTS
    return folder / f"{relative.stem}-{width}.png"


class _FigureTitles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        # numbered as fiscalbook.js numbers its tooltips: figures and citations of the law
        if tag == "span" and {"fact", "derived", "law"} & set((attributes.get("class") or "").split()) \
                and attributes.get("title"):
            self.titles.append(attributes["title"])


def figure_titles(page_file: Path) -> list[str]:
    """The source sentences of the page's figures (and the words of the articles it cites), in
    order, as the HTML file has them."""
    parser = _FigureTitles()
    parser.feed(page_file.read_text(encoding="utf-8"))
    return parser.titles


def cjk_font_problems(page: Page, recorder: Recorder, probes: int = 4) -> list[str]:
    """Why the page's Chinese is not drawn with the project's web font (nothing when it is):
    up to ``probes`` visible elements whose text is all Chinese, spread over the page, must look
    exactly as they do drawn in FAMILY alone, and FAMILY must draw them differently from a font
    the system lacks (the boxes chromium draws without a CJK font); a face of FAMILY must have
    loaded and its files' requests succeeded."""
    found = page.evaluate(r"""(count) => {
        const chinese = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]{2,}$/u;
        const visible = (e) => { const box = e.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && box.top + window.scrollY >= 0 && box.left >= 0
            && getComputedStyle(e).visibility === "visible"; };
        const all = [...document.body.querySelectorAll("*")]
          .filter(e => e.children.length === 0 && chinese.test(e.textContent.trim()) && visible(e));
        const step = Math.max(1, Math.floor(all.length / count));
        const chosen = all.filter((_, i) => i % step === 0).slice(0, count);
        chosen.forEach((e, i) => e.setAttribute("data-cjk-probe", i));
        return chosen.map(e => e.textContent.trim()); }""", probes)
    if not found:
        return []
    problems = []
    statuses = page.evaluate("""async (family) => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.family.replace(/"/g, "") === family).map(f => f.status); }""",
                             FAMILY)
    if "loaded" not in statuses:
        problems.append(f"no face of {FAMILY} loaded (faces: {statuses})")
    requests = [url for url in recorder.bytes_by_url if "/_static/fonts/" in url]
    failures = [failure for failure in recorder.failed if "/_static/fonts/" in failure]
    if not requests or failures:
        problems.append(f"font files: {len(requests)} loaded, failed: {failures}")
    for number, text in enumerate(found):
        probe = f"[data-cjk-probe='{number}']"
        if not page.locator(probe).is_visible():
            continue  # e.g. clipped away: no screenshot to take
        same, font_there = looks_drawn_in(page, probe, FAMILY)
        if not font_there:
            problems.append(f"{text!r}: {FAMILY} draws it as a missing font does (boxes)")
        elif not same:
            problems.append(f"{text!r} is not drawn in {FAMILY}")
    return problems


def tooltip_problems(page: Page, titles: list[str]) -> list[str]:
    """The first visible figure shows its source sentence in a tooltip on hover and on keyboard
    focus (Tab from the element before it), and Escape hides it."""
    figure = page.locator("span.fact:visible, span.derived:visible").first
    if not titles or figure.count() == 0:
        return []
    tip_id = figure.get_attribute("aria-describedby") or ""
    match = re.fullmatch(r"fact-source-(\d+)", tip_id)
    if not match:
        return [f"the first figure has no tooltip (aria-describedby={tip_id!r}): fiscalbook.js did not run"]
    sentence = titles[int(match.group(1)) - 1]
    tip = page.locator(f"#{tip_id}")
    problems = []
    if tip.get_attribute("role") != "tooltip":
        problems.append(f"#{tip_id} has no role=tooltip")
    figure.scroll_into_view_if_needed()
    figure.hover()
    if not tip.is_visible() or tip.inner_text() != sentence:
        problems.append(f"hover: tooltip visible={tip.is_visible()}, text {tip.inner_text()!r} != {sentence!r}")
    page.mouse.move(1, 1)
    if tip.is_visible():
        problems.append("the tooltip stays after the mouse leaves")
    handle = figure.element_handle()
    page.evaluate("""(figure) => {  // focus the last element before the figure that takes focus
        const tabbable = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")]
          .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0);
        for (const before of tabbable.slice(0, tabbable.indexOf(figure)).reverse()) {
          before.focus();
          if (document.activeElement === before) return;
        } }""", handle)
    page.keyboard.press("Tab")
    if not page.evaluate("(figure) => document.activeElement === figure", handle):
        problems.append("Tab from the element before the first figure does not reach it")
    elif not tip.is_visible() or tip.inner_text() != sentence:
        problems.append("keyboard focus: the tooltip does not show the source sentence")
    page.keyboard.press("Escape")
    if tip.is_visible():
        problems.append("Escape does not hide the tooltip")
    return problems


def visit(browser: Browser, base: str, site: Path, path: str, kind: str, lang: str | None) -> PageVisit:
    """Visit one page in a fresh browser context (an empty cache: the weight is a first visit)."""
    record = PageVisit(path, kind, lang)
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        recorder = Recorder().attach(page)
        page.goto(base + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        record.html_lang = page.evaluate("document.documentElement.lang")
        record.links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        record.link_problems = sorted({problem for href in record.links if (problem := link_problem(href, base, site))})
        images = page.eval_on_selector_all("img", """images => images.map(i => ({
            src: i.getAttribute("src"), alt: (i.getAttribute("alt") || "").trim(), width: i.naturalWidth}))""")
        record.images = len(images)
        record.tables = page.eval_on_selector_all("article table", """tables => tables.map(t => ({
            book: t.classList.contains("fiscal-table"), caption: (t.caption?.textContent || "").trim(),
            headers: t.querySelectorAll("th").length}))""")
        for image in images:
            if image["width"] == 0:
                record.image_problems.append(f"{image['src']}: did not load")
            name = Path(image["src"] or "").name
            if len(image["alt"]) < 10 or image["alt"] in (name, Path(name).stem):
                record.image_problems.append(f"{image['src']}: alt text {image['alt']!r} says nothing")
        record.font_problems = cjk_font_problems(page, recorder)
        if kind == "chapter":
            record.tooltip_problems = tooltip_problems(page, figure_titles(site / path))
        record.axe = run_axe(page)
        page.mouse.move(1, 1)
        page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        page.screenshot(path=screenshot_path(path, "desktop"), full_page=True)
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.emulate_media(color_scheme="dark")  # the theme follows the system: auto mode
        record.axe_dark = [dict(v, id=f"{v['id']} (dark mode)") for v in run_axe(page, ["color-contrast"])]
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(PHONE)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        record.phone_width = page.evaluate("document.scrollingElement.scrollWidth")
        record.table_boxes = page.eval_on_selector_all("div.table-scroll", """boxes => boxes.map(b => ({
            scroll: b.scrollWidth, width: b.clientWidth, overflow: getComputedStyle(b).overflowX}))""")
        page.screenshot(path=screenshot_path(path, "phone"), full_page=True)
        record.errors, record.failed, record.bytes_by_url = recorder.errors, recorder.failed, recorder.bytes_by_url
    finally:
        context.close()
    return record


# --- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_url(site: Path):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def visits(site: Path, base_url: str, browser: Browser, request) -> dict[str, PageVisit]:
    """Every page visited once; the time it took is printed."""
    started = time.perf_counter()
    found = {path: visit(browser, base_url, site, path, kind, lang) for path, kind, lang in site_pages()}
    seconds = time.perf_counter() - started
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\nbrowser: {len(found)} pages visited in {seconds:.0f} s; screenshots in {SCREENSHOTS}")
    return found


def report(problems: dict[str, list]) -> str:
    return "\n".join(f"{path}: {problem}" for path, found in problems.items() for problem in found)


# --- every page ------------------------------------------------------------------------------

def test_every_page_is_visited(visits):
    assert len([v for v in visits.values() if v.kind == "chapter"]) == len(LANGS) * len(toc_documents())


def test_no_console_error_and_no_failed_request(visits):
    problems = {path: v.errors + v.failed for path, v in visits.items() if v.errors or v.failed}
    assert not problems, report(problems)


def test_internal_links_and_anchors_resolve(visits):
    problems = {path: v.link_problems for path, v in visits.items() if v.link_problems}
    assert not problems, report(problems)
    assert sum(len(v.links) for v in visits.values()) > 1000, "the link check saw the pages' links"


def test_images_load_with_meaningful_alt_text(visits):
    problems = {path: v.image_problems for path, v in visits.items() if v.image_problems}
    assert not problems, report(problems)
    assert sum(v.images for v in visits.values()) >= 20, "the charts were seen"


def test_axe_finds_no_serious_or_critical_violation(visits, request):
    problems = {path: [f"{a['id']} ({a['impact']}, {a['count']}×): {a['help']} {a['nodes']}"
                       for a in v.axe + v.axe_dark if a["impact"] in SEVERE]
                for path, v in visits.items()}
    milder: dict[str, int] = {}
    for v in visits.values():
        for a in v.axe + v.axe_dark:
            if a["impact"] not in SEVERE:
                milder[f"{a['id']} ({a['impact']})"] = milder.get(f"{a['id']} ({a['impact']})", 0) + 1
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print("\naxe, milder findings (pages): " + (", ".join(f"{k} {n}" for k, n in sorted(milder.items())) or "none"))
    assert not any(problems.values()), report(problems)


def test_tables_have_header_cells_and_the_book_s_tables_captions(visits):
    """Chapter tables (not the layout tables of Sphinx's index page)."""
    tables = [(v.path, table) for v in visits.values() if v.kind == "chapter" for table in v.tables]
    assert len(tables) > 30
    problems = [f"{path}: a table without header cells" for path, table in tables if not table["headers"]]
    problems += [f"{path}: a table of the book without caption" for path, table in tables
                 if table["book"] and not table["caption"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang, prefix", [("en", "en"), ("zh", "zh")])
def test_page_language_is_the_edition(visits, lang, prefix):
    pages = [v for v in visits.values() if v.lang == lang]
    assert pages and all(v.html_lang.split("-")[0] == prefix for v in pages), {v.path: v.html_lang for v in pages}


def test_chinese_is_drawn_with_the_project_font(visits):
    problems = {path: v.font_problems for path, v in visits.items() if v.font_problems}
    assert not problems, report(problems)
    checked = [v for v in visits.values() if any("/_static/fonts/" in url for url in v.bytes_by_url)]
    assert len(checked) >= len(toc_documents()), "Chinese pages loaded the font"


def test_font_check_fails_when_the_font_is_missing(site, browser, tmp_path):
    """The check above is not vacuous: on a copy of the Chinese edition without its font files,
    the same check fails."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site / PLACE / str(YEAR) / "zh", copy / PLACE / str(YEAR) / "zh")
    for font in (copy / PLACE / str(YEAR) / "zh" / "_static" / "fonts").glob("*.woff2"):
        font.unlink()
    with serve(copy) as url:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        recorder = Recorder().attach(page)
        page.goto(f"{url}{PLACE}/{YEAR}/zh/notebooks/09_three_public.html")
        page.wait_for_load_state("networkidle")
        problems = cjk_font_problems(page, recorder)
        context.close()
    assert any("draws it as a missing font does" in problem for problem in problems), problems
    assert any("font files" in problem for problem in problems), problems
    assert any("no face of" in problem for problem in problems), problems


def open_search(browser, base_url: str, lang: str):
    """A fresh page of the edition with the theme's search dialog open, as a reader opens it:
    (context, page, its recorder, the search box)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    recorder = Recorder().attach(page)
    page.goto(f"{base_url}{PLACE}/{YEAR}/{lang}/notebooks/01_overview.html")
    page.locator("button.search-button__button:visible").first.click()
    return context, page, recorder, page.locator("#pst-search-dialog input[name=q]")


def test_a_common_character_no_page_uses_is_drawn_when_typed(site, browser, base_url):
    """Typed into the search box, a common character the site does not use comes in the web
    font too: its slice is fetched when the character appears."""
    used = site_chars(site / PLACE / str(YEAR) / "zh")
    typed = next(char for char in typed_chars() if "\u4e00" <= char <= "\u9fff" and char not in used)
    context, page, recorder, box = open_search(browser, base_url, "zh")
    box.press_sequentially(typed * 2)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    same, font_there = looks_drawn_in(page, "#pst-search-dialog input[name=q]", FAMILY)
    slices = [url for url in recorder.bytes_by_url if "/cjk-typed-" in url]
    context.close()
    assert same and font_there, f"{typed!r} typed in the search box is not drawn in {FAMILY}"
    assert slices and not recorder.failed, (slices, recorder.failed)


def test_figures_show_their_source_on_hover_and_keyboard_focus(visits):
    problems = {path: v.tooltip_problems for path, v in visits.items() if v.tooltip_problems}
    assert not problems, report(problems)


def test_no_chapter_page_scrolls_sideways_on_a_phone(visits):
    wide = {v.path: v.phone_width for v in visits.values() if v.phone_width > PHONE["width"]}
    assert not wide, f"wider than {PHONE['width']} px: {wide}"


def test_wide_tables_scroll_inside_their_box(visits):
    boxes = [box for v in visits.values() for box in v.table_boxes]
    assert boxes and all(box["overflow"] in ("auto", "scroll") for box in boxes)
    assert any(box["scroll"] > box["width"] for box in boxes), "some table is wider than a phone"


LABEL_COLUMN = r"""() => {
    // Each visible table of the page (every <details> opened first): its first column's rendered
    // width, and the width its longest label takes on one line in the label's own font.
    document.querySelectorAll("details").forEach(d => { d.open = true; });
    const oneLine = (cell) => {
      const probe = document.createElement("span");
      probe.style.cssText = "position: absolute; visibility: hidden; white-space: nowrap";
      probe.style.font = getComputedStyle(cell).font;
      probe.append(...[...cell.childNodes].map(n => n.cloneNode(true)));
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width; };
    return [...document.querySelectorAll("main table")].filter(t => t.getClientRects().length).map(t => {
      const cells = [...t.rows].map(r => r.cells[0]).filter(c => c && c.colSpan === 1 && c.textContent.trim());
      return {table: (t.caption?.textContent || cells[0]?.textContent || "").trim().slice(0, 40),
              width: Math.min(...cells.map(c => c.getBoundingClientRect().width)),
              label: Math.max(...cells.map(oneLine)),
              rem: parseFloat(getComputedStyle(document.documentElement).fontSize)}; }); }"""
READABLE = 6  # rem: the narrowest a label column may be (about 7 Chinese characters of a table)


def test_table_labels_stay_readable_on_a_phone(site, browser, base_url):
    """At 375 px, on every page with a table, the label (first) column is as wide as its longest
    label on one line or at least 6 rem, never squeezed to a character or two a line ("公/务/用/
    车" stacked); the table scrolls sideways in its box, the page does not."""
    pages = [path for path, _, _ in site_pages() if "<table" in (site / path).read_text(encoding="utf-8")]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems, seen = [], 0
    for path in pages:
        page.goto(base_url + path)
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        for table in page.evaluate(LABEL_COLUMN):
            seen += 1
            least = min(READABLE * table["rem"], table["label"])
            if table["width"] < least - 0.5:
                problems.append(f"{path}: {table['table']!r}: label column {table['width']:.0f} px wide, "
                                f"less than {least:.0f} px (its longest label on one line: {table['label']:.0f} px)")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: the page is {width} px wide, it scrolls sideways")
    context.close()
    assert len(pages) >= len(toc_documents()) and seen > 100, (len(pages), seen)
    assert not problems, "\n".join(problems)


def test_every_page_weighs_at_most_1_mb(visits, site, base_url, request):
    """What a first visit downloads (text gzip-compressed, as web hosts send it), ≤ 1 MB; the
    same files uncompressed are printed too, with the size of the whole site."""
    heavy = {v.path: f"{v.weight:,} bytes" for v in visits.values() if v.weight > PAGE_BUDGET}
    heaviest = max(visits.values(), key=lambda v: v.weight)
    files = {url: local_file(url, base_url, site) for url in heaviest.bytes_by_url}
    uncompressed = sum(path.stat().st_size for path in files.values() if path)
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\nweight: heaviest page {heaviest.path}: {heaviest.weight:,} bytes downloaded, "
              f"{uncompressed:,} uncompressed ({len(files)} files); median page "
              f"{sorted(v.weight for v in visits.values())[len(visits) // 2]:,} bytes; "
              f"whole site {total:,} bytes on disk")
    assert not heavy, heavy
    assert heaviest.weight > 100_000, "the weight counts what pages load"

# --- the book's icon -------------------------------------------------------------------------

class _Icons(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.icons: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "link" and "icon" in (attributes.get("rel") or "").split():
            self.icons.append(attributes.get("href") or "")


def test_every_page_declares_the_book_s_icon(site):
    """Every HTML page of the site (not the theme's template macros in _static) names an icon
    that is there: a page that names none makes browsers ask for /favicon.ico, not in the site."""
    problems = []
    for page_file in sorted(site.rglob("*.html")):
        if "_static" in page_file.relative_to(site).parts:
            continue
        parser = _Icons()
        parser.feed(page_file.read_text(encoding="utf-8"))
        shown = page_file.relative_to(site).as_posix()
        if not parser.icons:
            problems.append(f"{shown}: no <link rel=icon>")
        problems += [f"{shown}: the icon {href} is not in the site" for href in parser.icons
                     if not href.startswith("data:") and not (page_file.parent / href).is_file()]
    assert not problems, "\n".join(problems)


def test_no_request_fails_nor_asks_for_favicon_ico(site, browser):
    """The site root, each edition's index (which sends the reader on to the first chapter) and a
    chapter, each opened afresh: the server, which sees every request, the browser's own for an
    icon too, answers none with an error and is never asked for /favicon.ico."""
    paths = ["", "index.html"]
    for lang in LANGS:
        edition = f"{PLACE}/{YEAR}/{lang}"
        paths += [f"{edition}/", f"{edition}/index.html", f"{edition}/notebooks/09_three_public.html"]
    requests: list[tuple[str, int]] = []
    problems = []
    with serve(site, requests) as base:
        for path in paths:
            del requests[:]
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            recorder = Recorder().attach(page)
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)  # the browser asks for an icon once a page has loaded
            page.wait_for_load_state("networkidle")
            context.close()
            problems += [f"/{path}: {asked} answered {status}" for asked, status in requests
                         if status >= 400 or asked == "/favicon.ico"]
            problems += [f"/{path}: {failure}" for failure in recorder.errors + recorder.failed]
            assert len(requests) > 1, f"/{path}: the server saw no request"
    assert not problems, "\n".join(problems)


# --- navigation ------------------------------------------------------------------------------

def test_language_switch_leads_to_the_same_page(visits, base_url):
    problems = []
    for v in visits.values():
        if v.kind != "chapter":
            continue
        expected = base_url + v.path.replace(f"/{v.lang}/", f"/{OTHER[v.lang]}/", 1)
        if expected not in v.links:
            problems.append(f"{v.path}: no link to {expected}")
    assert not problems, "\n".join(problems)


def test_clicking_the_language_switch(browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    for lang in LANGS:
        page.goto(f"{base_url}{PLACE}/{YEAR}/{lang}/notebooks/06_debt.html")
        page.locator("p.edition-switch a[hreflang]").click()
        page.wait_for_load_state("load")
        assert page.url == f"{base_url}{PLACE}/{YEAR}/{OTHER[lang]}/notebooks/06_debt.html"
        assert page.evaluate("document.documentElement.lang").startswith(OTHER[lang][:2])
    context.close()


def test_site_root_offers_every_year_and_edition(visits, site, base_url, browser):
    editions = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("*/[0-9]*/*/index.html"))
    assert f"{PLACE}/{YEAR}/en" in editions and f"{PLACE}/{YEAR}/zh" in editions
    links = visits["index.html"].links
    context = browser.new_context()
    page = context.new_page()
    for edition in editions:
        target = f"{base_url}{edition}/index.html"
        assert target in links, f"the site root does not offer {edition}"
        page.goto(target)
        page.wait_for_url(f"{base_url}{edition}/notebooks/00_intro.html")
    context.close()


# --- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, query, chapter", SEARCHES)
def test_search_finds_the_chapter_on_its_subject(browser, base_url, lang, query, chapter):
    """Typed into the theme's search box, as a reader would: the chapter whose subject it is
    is among the first three results."""
    context, page, recorder, box = open_search(browser, base_url, lang)
    box.press_sequentially(query, delay=20)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_function("() => document.querySelector('#search-results p.search-summary')?.innerText.length > 0")
    results = page.eval_on_selector_all("#search-results ul.search > li > a",
                                        "links => links.map(a => a.getAttribute('href'))")
    page.wait_for_load_state("networkidle")
    context.close()
    assert any(f"notebooks/{chapter}.html" in href for href in results[:3]), f"{query}: {results[:6]}"
    assert not recorder.errors and not recorder.failed, recorder.errors + recorder.failed


# --- data is text ----------------------------------------------------------------------------

# Labels of facts shown in prose, tables, chart captions and alt text (transfers, reserve fund,
# stabilization fund), each carrying markup that would run or show as an element if it reached a
# page as HTML or Markdown. Every injected tag has class="injected". The Chinese labels of the
# English edition show in its tables' 中文 column (all but the reserve fund's use).
POISONED = {
    "city.transfers.general_equalization": (
        "Equalization <script class=injected>alert(1)</script> transfer payments",
        "均衡性<img class=injected src=x onerror=alert(2)>转移支付收入"),
    "city.transfers.special_agriculture": (
        "Agriculture <img class=injected src=x onerror=alert(3)>, forestry and water",
        "农林水<svg class=injected onload=alert(4)></svg>"),
    "city.general.reserve_heating": (
        "Reserve fund used: heating <img class=injected src=x onerror=alert(5)> allowance",
        "动用预备费：取暖费<script class=injected>alert(6)</script>"),
    "city.general.stabilisation_fund": (
        'Paid into the budget stabilization fund "><iframe class=injected src=javascript:alert(7)></iframe>',
        "安排预算稳定调节基金<b class=injected onmouseover=alert(8)>!</b>"),
    "city.transfers.total": (
        "Transfer payments [received](javascript:alert(9)) <b class=injected onclick=alert(10)>in total</b>",
        "转移支付[合计](javascript:alert(11))"),
}
NOT_SHOWN = {POISONED["city.general.reserve_heating"][1]}
INJECTED = """() => {
    const found = [...document.querySelectorAll(".injected, script, iframe, img[src='x'], a[href^='javascript:']")]
      .filter(e => e.matches(".injected, iframe, img, a") || e.textContent.includes("alert("))
      .map(e => e.outerHTML.slice(0, 120));
    for (const e of document.querySelectorAll("*"))
      for (const a of e.attributes)
        if (a.name.startsWith("on") && a.value.includes("alert(")) found.push(`${e.tagName} ${a.name}=${a.value}`);
    return found; }"""


def test_injection_check_sees_injected_markup(browser, tmp_path):
    """The checks below can fail: on a page where markup did get in, they see it."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>x</title><p>ok</p><img class=injected src=x onerror=alert(1)>"
        "<b onclick=alert(2)>b</b><a href='javascript:alert(3)'>a</a>", encoding="utf-8")
    dialogs: list[str] = []
    with serve(tmp_path) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(INJECTED)
        context.close()
    assert dialogs == ["1"]
    assert len(found) == 4, found  # the img (as an element and by its onerror), the onclick, the link


def test_labels_with_markup_stay_text_in_the_browser(data_copy, tmp_path, monkeypatch, browser):
    """A copy of the data whose labels carry script and markup, let through the validator on
    purpose, built (English edition) and opened: no dialog opens, no injected element exists,
    and the labels show as text."""
    from conftest import edit_csv

    from fiscalbook.build.book import build
    from fiscalbook.data.markup import ACCEPT_MARKUP_VARIABLE

    def poison(rows: list[list[str]]) -> None:
        header = rows[0]
        key, label_en, label_zh = header.index("key"), header.index("label_en"), header.index("label_zh")
        for row in rows[1:]:
            if row[key] in POISONED:
                row[label_en], row[label_zh] = POISONED[row[key]]

    edit_csv(data_copy / PLACE / str(YEAR) / "facts.csv", poison)
    monkeypatch.setenv(ACCEPT_MARKUP_VARIABLE, "1")  # the kernels inherit it
    site = tmp_path / "site"  # the real build's folders stay as they are; the PDF is not the point here
    build(YEAR, ["en"], data_copy, site, build_dir=tmp_path / "_build", pdf=False)
    pages = [f"{PLACE}/{YEAR}/en/notebooks/{name}.html" for name in ("05_reserve", "08_transfers", "14_data_audit")]
    shown, problems = "", []
    with serve(site) as base:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            problems += [f"{path}: {element}" for element in page.evaluate(INJECTED)]
            shown += page.evaluate("""() => document.body.innerText + [...document.querySelectorAll("img[alt]")]
                                        .map(i => i.alt).join(" ")""")
        context.close()
    assert not problems, "\n".join(problems)
    for label in (label for labels in POISONED.values() for label in labels if label not in NOT_SHOWN):
        markup = label[label.index("<") if "<" in label else label.index("["):][:16]
        assert markup in shown, f"the label is not on the pages as text: {label}"
