"""The PDF edition of a built edition: its chapters, in the order of the table of contents,
assembled into one print page and printed by Chromium (Debian's, driven by Playwright).

The print page is made from each built page's article, not from a second Sphinx build: a title
page; a table of contents with page numbers (the book is printed once, the page on which each
chapter starts is read from the PDF, and the book is printed again with the numbers);
the chapters, each from a new page, with their cross-references made links inside the PDF.

Each language has two PDF editions (``PDF_KINDS``). The student edition has no solution and no
model answer (of a computational exercise or a discussion question) and leaves out the teacher's
guide, whose assessment has its answers. The teacher edition has the guide, and the solutions
collected at the end as an answer key, each titled with its exercise's number as the chapter
prints it ("Solution to Exercise 9.2"), where the exercise points to them (a closed dropdown would
print as its title only, and answers beside the questions give them away).
Hidden code and the tooltips' source sentences are left out: they are for the screen.

Chinese text is set in the book's CJK font, cut down to the page's characters
(fiscalbook.build.printfont) and embedded in the PDF, so the text is extractable as Chinese. Two prints
of the same pages give the same bytes: Chromium's only varying bytes, the creation and
modification dates, are set from SOURCE_DATE_EPOCH or blanked (``normalise``).
"""

from __future__ import annotations

import html as htmllib
import os
import posixpath
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from fiscalbook.build.editions import PDF_KINDS, edition_title, pdf_name, toc_documents
from fiscalbook.data.paths import BUILD, CHROMIUM, CHROMIUM_ARGS, DEFAULT_DATA_DIR, DEFAULT_PLACE, PACKAGE
from fiscalbook.data.places import Place, load_place

if TYPE_CHECKING:  # bs4 is loaded when a PDF is made, not whenever the build module is
    from bs4 import BeautifulSoup, Tag

PRINT_CSS = PACKAGE / "static" / "print.css"
# Every request of the print page is answered from the edition's folder by the page's own route.
ORIGIN = "http://print.invalid"  # a name that can never resolve; the route answers it
PRINT_PAGE = "/__print__.html"  # at the edition's root, so its pages' images resolve as they are
FONT_URL = "/__print__/font.ttf"
FONT_FAMILY = "Fiscalbook Print"
CJK_RANGES = "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"  # ideographs, CJK punctuation, full width
MAX_PASSES = 3  # printing until the table of contents' page numbers are those of the PDF
# The browser's window is as wide as print.css's page less its margins (A4, 17 mm a side, at 96
# px an inch), so that what the page measures before printing is what is printed.
PAGE_WIDTH_PX = round((210 - 2 * 17) / 25.4 * 96)

WORDS = {  # the print page's own words, per edition
    "contents": ("Contents", "目录"),
    "solutions": ("Answer key", "练习答案"),
    "solution_at_end": ("Solution in the answer key", "答案见书末"),
    "edition": ("Report year {year} · English edition", "{year}年度报告 · 中文版"),
    "student": ("Student edition", "学生版"),
    "teacher": ("Teacher edition", "教师版"),
    "colophon": (
        "Printed from the web edition of this book, where every figure of the report shows, when "
        "hovered or focused, the sentence of the report it comes from.",
        "本PDF由本书网页版打印生成。在网页版中，将鼠标悬停在报告中的数字上（或用键盘聚焦），即可看到"
        "它在报告中的原句。"),
    "colophon_student": (" This edition has the exercises without their solutions; the teacher edition has them.",
                         "本版只有练习，没有答案；答案见教师版。"),
    "colophon_teacher": (" The solutions of the exercises and the model answers of the discussion questions are in "
                         "the answer key at the end of the book.",
                         "练习答案和讨论题的参考答案附在书末。"),
}
GUIDE = "teachers_guide"  # the teacher's guide's name after its number: in the teacher edition only


class PdfError(RuntimeError):
    """The PDF edition could not be made; the message says why."""


