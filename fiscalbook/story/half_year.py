"""What the chapters on performance, the first half, its key work and the outlook (10–13) work
out once: the report's own words for a section, the base a revenue budget was set on per scope,
the second-half growth a target needs on each base, the base year of a ceiling, and the debt
risk ratings the report states. The notebooks call these and keep to the story."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit.rules import EXACT, ROUNDING
from fiscalbook.story import fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

TARGET = "measures.revenue.general_revenue_growth.target"
RATING = re.compile(r"债\s*务\s*风\s*险\s*等\s*级\s*(\S)\s*色")
COLOURS = {"红": "Red", "橙": "Orange", "黄": "Yellow", "绿": "Green"}


def sentences_with(text: str, word: str) -> list[str]:
    """The whole sentences (up to 。) of ``text`` that contain ``word``, with their 。."""
    return [sentence.strip() + "。" for sentence in text.split("。") if word in sentence]


def section_words(ch: Chapter, section: str) -> tuple[str, str]:
    """The heading and the whole text of a section of the report, as the report writes them."""
    for path, title, text in ch.report_headings():
        if path == section:
            return title, text
    return "", ""


def quote(ch: Chapter, section: str, word: str) -> str:
    """The first whole sentence of a section (or its subsections) holding ``word``; '' if none."""
    for path, _, text in ch.report_headings():
        if path == section or path.startswith(section + "."):
            found = sentences_with(text, word)
            if found:
                return inner_quotes(found[0])
    return ""


def inner_quotes(text: str) -> str:
    """The report's words for quoting inside “…”: its own quotation marks become ‘…’."""
    return text.replace("“", "‘").replace("”", "’")


def count_text(ch: Chapter, count: int, en: str) -> str:
    """A count in words for a sentence: '1 time', '3 times' / '3处'."""
    return ch.t(f"{count} {en}" + ("" if count == 1 else "s"), f"{count}处")


@dataclass(frozen=True)
class BudgetBase:
    """A scope's revenue budget, implied by its first-half rate, set beside its two bases."""

    scope: str           # the scope code, e.g. 全市
    prefix: str          # the key prefix of its figures, e.g. whole
    holds: bool          # budget = January estimate × (1 + target), within rounding
    final_above: bool    # the final figure is above the January estimate
    target_on_final: float  # the target applied to the final figure, 亿元


def budget_bases(ch: Chapter, prefixes: tuple[str, ...] = ("whole", "city")) -> list[BudgetBase]:
    """The scopes whose first-half revenue and rate the report states, with their budget bases."""
    found = []
    for prefix in prefixes:
        revenue = f"h1.{prefix}.general.revenue"
        final, prelim = f"{prefix}.general.revenue", f"prelim.{prefix}.general.revenue"
        if not all(ch.has(key) for key in (revenue, revenue + ".pct_of_budget", final, prelim, TARGET)):
            continue
        status = ch.check(revenue + ".budget_basis")["status"]
        found.append(BudgetBase(
            scope=ch.fact(revenue).scope, prefix=prefix, holds=status in (EXACT, ROUNDING),
            final_above=ch.value(final) > ch.value(prelim),
            target_on_final=ch.value(final, "亿元") * (1 + ch.value(TARGET) / 100)))
    return found


def second_half_growth(ch: Chapter, prefix: str = "whole") -> dict[str, float]:
    """The growth the second half needs to reach the target, on three footings (per cent):
    'january' — target on the January estimate, last year's second half from the final figure
    (what was really collected); 'final' — both from the final figure; 'january_only' — both
    from the January estimate."""
    h1 = ch.value(f"h1.{prefix}.general.revenue", "亿元")
    prior_h1 = h1 / (1 + ch.value(f"h1.{prefix}.general.revenue.yoy_pct") / 100)
    final = ch.value(f"{prefix}.general.revenue", "亿元")
    prelim = ch.value(f"prelim.{prefix}.general.revenue", "亿元")
    rate = 1 + ch.value(TARGET) / 100

    def needed(target_base: float, second_half_base: float) -> float:
        return ((target_base * rate - h1) / (second_half_base - prior_h1) - 1) * 100

    return {"january": needed(prelim, final), "final": needed(final, final), "january_only": needed(prelim, prelim)}


def base_year(qualifier_zh: str) -> str:
    """The base a figure is stated against, from its Chinese qualifier: '较2019年决算数' and
    '2019年决算数的' both give '2019年决算数'."""
    return qualifier_zh.removeprefix("较").removesuffix("的")


