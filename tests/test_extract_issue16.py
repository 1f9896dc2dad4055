"""The classes a new user found wrong in two other cities' reports (issue 16, items 3 and 5):
scope from a summary clause, a sign before an aside, shares of a budget, items of their own,
labels, the report's own year, review flags, and keys carried only when they mean the same.
The passages of set 'issue16' (tests/passages/) test measure and scope; these tests the rest."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from fiscalbook.extract import extract, report_year
from fiscalbook.extract import patterns as P

PASSAGES = Path(__file__).resolve().parent / "passages"


def _facts(text: str, year: int = 2023) -> list[dict[str, str]]:
    return extract(text, year).facts


def _messages(text: str, year: int = 2023, known: pd.DataFrame | None = None) -> list[str]:
    return [m for _, _, m in extract(text, year, known=known).review]


# -- 1. scope ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "scope"), [
    ("汇总市级和各区决算，全市一般公共预算收入45.6亿元。", "全市"),
    ("市级收入18亿元。汇总市级和各区决算，一般公共预算收入45.6亿元。", "全市"),
    ("汇总市级和各区决算,全市一般公共预算收入45.6亿元。", "全市"),
    ("市本级和各县区合计，政府性基金预算收入18.7亿元。", "全市"),
    ("汇总县本级和各乡镇决算，一般公共预算收入9.6亿元。", "全县"),
    ("汇总市级和各区决算，市级一般公共预算收入18.3亿元。", "市级"),  # a government named after it
])
def test_scope_from_the_nearest_subject_and_summaries(text, scope):
    assert _facts(text)[-1]["scope"] == scope


def test_a_whole_read_from_a_summary_is_flagged():
    assert any("scope read as 全市 from the summary" in m
               for m in _messages("汇总市级和各区决算，一般公共预算收入45.6亿元。"))
    assert not any("scope read" in m for m in _messages("全市一般公共预算收入45.6亿元。"))


# -- 2. a sign word before an aside ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "全市一般公共预算收入45.6亿元，比2021年下降(以下简称“下降”)15.6%。",
    "全市一般公共预算收入45.6亿元，比2021年下降（以下简称“下降”）15.6%。",
    "全市一般公共预算收入45.6亿元，比2021年下降（以下简称「下降」，下同）15.6%。",
    "全市一般公共预算收入45.6亿元，比上年下降（按可比口径）15.6%。",
])
def test_sign_before_an_aside(text):
    fact = _facts(text, 2022)[-1]
    assert (fact["value"], fact["measure"]) == ("-15.6", "yoy_pct")


# -- 3. shares of a budget ---------------------------------------------------------------------

@pytest.mark.parametrize(("cue", "measure"), [
    ("占调整预算", "pct_of_adjusted_budget"),
    ("占调整预算的", "pct_of_adjusted_budget"),
    ("完成调整预算的", "pct_of_adjusted_budget"),
    ("为调整后预算的", "pct_of_adjusted_budget"),
    ("为调整预算(以下简称“预算”)的", "pct_of_adjusted_budget"),
    ("完成年初预算", "pct_of_budget"),
    ("完成年初预算的", "pct_of_budget"),
    ("为年度预算的", "pct_of_budget"),
    ("占预算的", "pct_of_budget"),
])
def test_share_of_a_budget(cue, measure):
    fact = _facts(f"全县一般公共预算收入9.62亿元，{cue}97.3%。")[-1]
    assert (fact["measure"], fact["item"]) == (measure, "revenue")


def test_a_report_defining_its_budget_word():
    text = ("全县一般公共预算支出41.2亿元，为调整预算（以下简称“预算”）的92.5%。"
            "政府性基金预算收入3.4亿元，为预算的88.1%，为年初预算的101%。")
    assert [f["measure"] for f in _facts(text) if f["unit"] == "%"] == [
        "pct_of_adjusted_budget", "pct_of_adjusted_budget", "pct_of_budget"]
    before = _facts("全县政府性基金预算收入3.4亿元，为预算的88.1%。")
    assert before[-1]["measure"] == "pct_of_budget"


# -- 4. items of their own ---------------------------------------------------------------------

def test_transfer_and_fund_items_keep_their_own_codes():
    text = (PASSAGES / "i4_transfer_items.txt").read_text(encoding="utf-8")
    items = [(f["value"], f["item"]) for f in _facts(text)]
    assert items == [
        ("20.5", "revenue"), ("48.3", "subsidy_from_higher"), ("1.2", "remittance_from_lower"),
        ("3.4", "funds_transferred_in"), ("2.1", "stabilisation_fund_drawn"), ("5.6", "debt_onlent_in"),
        ("62.7", "expenditure"), ("8.7", "subsidy_lower"), ("0.9", "remittance"), ("1.5", "stabilisation_fund"),
        ("2.2", "debt_repayment")]
    labels = {f["item"]: (f["label_en"], f["label_zh"]) for f in _facts(text)}
    assert all(en and zh for en, zh in labels.values())
    assert labels["stabilisation_fund_drawn"][0] == "Drawn from the budget stabilization fund"


@pytest.mark.parametrize(("phrase", "item"), [
    ("调入预算稳定调节基金", "stabilisation_fund_drawn"),
    ("安排预算稳定调节基金", "stabilisation_fund"),
    ("预算稳定调节基金余额", "stabilisation_fund_balance"),
    ("调出资金", "funds_transferred_out"),
])
def test_stabilisation_fund_and_transfers_by_direction(phrase, item):
    assert _facts(f"市本级{phrase}2.1亿元。")[-1]["item"] == item


# -- 5. labels ---------------------------------------------------------------------------------

STRAY = tuple("，,、；;：:。.！!？?）)") + ("”",)


def test_no_label_starts_or_ends_with_stray_punctuation():
    with open(PASSAGES / "index.csv", encoding="utf-8", newline="") as handle:
        entries = list(csv.DictReader(handle))
    for entry in entries:
        text = (PASSAGES / f"{entry['file']}.txt").read_text(encoding="utf-8")
        for fact in extract(text, int(entry["year"])).facts:
            label = fact["label_zh"]
            assert label and not label.startswith(STRAY) and not label.endswith(STRAY[:-3]), (entry["file"], label)


def test_label_after_ascii_colon_and_quotes():
    facts = _facts((PASSAGES / "i5_ascii_marks_labels.txt").read_text(encoding="utf-8"))
    assert [f["label_zh"] for f in facts][1:4] == ["税收收入", "非税收入", "发放“一老一小”补贴资金"]


# -- 6. the report's own year ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "year"), [
    ("关于红川市2022年财政决算的报告\n一、2022年财政决算情况\n", 2022),
    ("2023 年全市及市本级财政决算（草案）和 2024 年上半年财政预算执行情况的报告\n一、", 2023),
    ("受市人民政府委托，现将2021年度市级财政决算情况报告如下：\n一、", 2021),
    ("关于2022年预算执行情况和2023年预算草案的报告\n一、", 2022),
    ("关于2024年上半年预算执行情况的报告\n一、", None),
    ("2023年，全县政府性基金预算收入完成12,345万元。", None),
])
def test_report_year(text, year):
    assert report_year(text) == year


def test_2023_report_year():
    assert report_year((Path(__file__).resolve().parent.parent / "data" / "zhongwei" / "2023" / "report.txt")
                       .read_text(encoding="utf-8")) == 2023


def test_measure_does_not_depend_on_the_year_given():
    text = (PASSAGES / "i6_year_from_title.txt").read_text(encoding="utf-8")
    drafts = {year: extract(text, year) for year in (2021, 2022, 2023)}
    readings = {year: [(f["value"], f["measure"], f["fiscal_year"]) for f in d.facts] for year, d in drafts.items()}
    assert readings[2021] == readings[2022] == readings[2023]
    assert ("7.2", "yoy_pct", "2022") in readings[2022] and ("5.4", "yoy_pct", "2023") in readings[2022]
    for year, draft in drafts.items():
        flagged = [m for _, _, m in draft.review if "the report is about 2022" in m]
        assert bool(flagged) == (year != 2022)


# -- 7. what the reader is unsure of is flagged ------------------------------------------------

def test_unsure_readings_are_flagged():
    messages = _messages("市本级预算稳定调节基金0.5亿元，发放“一老一小”补贴资金1850万元。")
    assert any("direction unclear" in m and "stabilisation_fund_unclear" in m for m in messages)
    assert any("no English name for '发放“一老一小”补贴资金'" in m for m in messages)


# -- 8. keys carried only when they mean the same ----------------------------------------------

def _known(*rows: tuple[str, str, str, str, str, str]) -> pd.DataFrame:
    """Previous-year facts: (key, scope, budget, item, measure, label_zh)."""
    records = [{"id": k, "key": k, "fiscal_year": "2022", "period": "full_year", "scope": s, "budget": b, "item": i,
                "measure": m, "value": "1", "unit": "亿元" if m == "amount" else "%", "label_en": "x",
                "label_zh": z, "restates": ""} for k, s, b, i, m, z in rows]
    return pd.DataFrame(records, dtype=str)


def test_key_carried_when_everything_agrees():
    known = _known(("zw.general.revenue", "全市", "general", "revenue", "amount", "地方一般公共预算收入"))
    draft = extract("全市一般公共预算收入45.6亿元。", 2023, known=known)
    assert draft.facts[0]["key"] == "zw.general.revenue"
    assert not any("new key" in m or "label words" in m for _, _, m in draft.review)


def test_new_key_when_the_scope_differs():
    known = _known(("municipal.general.revenue", "市级（含沙坡头区）", "general", "revenue", "amount",
                    "地方一般公共预算收入"))
    draft = extract("市级一般公共预算收入18.3亿元。", 2023, known=known)
    fact = draft.facts[0]
    assert fact["key"] != "municipal.general.revenue" and fact["key"].startswith("municipal.general.revenue")
    assert any("new key: check" in m for _, _, m in draft.review)


def test_label_words_never_carry_across_items_or_budgets():
    known = _known(("city.general.debt_onlent_in", "市本级", "general", "debt_onlent_in", "amount", "债务转贷收入"),
                   ("city.programme.old_funds", "市本级", "programme", "old_funds", "amount", "转贷资金"))
    draft = extract("市本级一般公共预算收入20.5亿元，加上调入资金3.4亿元、债务转贷收入5.6亿元。", 2023, known=known)
    keys = {f["value"]: f["key"] for f in draft.facts}
    assert keys["3.4"] == "city.general.funds_transferred_in" and keys["5.6"] == "city.general.debt_onlent_in"


def test_keys_carried_by_label_words_are_flagged():
    known = _known(("keywork.heating", "unstated", "programme", "heating_subsidy", "amount", "取暖补贴资金"))
    draft = extract("发放取暖补贴资金1850万元。", 2023, known=known)
    assert draft.facts[0]["key"] == "keywork.heating"
    assert any("carried by label words" in m for _, _, m in draft.review)
    other_budget = _known(("keywork.heating", "unstated", "general", "heating_subsidy", "amount", "取暖补贴资金"))
    draft = extract("发放取暖补贴资金1850万元。", 2023, known=other_budget)
    assert draft.facts[0]["key"] != "keywork.heating"


def test_pattern_module_keeps_label_punctuation_in_one_place():
    assert "，" in P.LABEL_EDGE_PUNCT and P.PAIRS["“"] == "”"
