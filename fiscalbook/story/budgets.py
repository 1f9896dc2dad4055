"""What the budget chapters (02 whole city, 03 city level, 04 preliminary, 05 reserve) do
when a figure is missing, a list is empty or the place has other parts: written once here,
so that the notebooks read as the story plus short calls.

Every function takes the chapter (``fiscalbook.story.chapter.Chapter``) first. The areas of
the whole place come from its descriptor (``ch.place``): the municipal level with its
districts, then each part not inside it (a county), keyed by its key prefix; no place name
is typed here either.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from fiscalbook.audit.rules import check_rule, compute_indicator, written_places
from fiscalbook.data.units import is_money
from fiscalbook.story import charts, fmt
from fiscalbook.story.arithmetic import percent
from fiscalbook.story.explainer import number_word
from fiscalbook.story.indicators import ABOUT_ZERO

RATES = {"budget": "pct_of_budget", "adjusted_budget": "pct_of_adjusted_budget", "prior_year": "yoy_pct"}


@dataclass(frozen=True)
class Area:
    """One area the whole place is split into in the report: its key prefix and scope code."""

    key: str
    code: str


# --- the place's areas ----------------------------------------------------------------------
def areas(ch: Any) -> list[Area]:
    """The areas the whole place's general budget is split into: the municipal level (with its
    districts) and every part not inside it, in the descriptor's order."""
    municipal = ch.place.role("municipal")
    found = [Area("municipal", municipal.code)] if municipal else []
    inside = municipal.code if municipal else None
    return found + [Area(part.key, part.code) for part in ch.place.parts if not inside or part.within != inside]


def districts(ch: Any) -> list[Any]:
    """The parts inside the municipal level (the districts the city level's figures bracket)."""
    municipal = ch.place.role("municipal")
    return [part for part in ch.place.parts if municipal and part.within == municipal.code]


def district(ch: Any) -> Any:
    """The one district inside the municipal level (None when there is none or several)."""
    found = districts(ch)
    return found[0] if len(found) == 1 else None


def county_count(ch: Any) -> int:
    """How many parts lie outside the municipal level."""
    return len(areas(ch)) - 1


def names(ch: Any, codes: list[str]) -> str:
    """Scope names joined for a sentence: 'A, B and C' / 'A、B和C'."""
    words = [ch.scope_name(code) for code in codes]
    if len(words) < 2:
        return "".join(words)
    return ch.t(", ".join(words[:-1]) + " and " + words[-1], "、".join(words[:-1]) + "和" + words[-1])


def structure(ch: Any) -> None:
    """The paragraph that says what the whole place is made of, from the descriptor."""
    whole, municipal, city = (ch.place.role(role) for role in ("whole", "municipal", "city"))
    parts = [area.code for area in areas(ch)]
    inside = [part.code for part in districts(ch)]
    ch.say(
        en="The report gives the final accounts of {whole}: {city} together with {others}. "
        "For the general public budget it also splits {whole} into {n} areas: {parts}. The areas must add up "
        "to the whole, and this chapter checks whether they do.",
        zh="报告给出了{whole}的财政决算，范围包括{city}以及{others}。一般公共预算还分{n}部分列示：{parts}。"
        "各部分之和应当等于{whole}，本章逐一核对。",
        whole=ch.scope_name(whole.code) if whole else "",
        city=ch.scope_name(city.code) if city else "",
        others=names(ch, inside + parts[1:]),
        n=number_word(len(parts), ch.lang),
        parts=names(ch, parts),
    )


# --- figures that may be missing ------------------------------------------------------------
def capital(text: str) -> str:
    """A name at the start of a sentence: its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def finite(values: dict) -> dict:
    """The entries whose value is a number (a figure the report leaves out gives NaN)."""
    return {name: value for name, value in values.items() if not pd.isna(value)}


def fastest(ch: Any, template: str) -> Area | None:
    """The area whose figure ``template.format(area_key)`` is the largest (None if none is stated)."""
    values = finite({area: ch.value(template.format(area.key)) for area in areas(ch)})
    return max(values, key=values.get) if values else None


def implied(ch: Any, base: str, kind: str, places: int = 2) -> str:
    """``ch.implied``, or 'not computable' (with a note of what the report leaves out)."""
    if not pd.isna(ch.implied_value(base, kind)):
        return ch.implied(base, kind, places)
    ch.stated([base, f"{base}.{RATES[kind]}"])  # notes whichever of the two the report leaves out
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
        return fmt.group(fact.text)
    return ch.t(fmt.with_unit(fact.text, fact.unit), fmt.group(fact.text) + fact.unit)


def section_of(ch: Any, *keys: str) -> str:
    """The report's heading path of the first of ``keys`` it states ('' when none)."""
    return next((ch.fact(key).section for key in keys if ch.has(key)), "")


