"""The built site: every chapter in both editions, no warnings, Chinese everywhere it belongs,
links between editions, search, page weight; and the build's own mechanics."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PLACE, SITE, YEAR, edit_csv

from fiscalbook.build.book import BUILD, BuildError, build, edition_key, edition_notebook, publish, stderr_outputs
from fiscalbook.build.editions import toc_documents
from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.data.problems import DataError
from fiscalbook.story.fmt import LANGS

PAGE_BUDGET = 1_000_000  # bytes per page, images included


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.images: list[str] = []
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes.get("src", ""))
            assert attributes.get("alt"), f"image without alt text: {attributes.get('src')}"
        if tag == "html":
            self.html_lang = attributes.get("lang", "")


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def edition(site: Path, lang: str) -> Path:
    """Where an edition of the shipped year is published: <site>/<year>/<lang>/."""
    return site / PLACE / str(YEAR) / lang


def pages(site: Path, lang: str) -> list[Path]:
    return [edition(site, lang) / f"{document}.html" for document in toc_documents()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_page_exists_with_a_table_or_figure(site, lang):
    for page in pages(site, lang):
        assert page.is_file(), page
        text = page.read_text(encoding="utf-8")
        assert "<table" in text or "<img" in text, f"{page.name} has neither a table nor a figure"


@pytest.mark.parametrize("lang", LANGS)
def test_the_build_logged_no_warning(site, lang):
    log = (BUILD / "logs" / f"{edition_key(PLACE, YEAR, lang)}.log").read_text(encoding="utf-8")
    assert "WARNING:" not in log and "Glyph" not in log


@pytest.mark.parametrize("lang", LANGS)
def test_executed_notebooks_wrote_nothing_to_stderr(site, lang):
    for notebook in (BUILD / "exec" / edition_key(PLACE, YEAR, lang)).rglob("*.ipynb"):
        assert stderr_outputs(json.loads(notebook.read_text(encoding="utf-8"))) == [], notebook.name


@pytest.mark.parametrize("lang", LANGS)
def test_pages_hide_setup_and_injected_parameters(site, lang):
    for page in pages(site, lang):
        text = page.read_text(encoding="utf-8")
        assert "injected-parameters" not in text, page.name
        assert str(DEFAULT_DATA_DIR.resolve()) not in text, f"{page.name} shows the injected data_dir"
        assert "from fiscalbook" not in text, page.name


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_itself_in_the_other_edition(site, lang):
    other = next(code for code in LANGS if code != lang)
    for page in pages(site, lang):
        switch = [href for href in parse(page).hrefs if f"/{other}/" in href]
        assert switch, f"{page.name} has no link to the {other} edition"
        target = edition(site, other) / page.relative_to(edition(site, lang))
        assert (page.parent / switch[0]).resolve() == target.resolve()


def test_site_root_offers_both_editions(site):
    hrefs = parse(site / "index.html").hrefs
    for lang in LANGS:
        assert f"{PLACE}/{YEAR}/{lang}/index.html" in hrefs and (edition(site, lang) / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_internal_links_resolve(site, lang):
    for page in edition(site, lang).rglob("*.html"):
        for href in parse(page).hrefs:
            target = href.split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(site)} links to missing {href}"


def test_chinese_edition_is_chinese(site):
    for page in pages(site, "zh"):
        links = parse(page)
        assert links.html_lang.startswith("zh"), page.name
        text = page.read_text(encoding="utf-8")
        assert "搜索" in text, "the theme's interface speaks Chinese"


def search_terms(site: Path, lang: str) -> set[str]:
    text = (edition(site, lang) / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"])


def test_chinese_search_finds_chinese_terms(site):
    terms = search_terms(site, "zh")
    for term in ("转移支付", "三公经费", "一般公共预算", "预算稳定调节基金"):
        assert term in terms, f"search index lacks {term}"


def test_english_search_finds_english_terms(site):
    assert {"transfer", "debt"} <= search_terms(site, "en")


@pytest.mark.parametrize("lang", LANGS)
def test_pages_are_light(site, lang):
    for page in pages(site, lang):
        images = {(page.parent / src).resolve() for src in parse(page).images if not src.startswith("data:")}
        weight = page.stat().st_size + sum(image.stat().st_size for image in images)
        assert weight <= PAGE_BUDGET, f"{page.name}: {weight:,} bytes"


# --- mechanics ------------------------------------------------------------------------------

def test_edition_notebook_keeps_one_language_and_hides_injected_parameters():
    notebook = {"metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {"tags": ["lang-en"]}, "source": "# Title"},
        {"cell_type": "markdown", "metadata": {"tags": ["lang-zh"]}, "source": "# 标题"},
        {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]}, "source": "lang = 'zh'"},
    ]}
    cells = edition_notebook(notebook, "zh")["cells"]
    assert [c["source"] for c in cells] == ["# 标题", "lang = 'zh'"]
    assert "remove-cell" in cells[1]["metadata"]["tags"]


def test_stderr_is_detected():
    notebook = {"cells": [{"outputs": [{"output_type": "stream", "name": "stderr",
                                        "text": "UserWarning: Glyph 20013 missing from font(s) DejaVu Sans.\n"}]}]}
    assert stderr_outputs(notebook) == ["UserWarning: Glyph 20013 missing from font(s) DejaVu Sans."]


def test_publish_replaces_the_site_whole(tmp_path):
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "site" / "en"
    for folder, text in ((first, "one"), (second, "two")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    publish(first, out)
    publish(second, out)
    assert (out / "index.html").read_text() == "two"
    assert sorted(p.name for p in out.parent.iterdir()) == ["en"], "no half-written folders left"
    with pytest.raises(FileNotFoundError):
        publish(tmp_path / "missing", out)
    assert (out / "index.html").read_text() == "two", "a failed publish keeps the last good site"


def test_invalid_data_fails_before_touching_the_site(tmp_path, data_copy):
    out = tmp_path / "site"
    edition(out, "en").mkdir(parents=True)
    (edition(out, "en") / "index.html").write_text("last good site")
    edit_csv(data_copy / PLACE / str(YEAR) / "facts.csv", lambda rows: rows[1].__setitem__(9, "亿美元"))
    with pytest.raises(DataError):
        build(YEAR, ["en"], data_copy, out)
    assert (edition(out, "en") / "index.html").read_text() == "last good site"


def one_notebook_book(tmp_path: Path, monkeypatch, cells: list[dict]) -> None:
    """The book made of one notebook with these cells after its parameters cell."""
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [{"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"]}, "execution_count": None,
                   "outputs": [], "source": "year = 0\nlang = 'en'\ndata_dir = ''\nplace = ''"}, *cells]}))
    monkeypatch.setattr("fiscalbook.build.book.toc_documents", lambda: [str(broken.with_suffix(""))])


def test_a_failed_build_keeps_the_last_good_site(tmp_path, data_copy, monkeypatch):
    """A book that Sphinx cannot build is not published: the last good site stays as it was. (A
    chapter that fails on the data stands in instead: tests/test_injection.py.)"""
    out = tmp_path / "site"
    published = out / PLACE / str(YEAR) / "en"
    shutil.copytree(edition(SITE, "en"), published) if edition(SITE, "en").is_dir() else published.mkdir(parents=True)
    before = sorted(p.name for p in published.iterdir())
    one_notebook_book(tmp_path, monkeypatch, [{"cell_type": "markdown", "id": "b", "metadata": {},
                                               "source": "# Broken\n\nSee {ref}`nothing-of-this-name`."}])
    with pytest.raises(BuildError, match="jupyter-book failed"):
        build(YEAR, ["en"], data_copy, out, build_dir=tmp_path / "_build", pdf=False)
    assert sorted(p.name for p in published.iterdir()) == before


def test_solutions_print_in_the_edition_s_language(site):
    """A solution's printed answer in the Chinese edition reads in Chinese: no English words."""
    from fiscalbook.build.notebooks import exercises

    english = re.compile(r"\b(the|of|and|to|share|stated|difference|implied|allow|agree|lines|used)\b", re.I)
    printed = 0
    for path in sorted((BUILD / "exec" / edition_key(PLACE, YEAR, "zh") / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for exercise in exercises(notebook):
            for index in exercise.cells:
                for output in notebook["cells"][index].get("outputs", []):
                    text = "".join(output.get("text", ""))
                    printed += bool(text.strip())
                    assert not english.search(text), f"{path.name} {exercise.label}: {text[:120]!r}"
    assert printed >= 30, "the solutions print their answers"


def test_the_edition_with_the_costliest_sphinx_run_is_built_first(tmp_path):
    from fiscalbook.build.book import costliest_sphinx_first, sphinx_seconds

    logs = tmp_path / "logs"
    logs.mkdir()
    assert costliest_sphinx_first(["en", "zh"], PLACE, YEAR, tmp_path) == ["en", "zh"], "untimed: as asked"
    sphinx_seconds(logs / f"{edition_key(PLACE, YEAR, 'zh')}.log").write_text("5.1")
    sphinx_seconds(logs / f"{edition_key(PLACE, YEAR, 'en')}.log").write_text("4.2")
    assert costliest_sphinx_first(["en", "zh"], PLACE, YEAR, tmp_path) == ["zh", "en"]


def test_a_sphinx_run_records_its_processor_seconds(site):
    from fiscalbook.build.book import sphinx_seconds

    for lang in LANGS:
        path = sphinx_seconds(BUILD / "logs" / f"{edition_key(PLACE, YEAR, lang)}.log")
        assert 0.5 < float(path.read_text()) < 600
