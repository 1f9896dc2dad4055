"""Wordings of other places' reports (the failure classes of the tune split of tests/corpus/),
each with an example and a non-example: district and county scope words, scope carried into a
continuing sentence, a list or past a bracket, whole noun phrases as labels, preliminary
rates, change amounts, 亿/万 without 元, and keys carried by scope role."""

from __future__ import annotations

import pandas as pd
import pytest

from fiscalbook.extract import extract


def _facts(text: str, year: int = 2023, known: pd.DataFrame | None = None) -> list[dict[str, str]]:
    return extract(text, year, known=known).facts


def _by_value(text: str, year: int = 2023) -> dict[str, dict[str, str]]:
    return {f["value"]: f for f in _facts(text, year)}


# -- 1. scope words ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "scope"), [
    ("区级一般公共预算收入39.1亿元。", "区级"),
    ("县级一般公共预算支出12.3亿元。", "县级"),
    ("我区一般公共预算收入18.6亿元。", "全区"),
    ("我县一般公共预算收入8.6亿元。", "全县"),
    ("全州一般公共预算收入88.6亿元。", "全州"),
    ("城区一般公共预算收入5.6亿元。", "城区"),
    ("合川级税收完成83929万元。", "合川级"),
    ("1.本级征收完成数。地方一般公共预算收入完成28583万元。", "本级"),
])
def test_scope_words_of_districts_and_counties(text, scope):
    assert _facts(text)[0]["scope"] == scope


@pytest.mark.parametrize("text", [
    "收入完成28583万元，完成排名全州第6位。",  # a rank is not a scope
    "筹集资金2.5亿元支持主城区道路建设。",  # 主城区 is a part of town
    "筹集资金2.5亿元支持城区道路建设。",  # 城区 before a noun that is no fiscal word
    "上级一般公共预算转移支付收入9亿元。",  # 上级 is no place's name
])
def test_words_that_are_not_scopes(text):
    assert _facts(text)[0]["scope"] == "unstated"


def test_a_level_naming_an_items_source_is_not_the_scope():
    facts = _facts("全区一般公共预算收入326.7亿元。加上市级财税返还和补助收入119.5亿元，上解市级财政支出21.5亿元。")
    assert [f["scope"] for f in facts] == ["全区", "全区", "全区"]
    assert facts[1]["item"] == "transfers_in"


# -- 2. scope carried ------------------------------------------------------------------------------

def test_scope_carried_into_a_continuing_sentence_but_not_a_new_one():
    facts = _facts("全区一般公共预算收入20亿元。加上转移性收入49.2亿元。安排项目资金3亿元。")
    assert [f["scope"] for f in facts] == ["全区", "全区", "unstated"]


def test_scope_of_a_list_heading_and_not_of_a_bracket():
    facts = _facts("2022年全县财政收支情况如下：\n1.一般公共预算收入12.7亿元。\n2.政府性基金预算收入4.2亿元。\n", 2022)
    assert [f["scope"] for f in facts] == ["全县", "全县"]
    fact = _facts("2018年市级(不包括区级,下同)一般公共预算收入8.9亿元。", 2018)[0]
    assert fact["scope"] == "市级" and fact["label_zh"] == "地方一般公共预算收入"


def test_a_long_sentence_without_figures_passes_no_scope():
    text = "全市坚持过紧日子，压减一般性支出，统筹财政资源支持重点项目。筹集资金2.5亿元。"
    assert _facts(text)[0]["scope"] == "unstated"


# -- 4. labels ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "label"), [
    ("全区加上级补助收入478957万元。", "上级补助收入"),
    ("全区转移性收入28.59亿元。", "转移性收入"),
    ("全区财政收入总计2002909万元。", "财政收入总计"),
    ("全区动用预算稳定调节基金35.6亿元。", "动用预算稳定调节基金"),
    ("全市政府直接债务余额85.64亿元。", "政府直接债务余额"),
    ("区人大批准年初一般公共预算收入76.68亿元。", "年初一般公共预算收入"),
    ("全市一般公共预算收入73.84亿元。", "地方一般公共预算收入"),  # no more words than the entry
])
def test_labels_are_the_whole_noun_phrase(text, label):
    assert _facts(text)[0]["label_zh"] == label