# --- 02: the whole place, area by area ------------------------------------------------------
def area_table(ch: Any, item: str, rate: str, caption: str) -> None:
    """The areas and the whole: amount, execution rate, growth, the amounts the rates imply and,
    when data/ holds the previous report, the previous year's figure as that report states it."""
    scopes = [*areas(ch), Area("whole", ch.place.role("whole").code)]
    bases = [f"{area.key}.general.{item}" for area in scopes]
    measures = ["amount", rate, "yoy_pct"]
    labels = {
        base: ch.label("scope", area.code) + ch.t(f" ({area.code})", "")
        for base, area in zip(bases, scopes, strict=True)
    }
    kinds = [rate.removeprefix("pct_of_"), "prior_year"]
    table = ch.facts_table(bases, measures, labels=labels, implied=kinds).drop(columns="中文", errors="ignore")
    if ch.previous is not None:
        shown = [base for base in bases if any(ch.has(base if m == "amount" else f"{base}.{m}") for m in measures)]
        unit = ch.fact(shown[0]).unit if shown and ch.has(shown[0]) else ""
        cells = [_prior_cell(ch, base, unit) for base in shown]
        header = ch.t(
            f"{ch.previous.year} report ({unit}, {ch.unit_name(unit)})", f"{ch.previous.year}年报告数（{unit}）"
        )
        table.insert(len(table.columns) - 1, header, cells)
    ch.table(table, caption=caption, check=f"whole.general.{item}.by_area")


def _prior_cell(ch: Any, base: str, unit: str) -> str:
    prior = ch.previous.fact(base) if ch.has_prior(base) else None
    if prior is None:
        return "—"
    if prior.unit == unit:
        return fmt.group(prior.text)
    return ch.t(fmt.with_unit(prior.text, prior.unit), fmt.group(prior.text) + prior.unit)


def spending_growth(ch: Any) -> str:
    """Where spending grew fastest, from what implied previous-year figure, and the others."""
    top = fastest(ch, "{}.general.expenditure.yoy_pct")
    if top is None:
        return ""
    base = f"{top.key}.general.expenditure"
    others = [area for area in areas(ch) if area != top and ch.has(f"{area.key}.general.expenditure.yoy_pct")]
    rest_en = ", ".join(
        f"{ch.change(f'{a.key}.general.expenditure.yoy_pct')} in {ch.scope_name(a.code)}" for a in others
    )
    rest_zh = "；".join(f"{ch.scope_name(a.code)}{ch.change(f'{a.key}.general.expenditure.yoy_pct')}" for a in others)
    return ch.t(
        f" Spending grew fastest in {ch.scope_name(top.code)}: {ch.change(f'{base}.yoy_pct')}, from an implied "
        f"{implied(ch, base, 'prior_year')} to {ch(base)}{prior_report(ch, base)}."
        + (f" Elsewhere it was {rest_en}." if others else ""),
        f"{ch.scope_name(top.code)}增长最快：{ch.change(f'{base}.yoy_pct')}，"
        f"由推算的上年{implied(ch, base, 'prior_year')}增至{ch(base)}{prior_report(ch, base)}。"
        + (f"其他地区：{rest_zh}。" if others else ""),
    )


def parts_sum(ch: Any, item: str) -> str:
    """The areas' figures added up, against the whole's, with the identity's status."""
    whole = f"whole.general.{item}"
    if not ch.has(whole):
        return ""
    unit = ch.fact(whole).unit
    keys = [f"{area.key}.general.{item}" for area in areas(ch)]
    total = ch.amount(sum(ch.value(key, unit) for key in keys), unit, formula=" + ".join(keys))
    return ch.t(
        f"The areas' figures add up to {total} against the whole-city total of {ch.plain(whole)}: the identity "
        f"{ch.status_text(f'{whole}.by_area')}.",
        f"各地区相加为{total}，报告的全市合计为{ch.plain(whole)}，这一恒等关系{ch.status_text(f'{whole}.by_area')}。",
    )