def landing_link(site: Path, year: int | str, lang: str, place: str | None = None) -> str:
    """For the site's landing page: links to an edition's PDFs published in ``site`` under
    ``<place>/<year>/<lang>/`` (' (PDF: <a …>student</a> · <a …>teacher</a>)', to follow the
    edition's own link), else nothing."""
    place = place or DEFAULT_PLACE
    links = []
    for kind in PDF_KINDS:
        href = f"{place}/{year}/{lang}/{pdf_name(int(year), lang, place, kind)}"
        if (site / href).is_file():
            links.append(f'<a href="{htmllib.escape(href)}" type="application/pdf">{_words(kind, lang)}</a>')
    return f' (PDF: {" · ".join(links)})' if links else ""


def write_pdfs(html: Path, lang: str, year: int, place: Place | None = None,
               cache: Path = BUILD / "cache") -> list[Path]:
    """Print both PDF editions of the edition built in ``html``, each to ``html/<pdf_name>``;
    ``cache``: the build's cache folder (print fonts cut for earlier builds)."""
    return [write_pdf(html, lang, year, place=place, kind=kind, cache=cache) for kind in PDF_KINDS]


def write_pdf(html: Path, lang: str, year: int, out: Path | None = None, place: Place | None = None,
              kind: str = "teacher", cache: Path = BUILD / "cache") -> Path:
    """Print the edition built in ``html`` (of ``place``'s year), as the student or teacher
    edition, to ``out`` (by default ``html/<pdf_name>``); print fonts are kept in ``cache``."""
    place = place or load_place(DEFAULT_DATA_DIR)
    out = out or html / pdf_name(year, lang, place.id, kind)
    book = assemble(html, lang, year, place, kind)
    # Playwright's synchronous API runs an event loop in the thread that uses it and refuses a
    # thread that already has one (a caller that drives a browser too): print in a thread of its own.
    pdf = _PRINTER.submit(print_book, book, html, cache / "print-fonts").result()
    partial = out.with_suffix(".partial")
    partial.write_bytes(normalise(pdf))
    partial.replace(out)
    return out


# --- assembling the print page ---------------------------------------------------------------

@dataclass
class Chapter:
    anchor: str  # the id it has in the print page
    title: str
    body: Tag  # the article, rewritten for the print page
    solutions: list[Tag]


@dataclass
class Book:
    html: str  # the print page, its table of contents without page numbers
    entries: list[tuple[str, str]]  # (anchor, title) of each entry of the table of contents


def _words(key: str, lang: str) -> str:
    english, chinese = WORDS[key]
    return chinese if lang == "zh" else english


def anchor_of(document: str) -> str:
    """The id of a chapter in the print page, prefixing the ids of its own elements."""
    return posixpath.basename(document)


def assemble(html: Path, lang: str, year: int, place: Place | None = None, kind: str = "teacher") -> Book:
    """The print page of the edition built in ``html``: the student edition (``kind``) without
    solutions and without the teacher's guide, the teacher edition with both and the answer key."""
    if kind not in PDF_KINDS:
        raise PdfError(f"a PDF edition is one of {PDF_KINDS}, not {kind!r}")
    documents = toc_documents()
    if kind == "student":
        documents = [d for d in documents if not re.fullmatch(rf"(?:\d+[a-z]?_)?{GUIDE}", posixpath.basename(d))]
    chapters = [_chapter(html, document, documents, lang, keep_solutions=kind == "teacher") for document in documents]
    solved = [c for c in chapters if c.solutions]
    entries = [(c.anchor, c.title) for c in chapters]
    if solved:
        entries.append(("print-solutions", _words("solutions", lang)))
    title = edition_title(lang, place)
    body = [_title_page(title, lang, year, kind), _contents(entries, lang)]
    body += [f'<section class="print-chapter" id="{c.anchor}">{c.body.decode_contents()}</section>'
             for c in chapters]
    if solved:
        body.append(_solutions(solved, lang))
    page = (f'<!doctype html>\n<html lang="{_page_lang(html / f"{documents[0]}.html")}" data-theme="light"><head>'
            f'<meta charset="utf-8"><title>{htmllib.escape(title)}</title>\n<style>{_styles(html)}</style>'
            f'</head>\n<body>\n{"".join(body)}\n</body></html>\n')
    return Book(page, entries)


