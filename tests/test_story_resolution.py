"""The kinds of the resolution chapter's amounts, read from their verbs, against a hand count on
the 2023 report (一.(五).2, line 55)."""

from __future__ import annotations

import pytest
from conftest import PLACE, YEAR

from fiscalbook.data.paths import DEFAULT_DATA_DIR
from fiscalbook.data.units import is_money
from fiscalbook.story import resolution
from fiscalbook.story.chapter import Chapter


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