def self_sufficiency_chart(ch: Any) -> None:
    """Revenue beside expenditure in each area whose two figures the report states, with the
    area's self-sufficiency (at the decimals the figures allow) above the pair."""
    drawn = [a for a in areas(ch) if len(ch.stated([f"{a.key}.general.revenue", f"{a.key}.general.expenditure"])) == 2]
    if not drawn:
        return
    ratio = {a: ch.indicators.loc[f"self_sufficiency.{a.key}"] for a in drawn}
    text = {
        a: fmt.percent(row["value"], max(0, min(1, fmt.places_for(row["low"], row["high"]))))
        for a, row in ratio.items()
    }
    name = {a: ch.label("scope", a.code) for a in drawn}
    unit = ch.fact(f"{drawn[0].key}.general.revenue").unit
    fig = charts.paired_bars(
        groups=[name[a] for a in drawn],
        series={
            ch.t("Revenue", "收入"): [ch.value(f"{a.key}.general.revenue", unit) for a in drawn],
            ch.t("Expenditure", "支出"): [ch.value(f"{a.key}.general.expenditure", unit) for a in drawn],
        },
        ylabel=ch.axis_unit(unit),
        notes=[ch.t("self-sufficiency ", "财政自给率") + text[a] for a in drawn],
    )
    low, high = min(drawn, key=lambda a: ratio[a]["value"]), max(drawn, key=lambda a: ratio[a]["value"])
    pairs = [
        ch.t(
            f"{fmt.in_sentence(name[a])}: revenue {ch.plain(f'{a.key}.general.revenue')}, expenditure "
            f"{ch.plain(f'{a.key}.general.expenditure')}, self-sufficiency {text[a]}",
            f"{name[a]}：收入{ch.plain(f'{a.key}.general.revenue')}，支出{ch.plain(f'{a.key}.general.expenditure')}，"
            f"财政自给率{text[a]}",
        )
        for a in drawn
    ]
    caption = (
        (
            f"Own revenue pays for {text[low]} of spending in {ch.scope_name(low.code)}.",
            f"{name[low]}本级收入能覆盖支出的{text[low]}。",
        )
        if low == high
        else (
            f"Own revenue pays for only {text[low]} of spending in {ch.scope_name(low.code)}; the highest "
            f"self-sufficiency, in {ch.scope_name(high.code)}, is {text[high]}.",
            f"{name[low]}本级收入仅能覆盖支出的{text[low]}；自给率最高的{name[high]}为{text[high]}。",
        )
    )
    ch.figure(
        fig,
        caption=caption,
        alt=(
            f"Paired bar chart in {unit}: revenue and expenditure of the general public budget, area by area: "
            + "; ".join(pairs)
            + ".",
            f"成对柱状图（{unit}）：各地区一般公共预算的收入与支出。" + "；".join(pairs) + "。",
        ),
    )


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
    return ch.t("a deficit of", "缺口") if not pd.isna(value) and value < 0 else ch.t("a surplus of", "结余")


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


def own_state_capital_elsewhere(ch: Any) -> float:
    """The whole place's state-capital own revenue minus the city level's: what the district and
    counties' enterprises paid in (NaN when either figure is missing)."""
    unit = ch.fact("whole.state_capital.own_revenue").unit if ch.has("whole.state_capital.own_revenue") else None
    return ch.value("whole.state_capital.own_revenue", unit) - ch.value("city.state_capital.own_revenue", unit)



def state_capital_elsewhere_text(ch: Any) -> None:
    """What the district and counties paid into the state capital budget: the difference of the whole
    place's own revenue and the city level's, said as an amount, or, when it rounds to zero, as our
    reading (a difference of rounded figures is known only within the sum of their half-units)."""
    whole, city = "whole.state_capital.own_revenue", "city.state_capital.own_revenue"
    if not (ch.has(whole) and ch.has(city)):
        return
    unit = ch.fact(whole).unit
    value = own_state_capital_elsewhere(ch)
    digits = [len(ch.fact(key).text.partition(".")[2]) for key in (whole, city)]
    bound = fmt.computed_money(sum(0.5 * 10.0 ** -places for places in digits), unit, ch.lang, max(digits))
    if round(value, max(digits)) != 0:
        ch.say(en="The city-level government's own-level revenue in this budget (市本级收入) is {city}, so the "
                  "district and the counties paid in {rest}.",
               zh="市本级收入为{city}，因此其余县（区）的收入为{rest}。", city=ch(city),
               rest=ch.amount(value, unit, formula=f"{whole} - {city}", places=max(digits)))
        return
    ch.reading(
        en="The city-level government's own-level revenue in this budget (市本级收入) is also {city}. Both figures are "
           "rounded, so what the district and the counties paid in together is less than {bound}, possibly nothing; "
           "or the report wrote one figure for both scopes. It says neither.",
        zh="市本级收入也是{city}。两个数字都经过四舍五入，因此其余县（区）合计的收入不足{bound}，可能为零；也可能是报告"
           "对两个口径写了同一个数。报告对此都没有说明。",
        evidence=("The whole city's {whole_figure} and the city-level government's {city}, each within half a unit "
                  "of its last written digit: their difference is less than {bound} either way.",
                  "全市{whole_figure}与市本级{city}各自与真实值最多相差末位的半个单位，二者之差的绝对值小于{bound}。"),
        city=ch(city), whole_figure=ch(whole), bound=bound)

# --- 03: the city level's sources and uses --------------------------------------------------
def section_table(ch: Any, key: str, caption: str, check: Any = ()) -> None:
    """Every figure of the subsection of the report that states ``key``: one row per item."""
    section = section_of(ch, key)
    facts = ch.data.section(section) if section else ch.data.facts.iloc[:0]
    if facts.empty:
        ch.say(
            en="The report has no figures for this part of the city-level government's accounts.",
            zh="报告没有列出市本级这部分决算的数字。",
        )
        return
    bases = list(facts.loc[facts["measure"].isin(["amount", "count"]), "key"])
    measures = ["amount"] + [m for m in dict.fromkeys(facts["measure"]) if m not in ("amount", "count")]
    home = ch.place.role("city").code
    labels = {
        base: ch.label("scope", ch.fact(base).scope) + ch.t(": ", "：") + ch.name_of(base, in_sentence=True)
        for base in bases
        if ch.fact(base).scope != home
    }
    table = mark_annual_budget(ch, ch.facts_table(bases, measures, labels), bases)  # the report's own base
    if "中文" in table.columns:  # a part's rows in the report's words: 沙坡头区收入, not the city-level label
        for row, base in zip(table.index, bases, strict=False):
            if ch.fact(base).scope != home:
                item = {"revenue": "收入", "expenditure": "支出"}.get(ch.fact(base).item, f"：{ch.fact(base).label_zh}")
                table.loc[row, "中文"] = f"{ch.fact(base).scope}{item}"
    ch.table(table, caption=caption, check=check)


