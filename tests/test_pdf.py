"""The PDF editions (fiscalbook.build.pdf): per language a student PDF (no solution, no model answer,
no teacher's guide) and a teacher PDF (the guide, and the answer key at the end), published with
the edition and read back with pypdf: chapter titles and Chinese terms as text, page numbers,
bookmarks and contents listing every chapter, the font embedded, every page of the site linking
to both, and the same bytes when the same pages are printed again."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import PLACE, YEAR
from pypdf import PdfReader

from fiscalbook.build.book import BUILD, edition_key
from fiscalbook.build.editions import PDF_KINDS, toc_documents
from fiscalbook.build.pdf import GUIDE, assemble, landing_link, normalise, pdf_name, write_pdf
from fiscalbook.build.sphinx_edition import edition_link
from fiscalbook.story.fmt import LANGS

TERMS = ("中卫市", "转移支付", "三公", "一般公共预算")
QUOTES = "\"'“”‘’「」"


def edition(site: Path, lang: str) -> Path:
    return site / PLACE / str(YEAR) / lang


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def page_text(path: Path, number: int) -> str:
    """The text of a page (numbered from 1): pypdf is slow on long documents, so the tests read
    only the pages they need."""
    return reader(path).pages[number - 1].extract_text()


def plain(text: str) -> str:
    """Text without quotes and white space (Markdown's straight quotes become curly on the page;
    the PDF breaks lines where the page did)."""
    return re.sub(rf"[\s{QUOTES}]", "", text)


def documents_of(kind: str) -> list[str]:
    """The chapters a PDF edition prints: the teacher's guide only in the teacher's."""
    return [d for d in toc_documents() if kind == "teacher" or not d.endswith("_teachers_guide")]


def notebook_titles(lang: str, kind: str = "teacher") -> list[str]:
    """Each chapter's title as its executed notebook writes it (its first '# ' heading)."""
    titles = []
    for document in documents_of(kind):
        notebook = json.loads((BUILD / "exec" / edition_key(PLACE, YEAR, lang) / f"{document}.ipynb")
                              .read_text(encoding="utf-8"))
        markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        heading = re.search(r"^# (.+)$", markdown, re.M)
        assert heading, f"{document} ({lang}) has no title"
        titles.append(re.sub(r"[*_`]", "", heading.group(1)).strip())
    return titles


def outline(path: Path) -> list[tuple[str, int]]:
    """The PDF's top-level bookmarks: (title, page from 1)."""
    pdf = reader(path)
    return [(entry.title, pdf.get_destination_page_number(entry) + 1)
            for entry in pdf.outline if not isinstance(entry, list)]


@pytest.fixture(params=[(lang, kind) for lang in LANGS for kind in PDF_KINDS], ids=lambda p: "-".join(p))
def book(site: Path, request) -> tuple[str, Path]:
    lang, kind = request.param
    path = edition(site, lang) / pdf_name(YEAR, lang, kind=kind)
    assert path.is_file(), f"{path} was not published"
    return lang, path


def kind_of(path: Path) -> str:
    return "student" if path.name.endswith("-student.pdf") else "teacher"


@cache
def all_text(path: Path) -> str:
    return "".join(page_text(path, number) for number in range(1, len(reader(path).pages) + 1))


def test_the_pdf_is_published_with_its_edition(book):
    lang, path = book
    assert path.read_bytes().startswith(b"%PDF-")
    assert len(reader(path).pages) > len(toc_documents())  # a title page, contents, chapters


def test_every_chapter_is_bookmarked_and_listed_in_the_contents_with_its_page(book):
    lang, path = book
    titles = notebook_titles(lang, kind_of(path))
    bookmarks = outline(path)
    chapters = [(title, page) for title, page in bookmarks if plain(title) in {plain(t) for t in titles}]
    assert [plain(title) for title, _ in chapters] == [plain(t) for t in titles], bookmarks
    contents = plain(page_text(path, 2))
    for title, page in chapters:
        assert f"{plain(title)}{page}" in contents, f"contents lack {title!r} on page {page}"
        assert plain(title) in plain(page_text(path, page)), f"{title!r} is not on page {page}"


