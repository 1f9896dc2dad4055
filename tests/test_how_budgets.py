"""fiscalbook.story.how_budgets: the explainer chapter's sentences chosen by what the year's report states,
checked by hand against the 2023 report (/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt,
line numbers as cited), with the branches for missing figures on a thinned copy of the data."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import how_budgets
from fiscalbook.story.chapter import Chapter

BUDGETS = ("general", "fund", "social_insurance", "state_capital")
SPENT = {budget: f"whole.{budget}.expenditure" for budget in BUDGETS}
DEBT = ("city.debt.balance", "city.debt.ceiling", "city.debt.headroom")


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "how_budgets_work", place=PLACE)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def test_finite_drops_missing_figures():
    assert how_budgets.finite({"a": 1.0, "b": float("nan")}) == {"a": 1.0}


def test_the_largest_budget_is_the_general_and_the_smallest_the_state_capital(lang):
    # Line 13: general spending 211.86 亿元; line 19: state capital spending 257 万元 (the smallest of four).
    text = plain(how_budgets.sizes_text(chapter(lang), SPENT, len(BUDGETS)))
    assert "211.86" in text and "257" in text
    largest = {"en": "largest budget in 2023 was the general public budget", "zh": "规模最大的是一般公共预算"}
    assert largest[lang] in text
    assert "of those whose spending" not in text and "在报告列出支出的几本预算中" not in text


def test_the_units_note_names_both_units(lang):
    # Lines 13-19: three budgets in 亿元, the state capital budget in 万元.
    text = how_budgets.units_text(chapter(lang), SPENT)
    assert "亿元" in text and "万元" in text
    assert how_budgets.units_text(chapter(lang), {"general": SPENT["general"]}) == ""


def test_debt_within_its_ceiling(lang):
    # Lines 45-47: ceiling 87.65 亿元, balance 76.57 亿元 (76.57 / 87.65 = 87.4%), room to borrow 11.09 亿元.
    text = plain(how_budgets.debt_text(chapter(lang), *DEBT))
    assert "76.57" in text and "87.65" in text and "87.4%" in text and "11.09" in text
    assert ("within it." if lang == "en" else "在限额以内") in text


def test_new_bonds(lang):
    # Line 47: new general bonds 3.1 亿元 (3500 万元 for resolving debt), special bonds 2.37 亿元.
    text = plain(how_budgets.bonds_text(chapter(lang), "city.debt.new_general_bonds",
                                        "city.debt.new_general_bonds_resolution", "city.debt.new_special_bonds"))
    assert "3.1" in text and "3500" in text.replace(",", "") and "2.37" in text


def test_whole_self_sufficiency(lang):
    # Line 11: revenue 23.17 亿元; line 13: spending 211.86 亿元; 211.86 / 23.17 = 9.14; 23.17 / 211.86 = 10.9%.
    text = how_budgets.whole_sufficiency(chapter(lang), ["whole.general.revenue", "whole.general.expenditure"],
                                         "self_sufficiency.whole")
    assert "9.1" in text and "10.9%" in plain(text)


def test_missing_figures_give_the_sentences_that_say_so(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=["city.debt.ceiling", "whole.general.expenditure"])
    ch = chapter(lang, data_copy)
    debt = plain(how_budgets.debt_text(ch, *DEBT))
    assert ("does not state its ceiling" if lang == "en" else "报告没有列出债务限额") in debt
    whole = how_budgets.whole_sufficiency(ch, ["whole.general.revenue", "whole.general.expenditure"],
                                          "self_sufficiency.whole")
    assert ("not computable" if lang == "en" else "无法计算") in whole
    sizes = plain(how_budgets.sizes_text(ch, SPENT, len(BUDGETS)))
    assert ("of those whose spending the report states" if lang == "en" else "在报告列出支出的几本预算中") in sizes


def test_parts_self_sufficiency_lowest_and_highest(lang):
    ch = chapter(lang)
    areas = ["municipal"] + [part.key for part in ch.place.parts if part.kind == "county"]
    ratios = how_budgets.finite({prefix: ch.derived_value(f"self_sufficiency.{prefix}")[0] for prefix in areas})
    scopes = {"municipal": "市级（含沙坡头区）"} | {part.key: part.code for part in ch.place.parts}
    keys = {prefix: (f"{prefix}.general.revenue", f"{prefix}.general.expenditure") for prefix in areas}
    text = plain(how_budgets.parts_sufficiency(ch, ratios, keys, scopes, "self_sufficiency.{prefix}"))
    # Line 13: municipal 13.4 / 95.16 = 14.1%, the highest of the three parts.
    assert "14.1%" in text
    assert how_budgets.parts_sufficiency(ch, {}, keys, scopes, "self_sufficiency.{prefix}").startswith(
        ch.t("The report does not state both figures", "报告没有列出全市三个组成部分"))