def sources_and_uses(ch: Any, rule_id: str) -> tuple[list[str], list[str], str]:
    """The keys of a sources-and-uses identity: sources, uses, and what is left (its last key)."""
    sources, right_side = ch.rule_keys(rule_id)
    *uses, left = right_side
    return sources, uses, left


def sum_of(ch: Any, keys: list[str]) -> float:
    """The sum of figures in one money unit (NaN when the report leaves one out)."""
    unit = next((ch.fact(key).unit for key in keys if ch.has(key)), "")
    return sum(ch.value(key, unit) for key in keys)


def total_of(ch: Any, keys: list[str]) -> str:
    """The sum of figures as a derived amount with its formula."""
    unit = next((ch.fact(key).unit for key in keys if ch.has(key)), "")
    return ch.amount(sum_of(ch, keys), unit, formula=" + ".join(keys))


def waterfall(ch: Any, rule_id: str, caption: tuple[str, str]) -> None:
    """Sources stacking up, uses stepping down, what is left; no chart when a step is missing."""
    sources, uses, left = sources_and_uses(ch, rule_id)
    keys = sources + uses + [left]
    if len(ch.stated(keys)) < len(keys):
        ch.say(
            en="The report leaves out a figure of this balance, so there is no chart of it.",
            zh="报告缺少这组收支平衡关系中的数字，因此不作图。",
        )
        return

    def listing(ks: list[str]) -> str:
        return ch.t("; ", "；").join(f"{ch.name_of(k, in_sentence=True)}{ch.t(' ', '')}{ch.plain(k)}" for k in ks)

    steps = [(ch.name_of(k), ch.value(k)) for k in sources] + [(ch.name_of(k), -ch.value(k)) for k in uses]
    unit, budget = ch.fact(left).unit, ch.label("budget", ch.fact(left).budget)
    fig = charts.waterfall(
        steps,
        ylabel=ch.axis_unit(unit),
        end_label=ch.name_of(left),
        source_name=ch.t("Sources", "资金来源"),
        use_name=ch.t("Uses", "资金运用"),
    )
    total = ch.number(sum_of(ch, sources), 2)
    ch.figure(
        fig,
        caption=caption,
        alt=(
            f"Waterfall chart in {unit} of the city-level {fmt.in_sentence(budget)}. Sources stack up to {total}: "
            f"{listing(sources)}. Uses step down: {listing(uses)}. The last bar is what is left, the accumulated "
            f"year-end balance of {ch.plain(left)}.",
            f"市本级{budget}瀑布图（{unit}）。资金来源逐项累加至{total}：{listing(sources)}。"
            f"资金运用逐项扣减：{listing(uses)}。"
            f"最后一根柱为剩下的年终滚存结余{ch.plain(left)}。",
        ),
    )


def balances_text(ch: Any) -> str:
    """How the section's sources-and-uses identities hold: 'All 3 balance statements … add up exactly.'"""
    section = section_of(ch, "city.general.revenue", "city.fund.revenue")
    top = re.match(r"^[^.]+(?:\.\([^)]+\))?", section)
    rules = [rule for rule in ch.rules_in(top.group(0))] if top else []
    balances = [rule for rule in rules if ch.check(rule)["kind"] == "sources_uses"]
    statuses = [ch.check(rule)["status"] for rule in balances]
    exact, rounding, n = statuses.count("exact"), statuses.count("within_rounding"), len(balances)
    if not n:
        return ""
    what = ch.t(" (identities of the form sources = uses + balance, each listed in the chapter on data and audit)",
                "（“资金来源 = 资金运用 + 结余”形式的恒等式，均列在“数据与核查”一章）")
    if exact == n:
        return ch.t(
            f"All {n} balance statements of this chapter{what} add up exactly.",
            f"本章{number_word(n, 'zh')}组收支平衡关系{what}全部完全成立。",
        )
    return ch.t(
        f"Of this chapter's {n} balance statements{what}, {exact} add up exactly"
        + (f" and {rounding} within rounding." if rounding else "."),
        f"本章{number_word(n, 'zh')}组收支平衡关系{what}中，{exact}组完全成立"
        + (f"，{rounding}组在四舍五入误差内成立。" if rounding else "。"),
    )


