"""fiscalbook.story.intro_page: the introduction's table of the four budgets, its unit note, the state
capital note and the own-revenue share, in both editions, checked by hand against the 2023 report
(/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, line numbers as cited)."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import explainer, intro_page
from fiscalbook.story.chapter import Chapter

BUDGETS = ("general", "fund", "social_insurance", "state_capital")
KEYS = {budget: {"revenue": f"whole.{budget}.revenue", "expenditure": f"whole.{budget}.expenditure"}
        for budget in BUDGETS}
REVENUE_KEYS = {budget: items["revenue"] for budget, items in KEYS.items()}


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "intro", place=PLACE)


def table_rows(monkeypatch, ch: Chapter) -> list[list[str]]:
    frames = []
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: frames.append(frame))
    intro_page.budgets_table(ch, KEYS, caption="c")
    (frame,) = frames
    return [[re.sub(r"<[^>]+>", "", str(cell)) for cell in row] for row in frame.itertuples(index=False)]


def test_the_table_has_each_budget_with_its_figures_as_stated(monkeypatch, lang):
    ch = chapter(lang)
    rows = table_rows(monkeypatch, ch)
    # Hand-read: line 11 revenue 23.17 亿元; line 13 spending 211.86 亿元; line 15 funds 8.24 / 8.31 亿元;
    # line 17 social insurance 36.88 / 29.8 亿元; line 19 state capital 310 / 257 万元.
    stated = [("23.17", "211.86", "亿元"), ("8.24", "8.31", "亿元"), ("36.88", "29.8", "亿元"),
              ("310", "257", "万元")]
    names = {"en": ["General public budget", "Government-managed funds budget", "Social insurance funds budget",
                    "State capital operations budget"],
             "zh": ["一般公共预算", "政府性基金预算", "社会保险基金预算", "国有资本经营预算"]}
    assert len(rows) == 4
    for row, (revenue, spending, unit), name, zh_name in zip(rows, stated, names[lang], names["zh"], strict=True):
        assert row[0] == name
        if lang == "en":  # the English edition adds the Chinese name in its own column
            assert row[1] == zh_name
        assert revenue in row[-2] and unit in row[-2]
        assert spending in row[-1] and unit in row[-1]
    assert len(rows[0]) == (4 if lang == "en" else 3)


def test_the_unit_note_names_the_budget_in_wan_yuan(shown, lang):
    intro_page.unit_note(chapter(lang), REVENUE_KEYS)
    # Lines 11, 15, 17: three budgets' revenue in 亿元; line 19: the state capital budget's in 万元.
    (note,) = shown
    expected = {"en": "Note the units: the report states general public budget, government-managed funds budget and "
                      "social insurance funds budget in 亿元, and state capital operations budget in 万元.",
                "zh": "注意单位：一般公共预算、政府性基金预算和社会保险基金预算以亿元计；国有资本经营预算以万元计。"}
    assert note.startswith(expected[lang])


def test_the_state_capital_note_sets_60_wan_beside_23_17_yi(shown, lang):
    ch = chapter(lang)
    region_short = explainer.place_words(ch.place, lang)["region_short"]
    intro_page.state_capital_note(ch, "whole.state_capital.revenue", "whole.state_capital.own_revenue",
                                  "whole.general.revenue", region_short=region_short)
    (text,) = shown
    # Line 19: revenue 310 万元, of which 市县（区）收入 60 万元, 自治区转移支付 95 万元, 上年结转 155 万元.
    # Line 11: 23.17 亿元 = 231,700 万元; 60 / 231,700 = 0.0259% -> "0.026%".
    assert "310" in text and "60" in text and "23.17" in text and "0.026%" in text
    assert ("autonomous region" if lang == "en" else "自治区") in text
    assert ("市县（区）收入" in text) and ("上年结转" in text)


def test_local_revenue_paid_for_a_tenth_of_spending(shown, lang):
    intro_page.own_revenue_share(chapter(lang), "whole.general.revenue", "whole.general.expenditure",
                                 "self_sufficiency.whole", "city.general.transfers_in", region_short="R")
    paragraph, reading = shown
    # Line 11: 23.17 亿元; line 13: 211.86 亿元; 23.17 / 211.86 = 0.1094 -> 10.9%.
    assert "23.17" in paragraph and "211.86" in paragraph and "10.9%" in paragraph
    unlisted = {"en": "does not list the whole city's other sources", "zh": "没有列出全市一般公共预算的其他资金来源"}
    assert unlisted[lang] in paragraph
    # Line 27: the city-level general budget's sources (自治区转移支付 74.4, 债务转贷收入 12.95, 上年结余结转 14.94).
    assert ("transfers from higher levels" if lang == "en" else "上级转移支付") in reading


def test_a_missing_figure_is_a_dash_and_a_sentence_saying_so(data_copy, monkeypatch, shown, lang):
    thin_year(data_copy, YEAR, drop_keys=["whole.general.expenditure", "whole.state_capital.revenue"])
    ch = chapter(lang, data_copy)
    rows = table_rows(monkeypatch, ch)
    assert rows[0][-1] == "—" and "23.17" in rows[0][-2]  # line 13's spending gone; line 11's revenue kept
    assert rows[3][-2] == "—" and "257" in rows[3][-1]  # line 19's 310 万元 gone; its 257 万元 kept
    intro_page.unit_note(ch, REVENUE_KEYS)
    assert shown == []  # the revenue left is all in 亿元 (lines 11, 15, 17): no note on units
    intro_page.own_revenue_share(ch, "whole.general.revenue", "whole.general.expenditure",
                                 "self_sufficiency.whole", "city.general.transfers_in", region_short="R")
    (sentence,) = shown
    expected = {"en": "The 2023 report does not state the whole city's general public budget expenditure, so how "
                      "much of its general budget spending local revenue paid for cannot be read from it.",
                "zh": "2023年的报告没有列出全市一般公共预算支出，因此无法据此看出地方收入相当于支出的多少。"}
    assert sentence.startswith(expected[lang])
    assert "10.9%" not in sentence


RATES = [f"{prefix}.general.revenue.pct_of_budget" for prefix in ("whole", "municipal", "city")]
WHERE = {"whole.general.revenue": "W", "whole.general.expenditure": "W"}


def test_budgets_read_back_from_the_rates(shown, lang):
    # Line 11: whole-city revenue 23.17 亿元, 99% of budget (so about 23.4 亿元); the January estimate
    # 22.97 亿元 (section 一.(一)); spending at 90.2% of the adjusted budget.
    intro_page.implied_budgets(chapter(lang), "whole.general.revenue", "whole.general.expenditure", WHERE, RATES)
    revenue, january, spending = shown
    assert "23.17" in revenue and "99%" in revenue
    assert "22.97" in january
    assert "90.2%" in spending


def test_no_rate_no_budget_read_back(data_copy, shown, lang):
    thin_year(data_copy, YEAR, drop_keys=["whole.general.revenue.pct_of_budget",
                                          "whole.general.expenditure.pct_of_adjusted_budget"])
    ch = chapter(lang, data_copy)
    intro_page.implied_budgets(ch, "whole.general.revenue", "whole.general.expenditure", WHERE, RATES[:1])
    assert shown == [{"en": "The 2023 report states no execution rate of the general budget, so no budget can be "
                            "worked out this way for 2023.",
                      "zh": "2023年的报告没有给出一般公共预算的完成率，因此本年无法用这种方法推算预算数。"}[lang]]
