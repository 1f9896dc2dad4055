"""Execution rates and implied figures of the budget chapters: the base a rate is stated
on in the report's words, a figure implied by a stated rate (or 'not computable' with a note of
what the report leaves out), the rates of a section in a dot chart and a sentence, and amounts
said with their sign and arithmetic."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from fiscalbook.story import charts, fmt

RATES = {"budget": "pct_of_budget", "adjusted_budget": "pct_of_adjusted_budget", "prior_year": "yoy_pct"}


def capital(text: str) -> str:
    """A name at the start of a sentence: its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def finite(values: dict) -> dict:
    """The entries whose value is a number (a figure the report leaves out gives NaN)."""
    return {name: value for name, value in values.items() if not pd.isna(value)}


def implied(ch: Any, base: str, kind: str, places: int = 2) -> str:
    """``ch.implied``, or 'not computable' (with a note of what the report leaves out)."""
    if not pd.isna(ch.implied_value(base, kind)):
        return ch.implied(base, kind, places)
    return not_computable(ch, base, kind)


def not_computable(ch: Any, base: str, kind: str) -> str:
    """'not computable' for an amount implied by a rate, noting whichever of the amount and its rate
    the report leaves out."""
    ch.stated([base, f"{base}.{RATES[kind]}"])
    return ch.number(math.nan)


def prior_report(ch: Any, base: str) -> str:
    """'; the <previous year> report stated …, which agrees within rounding', or only what last
    year's report states; empty when data/ has no previous report with the figure."""
    agreement = ch.prior_agreement(base, f"{base}.implied_prior_year")
    if agreement or not ch.has_prior(base):
        return agreement
    return ch.t(
        f"; the {ch.previous.year} report stated {ch.prior(base)}", f"；{ch.previous.year}年报告所列为{ch.prior(base)}"
    )


def rate_base(ch: Any, key: str) -> str:
    """The base of an execution rate in the report's own words: 'budget' (预算), 'annual budget'
    (年度预算) or 'adjusted budget' (调整预算), read from the sentence that states it."""
    quote = ch.fact(key).quote if ch.has(key) else ""
    if key.endswith("pct_of_adjusted_budget") or "调整预算" in quote:
        return ch.t("the adjusted budget", "调整预算")
    if "年度预算" in quote:
        return ch.t("the annual budget", "年度预算")
    return ch.t("budget", "预算")


def written(ch: Any, key: str, unit: str) -> str:
    """A figure as the report wrote it, for a table whose header gives the unit."""
    if not ch.has(key):
        return "—"
    fact = ch.fact(key)
    if fact.unit == unit:
        return minus_sign(fmt.group(fact.text))
    return minus_sign(ch.t(fmt.with_unit(fact.text, fact.unit), fmt.group(fact.text) + fact.unit))


def minus_sign(text: str) -> str:
    """A leading hyphen as the minus sign the book prints elsewhere (−)."""
    return "−" + text[1:] if text.startswith("-") else text


def section_of(ch: Any, *keys: str) -> str:
    """The report's heading path of the first of ``keys`` it states ('' when none)."""
    return next((ch.fact(key).section for key in keys if ch.has(key)), "")


def balance_phrase(ch: Any, indicator_id: str) -> str:
    """'spending exceeded revenue by ' or 'spending fell short of revenue by ' (before an amount)."""
    gap = ch.indicators.loc[indicator_id, "value"]
    if pd.isna(gap):
        return ch.t("the gap between spending and revenue is ", "支出与收入之差为")
    return (
        ch.t("spending exceeded revenue by ", "支出超过收入")
        if gap < 0
        else ch.t("spending fell short of revenue by ", "支出少于收入")
    )


def surplus_word(ch: Any, indicator_id: str) -> str:
    value = ch.indicators.loc[indicator_id, "value"]
    return ch.t("a deficit of", "缺口") if not pd.isna(value) and value < 0 else ch.t("a balance of", "结余")


def absolute_amount(ch: Any, indicator_id: str) -> str:
    """An indicator's size without its sign, as a derived amount with its formula."""
    row = ch.indicators.loc[indicator_id]
    return ch.amount(abs(row["value"]), row["unit"], row["formula"])