# --- 04: January estimates against the final accounts ---------------------------------------
def revision_check(ch: Any, base: str, key: str, change_key: str, unit: str) -> tuple[dict, bool]:
    """final − estimate = stated change, evaluated, and whether data/rules.csv lists it."""
    try:
        return ch.check(f"{base}.revision"), True
    except KeyError:
        rule = {
            "id": f"{base}.revision",
            "kind": "revision",
            "lhs": f"{base} - {key}",
            "relation": "=",
            "rhs": change_key,
            "unit": unit,
            "label_en": "",
            "label_zh": "",
            "section": ch.fact(key).section,
        }
        return check_rule(rule, ch.data), False


def revision_pct(ch: Any, base: str, key: str) -> dict:
    """The final figure's change on its estimate, in %, at the decimals the two figures allow
    (whole per cent when the range their digits allow is a point wide or more, else one
    decimal), with that range ('low', 'high')."""
    row = compute_indicator(
        {
            "id": f"{base}.revision_pct",
            "kind": "other",
            "formula": f"({base} - {key}) / {key}",
            "unit": "%",
            "label_en": "",
            "label_zh": "",
            "section": "",
        },
        ch.data,
    )
    if row["value"] is None:
        return {"value": math.nan, "text": ch.number(math.nan), "places": 0, "low": math.nan, "high": math.nan}
    value, low, high = (percent(row[bound], 1) for bound in ("value", "low", "high"))
    low, high = (round(bound, fmt.NOISE_DIGITS) for bound in (low, high))
    places = max(0, min(1, fmt.places_for(low, high)))
    text = ch.t(*ABOUT_ZERO) if fmt.straddles_zero(low, high) else fmt.percent(value, places)
    return {"value": value, "text": text, "places": places, "low": low, "high": high}


