"""Rerunning the book with another year's report (issue: next year's report in one command).

Two builds, each into a temporary folder, shared by the tests of this module:

* **the next year alone**: a synthetic 2024 made from 2023 (every figure changed, years shifted),
  without 2023 beside it, English edition: no 2023 figure may appear anywhere in it, and every
  exercise's solution runs on it;
* **a thin next year beside 2023**: the synthetic 2024 with two whole sections and two
  headline figures taken out, both editions, published into a site that already holds the
  2023 book: chapters say what the report leaves out, absent sections get a stand-in page,
  the two years are compared, and the 2023 book is left as it was.

These builds leave out the PDF editions: the shipped year's PDFs are tested in test_pdf.py.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PLACE, YEAR
from support.synthetic import THIN_KEYS, THIN_SECTIONS, Scaling, synthetic_year, thin_year

from fiscalbook.build.book import build
from fiscalbook.build.editions import toc_documents
from fiscalbook.build.notebooks import exercises
from fiscalbook.data.load import DEFAULT_DATA_DIR, load_year
from fiscalbook.story.fmt import LANGS, significant_digits

NEXT = YEAR + 1


class PageText(HTMLParser):
    """Everything a reader can see or hear of a page: text, alt texts, titles (tooltips)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "pre", "code"):  # not prose: code, such as a solution's
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in ("alt", "title", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "pre", "code"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(page: Path) -> str:
    parser = PageText()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def chapter_pages(edition: Path) -> dict[str, Path]:
    return {document.rsplit("/", 1)[-1]: edition / f"{document}.html" for document in toc_documents()}


@pytest.fixture(scope="session")
def next_year_alone(tmp_path_factory) -> Path:
    """The English book of a synthetic next year, alone in its data folder."""
    root = tmp_path_factory.mktemp("next-year")
    synthetic_year(DEFAULT_DATA_DIR, YEAR, NEXT, root / "data", Scaling(consistent_growth=False), keep_source=False)
    build(NEXT, ["en"], root / "data", root / "site", build_dir=root / "_build", pdf=False)
    return root


@pytest.fixture(scope="session")
def thin_beside(tmp_path_factory, site) -> Path:
    """Both editions of a thin next year, built into a copy of the shipped site."""
    root = tmp_path_factory.mktemp("thin-year")
    shutil.copytree(DEFAULT_DATA_DIR, root / "data")
    synthetic_year(root / "data", YEAR, NEXT, root / "data")
    thin_year(root / "data", NEXT, drop_sections=THIN_SECTIONS, drop_keys=THIN_KEYS)
    shutil.copytree(site, root / "site")
    build(NEXT, LANGS, root / "data", root / "site", build_dir=root / "_build", pdf=False)
    return root


def distinctive_2023_figures() -> set[str]:
    """Figures of the shipped year that no other number is likely to equal by chance: four or
    more significant digits (a round 10,000 is not one), written as the book writes them."""
    from fiscalbook.story.fmt import group

    facts = load_year(YEAR).facts
    return {group(text.lstrip("-")) for text in facts["text"] if significant_digits(text, whole_zeros=False) >= 4}


# What is computed, not stated, and may equal an old figure by chance: yuan added for English
# readers (1,356 万元 is ¥13.56 m) and the bounds of a range the digits allow ("12.95 – 13.05").
COMPUTED = re.compile(r"\(-?¥[^)]*\)|-?[\d.,]+\s*[–—]\s*-?[\d.,]+")


def test_the_next_year_shows_no_figure_of_the_year_before(next_year_alone):
    figures = distinctive_2023_figures()
    new = {f for f in load_year(NEXT, next_year_alone / "data").facts["text"]}
    leaked = {}
    for name, page in chapter_pages(next_year_alone / "site" / PLACE / str(NEXT) / "en").items():
        text = COMPUTED.sub(" ", page_text(page))
        found = {f for f in figures - new if re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", text)}
        if found:
            leaked[name] = sorted(found)
    assert leaked == {}, f"figures of {YEAR} in the {NEXT} book: {leaked}"
    assert len(figures) > 100, "the check compares many figures"


def test_every_stated_figure_of_the_next_year_is_its_own(next_year_alone):
    """Each figure the book shows as stated (a span with its key) is the new report's value."""
    from fiscalbook.story.fmt import group

    facts = load_year(NEXT, next_year_alone / "data")
    shown = 0
    for name, page in chapter_pages(next_year_alone / "site" / PLACE / str(NEXT) / "en").items():
        html = page.read_text(encoding="utf-8")
        for key, inside in re.findall(r'<span class="fact" tabindex="0" data-key="([^"]+)"[^>]*>(.*?)</span>', html):
            if not facts.has(key):
                continue  # a previous report's figure (prior), traced to that report
            shown += 1
            written = group(facts.fact(key).text.lstrip("-"))
            assert written in inside, f"{name}: {key} shows {inside!r}, the {NEXT} report states {written}"
    assert shown > 300


def test_every_exercise_runs_on_the_next_year(next_year_alone):
    executed = next_year_alone / "_build" / "exec" / f"{PLACE}-{NEXT}-en"
    labels = []
    for document in toc_documents():
        import json

        notebook = json.loads((executed / f"{document}.ipynb").read_text(encoding="utf-8"))
        for exercise in exercises(notebook):
            labels.append(exercise.label)
            for index in exercise.cells:
                cell = notebook["cells"][index]
                if cell["cell_type"] == "code":
                    assert cell["outputs"], f"{exercise.label}: a solution without output"
                    assert not any(o.get("output_type") == "error" for o in cell["outputs"]), exercise.label
    assert len(labels) >= 2 * 13, "two exercises or more in every report chapter"


@pytest.mark.parametrize("lang", LANGS)
def test_a_thin_year_says_what_its_report_leaves_out(thin_beside, lang):
    pages = chapter_pages(thin_beside / "site" / PLACE / str(NEXT) / lang)
    texts = {name: page_text(page) for name, page in pages.items()}
    absent = ("has no section on", "没有关于")[lang == "zh"]
    assert absent in texts["08_transfers"] and absent in texts["09_three_public"]
    not_stated = (f"Not stated in the {NEXT} report", f"{NEXT}年报告未列出")[lang == "zh"]
    saying = [name for name, text in texts.items() if not_stated in text]
    assert "02_whole_city" in saying, "the whole city's revenue is gone, and its chapter says so"
    for name, text in texts.items():
        # Python's None as a value, not the English word that opens "None of these articles …"
        assert not re.search(r"\b(nan|NaN)\b|\bNone\b(?! of\b)", text), f"{name} prints a missing value as a number"


def test_two_years_side_by_side(thin_beside, site):
    root = thin_beside / "site"
    landing = (root / "index.html").read_text(encoding="utf-8")
    for year in (YEAR, NEXT):
        for lang in LANGS:
            assert f'href="{PLACE}/{year}/{lang}/index.html"' in landing
    for page in (site / PLACE / str(YEAR) / "en").rglob("*.html"):
        copy = root / PLACE / str(YEAR) / "en" / page.relative_to(site / PLACE / str(YEAR) / "en")
        assert copy.read_bytes() == page.read_bytes(), f"building {NEXT} changed the {YEAR} book: {copy}"
    audit = page_text(root / PLACE / str(NEXT) / "en" / "notebooks" / "14_data_audit.html")
    assert re.search(r"\d+ agree within the rounding of their digits", audit), "stated growth rates checked"
    assert "Stated changes that the two reports' figures do not bear out" in audit
    overview = page_text(root / PLACE / str(NEXT) / "en" / "notebooks" / "01_overview.html")
    assert str(YEAR) in overview and str(NEXT) in overview


@pytest.mark.parametrize("lang", LANGS)
def test_first_half_rates_imply_the_same_period_of_the_year_before(thin_beside, lang):
    """With the previous report beside it, 11's table sets first-half figures beside those a 同比 rate
    implies: the same period of the year before, not the previous year's whole."""
    text = page_text(thin_beside / "site" / PLACE / str(NEXT) / lang / "notebooks" / "11_first_half.html")
    caption = ("report's first-half figures", "年报告所列上半年数字的对照")[lang == "zh"]
    assert caption in text, "the first-half comparison table is built"
    assert ("Implied same period of previous year", "推算上年同期数")[lang == "zh"] in text
    assert ("Implied previous year", "推算上年数")[lang == "zh"] not in text
