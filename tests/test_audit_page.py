"""fiscalbook.story.audit_page: the data audit chapter's tables and the sentences chosen by what the
checks find, in both editions, checked by hand against the 2023 report
(/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, line numbers as cited)."""

from __future__ import annotations

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import audit_page
from fiscalbook.story.chapter import Chapter

HEADROOM = "city.debt.headroom"  # rules.csv: city.debt.ceiling - city.debt.balance = city.debt.headroom


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "data_audit", place=PLACE)


def test_the_headroom_identity_row_shows_both_sides_at_their_digits(lang):
    ch = chapter(lang)
    row = audit_page.identity_row(ch, ch.check(HEADROOM), left_out=[])
    values = list(row.values())
    # Hand-read, line 45-47: ceiling 87.65 亿元 less debt 76.57 亿元 is 11.08; the report states 11.09 亿元.
    # Three figures of two decimals: tolerance 3 × 0.005 = 0.015, shown with one decimal more.
    assert values[1:3] == ["11.08", "11.09"]
    assert values[4:6] == ["0.015", "亿元"]
    assert HEADROOM in values[0]


def test_a_rule_whose_figure_is_missing_shows_dashes_and_is_listed_as_unchecked(data_copy, monkeypatch, shown, lang):
    thin_year(data_copy, YEAR, drop_keys=["city.debt.ceiling"])  # line 45's 87.65 亿元 gone
    ch = chapter(lang, data_copy)
    row = audit_page.identity_row(ch, ch.check(HEADROOM), left_out=[])
    assert list(row.values())[1:5] == ["—"] * 4
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: None)
    audit_page.identity_tables(ch, [ch.check(HEADROOM)], left_out=[])
    (sentence,) = shown
    assert sentence.startswith({"en": "Not checkable this year", "zh": "以下规则本年无法核对"}[lang])


def test_without_the_previous_report_the_change_check_says_what_it_needs(shown, lang):
    ch = chapter(lang)
    assert ch.previous is None  # data/zhongwei holds the 2023 report only
    audit_page.change_checks(ch)
    assert shown == [{"en": "This check needs the previous year's data, and the data folder holds no report for 2022.",
                      "zh": "这项核对需要上一年度的数据，而数据文件夹中没有2022年的报告。"}[lang]]


def test_findings_text_counts_groups_that_leave_out_a_line_apart_from_those_that_fail(lang):
    ch = chapter(lang)
    text = audit_page.findings_text(ch, [["a", "b"], ["c"]], left_out=["a", "b"])
    expected = {"en": " The 2 identities that leave out a line cannot be checked: they neither hold nor fail, and "
                      "make 1 finding, said once above. The identities that fail make 1 finding, each said once above.",
                "zh": "漏列一项、无法核对的2条恒等式谈不上成立或不成立，同属1项发现，上文已说明。"
                      "不成立的恒等式构成1项发现，上文逐项说明。"}
    assert text == expected[lang]
    assert audit_page.findings_text(ch, [], left_out=[]) == ""


def test_agreement_words_follow_the_marks(lang):
    ch = chapter(lang)
    pairs = [{"": "✓ agrees"}, {"": "✗ differs"}, {"": "✓ agrees"}]
    assert audit_page.agree_words(ch, pairs) == {"en": "2 agree", "zh": "其中2处"}[lang]
    assert audit_page.differ_words(ch, pairs) == {"en": "1 differ", "zh": "有1个不一致"}[lang]
    assert audit_page.differ_words(ch, pairs[:1]) == {"en": "all agree", "zh": "全部一致"}[lang]


def test_no_unused_figure_gets_the_sentence_that_says_the_test_cannot_prove_it(shown, lang):
    ch = chapter(lang)
    audit_page.unused_paragraph(ch, ch.data.facts.iloc[0:0])
    (sentence,) = shown
    expected = {"en": "no figure of the 2023 report was found unused", "zh": "没有发现2023年报告中未被引用的数字"}
    assert expected[lang] in sentence


def test_restatement_pairs_agree_with_their_first_statement(lang):
    ch = chapter(lang)
    pairs = audit_page.restatement_pairs(ch)
    assert len(pairs) == len(ch.data.restated)
    assert audit_page.agreeing(pairs) == len(pairs)  # every restatement of the 2023 report repeats its figure


def test_an_implied_value_of_a_first_half_names_the_same_period(lang):
    ch = chapter(lang)
    assert audit_page.implied_kind_label(ch, "prior_year", "h1.whole.general.revenue") == ch.t(
        "Implied same period of previous year", "推算上年同期数")
    assert audit_page.implied_kind_label(ch, "prior_year", "whole.general.revenue") == ch.implied_label("prior_year")


def test_a_scope_comparison_that_differs_is_marked_in_plain_words(lang):
    # review 20: "≠ apart, cause unstated" read awkwardly; the mark says the figures differ and the
    # report gives no cause.
    ch = chapter(lang)
    mark = audit_page._mark(ch, {"kind": "scope_comparison", "status": "fails", "id": "x"}, [])
    assert mark == ch.t("≠ differ; cause not stated", "≠ 不等，原因未说明")


def test_the_implied_values_are_counted_by_the_labels_their_table_shows(shown, lang):
    """Round 24: the sentence counted 40 'implied previous year' values while the table labels 17 of
    them 'same period of previous year'; each label's count is now what a reader counts in the table."""
    ch = chapter(lang)
    audit_page.implied_section(ch)
    sentence, table = shown[0], shown[-1]
    same_period = ch.t("implied same period of previous year: ", "推算上年同期数")
    assert same_period in sentence
    count = int(sentence.split(same_period)[1].split("个")[0].split(",")[0].split(")")[0].split(";")[0])
    label = ch.t("Implied same period of previous year", "推算上年同期数")
    assert count == table.count(label) > 0