def test_chinese_terms_are_text_in_an_embedded_font(book):
    lang, path = book
    pages = sorted({page for _, page in outline(path)})
    text = "".join(page_text(path, page) for page in pages)
    missing = [term for term in TERMS if term not in text]
    assert not missing, f"{path.name}: {missing} not found as text on the chapters' first pages"
    assert not re.search(r"[\x00\ufffd\u2e80-\u2fdf]", text), "boxes or radicals instead of characters"
    for page in pages:
        for font in reader(path).pages[page - 1]["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":  # a CID font: its glyphs are in the file
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
            else:
                assert font["/Subtype"] == "/Type3", font  # drawn glyphs (synthetic bold)


def test_every_page_but_the_title_carries_its_number(book):
    lang, path = book
    count = len(reader(path).pages)
    assert f"1 / {count}" not in page_text(path, 1)
    for number in sorted({2, 3, count // 2, count}):
        assert re.search(rf"(?<!\d){number}\s*/\s*{count}(?!\d)", page_text(path, number)), number


SOLUTION_TITLE = {"en": "Solution to", "zh": "解答"}


def test_the_teacher_edition_has_the_guide_and_the_answer_key_numbered_as_the_chapters(site):
    for lang in LANGS:
        path = edition(site, lang) / pdf_name(YEAR, lang, kind="teacher")
        title, page = outline(path)[-1]
        assert title == ("练习答案" if lang == "zh" else "Answer key")
        key = plain("".join(page_text(path, n) for n in range(page, len(reader(path).pages) + 1)))
        assert "load_year" in key  # the solutions' code is shown
        word = "练习" if lang == "zh" else "Exercise"
        assert re.search(rf"{plain(SOLUTION_TITLE[lang])}.{{0,4}}{word}\d+\.\d+", key), "unnumbered solutions"
        assert any(plain(t) == plain(notebook_titles(lang)[-1]) for t, _ in outline(path))  # the guide


def test_the_student_edition_has_no_solution_and_no_guide(site):
    for lang in LANGS:
        path = edition(site, lang) / pdf_name(YEAR, lang, kind="student")
        text = plain(all_text(path))
        word = "练习" if lang == "zh" else "Exercise"
        assert re.search(rf"{word}\d+\.\d+", text), "the exercises are printed"
        assert not re.search(rf"{plain(SOLUTION_TITLE[lang])}{word}\d", text), "a solution is printed"
        assert "load_year(" not in text
        titles = dict(zip(documents_of("teacher"), notebook_titles(lang), strict=True))
        guide = next(title for document, title in titles.items() if document.endswith(GUIDE))
        shown = [plain(t) for t, _ in outline(path)]
        assert plain(guide) not in shown
        assert all(plain(title) in shown for document, title in titles.items() if not document.endswith(GUIDE)), \
            "every other chapter is in the student edition"


def test_a_second_print_gives_the_same_bytes(site, tmp_path):
    lang = "zh"
    published = edition(site, lang) / pdf_name(YEAR, lang, kind="student")
    again = write_pdf(edition(site, lang), lang, YEAR, tmp_path / "again.pdf", kind="student")
    assert again.read_bytes() == published.read_bytes()


def test_dates_are_blanked_or_set_from_source_date_epoch(monkeypatch):
    printed = b"<</Creator (Chromium)\n/CreationDate (D:20260101093000+00'00')\n/ModDate (D:20260101093000+00'00')>>"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    blank = normalise(printed)
    assert len(blank) == len(printed) and b"Date" not in blank and blank.startswith(b"<</Creator (Chromium)")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = normalise(printed)
    assert len(dated) == len(printed) and dated.count(b"(D:20231114221320+00'00')") == 2


def test_every_page_of_the_site_links_both_pdfs(site):
    for lang in LANGS:
        root = edition(site, lang)
        for document in toc_documents():
            page = (root / f"{document}.html").read_text(encoding="utf-8")
            for kind in PDF_KINDS:
                link = re.search(rf'<a class="edition-pdf edition-pdf-{kind}" href="([^"]+)"', page)
                assert link, f"{document} ({lang}) has no {kind} PDF link"
                target = (root / document).parent.joinpath(link.group(1)).resolve()
                assert target == (root / pdf_name(YEAR, lang, kind=kind)).resolve()


def test_the_site_root_offers_every_pdf(site):
    landing = (site / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        for kind in PDF_KINDS:
            assert f'href="{PLACE}/{YEAR}/{lang}/{pdf_name(YEAR, lang, kind=kind)}"' in landing


def test_pdf_names_say_the_edition():
    assert pdf_name(YEAR, "en") == f"{PLACE}-{YEAR}-en-student.pdf"
    assert pdf_name(YEAR, "zh", kind="teacher") == f"{PLACE}-{YEAR}-zh-teacher.pdf"
    with pytest.raises(ValueError):
        pdf_name(YEAR, "en", kind="answers")


def test_the_landing_page_link_names_a_published_pdf(tmp_path):
    assert landing_link(tmp_path, YEAR, "zh") == ""
    (tmp_path / PLACE / str(YEAR) / "zh").mkdir(parents=True)
    (tmp_path / PLACE / str(YEAR) / "zh" / pdf_name(YEAR, "zh", kind="teacher")).write_bytes(b"%PDF-")
    link = landing_link(tmp_path, str(YEAR), "zh")
    assert f'href="{PLACE}/{YEAR}/zh/{pdf_name(YEAR, "zh", kind="teacher")}"' in link and "student" not in link


def test_the_switch_links_both_pdfs_from_any_depth():
    links = {"en": ["English", "en"], "zh": ["中文", "zh-Hans"]}
    pdfs = [[kind, pdf_name(YEAR, "zh", kind=kind)] for kind in PDF_KINDS]
    switch, _ = edition_link("notebooks/08_transfers", "zh", links, pdfs)
    assert f'href="../{pdf_name(YEAR, "zh")}"' in switch and "PDF 学生版" in switch and "PDF 教师版" in switch
    switch, _ = edition_link("index", "en", links, [["student", pdf_name(YEAR, "en")]])
    assert f'href="{pdf_name(YEAR, "en")}"' in switch
    assert "edition-pdf" not in edition_link("index", "en", links)[0]


@pytest.mark.parametrize("kind", PDF_KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_print_page_links_only_inside_itself_and_shows_no_screen_controls(site, lang, kind):
    page = assemble(edition(site, lang), lang, YEAR, kind=kind).html
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    internal = [href for href in re.findall(r'\shref="([^"]+)"', page) if not re.match(r"[a-z]+:", href)]
    assert internal and all(href.startswith("#") and href[1:] in ids for href in internal), \
        [href for href in internal if href[1:] not in ids][:5]
    assert "<details" not in page and "<script" not in page and "edition-switch" not in page
    assert not re.search(r'class="(fact|derived)"[^>]*title=', page)  # tooltips are for the screen
    assert ("显示代码" if lang == "zh" else "Show code") not in page  # hidden code stays hidden