def _page_lang(path: Path) -> str:
    """The language a built page declares (its <html lang>)."""
    found = re.search(r'<html[^>]*\slang="([^"]+)"', path.read_text(encoding="utf-8")[:2000])
    if not found:
        raise PdfError(f"{path}: the built page declares no language")
    return found.group(1)


def _article(path: Path) -> BeautifulSoup:
    """The article of a built page (only it is parsed: the theme's navigation is most of a page)."""
    text = path.read_text(encoding="utf-8")
    start = text.find('<article class="bd-article"')
    end = text.find("</article>", start)
    if start < 0 or end < 0:
        raise PdfError(f"{path}: no <article class=\"bd-article\"> in the built page")
    from bs4 import BeautifulSoup

    return BeautifulSoup(text[start:end + len("</article>")], "html.parser")


def _chapter(html: Path, document: str, documents: list[str], lang: str, keep_solutions: bool = True) -> Chapter:
    soup = _article(html / f"{document}.html")
    article = soup.article
    prefix = anchor_of(document)
    for element in article.select("p.edition-switch, a.headerlink, script"):
        element.decompose()
    # Hidden code is for the screen; what a hidden output or a collapsed table holds is printed.
    for details in article.find_all("details"):
        if "hide" in (details.get("class") or []):
            for code in details.select(".cell_input"):
                code.decompose()
        if details.summary:
            details.summary.decompose()
        details.unwrap()
    for element in article.find_all(id=True):
        element["id"] = f"{prefix}--{element['id']}"
    for link in article.find_all("a", href=True):
        _relink(link, document, documents)
    for image in article.find_all("img", src=True):
        image["src"] = _resolve(document, image["src"])
    for element in article.select("span.fact[title], span.derived[title], span.law[title]"):
        del element["title"]  # the source sentence (the law's words) shows on hover only
    heading = article.find("h1")
    if heading is None:
        raise PdfError(f"{document}: the built page has no title (h1)")
    solutions = []
    for solution in article.select("div.solution"):
        if not keep_solutions:
            solution.decompose()
            continue
        reference = soup.new_tag("p", attrs={"class": "print-solution-ref"})
        link = soup.new_tag("a", href=f"#{solution['id']}")
        link.string = "→ " + _words("solution_at_end", lang)
        reference.append(link)
        solution.replace_with(reference)
        solutions.append(solution)
    return Chapter(prefix, heading.get_text(" ", strip=True), article, solutions)


