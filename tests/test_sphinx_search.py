"""The Chinese search language indexes quoted and unquoted forms alike."""

from __future__ import annotations

from fiscalbook.build.book import search_dictionary
from fiscalbook.build.sphinx_search import QuoteBlindChinese
from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.story.fmt import unquoted


def test_quotes_touching_chinese_go():
    assert unquoted("“三公”经费") == "三公经费"
    assert unquoted("所谓「三保」支出") == "所谓三保支出"
    assert unquoted("the city’s “three public” expenses") == "the city’s “three public” expenses"


def test_quoted_and_unquoted_forms_are_indexed_alike(tmp_path):
    dictionary = tmp_path / "jieba.txt"
    dictionary.write_text(search_dictionary(DEFAULT_DATA_DIR), encoding="utf-8")
    language = QuoteBlindChinese({"dict": str(dictionary)})
    assert language.split("“三公”经费") == language.split("三公经费")
    assert "三公经费" in language.split("“三公”经费支出")
    assert "transfer" in language.split("转移支付 transfer")


def test_stems_computed_once_are_sphinx_stems():
    """The cached stems are Sphinx's own, including its rule that a short-stemmed Latin term of
    the Chinese edition stays whole once it has been seen in the text."""
    from sphinx.search.en import SearchEnglish
    from sphinx.search.zh import SearchChinese

    from fiscalbook.build.sphinx_search import CachedEnglish

    words = ["Budgets", "budget", "ICU", "ice", "transfers", "ICU", "revenue", "is", "abs"]
    cached, plain = CachedEnglish({}), SearchEnglish({})
    assert [cached.stem(w) for w in words] == [plain.stem(w) for w in words]
    SearchChinese.latin_terms.clear()  # Sphinx's list is the class's, shared by its instances
    chinese, sphinx_chinese = QuoteBlindChinese({}), SearchChinese({})
    before = [chinese.stem(w) for w in words]
    assert before == [sphinx_chinese.stem(w) for w in words]
    chinese.split("ICU abs 预算")
    sphinx_chinese.split("ICU abs 预算")
    assert [chinese.stem(w) for w in words] == [sphinx_chinese.stem(w) for w in words]
    assert [chinese.stem(w) for w in words] != before  # the rule did change a stem