def revisions(ch: Any, estimates: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Every January estimate of an amount whose final figure the report also states, one row a
    pair, with the computed change, ratio and % change; and the one money unit they are shown in.
    ``estimates``: the facts of the January estimates (``ch.data.select("prelim.")``)."""
    estimates = estimates.query("measure == 'amount'")
    estimates = estimates[[is_money(unit) for unit in estimates["unit"]]]
    finals = [key.removeprefix("prelim.") for key in estimates["key"]]
    stated = set(ch.stated(finals))
    rev = estimates.loc[[base in stated for base in finals], ["key", "budget", "item", "scope"]].reset_index(drop=True)
    unit = ch.fact(max(rev["key"], key=lambda key: ch.value(key, "元"))).unit if len(rev) else ""
    rev["base"] = rev["key"].str.removeprefix("prelim.")
    rev["change_key"] = rev["key"] + ".change_amount"
    rev["prelim"] = [ch.value(key, unit) for key in rev["key"]]
    rev["final"] = [ch.value(base, unit) for base in rev["base"]]
    rev["change"] = rev["final"] - rev["prelim"]
    rev["ratio"] = rev["final"] / rev["prelim"]
    found = [revision_pct(ch, base, key) for base, key in zip(rev["base"], rev["key"], strict=True)]
    rev["pct"] = [r["value"] for r in found]
    rev["pct_text"] = [r["text"] for r in found]
    rev["places"] = [r["places"] for r in found]
    rev["pct_low"], rev["pct_high"] = [r["low"] for r in found], [r["high"] for r in found]
    rev["shown"] = [round(r["value"], r["places"]) if not pd.isna(r["value"]) else math.nan for r in found]
    rev["what"] = [ch.name_of(base) for base in rev["base"]]
    rev["where"] = [re.sub(r" \(.*\)$", "", ch.label("scope", scope)) for scope in rev["scope"]]
    rev["label"] = [
        ch.t(f"{fmt.in_sentence(what)} of {ch.scope_name(scope, remark=False)}", f"{where}{what}")
        for what, where, scope in zip(rev["what"], rev["where"], rev["scope"], strict=True)
    ]
    rev["chart_label"] = [
        ch.t(f"{what}\n{where}", f"{where}{what}") for what, where in zip(rev["what"], rev["where"], strict=True)
    ]
    rev["signed"] = [signed_change(ch, row, unit) for row in rev.itertuples()]
    return rev, unit


def change_text(ch: Any, row: Any, unit: str) -> str:
    """A revision for prose: as the report states it, or computed from the two figures."""
    if ch.has(row.change_key):
        return ch.change(row.change_key)
    word = ch.t("up", "增加") if row.change >= 0 else ch.t("down", "减少")
    places = written_places(f"{row.base} - {row.key}", ch.data, unit)
    return f"{word}{ch.t(' ', '')}{ch.amount(abs(row.change), unit, f'{row.base} - {row.key}', places)}"


def plain_change(ch: Any, row: Any, unit: str) -> str:
    """A revision for a caption, with its unit, no markup."""
    if ch.has(row.change_key):
        return ch.plain(row.change_key)
    return fmt.computed_money(row.change, unit, ch.lang, written_places(f"{row.base} - {row.key}", ch.data, unit))


def signed_change(ch: Any, row: Any, unit: str) -> str:
    """A revision as plain signed text in the chart's unit, as written or computed."""
    if ch.has(row.change_key) and ch.fact(row.change_key).unit == unit:
        text = fmt.group(ch.fact(row.change_key).text)
    else:
        text = fmt.decimal(row.change, written_places(f"{row.base} - {row.key}", ch.data, unit))
    return text if text.startswith("-") else f"+{text}"


def signed_pct(row: Any) -> str:
    """A % revision with its sign ('+0.9%'), as the chart labels it."""
    return f"+{row.pct_text}" if row.pct > 0 and row.pct_text[:1].isdigit() else row.pct_text


def by_ratio(rev: pd.DataFrame) -> pd.DataFrame:
    """The pairs from the largest upward revision to the largest downward one, by the % change
    as shown (at the decimals the figures allow), so that the labels read in order; the exact
    ratio breaks ties."""
    return rev.sort_values(["shown", "ratio"], ascending=False)


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun, singular for one."""
    return f"{count} {one if count == 1 else many}"


def outside_city(ch: Any, rev: pd.DataFrame, unit: str) -> dict | None:
    """Where the whole place's revision and the city level's differ most: the pair's rows and
    the revision outside the city level (None when the report gives no such pair)."""
    whole, city = ch.place.role("whole").code, ch.place.role("city").code
    if rev.empty or not {whole, city} <= set(rev["scope"]):
        return None
    pairs = rev.pivot_table(index=["budget", "item"], columns="scope", values="change", aggfunc="first")
    outside = (pairs[whole] - pairs[city]).dropna()
    if outside.empty:
        return None
    budget, item = outside.abs().idxmax()

    def pick(scope: str) -> Any:
        return next(rev[(rev["scope"] == scope) & (rev["budget"] == budget) & (rev["item"] == item)].itertuples())

    w, c = pick(whole), pick(city)
    formula = f"({w.base} - {w.key}) - ({c.base} - {c.key})"
    amount = ch.amount(
        abs(outside[(budget, item)]), unit, formula, written_places(f"{w.base} - {c.base}", ch.data, unit)
    )
    return {"whole": w, "city": c, "up": outside[(budget, item)] >= 0, "amount": amount}


def small_share(ch: Any, part: float, whole: float) -> str:
    """A share far below one per cent, with two significant digits ('0.026%'): ch.share at the
    decimals its size needs (one at least)."""
    if pd.isna(part) or pd.isna(whole) or not part or not whole:
        return ch.share(part, whole)
    return ch.share(part, whole, places=max(1, 1 - math.floor(math.log10(abs(percent(part, whole))))))


def report_mentions(ch: Any, word: str) -> list[tuple[str, str]]:
    """The sentences of the whole report that contain ``word``, each with its heading path."""
    tops = [path for path, _, _ in ch.report_headings() if "." not in path]
    return [found for top in tops for found in ch.report_sentences(top, word)]


def fund_rule_text(ch: Any, key: str, hedged: bool = False) -> str:
    """Which half of the rule on a funds budget's revenue applies (Implementing Regulations,
    Art. 78, para. 7): revenue above budget is used the next year, first to repay the matching special
    debt; a shortfall is balanced by cutting spending. Chosen by the stated execution rate; the
    English edition gives the law's words beside its rendering. ``hedged``: add that the report
    does not say how the rule was applied."""
    rate = ch.value(f"{key}.pct_of_budget")
    art = ch.cite("regulations:78(7)")
    if pd.isna(rate):
        return ch.t(f"the regulations say what follows from revenue above or below budget ({art})",
                    f"条例对收入超收和短收分别作了规定（{art}）")
    hedge = ch.t("; the report does not say whether or how spending was reduced for this reason",
                 "；报告没有说明是否因此减少了支出") if hedged else ""
    if rate < 100:
        return ch.t(f"revenue came in at {ch(f'{key}.pct_of_budget')} of budget, a shortfall if that budget is the "
                    f"approved one (the report does not say which version the rate uses), and a funds budget that "
                    f"falls short "
                    f"“shall balance by reducing spending” (应当通过减少支出实现收支平衡, {art}){hedge}",
                    f"收入为预算的{ch(f'{key}.pct_of_budget')}，若以该预算为准，属于短收，而政府性基金预算“出现短收的，应当通过减少"
                    f"支出实现收支平衡”（{art}）{hedge}")
    hedge = ch.t("; the report does not say how the excess was used",
                 "；报告没有说明超收收入如何使用") if hedged else ""
    return ch.t(f"revenue came in at {ch(f'{key}.pct_of_budget')} of budget, above it if that budget is the approved "
                f"one (the report does not say which version the rate uses), and a funds budget's revenue above "
                f"budget is "
                f"to be used the next year, first to repay the matching special-purpose debt "
                f"(应当在下一年度安排使用并优先用于偿还相应的专项债务, {art}){hedge}",
                f"收入为预算的{ch(f'{key}.pct_of_budget')}，若以该预算为准，有超收，而政府性基金预算的超收收入“应当在下一年度安排使用并"
                f"优先用于偿还相应的专项债务”（{art}）{hedge}")


def precision_example(ch: Any, rev: pd.DataFrame) -> str:
    """How the digits decide the decimals of the % change, shown on the table's own rows: the
    pair whose range is widest and, when the table also shows one decimal somewhere, the pair
    whose range is narrowest ('' when no % change is computable)."""
    rows = rev.dropna(subset=["pct"]).assign(width=lambda f: f["pct_high"] - f["pct_low"])
    if rows.empty:
        return ""
    picks = [rows.loc[rows["width"].idxmax()]]
    if rows["places"].nunique() > 1:
        picks.append(rows.loc[rows["width"].idxmin()])

    def said(row: pd.Series) -> str:
        # The table's Range column, in the same function: rounded outwards.
        low, high = fmt.value_and_range(row["pct"], row["pct_low"], row["pct_high"], 1)[1].split(" – ")
        return ch.t(f"{row['label']} went from {ch(row['key'])} to {ch(row['base'])}: their digits allow a change "
                    f"anywhere from {low}% to {high}%, so the table shows {row['pct_text']}",
                    f"{row['label']}由{ch(row['key'])}变为{ch(row['base'])}，按这两个数字的位数，变动幅度可在{low}%至"
                    f"{high}%之间，因此表中写作{row['pct_text']}")

    return ch.t("For example, " + "; ".join(said(row) for row in picks) + ".",
                "例如，" + "；".join(said(row) for row in picks) + "。")


def estimate_gaps(ch: Any) -> pd.DataFrame:
    """Each final figure the report sets beside a January estimate (``prelim.…``), each pair once,
    in the report's order: its base key, the change (final − estimate, in the estimate's unit), the
    change in yuan (to compare pairs of different units) and the change as a % of the estimate."""
    facts = ch.data.facts
    estimates = facts.loc[(facts["period"] == "preliminary") & (facts["measure"] == "amount")
                          & facts["key"].str.startswith("prelim."), "key"]
    rows = []
    for key in dict.fromkeys(estimates):
        base = key.removeprefix("prelim.")
        if ch.has(base) and ch.value(key):
            unit = ch.fact(key).unit
            change = ch.value(base, unit) - ch.value(key)
            rows.append({"base": base, "change": change, "change_yuan": ch.value(base, "元") - ch.value(key, "元"),
                         "pct": percent(change, abs(ch.value(key)))})
    return pd.DataFrame(rows, columns=["base", "change", "change_yuan", "pct"])


def largest_estimate_gap(ch: Any) -> str | None:
    """The base key (``whole.fund.expenditure``) of the final figure furthest, relative to the
    estimate, from the January estimate the report sets beside it; None when it gives no pair."""
    gaps = estimate_gaps(ch)
    return None if gaps.empty else gaps.loc[gaps["pct"].abs().idxmax(), "base"]


def revenue_moved_more(ch: Any) -> list[tuple[str, str]]:
    """The (revenue, expenditure) pairs of one budget and scope, both set beside January estimates,
    whose revenue moved further from its estimate, relative to it, than its expenditure did: the
    cases against 'revenue is known by January, spending is not'. In the report's order."""
    moved = estimate_gaps(ch).set_index("base")["pct"].abs()
    pairs = [(base, base.removesuffix("revenue") + "expenditure") for base in moved.index if base.endswith(".revenue")]
    return [(revenue, spending) for revenue, spending in pairs
            if spending in moved.index and moved[revenue] > moved[spending]]