# -- 5. period ---------------------------------------------------------------------------------------

def test_rates_after_an_estimate_are_preliminary_and_a_budget_is_not():
    facts = _by_value("区级一般公共预算收入预计完成39.1亿元，"
                      "完成区人大常委会批准收入调整预算37.5亿元的104.3%，增长3.2%。")
    assert facts["39.1"]["period"] == "preliminary" and facts["37.5"]["period"] == "full_year"
    assert facts["104.3"]["period"] == "preliminary" and facts["104.3"]["measure"] == "pct_of_adjusted_budget"
    assert facts["104.3"]["item"] == "revenue" and facts["3.2"]["period"] == "preliminary"
    final = _by_value("全县一般公共预算收入预计完成9.85亿元，决算数为9.91亿元，增长3.2%。")
    assert final["3.2"]["period"] == "full_year"  # a rate after the final figure is the final figure's


# -- 6. measures -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "measure", "value"), [
    ("全区一般公共预算支出21.3亿元，比2022年增支1.8亿元。", "yoy_amount", "1.8"),
    ("全区一般公共预算收入18.6亿元，比2022年减收0.6亿元。", "yoy_amount", "-0.6"),
    ("一般公共预算收支各调增9亿元。", "change_amount", "9"),
    ("政府性基金预算支出调减0.3亿元。", "change_amount", "-0.3"),
    ("安排资金：第二人民医院整体能力提升 2 亿元。", "amount", "2"),
    ("全区一般公共预算收入比上年提高2亿元。", "yoy_amount", "2"),  # with a baseline 提高 is a change
])
def test_change_amounts(text, measure, value):
    fact = _facts(text)[-1]
    assert (fact["measure"], fact["value"]) == (measure, value)


# -- 7. units ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("全区一般公共预算收入5.1 亿，增长3%。", "5.1", "亿元"),
    ("安排道路养护资金 100 万。", "100", "万元"),
    ("全区一般公共预算收入12.7亿元。", "12.7", "亿元"),
])
def test_amounts_without_yuan(text, value, unit):
    assert (_facts(text)[0]["value"], _facts(text)[0]["unit"]) == (value, unit)


@pytest.mark.parametrize("text", ["惠及群众 3.2 万人。", "高标准农田 1.5 万亩。"])
def test_wan_before_another_unit_is_not_money(text):
    assert _facts(text)[0]["unit"] in ("万人", "万亩")


# -- 8. keys ----------------------------------------------------------------------------------------

def _known(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([{"key": k, "fiscal_year": "2023", "period": "full_year", "scope": s, "budget": b, "item": i,
                          "measure": m, "value": "1", "unit": "亿元", "label_en": "x", "label_zh": "收入",
                          "restates": "", "section": ""} for k, s, b, i, m in rows])


KNOWN = _known(("whole.general.revenue", "全市", "general", "revenue", "amount"),
               ("city.general.revenue", "市本级", "general", "revenue", "amount"),
               ("city.general.expenditure", "市本级", "general", "expenditure", "amount"))


@pytest.mark.parametrize(("text", "key"), [
    ("全区一般公共预算收入20亿元。", "whole.general.revenue"),
    ("区本级一般公共预算收入20亿元。", "city.general.revenue"),
    ("县本级一般公共预算支出20亿元。", "city.general.expenditure"),
])
def test_keys_carried_by_scope_role(text, key):
    assert _facts(text, known=KNOWN)[0]["key"] == key


@pytest.mark.parametrize("text", [
    "全区财政收入总计2002909万元。",
    "全区一般公共预算收入总计20亿元。",
    "区本级结转下年支出8.6亿元。",
    "本级一般公共预算收入20亿元。",  # 本级 alone: whole or own level is unclear
    "区本级一般公共预算收入比上年增长3%。",  # another measure
])
def test_no_key_where_item_measure_or_role_differs(text):
    keys = {f["key"] for f in _facts(text, known=KNOWN)}
    assert not keys & set(KNOWN["key"])