def _resolve(document: str, url: str) -> str:
    """A URL of a page as a path from the edition's root (where the print page is)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(document), url))


def _relink(link: Tag, document: str, documents: list[str]) -> None:
    """Point a link of a chapter to its place in the print page; keep a link to the web as
    it is; a link to a file of the site (a download) keeps only its text."""
    parts = urlsplit(link["href"])
    if parts.scheme or parts.netloc:
        return
    if not parts.path:
        target = document
    else:
        target = _resolve(document, unquote(parts.path))
        target = target[:-len(".html")] if target.endswith(".html") else ""
    if target not in documents:
        link.unwrap()
        return
    prefix = anchor_of(target)
    link["href"] = f"#{prefix}--{parts.fragment}" if parts.fragment else f"#{prefix}"


def _title_page(title: str, lang: str, year: int, kind: str = "teacher") -> str:
    edition = f'{_words("edition", lang).format(year=year)} · {_words(kind, lang)}'
    colophon = _words("colophon", lang) + _words(f"colophon_{kind}", lang)
    return (f'<div class="print-title-page"><p class="print-title">{htmllib.escape(title)}</p>'
            f'<p class="print-edition">{htmllib.escape(edition)}</p>'
            f'<p class="print-colophon">{htmllib.escape(colophon)}</p></div>')


def _contents(entries: list[tuple[str, str]], lang: str) -> str:
    items = "".join(f'<li><a href="#{anchor}"><span class="print-toc-title">{htmllib.escape(title)}</span>'
                    f'<span class="print-toc-page"></span></a></li>'
                    for anchor, title in entries)
    return f'<nav class="print-toc" id="print-toc"><h1>{_words("contents", lang)}</h1><ol>{items}</ol></nav>'


def _solutions(chapters: list[Chapter], lang: str) -> str:
    parts = [f'<section class="print-solutions" id="print-solutions"><h1>{_words("solutions", lang)}</h1>']
    for chapter in chapters:
        parts.append(f'<section><h2><a href="#{chapter.anchor}">{htmllib.escape(chapter.title)}</a></h2>')
        parts += [str(solution) for solution in chapter.solutions]
        parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)


def _styles(html: Path) -> str:
    """The print page's style: the font, the highlighting of code, then print.css."""
    # The font twice: whole for the text; only its CJK characters for code, before the monospace
    # font (Chromium draws boxes for the first CJK characters it falls back to after a system font).
    source = f'src: url("{FONT_URL}") format("truetype");'
    font = (f'@font-face {{ font-family: "{FONT_FAMILY}"; {source} }}\n'
            f'@font-face {{ font-family: "{FONT_FAMILY} CJK"; {source} unicode-range: {CJK_RANGES}; }}\n')
    pygments = html / "_static" / "pygments.css"
    return font + (pygments.read_text(encoding="utf-8") if pygments.is_file() else "") + \
        PRINT_CSS.read_text(encoding="utf-8")


# --- printing ----------------------------------------------------------------------------------

class _Browser(threading.local):
    """One Chromium per thread (the printing thread, see write_pdf), started at the first print
    and closed by ``close_browser``, which the build calls when its editions are done: a build
    printing both editions starts the browser once. (Playwright's driver ends with Python.)"""

    playwright = None
    browser = None

    def get(self):
        if self.browser is None:
            if not CHROMIUM.is_file():
                raise PdfError(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package)")
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return self.browser

    def close(self) -> None:
        if self.browser is not None:
            self.browser.close()
            self.playwright.stop()
            self.browser = self.playwright = None


_BROWSER = _Browser()


_PRINTER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fiscalbook-pdf")


def close_browser() -> None:
    """Close the print browser, if one is open (in the thread it was opened in)."""
    _PRINTER.submit(_BROWSER.close).result()


def print_book(book: Book, html: Path, fonts: Path = BUILD / "cache" / "print-fonts") -> bytes:
    """The book printed to PDF, its table of contents numbered with the pages of that PDF.

    A first, plain print finds where each chapter starts; the numbers are written into the
    loaded page and it is printed tagged (the structure that screen readers and the PDF's
    outline of bookmarks are made from), and printed again only if they moved."""
    from fiscalbook.build.printfont import print_font

    # The page's every character is in its markup (bs4 writes characters, not references).
    font = print_font(book.html, fonts)
    anchors = [anchor for anchor, _ in book.entries]
    with _PrintPage(html, font) as page:
        page.load(book.html)
        pages = entry_pages(page.print(tagged=False), anchors)
        for _ in range(MAX_PASSES):
            page.number_contents(pages)
            pdf = page.print(tagged=True)
            found = entry_pages(pdf, anchors)
            if found == pages:
                return pdf
            pages = found
    raise PdfError(f"the table of contents' page numbers did not settle in {MAX_PASSES} prints")


