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
