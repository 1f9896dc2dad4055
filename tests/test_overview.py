"""fiscalbook.story.overview: the year-by-year table and growth comparison (silent with one report year),
the identity of the implied budget and the growth on the final base, in both editions, checked by hand
against the 2023 report (/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt)."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import synthetic_year, thin_year

from fiscalbook.data.load import load_year
from fiscalbook.story import overview
from fiscalbook.story.chapter import Chapter

SERIES_KEYS = ["whole.general.revenue", "whole.general.expenditure", "whole.fund.revenue", "whole.fund.expenditure"]
TARGET = "measures.revenue.general_revenue_growth.target"
WHOLE_RULE, CITY_RULE = "h1.whole.general.revenue.budget_basis", "h1.city.general.revenue.budget_basis"


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """What the chapter displays (paragraphs and tables), as text without HTML tags."""
    said: list[str] = []

    def capture(obj, raw=False):
        text = obj["text/plain"] if isinstance(obj, dict) else obj.data
        said.append(re.sub(r"<[^>]+>", "", text))

    monkeypatch.setattr("fiscalbook.story.page.display", capture)
    monkeypatch.setattr("fiscalbook.story.tables.display", capture)
    return said


def chapter(lang: str, data_dir=REPO / "data", year: int = YEAR) -> Chapter:
    return Chapter(year, lang, data_dir, "overview", place=PLACE)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_one_report_year_gives_no_table_and_no_comparison(shown, lang):
    ch = chapter(lang)
    assert overview.series_table(ch, SERIES_KEYS, caption="c") is False
    overview.growth_against_previous(ch, SERIES_KEYS)
    assert shown == []  # data/ holds only 2023 for the place, so there is no previous report to set beside


def test_two_report_years_give_a_table_and_the_growth_set_beside_the_previous_report(data_copy, monkeypatch,
                                                                                     shown, lang):
    synthetic_year(data_copy, YEAR, YEAR + 1, data_copy)  # a made-up 2024 beside the real 2023
    ch = chapter(lang, data_copy, YEAR + 1)
    frames = []
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: frames.append(frame))
    assert overview.series_table(ch, SERIES_KEYS, caption="c") is True
    (frame,) = frames
    assert list(frame.iloc[:, 0]) == ["2023", "2024"]
    # Every key is in 亿元 (lines 11, 13, 15), so the unit goes in the headers and the cells are bare numbers.
    assert all(("(亿元)" if lang == "en" else "（亿元）") in header for header in frame.columns[1:])
    # The 2023 row as the report states it: line 11 23.17, line 13 211.86, line 15 8.24 and 8.31.
    assert list(frame.iloc[0, 1:]) == ["23.17", "211.86", "8.24", "8.31"]
    overview.growth_against_previous(ch, SERIES_KEYS)
    (sentence,) = shown
    assert sentence.startswith("Set beside the 2023 report: " if lang == "en" else "与2023年报告对照：")
    # The computed growth is this table's two figures' ratio (the made-up year's values, read from its data).
    new, old = load_year(YEAR + 1, data_copy, PLACE), load_year(YEAR, data_copy, PLACE)
    growth = (new.value("whole.general.revenue") / old.value("whole.general.revenue") - 1) * 100
    assert f"{growth:.1f}%" in sentence


def test_the_implied_budget_is_the_january_estimate_raised_by_3_percent(lang):
    ch = chapter(lang)
    # Whole city: line 87, 13.56 亿元 at 57.3% of budget -> 23.665; line 21 January estimate 22.97 x 1.03 (the 3%
    # target, line 119) = 23.659, within the rounding of 13.56 and 57.3%. City level: line 91, 5.68 at 56.7% ->
    # 10.018; line 37 estimate 9.73 x 1.03 = 10.022, within rounding too.
    assert overview.holds(ch, WHOLE_RULE) and overview.holds(ch, CITY_RULE)
    basis = overview.budget_basis(ch, WHOLE_RULE)
    equals = {"en": "within rounding, the January estimate", "zh": "在四舍五入误差内等于年初人代会报告的"}
    assert equals[lang] in basis
    assert "{prelim}" in basis and "{target}" in basis  # left for the paragraph's own values


def test_growth_on_the_final_base_falls_short_of_the_target_for_the_whole_city(lang):
    ch = chapter(lang)
    # Whole city: 23.665 / 23.17 (line 11) = 1.0214 -> 2.1%, below the 3% target of line 119.
    whole = plain(overview.on_final_base(ch, "h1.whole.general.revenue.budget_growth", TARGET, True))
    assert "2.1%" in whole and "3%" in whole
    assert whole.startswith("growth of only 2.1%" if lang == "en" else "只比决算数高2.1%")
    # City level: 10.018 / 9.69 (line 27) = 1.0338 -> 3.4%, above 3%, so no shortfall is said.
    city = plain(overview.on_final_base(ch, "h1.city.general.revenue.budget_growth", TARGET, True))
    assert city == ("growth of 3.4%" if lang == "en" else "比决算数高3.4%")
    # Without the identity holding, the shortfall reading is not said either.
    assert plain(overview.on_final_base(ch, "h1.whole.general.revenue.budget_growth", TARGET, False)) == (
        "growth of 2.1%" if lang == "en" else "比决算数高2.1%")


def test_a_missing_january_estimate_leaves_no_budget_basis_sentence(data_copy, lang):
    # Without line 21's January estimate (22.97 亿元) the identity cannot be checked: no sentence, and it does not hold.
    thin_year(data_copy, YEAR, drop_keys=["prelim.whole.general.revenue"])
    ch = chapter(lang, data_copy)
    assert not overview.holds(ch, WHOLE_RULE)
    assert overview.budget_basis(ch, WHOLE_RULE) == ""
    assert overview.holds(ch, CITY_RULE)  # the city level's estimate (line 37, 9.73) is still there