class _PrintPage:
    """A browser page whose requests to ORIGIN are answered from the edition's folder (the
    print page itself and its font from memory)."""

    def __init__(self, html: Path, font: bytes) -> None:
        self.root = html.resolve()
        self.font = font
        self.content = ""
        self.failures: list[str] = []

    def __enter__(self) -> _PrintPage:
        self.page = _BROWSER.get().new_page(viewport={"width": PAGE_WIDTH_PX, "height": 1000})
        self.page.route(f"{ORIGIN}/**", self._answer)
        self.page.on("pageerror", lambda error: self.failures.append(str(error)))
        return self

    def __exit__(self, *exc: object) -> None:
        self.page.close()

    def _answer(self, route) -> None:
        path = unquote(urlsplit(route.request.url).path)
        if path == PRINT_PAGE:
            route.fulfill(body=self.content, content_type="text/html; charset=utf-8")
            return
        if path == FONT_URL:
            route.fulfill(body=self.font, content_type="font/ttf")
            return
        file = (self.root / path.lstrip("/")).resolve()
        if file.is_relative_to(self.root) and file.is_file():
            route.fulfill(path=str(file))
        else:
            self.failures.append(f"{path} (not found)")
            route.fulfill(status=404, body="")

    def load(self, content: str) -> None:
        """Load ``content`` as the print page, with its images and font, laid out for print."""
        self.content = content
        page = self.page
        page.goto(ORIGIN + PRINT_PAGE, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => undefined)")
        if self.failures:
            raise PdfError(f"the print page could not load: {', '.join(sorted(set(self.failures)))}")
        if not page.evaluate(FONT_LOADED, FONT_FAMILY):
            raise PdfError("the print font did not load")
        page.emulate_media(media="print")
        page.evaluate(SHRINK_WIDE_TABLES)

    def number_contents(self, pages: dict[str, int]) -> None:
        """Write each entry's page into the table of contents."""
        self.page.evaluate(NUMBER_CONTENTS, pages)

    def print(self, tagged: bool) -> bytes:
        """The loaded page as PDF; ``tagged`` adds the document's structure and the outline
        made from its headings."""
        return self.page.pdf(prefer_css_page_size=True, print_background=True, outline=tagged, tagged=tagged)


FONT_LOADED = """family => [...document.fonts].some(
  font => font.family.replace(/"/g, '') === family && font.status === 'loaded')"""
NUMBER_CONTENTS = """pages => {
  for (const [anchor, page] of Object.entries(pages))
    document.querySelector(`.print-toc a[href="#${anchor}"] .print-toc-page`).textContent = page;
}"""
# A table wider than the page is scaled down to its width (its box scrolls on screen).
SHRINK_WIDE_TABLES = """() => {
  for (const box of document.querySelectorAll('.table-scroll')) {
    const table = box.querySelector('table');
    if (table && table.scrollWidth > box.clientWidth)
      table.style.zoom = (box.clientWidth / table.scrollWidth).toFixed(3);
  }
}"""


def entry_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """The page (from 1) on which each anchor of the print page is, from the PDF's named
    destinations (Chromium writes one for every target of a link: the contents link to each
    entry)."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    destinations = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    missing = [anchor for anchor in anchors if anchor not in destinations]
    if missing:
        raise PdfError(f"the PDF has no destination for {', '.join(missing[:5])}")
    return {anchor: reader.get_destination_page_number(destinations[anchor]) + 1 for anchor in anchors}


# --- the same bytes from the same pages -------------------------------------------------------

DATES = re.compile(rb"/(CreationDate|ModDate) ?\(D:[0-9]{4}[^)]*\)")


def normalise(pdf: bytes) -> bytes:
    """The PDF with its dates set from SOURCE_DATE_EPOCH, or blanked when it is not set: each
    date is replaced by a text of the same length, so no offset of the file moves."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(epoch))) if epoch else None

    def replace(match: re.Match) -> bytes:
        if stamp is None:
            return b" " * len(match.group())
        text = f"/{match.group(1).decode()} (D:{stamp}+00'00')".encode()
        return text.ljust(len(match.group()))

    return DATES.sub(replace, pdf)