def rate_dot_chart(ch: Any) -> None:
    """Every execution rate of the whole place's section, in the report's order, against the
    budget each rate names; revenue and spending in two colours."""
    section = section_of(ch, "whole.general.revenue", "whole.general.expenditure")
    facts = ch.data.section(section) if section else ch.data.facts.iloc[:0]
    rates = facts[facts["measure"].isin(["pct_of_budget", "pct_of_adjusted_budget"])]
    if rates.empty:
        return
    words = {
        "revenue": ("revenue", "收入"),
        "expenditure": ("spending", "支出"),
    }

    def label(row: Any) -> str:
        name = ch.label("scope", row.scope) if row.budget == "general" else ch.label("budget", row.budget)
        return f"{name}{ch.t(' · ', '：')}{ch.t(*words.get(row.item, (fmt.in_sentence(row.label_en), row.label_zh)))}"

    rows = list(rates.itertuples())
    fig = charts.rate_dots(
        labels=[label(row) for row in rows],
        values=list(rates["value"]),
        xlabel=ch.t("Final accounts as % of the budget each rate names", "决算数为各比率所指预算数的%"),
        reference_label=ch.t("= budget", "= 预算"),
        groups=[int(item == "expenditure") for item in rates["item"]],
        group_names=[ch.t("revenue", "收入"), ch.t("spending", "支出")],
    )
    below = [
        ch.value(row.key.removesuffix(f".{row.measure}"))
        < ch.implied_value(row.key.removesuffix(f".{row.measure}"), row.measure.removeprefix("pct_of_"))
        for row in rows
    ]
    spending = [row.item == "expenditure" for row in rows]
    revenue_below = sum(b for b, s in zip(below, spending, strict=True) if not s)
    spending_below = sum(b for b, s in zip(below, spending, strict=True) if s)
    revenue_count, spending_count = spending.count(False), spending.count(True)
    lowest = min(rows, key=lambda row: row.value)
    dots = [
        ch.t(
            f"{fmt.in_sentence(label(row))} {ch.plain(row.key)} of {rate_base(ch, row.key)}",
            f"{label(row)}为{rate_base(ch, row.key)}的{ch.plain(row.key)}",
        )
        for row in rows
    ]
    ch.figure(
        fig,
        caption=(
            f"Of the {revenue_count} revenue rates, {revenue_below} are below 100% of their budget (revenue short of "
            f"it); of the {spending_count} spending rates, {spending_below} are below 100% (less spent than budgeted; "
            "the report does not say why); the lowest: "
            f"{fmt.in_sentence(label(lowest))}, at {ch.plain(lowest.key)} of {rate_base(ch, lowest.key)}.",
            f"收入完成率共{revenue_count}个，其中{revenue_below}个低于100%（收入少于预算）；"
            f"支出完成率共{spending_count}个，其中{spending_below}个低于100%（支出少于预算，报告没有说明原因）；"
            f"最低的是{label(lowest)}，为{rate_base(ch, lowest.key)}的{ch.plain(lowest.key)}。",
        ),
        alt=(
            f"Dot chart of the {len(rows)} execution rates of the whole-city accounts against a dashed line at the "
            f"full budget: {'; '.join(dots)}.",
            f"点图：全市决算的{len(rows)}个完成率，虚线表示预算数：{'；'.join(dots)}。",
        ),
    )


def rate_counts(facts: pd.DataFrame) -> tuple[int, int, int]:
    """Of the amounts among ``facts`` (measure 'amount'): how many the report follows with two
    rates (an execution rate, pct_of_…, and a growth rate, yoy_pct), with one, and in all."""
    keys = set(facts["key"])
    amounts = list(dict.fromkeys(facts.loc[facts["measure"] == "amount", "key"]))

    def rates(key: str) -> int:
        execution = any(f"{key}.{rate}" in keys for rate in ("pct_of_budget", "pct_of_adjusted_budget"))
        return int(execution) + int(f"{key}.yoy_pct" in keys)

    counted = [rates(key) for key in amounts]
    return counted.count(2), counted.count(1), len(amounts)


def final_amounts(facts: pd.DataFrame) -> pd.DataFrame:
    """Of ``facts``, the year's final figures as first stated: period 'full_year', restating no
    earlier row (the January estimates, their differences and the finals written again beside
    them are left out)."""
    return facts[(facts["period"] == "full_year") & (facts["restates"].fillna("") == "")]


def rates_sentence(ch: Any, section: str) -> str:
    """'Of the N final amounts this part of the report states (…), T come with both rates and O
    with one', counted by ``rate_counts`` over ``final_amounts`` of the section."""
    two, one, total = rate_counts(final_amounts(ch.data.section(section))) if section else (0, 0, 0)
    if not total:
        return ""
    return ch.t(f"This part of the report states {total} final amounts for the year, each counted once (the January "
                f"estimates it sets beside some of them, and the differences, are not counted); {two} of them come "
                f"with both rates, the execution rate and the growth rate, and {one} with one of the two.",
                f"报告这一部分列出{ch.data.year}年决算金额{total}个（每个只计一次，不计与之并列的一月份预计数及其差额），"
                f"其中{two}个同时带有完成率和同比增长率，{one}个只带有其中一个。")


def mark_annual_budget(ch: Any, table: pd.DataFrame, bases: list[str]) -> pd.DataFrame:
    """A facts table whose '% of budget' column mixes bases: the cells of rates the report states
    against the annual budget (年度预算) say so, as the report's words do."""
    header = ch.label("measure", "pct_of_budget")
    if header not in table.columns:
        return table
    present = [base for base in bases if ch.has(base) or ch.has(f"{base}.pct_of_budget")]
    marked = table.copy()
    for row, base in zip(marked.index, present, strict=False):
        if "年度预算" in (ch.fact(f"{base}.pct_of_budget").quote if ch.has(f"{base}.pct_of_budget") else ""):
            marked.loc[row, header] = f"{marked.loc[row, header]}{ch.t(' (annual budget)', '（年度预算）')}"
    return marked


def rounded_amount(ch: Any, value: float, unit: str, formula: str) -> str:
    """A difference of amounts written to whole units: the amount, or 'nil to the nearest <unit>'
    when it rounds to zero (a zero of rounded inputs is not an exact zero)."""
    if not pd.isna(value) and round(value) == 0:
        return ch.t(f"nil to the nearest {unit}", f"按{unit}计为零")
    return ch.amount(value, unit, formula=formula, places=0)
