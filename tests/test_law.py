"""The law as data: the two texts read into articles, cited in both editions' words, pinned by
hash; the {law} role and the {reading} directive in a small Sphinx build."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import YEAR, edit_csv

from fiscalbook.data import law
from fiscalbook.data.markup import sanitize
from fiscalbook.data.validate import validate

PROBLEM = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


# --- the texts ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("law_id", "count"), [("budget-law", 101), ("regulations", 97)])
def test_articles_are_numbered_from_one_without_gaps(law_id, count):
    articles = law.articles(law_id)
    assert sorted(articles) == list(range(1, max(articles) + 1))
    assert len(articles) == max(articles) == count
    assert all(a.text and a.chapter.startswith("第") for a in articles.values())


def test_an_article_keeps_its_paragraphs_items_and_chapter():
    adjustment = law.article("budget-law", 67)
    assert adjustment.chapter == "第七章 预算调整"
    assert len(adjustment.paragraphs) == 1, "its four items belong to its one paragraph"
    assert adjustment.text.endswith("（四）需要增加举借债务数额的。")
    assert len(law.article("budget-law", 69).paragraphs) == 7
    assert law.article("budget-law", 101).text.startswith("本法自1995年1月1日起施行。")
    assert law.paragraph_text("budget-law", 66, 1) == ("各级一般公共预算年度执行中有超收收入的，"
                                                       "只能用于冲减赤字或者补充预算稳定调节基金。")


def test_chinese_numerals_both_ways():
    cases = {1: "一", 10: "十", 15: "十五", 40: "四十", 71: "七十一", 100: "一百", 101: "一百零一",
             110: "一百一十", 119: "一百一十九"}
    for number, numeral in cases.items():
        assert law.to_chinese(number) == numeral and law.from_chinese(numeral) == number
    assert all(law.from_chinese(law.to_chinese(n)) == n for n in range(1, 1000))


# --- citing -------------------------------------------------------------------------------------

def test_citations_in_the_editions_words():
    assert law.citation("budget-law", 71, "en") == "Budget Law, Art. 71"
    assert law.citation("regulations", 45, "en") == "Implementing Regulations, Art. 45"
    assert law.citation("budget-law", 71, "zh") == "《预算法》第七十一条"
    assert law.citation("regulations", 45, "zh") == "《预算法实施条例》第四十五条"
    assert law.citation("budget-law", 101, "zh") == "《预算法》第一百零一条"
    assert law.citation("budget-law", 69, "en", 2) == "Budget Law, Art. 69, para. 2"
    assert law.citation("budget-law", 69, "zh", 2) == "《预算法》第六十九条第二款"
    assert law.parse_reference("budget-law:69(2)") == ("budget-law", 69, 2)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: law.article("budget-law", 102), "has no article 102 (it has articles 1–101)"),
    (lambda: law.citation("regulations", 98, "zh"), "has no article 98"),
    (lambda: law.citation("budget-law", 40, "en", 2), "has no paragraph 2"),
    (lambda: law.article("budget-act", 1), "unknown law 'budget-act'"),
    (lambda: law.parse_reference("budget-law:seventy"), "is not a reference to the law"),
])
def test_what_the_law_lacks_raises(call, words):
    with pytest.raises(law.LawError, match=re.escape(words)):
        call()


def test_cite_is_a_span_with_the_articles_words_as_tooltip():
    html = law.cite("regulations", 45, "en")
    assert html.startswith('<span class="law" tabindex="0" data-law="regulations:45" '
                           'title="《预算法实施条例》第四十五条：')
    assert html.endswith(">Implementing Regulations, Art. 45</span>")
    assert "&#10;" in html and "\n" not in html, "paragraphs on lines of their own, in one line of HTML"
    assert sanitize(html) == html == sanitize(html, markdown=False), "the package's own markup passes"
    assert ">《预算法》第四十条</span>" in law.cite("budget-law", 40, "zh")


def test_reading_block_in_both_languages_escapes_what_is_not_the_packages():
    en = law.reading_html("The fund is small.\n\nIt <script>grew</script>.", "the report, line 3", "en")
    assert en.startswith('<div class="reading admonition">\n<p class="admonition-title">Our reading</p>')
    assert "<p>The fund is small.</p>" in en and "&lt;script>" in en and "<script>" not in en
    assert '<p class="reading-evidence"><strong>Evidence:</strong> the report, line 3</p>' in en
    zh = law.reading_html("预备费偏低。", law.cite("budget-law", 40, "zh"), "zh")
    assert '<p class="admonition-title">本书的解读</p>' in zh
    assert '<strong>依据：</strong><span class="law" tabindex="0"' in zh
    assert "reading-evidence" not in law.reading_html("No evidence given.", "", "en")


# --- pinned by hash, and the glossary's sources ---------------------------------------------------

def problems_of(data_dir: Path) -> list[str]:
    found = [str(p) for p in validate(data_dir, YEAR).problems]
    assert all(PROBLEM.match(line) for line in found), found
    return found


def test_the_shipped_data_validates():
    assert problems_of(law.LAW_DIR.parent) == []


def test_a_changed_law_fails_validation(data_copy):
    text = data_copy / "law" / "budget-law-2018.md"
    text.write_text(text.read_text(encoding="utf-8").replace("百分之一至百分之三", "百分之一至百分之五"),
                    encoding="utf-8")
    found = problems_of(data_copy)
    assert len(found) == 1, found
    problem = PROBLEM.match(found[0])
    assert problem["path"].endswith("datapackage.json") and problem["line"] == "1"
    assert "resource 'law-budget-law': hash is sha256:" in problem["message"]


def test_a_missing_law_file_fails_validation(data_copy):
    (data_copy / "law" / "budget-law-regulations-2020.md").unlink()
    assert any(line.endswith("budget-law-regulations-2020.md:1:1: file is missing") for line in problems_of(data_copy))


def test_a_glossary_source_must_name_an_article_the_law_has(data_copy):
    def edit(rows):
        column = rows[0].index("source")
        rows[1][column] = "budget-law:74-82"  # fine: a run of articles
        rows[2][column] = "budget-law:102"
        rows[3][column] = "regulations:44; budget_law:40"
        rows[4][column] = "report:L12; general practice"  # not the law: not checked against it

    edit_csv(data_copy / "glossary.csv", edit)
    found = problems_of(data_copy)
    assert len(found) == 2, found
    column = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()[0].split(",").index("source") + 1
    assert found[0].endswith(f"glossary.csv:3:{column}: source: the Budget Law (预算法) has no article 102 "
                             "(it has articles 1–101)")
    assert f"glossary.csv:4:{column}: source: unknown law 'budget_law'" in found[1]


# --- a small Sphinx build -------------------------------------------------------------------------

PAGE = """\
# A page

