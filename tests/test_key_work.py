"""fiscalbook.story.key_work: the key-work chapter's charts and rate tables, in both editions, checked by
hand against the 2023 report (/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt,
line numbers as cited)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import key_work
from fiscalbook.story.chapter import Chapter

PAID = "keywork.risk.three_guarantees_paid.rate"


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str) -> Chapter:
    return Chapter(YEAR, lang, REPO / "data", "key_work", needs=("keywork.",), place=PLACE)


def progress(ch: Chapter) -> pd.DataFrame:
    facts = ch.data.section("二.(三)")
    return pd.concat([facts[facts["measure"] == "pct_of_target"], facts[facts["key"] == PAID]])


def test_every_stated_progress_is_past_half_and_the_caption_says_so(monkeypatch, lang):
    ch = chapter(lang)
    figures = []
    monkeypatch.setattr(ch, "figure", lambda fig, caption, alt: figures.append((caption, alt)))
    shown = progress(ch)
    # Hand-read: line 97 project funds 55% of target; line 107 三保 paid 61.2%, debt resolved 80.58% of target.
    assert sorted(shown["value"]) == [55, 61.2, 80.58]
    assert key_work.progress_chart(ch, shown, paid_name=("the payment progress", "“三保”支付进度")) is True
    ((caption, alt),) = figures
    # The report says 目标任务 only of project funds and debt (lines 97, 107): the 三保 rate is paid
    # against a need, so the caption does not count it among the targets (or call all three tasks).
    assert caption[0] == ("At mid-year, the 2 targets with a stated progress and the payment progress "
                          "are all more than half done.")
    assert caption[1] == "年中时，有进度数据的2项目标任务和“三保”支付进度均已过半。"
    assert "任务" not in alt[1].split("：")[1] and "task" not in caption[0]
    assert "61.2%" in alt[0] and "80.58%" in alt[1]


def test_no_stated_progress_is_a_sentence_not_a_chart(monkeypatch, lang):
    ch = chapter(lang)
    said = []
    monkeypatch.setattr(ch, "say", lambda en, zh, **kw: said.append(ch.t(en, zh).format(year=YEAR)))
    assert key_work.progress_chart(ch, progress(ch).iloc[0:0]) is False
    assert said == [{"en": "The 2023 report states no progress against a full-year target in this section.",
                     "zh": "2023年报告在本节没有列出全年目标的完成进度。"}[lang]]


def test_the_progress_table_has_one_row_per_rate_with_its_line(monkeypatch, lang):
    ch = chapter(lang)
    tables = []
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: tables.append((frame, caption)))
    key_work.rate_tables(ch, ch.data.section("二.(三)"), {"pct_of_target": ("target", "c")})
    ((frame, caption),) = tables
    assert caption == "c"
    sources = list(frame.iloc[:, -1])
    assert len(sources) == 2 and sources[0].endswith(("L97", "第97行")) and sources[1].endswith(("L107", "第107行"))


def test_first_half_changes_are_on_the_same_period_of_the_previous_year(monkeypatch, lang):
    ch = chapter(lang)
    tables = []
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: tables.append((frame, caption)))
    key_work.rate_tables(ch, ch.data.section("二.(三)"), {"yoy_pct": ("prior_year", "c")})
    # Hand-read: lines 95, 97, 107 (spending), 109 say 同比 of the first half or the year so far (5 rates);
    # line 107 says the departments' "three public" budget is down 2% on 2023 (较2023年), a full year.
    (same, same_caption), (year, year_caption) = tables
    assert same_caption == {"en": "Change on the same period of the previous year", "zh": "同比增减"}[lang]
    assert {"en": "Implied same period of previous year", "zh": "推算上年同期数"}[lang] in same.columns
    assert same_caption in same.columns and len(same) == 5
    assert year_caption == "c" and len(year) == 1 and "c" in year.columns
    assert list(year.iloc[:, -1])[0].endswith(("L107", "第107行"))


def test_the_summary_points_carry_the_stated_figures(lang):
    ch = chapter(lang)
    # Hand-read, line 107: 三保 paid 73.8 亿元 of a need of 120.66 亿元, 61.2%;
    # existing debt resolved 32.32 亿元, 80.58% of target.
    (guarantees,) = key_work.guarantees_point(ch, "keywork.risk.three_guarantees_")
    assert "73.8" in guarantees and "120.66" in guarantees and "61.2%" in guarantees and "首要位置" in guarantees
    (debt,) = key_work.debt_point(ch, "keywork.risk.debt_resolved")
    assert "32.32" in debt and "80.58%" in debt


def test_a_missing_figure_leaves_its_point_out(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=["keywork.risk.three_guarantees_requirement"])
    ch = Chapter(YEAR, lang, data_copy, "key_work", needs=("keywork.",), place=PLACE)
    assert key_work.guarantees_point(ch, "keywork.risk.three_guarantees_") == []
    assert key_work.revenue_sentences(ch, "h1.none.revenue", "h1.none.tax") == []
    assert key_work.funds_sentences(ch, "keywork.none") == []
    assert key_work.calendar_point(ch, progress(ch).iloc[0:0], all_ahead=False) == []


def test_chapters_07_and_12_count_amounts_with_one_stated_definition(lang):
    from fiscalbook.story import fmt, resolution
    from fiscalbook.story.debt import section_facts
    ch = chapter(lang)
    text = key_work.section_figures(ch, ch.data.section("二.(三)"), "二.(三)")
    other = Chapter(YEAR, lang, REPO / "data", "resolution", place=PLACE)
    account = resolution.account(other, section_facts(other, other.data.select("resolution.")))
    definition = fmt.AMOUNT_DEFINITION[lang == "zh"]
    assert definition in text and definition in resolution._figures_text(other, account)
    assert ("26" in text) and ("29" in resolution._figures_text(other, account))
