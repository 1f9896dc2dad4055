"""The kinds of the resolution chapter's amounts, read from their verbs, against a hand count on
the 2023 report (一.(五).2, line 55)."""

from __future__ import annotations

import pytest
from conftest import PLACE, YEAR
from support.synthetic import thin_year

from fiscalbook.data.paths import DEFAULT_DATA_DIR
from fiscalbook.data.units import is_money
from fiscalbook.story import resolution
from fiscalbook.story.chapter import Chapter
from fiscalbook.story.debt import section_facts


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request):
    return Chapter(YEAR, request.param, DEFAULT_DATA_DIR, "resolution", needs=["resolution."], place=PLACE)


def test_the_verb_before_the_amount_decides():
    assert resolution.verb_of("拨付资金1.3亿元，发放企业退休职工取暖费", "1.3") == "拨付"
    assert resolution.verb_of("通过竞争性存储方式续存基本医疗、养老保险基金14.62亿元", "14.62") == "续存"
    assert resolution.verb_of("争取资金6.62亿元", "6.62") == "争取"
    assert resolution.verb_of("共计 3 亿元", "3") == ""


def test_livelihood_amounts_by_kind_against_a_hand_count(ch):
    # Hand count, line 55: 拨付 1.3; 续存 14.62; 筹措 1.74, 26.96, 23.5; 筹集 4.29, 8.09; 统筹 2.1; 争取 6.62.
    rows = ch.data.select("resolution.livelihood.")
    keys = list(rows.loc[(rows["measure"] == "amount") & rows["unit"].map(is_money), "key"])
    by_kind = resolution.kinds(ch, keys)
    found = {kind: sorted(ch.fact(key).text for key, _ in listed) for kind, listed in by_kind.items()}
    assert found == {"paid": ["1.3"], "raised": sorted(["1.74", "26.96", "23.5", "4.29", "8.09", "2.1", "6.62"]),
                     "deposit": ["14.62"]}
    assert "拨付" in resolution.kinds_text(ch, keys)


def test_a_change_reads_as_the_report_words_it(ch):
    key = "resolution.finance.three_public_and_three_fees.change_pct"
    table = resolution.stated_changes(ch, ch.figures_table(ch.data.facts[ch.data.facts["key"] == key]), [key])
    assert ch.t("down 20.2%", "下降20.2%") in table.iloc[0][ch.t("Figure as stated", "报告数")]


# The account's story, checked by hand against the 2023 report
# (/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, line 51: project funds in place
# 245.73 亿元, up 15%; debt resolved 29.56 亿元, of which the city-level government 10.88 亿元; “three public” and
# “three items” expenses down 20.2% on 2019).
FUNDS = "resolution.finance.project_funds"
DEBT, DEBT_CITY = "resolution.finance.debt_resolved", "resolution.finance.debt_resolved_city_level"
AUSTERITY = "resolution.finance.three_public_and_three_fees.change_pct"


def account_of(ch: Chapter) -> resolution.Account:
    return resolution.account(ch, section_facts(ch, ch.data.select("resolution.")))


def test_the_largest_amount_is_the_project_funds_of_line_51(ch):
    acc = account_of(ch)
    assert acc.top["key"] == FUNDS and acc.top["yi"] == pytest.approx(245.73)
    assert list(acc.money["yi"]) == sorted(acc.money["yi"], reverse=True)
    texts = resolution.account_texts(ch, acc, FUNDS)
    assert "245.73" in texts["top"] and "15%" in texts["top"]
    assert texts["funds"].startswith(ch.t(" The report places", "报告把这一数字"))  # the largest: named once
    assert resolution.heading_name(ch, "livelihood") == ch.t("People's livelihood", "民生保障")
    assert resolution.heading_name(ch, "other") == "other"  # a heading of another report: its slug


def test_the_results_listed_are_line_51s(ch):
    items = resolution.results_items(ch, FUNDS, DEBT, DEBT_CITY, AUSTERITY)
    for number in ("245.73", "29.56", "10.88", "20.2%"):
        assert number in items
    assert items.endswith(ch.t(". Beside these, it reports ", "，也有"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_line_51s_project_funds_the_sentences_leave_them_out(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=[FUNDS])
    ch = Chapter(YEAR, lang, data_copy, "resolution", needs=["resolution."], place=PLACE)
    acc = account_of(ch)
    assert acc.top["key"] != FUNDS
    assert resolution.account_texts(ch, acc, FUNDS)["funds"] == ""
    items = resolution.results_items(ch, FUNDS, DEBT, DEBT_CITY, AUSTERITY)
    assert "245.73" not in items and "29.56" in items  # the debt resolved (line 51) still listed


def test_no_figures_means_no_list_no_chart_and_no_check(ch, monkeypatch):
    shown = []
    monkeypatch.setattr(ch, "figure", lambda *a, **k: shown.append(a))
    empty = account_of(ch).money.iloc[:0]
    resolution.amounts_chart(ch, empty)
    assert shown == []
    assert resolution.results_items(ch, "none.a", "none.b", "none.c", "none.d") == ch.t("", "有")
    assert resolution.checkable_text(ch, empty) == ch.t("none", "没有")