The reserve fund is required by {law}`budget-law:40`; the debt ceiling by {law}`regulations:45`
and an emergency by {law}`budget-law:69(2)`.

:::{reading}
The city keeps its reserve fund small.

Evidence: the report's own figures and {law}`budget-law:40`.
:::

:::{reading}
:evidence: {law}`budget-law:41`

The fund is drawn on.
:::
"""


def sphinx_build(tmp_path: Path, language: str, page: str) -> tuple[subprocess.CompletedProcess, str]:
    source = tmp_path / f"src-{language}"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent(f"""
        extensions = ["myst_parser", "fiscalbook.build.sphinx_law"]
        myst_enable_extensions = ["colon_fence"]
        language = "{language}"
    """), encoding="utf-8")
    (source / "index.md").write_text(page, encoding="utf-8")
    out = tmp_path / f"out-{language}"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", str(source), str(out)],
                            capture_output=True, text=True)
    page_html = out / "index.html"
    return result, page_html.read_text(encoding="utf-8") if page_html.is_file() else ""


def test_role_and_directive_in_the_english_edition(tmp_path):
    result, html = sphinx_build(tmp_path, "en", PAGE)
    assert result.returncode == 0, result.stderr
    assert law.cite("budget-law", 40, "en") in html, "the role writes what cite() writes"
    assert re.search(r'<span class="law" tabindex="0" data-law="regulations:45" title="《预算法实施条例》第四十五条：'
                     r'[^"]+">Implementing Regulations, Art\. 45</span>', html)
    assert ">Budget Law, Art. 69, para. 2</span>" in html
    blocks = re.findall(r'<div class="reading admonition">.*?</div>', html, re.S)
    assert len(blocks) == 2 and all('<p class="admonition-title">Our reading</p>' in b for b in blocks)
    assert '<p class="reading-evidence"><strong>Evidence:</strong> the report’s own figures and <span class="law"' \
        in blocks[0]
    assert "Evidence:" not in blocks[0].split("reading-evidence")[0], "the label is the evidence's, once"
    assert '<p class="reading-evidence"><strong>Evidence:</strong> <span class="law" tabindex="0" ' \
           'data-law="budget-law:41"' in blocks[1]


def test_role_and_directive_in_the_chinese_edition(tmp_path):
    result, html = sphinx_build(tmp_path, "zh_CN", PAGE)
    assert result.returncode == 0, result.stderr
    assert ">《预算法》第四十条</span>" in html and ">《预算法》第六十九条第二款</span>" in html
    assert html.count('<p class="admonition-title">本书的解读</p>') == 2
    assert '<strong>依据：</strong><span class="law"' in html


def test_citing_an_article_the_law_lacks_fails_the_build(tmp_path):
    result, _ = sphinx_build(tmp_path, "en", PAGE + "\nAnd {law}`budget-law:102`.\n")
    assert result.returncode != 0
    assert re.search(r"index\.md:18:.*budget-law:102.*has no article 102", result.stderr), "document and line"


def test_a_chapter_cites_the_law_and_marks_its_reading(capsys) -> None:
    """ch.cite and ch.reading: the same span and block as the role and the directive."""
    from fiscalbook.data.paths import DEFAULT_DATA_DIR
    from fiscalbook.story.chapter import Chapter

    editions = (("en", "Budget Law, Art. 71", "Our reading"), ("zh", "《预算法》第七十一条", "本书的解读"))
    for lang, words, title in editions:
        ch = Chapter(2023, lang, DEFAULT_DATA_DIR, "test")
        span = ch.cite("budget-law:71")
        assert 'class="law"' in span and 'tabindex="0"' in span and words in span
        ch.reading("A guess, {x}.", "推断，{x}。", ("The arithmetic.", "算式。"), x=1)
        assert title in capsys.readouterr().out
    with pytest.raises(law.LawError):
        ch.cite("budget-law:102")


def test_several_articles_of_one_law_name_it_once():
    assert law.split_reference("budget-law:3,43") == ["budget-law:3", "budget-law:43"]
    assert law.split_reference("budget-law:69(7)") == ["budget-law:69(7)"]
    zh = law.cite_all(["budget-law:3", "budget-law:43", "regulations:45"], "zh")
    shown = re.sub(r"<[^>]+>", "", re.sub(r'title="[^"]*"', "", zh))
    assert shown == "《预算法》第三条、第四十三条；《预算法实施条例》第四十五条"
    en = law.cite_all(["budget-law:21", "budget-law:77"], "en")
    assert ">Budget Law, Art. 21</span> and <" in en and ">Art. 77<" in en


def test_cite_all_names_an_article_once_for_its_paragraphs():
    zh = law.cite_all(["regulations:78(7)", "regulations:78(8)"], "zh")
    assert "第七十八条第七款</span>、<span" in zh and ">第八款</span>" in zh
    assert ">para. 8</span>" in law.cite_all(["regulations:78(7)", "regulations:78(8)"], "en")
