"""What chapter 11 (the first half of the year after the final accounts) works out once: the execution
rates of part 二 against the half-year mark, whether each scope is "double over half" (双过半), the
carry-over identities of rules.csv, the amounts of a section, and the sentences chosen by those
results. The notebook passes the keys, sections and rule ids; the words are the chapter's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit.rules import EXACT, FAILS, ROUNDING
from fiscalbook.story import fmt, precision
from fiscalbook.story.arithmetic import HALF_YEAR

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter
    from fiscalbook.story.half_year import BudgetBase

RATES = {"pct_of_budget": ("of the budget", "为预算的"),
         "pct_of_adjusted_budget": ("of the adjusted budget", "为调整预算的")}
# Shorter than vocab.csv's labels.
SHORT = {"全市": ("Whole city", "全市"), "市本级": ("City-level government", "市本级")}


def rates(figures: pd.DataFrame) -> pd.DataFrame:
    """The execution rates among ``figures``, each marked ``over`` when past the half-year mark."""
    found = figures[figures["measure"].isin(list(RATES))].reset_index(drop=True)
    found["over"] = found["value"] > HALF_YEAR
    return found


def double_over_half(found: pd.DataFrame) -> dict[str, bool]:
    """By scope: whether it states both rates and both are past the mark ("double over half", 双过半)."""
    return {scope: len(group) > 1 and bool(group["over"].all())
            for scope, group in found.groupby("scope", sort=False)}


def carry_overs(ch: Chapter, part: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The carry-over identities of ``part`` ("year-end balance of the final accounts = money carried into
    the next year"): their rule ids, and each as (balance key, carry-over key, rule)."""
    rules = [rule for rule in ch.rules_in(part) if ch.check(rule)["kind"] == "carryover"]
    return rules, [(ch.rule_keys(rule)[0][0], ch.rule_keys(rule)[1][0], rule) for rule in rules]


def amounts(ch: Chapter, section: str, carry_pairs: Sequence[tuple[str, str, str]]) -> list[str]:
    """The keys of the amounts a section states, carry-overs set apart."""
    carried = {carry for _, carry, _ in carry_pairs}
    rows = ch.data.section(section)
    return [key for key in rows.loc[rows["measure"] == "amount", "key"] if key not in carried]


def scope_name(ch: Chapter, scope: str, in_sentence: bool = False) -> str:
    """A short name of a scope for prose and charts: 'Whole city', '市本级'."""
    name = ch.t(*SHORT[scope]) if scope in SHORT else ch.label("scope", scope).split(" (")[0]
    return fmt.in_sentence(name) if in_sentence and ch.lang == "en" else name


def progress(ch: Chapter, key: str) -> str:
    """An execution rate with its yardstick: 'x% of the budget' / '为预算的x%'."""
    en, zh = RATES[ch.fact(key).measure]
    return ch.t(f"{ch(key)} {en}", f"{zh}{ch(key)}")


def describe(ch: Chapter, key: str) -> str:
    """An amount with its execution rate and growth, as the report gives them."""
    details = [progress(ch, f"{key}.{measure}") for measure in RATES if ch.has(f"{key}.{measure}")]
    if ch.has(f"{key}.yoy_pct"):
        change = ch.change(f"{key}.yoy_pct")
        details.append(ch.t(change, "同比" + change))
    return ch.t(f"{ch.name_of(key, in_sentence=True)} was {ch(key)}" + "".join(", " + d for d in details),
                f"{ch.name_of(key)}{ch(key)}" + "".join("，" + d for d in details))


def general_budget(ch: Chapter, keys: list[str], scope_text: tuple[str, str], h1_ratio: str) -> None:
    """The general public budget of a section in a paragraph, with own revenue against spending
    (``h1_ratio``: that indicator); a sentence saying so when the section states no such figure."""
    parts = [describe(ch, key) for key in keys if ch.fact(key).budget == "general"]
    if not parts:
        ch.say(en="The report states no general public budget figure for the {scope} in this half-year.",
               zh="报告没有列出{scope}本半年的一般公共预算数字。", scope=ch.t(*scope_text))
        return
    covered = not pd.isna(ch.indicators.loc[h1_ratio, "value"])
    coverage = "" if not covered else ch.t(
        " Own revenue thus covered {h1} of general budget spending in the half-year.",
        "上半年本地收入相当于一般公共预算支出的{h1}。")
    ch.say(
        en="In January to June {next_year} the {scope}'s {parts}." + coverage + " The table gives the other budgets "
           "as well.",
        zh="{next_year}年上半年，{scope}{parts}。" + coverage + "下表同时列出了其他几本预算。",
        scope=ch.t(*scope_text), parts=ch.t("; ".join(parts), "；".join(parts)),
        h1=precision.indicator(ch, h1_ratio, 1),
    )


