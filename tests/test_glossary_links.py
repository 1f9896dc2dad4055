"""Terms link to the glossary: the first use of each glossary term in a chapter is a link to
its entry, in both editions, and a reference to a term the glossary lacks fails the build."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from conftest import PLACE, YEAR

from fiscalbook.build.editions import toc_documents
from fiscalbook.build.sphinx_glossary import form_pattern
from fiscalbook.story.fmt import LANGS

TERM_LINK = re.compile(r'<a class="reference internal" href="15_glossary\.html#([^"]+)">'
                       r'<span class="xref std std-term">')


def linked_terms(site, lang: str) -> dict[str, int]:
    counts = {}
    for document in toc_documents():
        page = site / PLACE / str(YEAR) / lang / f"{document}.html"
        counts[document.rsplit("/", 1)[-1]] = len(TERM_LINK.findall(page.read_text(encoding="utf-8")))
    return counts


@pytest.mark.parametrize("lang", LANGS)
def test_chapters_link_their_terms_to_the_glossary(site, lang, capsys):
    counts = linked_terms(site, lang)
    with capsys.disabled():
        print(f"\nlinked glossary terms per chapter ({lang}): {counts}")
    assert counts["15_glossary"] == 0, "the glossary does not link to itself"
    report_chapters = [name for name in counts if re.match(r"(0[1-9]|1[0-3])_", name)]
    assert all(counts[name] >= 1 for name in report_chapters), counts
    assert sum(counts.values()) >= 100


@pytest.mark.parametrize("lang", LANGS)
def test_each_term_links_once_per_chapter(site, lang):
    for document in toc_documents():
        page = (site / PLACE / str(YEAR) / lang / f"{document}.html").read_text(encoding="utf-8")
        anchors = TERM_LINK.findall(page)
        assert len(anchors) == len(set(anchors)), f"{document}: a term linked twice"


def test_a_quotation_mark_of_a_longer_quotation_stays_outside_the_link():
    from fiscalbook.build.sphinx_glossary import _balanced

    text = "读本“决算”部分与“三公”经费"
    assert text[slice(*_balanced(form_pattern("决算").search(text)))] == "决算"
    assert text[slice(*_balanced(form_pattern("三公经费").search(text)))] == "“三公”经费"
    quoted = "“三公经费”"
    assert quoted[slice(*_balanced(form_pattern("三公经费").search(quoted)))] == quoted, "a quoted term, whole"


def test_forms_match_as_the_report_writes_them():
    assert form_pattern("三公经费").search("中卫市级“三公”经费支出").group() == "“三公”经费"
    assert form_pattern("transfer payments").search("filled by transfer\npayments (转移支付)")
    assert not form_pattern("debt").search("indebted")


def test_a_term_the_glossary_lacks_fails_the_build(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent("""
        extensions = ["fiscalbook.build.sphinx_glossary"]
        glossary_terms = [["reserve fund", ["reserve fund"]], ["ghost term", ["ghost"]]]
    """), encoding="utf-8")
    (source / "index.rst").write_text(textwrap.dedent("""
        Index
        =====

        .. toctree::

           glossary

        The reserve fund is small; the ghost is not in the glossary.
    """), encoding="utf-8")
    (source / "glossary.rst").write_text(textwrap.dedent("""
        Glossary
        ========

        .. glossary::

           reserve fund
              Money set aside.
    """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "-q", str(source),
                             str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode != 0 and "ghost" in result.stderr, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#term-reserve-fund"' in html, "the known term is linked"