def fund_cut_text(ch: Any, prefix: str) -> str:
    """Why a funds budget's low spending rate is not simply the shortfall rule at work (after
    ``fund_rule_text``): cutting total spending is itself a case for a budget adjustment
    (Budget Law, Art. 67), which lowers the adjusted budget rather than the rate; and the sizes,
    the revenue shortfall against the adjusted budget left unspent (derived.csv
    ``<prefix>.fund.revenue.shortfall`` and ``<prefix>.fund.expenditure.unspent``). '' when
    revenue did not fall short or a figure is missing."""
    shortfall, unspent = (ch.indicators.loc[f"{prefix}.fund.{item}", "value"]
                          for item in ("revenue.shortfall", "expenditure.unspent"))
    if pd.isna(shortfall) or pd.isna(unspent) or shortfall <= 0:
        return ""
    short = ch.indicator(f"{prefix}.fund.revenue.shortfall", 2)
    left = ch.indicator(f"{prefix}.fund.expenditure.unspent", 2)
    at_most = ch.share(shortfall, unspent, 0)
    rule = ch.t(f"Cutting total spending is itself a case for a budget adjustment (“需要增加或者减少预算总支出的”, "
                f"{ch.cite('budget-law:67')}), and a cut made through an adjustment lowers the adjusted budget, "
                "not the spending rate: only a cut made without an adjustment would show as money left unspent.",
                f"需要减少预算总支出的，本身就应当进行预算调整（{ch.cite('budget-law:67')}），"
                "通过预算调整压减的支出会降低调整预算数，并不压低支出完成率；只有未经调整的压减，才会表现为未支出。")
    rough = ch.t("compared only roughly, since revenue is measured against its budget and spending against the "
                 "adjusted budget", "只能粗略比较，因为收入比的是预算，支出比的是调整预算")
    sizes = ch.t(f"revenue fell short of its budget by about {short}, while about {left} of the adjusted budget was "
                 f"left unspent", f"收入比预算少约{short}，而调整预算中约有{left}没有支出")
    if shortfall < unspent:
        return ch.t(f" Two things limit that explanation of a low spending rate. First, {rule[:1].lower() + rule[1:]} "
                    f"Second, the sizes, {rough}: {sizes}; the shortfall could account for at most {at_most} of what "
                    "was left unspent.",
                    f"但有两点限制这种解释。一是{rule}二是金额（{rough}）：{sizes}；短收最多只能解释未支出部分的{at_most}。")
    return ch.t(f" One thing limits that explanation of a low spending rate. {rule} The sizes, {rough}, do not rule "
                f"it out: {sizes}, so by size the shortfall could account for all of it, but the report does not say "
                "that it did.",
                f"但有一点限制这种解释。{rule}金额（{rough}）并不排除这种解释：{sizes}，从金额看，短收足以解释"
                "全部未支出部分，但报告没有说明是否如此。")