def rate_lines(ch: Chapter, found: pd.DataFrame, double: dict[str, bool]) -> str:
    """A Markdown list, one item per scope: its rates and whether both are past the half-year mark."""
    lines = []
    for scope, group in found.groupby("scope", sort=False):
        verdict = ch.t("both past", "均超过") if double[scope] else ch.t("not both past", "未能同时超过")
        parts = [ch.t(f"{ch.name_of(key, in_sentence=True)} {progress(ch, key)}",
                      f"{ch.name_of(key)}{progress(ch, key)}") for key in group["key"]]
        lines.append(ch.t(f"- **{scope_name(ch, scope)}**: " + " and ".join(parts) + f", {verdict} the half-year mark.",
                          f"- **{scope_name(ch, scope)}**：" + "，".join(parts) + f"，{verdict}序时进度。"))
    return "\n".join(lines)


def rates_summary(ch: Chapter, double: dict[str, bool]) -> str:
    """Whether every scope passed the half-year mark on both sides and, since the report claims "double over
    half" (双过半) in words, whether its own figures bear the claim out."""
    everywhere = bool(double) and all(double.values())
    if not double:
        return ch.t("The report states no execution rate for the half-year.", "报告没有列出半年的预算执行进度。")
    if everywhere:
        summary = ch.t("Revenue and spending ran ahead of the calendar in every scope the report gives rates for",
                       "在报告给出进度的各个口径上，收入和支出进度都快于序时进度")
    else:
        summary = ch.t("Not every scope passed the half-year mark on both sides",
                       "并非所有口径的收支进度都超过了序时进度")
    if "双过半" not in ch.data.report.raw:
        return summary + ch.t(".", "。")
    if everywhere:
        return summary + ch.t(': the "double over half" (双过半) that the report announces is borne out by its own '
                              "figures.", "，报告所说的“双过半”由其自身数据得到印证。")
    return summary + ch.t(', although the report announces "double over half" (双过半).',
                          "，尽管报告称实现了“双过半”。")


def _carry_point(ch: Chapter, carry_rules: Sequence[str]) -> list[str]:
    checkable = [status for status in (ch.check(rule)["status"] for rule in carry_rules)
                 if status in (EXACT, ROUNDING, FAILS)]
    if not checkable:
        return []
    matched = all(status == EXACT for status in checkable)
    return [ch.t(f"All {len(checkable)} carry-overs the report states match the year-end balances of the final "
                 "accounts exactly." if matched
                 else "Not every carry-over matches the year-end balances of the final accounts.",
                 f"报告列出的{len(checkable)}笔结转资金与决算年末结余完全一致。" if matched
                 else "并非每笔结转资金都与决算年末结余一致。")]


def _budget_point(ch: Chapter, bases: Sequence[BudgetBase], revenue: str, target: str, growth: str,
                  final: str) -> list[str]:
    if not any(base.holds and base.prefix == "whole" for base in bases):
        return []
    year = ch.year
    implied, above = precision.implied(ch, revenue, "budget"), precision.indicator(ch, growth, 1)
    return [ch.t(
        f"The whole city's revenue rate implies a budget of about {implied}, "
        f"consistent with the January estimate of {year} raised by the growth target's rate of "
        f"{ch(target)} (on our reading, how the budget was set; the report does not say), and about {above} above "
        f"the final figure of "
        f"{ch(final)}, less than the growth target.",
        f"由全市收入进度推算的全年预算约为{implied}，与{year}年收入预计数按"
        f"增长目标的增速{ch(target)}增长后的数额相符（按本书的理解，预算即如此确定，报告没有说明）；与决算数{ch(final)}相比，"
        f"约高{above}，低于增长目标。")]


def summary_points(ch: Chapter, double: dict[str, bool], carry_rules: Sequence[str], bases: Sequence[BudgetBase],
                   keys: dict[str, str]) -> str:
    """The chapter's summary, each point only when its figures allow: the rates against the calendar, the
    carry-overs against the final accounts (``carry_rules``), the whole city's implied revenue budget
    (``keys``: its ``revenue``, the growth ``target``, the ``growth`` indicator on the ``final`` figure), and
    what the spending rates measure."""
    everywhere = bool(double) and all(double.values())
    year = ch.year
    points = [] if not double else [ch.t(
        f"By June {year + 1} revenue and spending were "
        + ("ahead of" if everywhere else "not everywhere ahead of") + " the calendar.",
        f"到{year + 1}年上半年末，收支进度" + ("均快于" if everywhere else "并未全部快于") + "序时进度。")]
    points += _carry_point(ch, carry_rules) + _budget_point(ch, bases, **keys)
    points.append(ch.t("The spending rates are measured against an adjusted budget that usually grows during the year, "
                       "so they may overstate how far the year's spending has come.",
                       "支出进度的分母是年内通常还会增加的调整预算，因此它可能高估全年支出已完成的程度。"))
    return ch.t(" ".join(points), "".join(points))