def risk_ratings(ch: Chapter) -> dict[tuple[str, str], dict[str, str]]:
    """The debt risk ratings the report states ('<areas>债务风险等级<colour>色'), by the section
    that states them and the period of that section's figures: {(section, period): {area: 黄}}."""
    report = ch.data.report.raw
    primary = ch.data.facts[ch.data.facts["restates"] == ""]
    statements: dict[tuple[str, str], dict[str, str]] = {}
    for match in RATING.finditer(report):
        line = report.count("\n", 0, match.start()) + 1
        earlier = primary[primary["line"] <= line]
        if not len(earlier):
            continue
        section = earlier.loc[earlier["line"].idxmax(), "section"]
        statements.setdefault((section, _period(ch, primary, section)), {}).update(
            dict.fromkeys(_areas_before(report, match.start()), match.group(1)))
    return statements


def _period(ch: Chapter, primary: pd.DataFrame, section: str) -> str:
    in_section = primary[primary["section"] == section]
    fiscal_year, period = int(in_section["fiscal_year"].mode()[0]), in_section["period"].mode()[0]
    return ch.t(f"first half of {fiscal_year}" if period == "h1" else f"{fiscal_year}",
                f"{fiscal_year}年上半年" if period == "h1" else f"{fiscal_year}年")


def _areas_before(report: str, end: int) -> list[str]:
    before = re.sub(r"\s+", "", report[:end])
    return re.split(r"[，。；：]", before)[-1].split("、")


def ratings_table(ch: Chapter) -> pd.DataFrame:
    """The debt risk ratings as a table: one row per area, one column per statement, headed by the
    part of the report that states it (the report does not date a rating)."""
    statements = risk_ratings(ch)
    areas = list(dict.fromkeys(area for ratings in statements.values() for area in ratings))
    columns = {ch.t(f"In the account of {when} (report {section})",
                    f"报告{fmt.section_zh(section)}（{when}部分）"): ratings
               for (section, when), ratings in statements.items()}
    return pd.DataFrame({
        ch.t("Area", "地区"): [ch.area_name(area) for area in areas],
        **{header: [ch.t(f"{COLOURS.get(ratings[area], ratings[area])} ({ratings[area]}色)", f"{ratings[area]}色")
                    if area in ratings else "—" for area in areas] for header, ratings in columns.items()},
    })



def whole_city_parts(ch: Chapter) -> str:
    """What the whole city takes in, named from the place's descriptor: the city-level
    government, then each district and county, in the edition's language."""
    city = ch.place.role("city")
    names = [ch.scope_name(city.code) if city else ""] + [part.name(ch.lang) for part in ch.place.parts]
    names = [name for name in names if name]
    if ch.lang == "zh":
        return "、".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def congresses(ch: Chapter) -> str:
    """The people's congresses whose budgets make up the whole city's, named from the place's
    descriptor: the city's (which approves the city-level government's budget), then each
    district's and county's, in the edition's language ('those of <city>, <district> and
    <county>' / '<city>人大、<district>人大、<county>人大')."""
    names = [ch.place.name(ch.lang)] + [part.name(ch.lang) for part in ch.place.parts]
    if ch.lang == "zh":
        return "、".join(f"{name}人大" for name in names)
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    return f"those of {listed}"


def base_sentence(ch: Chapter, base: BudgetBase) -> tuple[str, str]:
    """What the target asks on the final figure against the budget, in one scope (en, zh): the
    target asks more than the budget where the final figure is above the January estimate, less
    where it is below."""
    if base.final_above:
        return ("for {scope} the final figure, {final}, is above the January estimate, {prelim}, so on the final "
                "figure the target asks for about {on_final}, more than the budget of about {budget}",
                "{scope}决算数{final}高于预计数{prelim}，以决算数为基数，增长目标约为{on_final}，高于约{budget}的预算")
    return ("for {scope} the final figure, {final}, is below the January estimate, {prelim}, so on the final "
            "figure the target asks for about {on_final}, less than the budget of about {budget}",
            "{scope}决算数{final}低于预计数{prelim}，以决算数为基数，增长目标约为{on_final}，低于约{budget}的预算")


def basis_fit(ch: Chapter, prefix: str) -> str:
    """Whether the January estimate raised by the target lies inside the range the rounded
    first-half rate allows for the implied budget: a test of a reading, said as consistency."""
    row = ch.indicators.loc[f"h1.{prefix}.general.revenue.implied_budget"]
    rhs = ch.check(f"h1.{prefix}.general.revenue.budget_basis")["rhs_value"]
    low, high = fmt.decimal(row["low"], 2), fmt.decimal(row["high"], 2)
    if row["low"] <= rhs <= row["high"]:
        return ch.t(f"inside the range the rounded rate allows for the implied budget ({low} to {high} 亿元), "
                    "so the figures are consistent with that reading",
                    f"落在由四舍五入后的进度推算的预算范围（{low}至{high}亿元）之内，数字与这一解读相容")
    return ch.t(f"outside the range the rounded rate allows for the implied budget ({low} to {high} 亿元), "
                "so the figures do not fit that reading",
                f"不在由四舍五入后的进度推算的预算范围（{low}至{high}亿元）之内，数字与这一解读不符")