def municipal_identity(ch: Any) -> str:
    """The sentence that tells the municipal level from the city-level government: the report's
    municipal figures of the general budget are the city level's plus its districts' (shown by the
    sums of revenue and expenditure, written out); '' when the place has no such district, a figure
    is missing or a sum does not hold exactly."""
    municipal, city, inside = ch.place.role("municipal"), ch.place.role("city"), districts(ch)
    if not (municipal and city and inside):
        return ""
    sums = []
    for item in ("revenue", "expenditure"):
        keys = [f"city.general.{item}"] + [f"{part.key}.general.{item}" for part in inside]
        total = f"municipal.general.{item}"
        if not all(ch.has(key) for key in [*keys, total]) or len({ch.fact(key).unit for key in [*keys, total]}) > 1:
            return ""
        if sum(Decimal(ch.fact(key).text) for key in keys) != Decimal(ch.fact(total).text):
            return ""
        sums.append(" + ".join(ch(key) for key in keys) + " = " + ch(total))
    return ch.t(
        f"The municipal level ({municipal.code}) is not the city-level government ({city.code}). The report writes "
        f"{names(ch, [p.code for p in inside])}'s figures in parentheses after the city-level government's without "
        f"saying how they relate; the municipal figures equal the sums of the city-level government's and those in "
        f"parentheses exactly, "
        f"for local general public budget revenue {sums[0]} and for general public budget expenditure {sums[1]}, "
        f"so our reading is that the municipal level is the two together.",
        f"{municipal.code}与{city.code}是两个口径。报告把{names(ch, [p.code for p in inside])}的数字写在"
        f"{city.code}数字后的括号中，没有说明两者的关系；{municipal.code}的数字恰好等于{city.code}与括号中数字之和，地方一般公共预算收入为"
        f"{sums[0]}，一般公共预算支出为{sums[1]}，因此本书的解读是：{municipal.code}包括这两部分。",
    )


def worded_municipal_note(ch: Any) -> str:
    """One sentence for the introduction's list of scopes: the report's "three public" section also uses the
    place's short name followed by '市级', which the report does not define; '' when the place has no such name
    or the report states no figure under it."""
    worded = ch.place.role("municipal_as_worded")
    if not worded or not ch.has("municipal.three_public.total"):
        return ""
    name = f"{ch.place.word('short_name', 'zh')}{worded.code}"
    return ch.t(f" The “three public” section also uses the name “{name}”, which the report does not define; "
                "see the chapter on those expenses.",
                f"“三公”经费一节还用了“{name}”这一名称，报告没有给出定义，见“三公”经费一章。")


def worded_municipal_text(ch: Any) -> str:
    """The sentence on the report's other name for a scope in its "three public" section (the place's
    short name followed by '市级'): its figure beside the city-level government's, and that reading it as
    the municipal level is our reading, not the report's words; '' when either figure is missing."""
    keys = ["municipal.three_public.total", "city.three_public.total"]
    worded, municipal, city = (ch.place.role(role) for role in ("municipal_as_worded", "municipal", "city"))
    if not (worded and municipal and city) or not all(ch.has(key) for key in keys):
        return ""
    name = f"{ch.place.word('short_name', 'zh')}{worded.code}"
    inside = names(ch, [p.code for p in districts(ch)])
    return ch.t(
        f"The “three public” section uses a further name, “{name}”: {ch(keys[0])}, against {ch(keys[1])} for "
        f"the city-level government ({city.code}). The report does not say whether it is the municipal level "
        f"({municipal.code}); reading it so, as the chapter on the “three public” expenses does, is our reading: "
        f"the larger figure is consistent with a scope that adds {inside}, but the report does not state it.",
        f"“三公”经费一节还用了另一个名称“{name}”：支出{ch(keys[0])}，{city.code}为{ch(keys[1])}。报告没有说明它是否"
        f"就是{municipal.code}；像“三公”经费一章那样把它理解为这一口径，是本书的解读：前一个数字较大，与加上{inside}"
        f"的口径相符，但报告没有明说。",
    )
