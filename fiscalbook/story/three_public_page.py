"""The three-public chapter's tables and sentences that depend on which figures the report states:
the totals paragraph (a scope without a total gets a sentence saying so), one table per scope (or a
sentence when a scope states no line) and the agreement of its growth rates with the previous
report. The notebook passes the keys, prefixes and rule ids; these functions do the how, words
unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.data.places import Scope
from fiscalbook.story import fmt, precision

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def _total_sentence(ch: Chapter, total: str, name: str, short: str, first: bool) -> str:
    """One scope's total, with its execution rate and growth where stated; or that it is not stated."""
    if not ch.has(total):
        return ch.t(f"The report does not state the {name}'s total.", f"报告未列出{name}的合计数。")
    details = []
    if ch.has(f"{total}.pct_of_budget"):
        details.append(ch.t(f"{ch(f'{total}.pct_of_budget')} of budget", f"为预算数的{ch(f'{total}.pct_of_budget')}"))
    if ch.has(f"{total}.yoy_pct"):
        change = ch.change(f"{total}.yoy_pct")
        details.append(ch.t(f"{change} on the year before", f"同比{change}"))
    opening = ch.t(f"The {name} spent {ch(total)} on the three public expenses in {ch.year}" if first
                   else f"The {name} spent {ch(total)}",
                   f"{ch.year}年，{short}{name}“三公”经费支出{ch(total)}" if first
                   else f"{name}支出{ch(total)}")
    return opening + "".join(ch.t(f", {d}", f"，{d}") for d in details) + ch.t(".", "。")


def totals_paragraph(ch: Chapter, totals: dict[str, str], names: dict[str, str], short: str, district: Scope,
                     district_total: str, vehicle_share: dict[str, str]) -> None:
    """What each scope spent (``totals``: prefix -> key of its total); with both totals stated, their
    difference (the indicator ``district_total``, the district's own spending on this book's reading) and
    the vehicles' share of each."""
    sentences: list[str] = []
    for prefix, total in totals.items():
        sentences.append(_total_sentence(ch, total, names[prefix], short, first=not sentences))
    if all(ch.has(total) for total in totals.values()):
        sentences.append(ch.t(f"The difference, {precision.indicator(ch, district_total, 2)}, is on this "
                              f"book's reading {district.en}'s own spending.",
                              f"两者之差{precision.indicator(ch, district_total, 2)}，按本书的理解即{district.zh}"
                              "自身的支出。"))
        sentences.append(ch.t(f"Vehicles dominate: they take {vehicle_share['municipal']} of the municipal total and "
                              f"{vehicle_share['city']} of the city-level government's.",
                              f"公务用车费占绝大部分：占市级合计的{vehicle_share['municipal']}、市本级合计的"
                              f"{vehicle_share['city']}。"))
    ch.say(en=" ".join(sentences), zh="".join(sentences))


def scope_table(ch: Chapter, facts: pd.DataFrame, prefix: str, scope: str, keys: list[str],
                check: list[str]) -> None:
    """The lines of one scope (``keys``, those stated) with every measure stated for it and, with the
    previous report in data/, that report's own figure; or a sentence when the scope states no line."""
    bases = [key for key in keys if ch.has(key)]
    if not bases:
        ch.say(en="The report states no line of the three public expenses for the {scope}.",
               zh="报告没有列出{scope}“三公”经费的任何数字。", scope=ch.t(fmt.in_sentence(scope), scope))
        return
    measures = list(dict.fromkeys(facts.loc[facts["prefix"] == prefix, "measure"]))  # those stated for this scope
    frame = ch.facts_table(bases, measures, implied=["prior_year"])
    if ch.previous is not None:  # the previous report's own figure beside the one implied by the growth rate
        frame.insert(len(frame.columns) - 1, ch.t(f"Stated in the {ch.previous.year} report",
                                                  f"{ch.previous.year}年报告所列"),
                     [ch.prior(base) for base in bases])
    ch.table(frame, caption=ch.t(f'"Three public" expenses: {scope}', f"{scope}“三公”经费"), check=check)


def change_agreement(ch: Chapter, prefixes: tuple[str, ...], names: dict[str, str]) -> None:
    """How many growth rates of figures under ``prefixes`` agree with the previous report's figures, and
    which do not; nothing without the previous report."""
    checks = ch.change_checks()
    checks = checks[checks["base"].str.startswith(prefixes)]
    if not len(checks):
        return
    disagree = checks[checks["status"] != "agrees"]
    ch.say(
        en="Against the figures of the {previous} report, {agree} of the {n} growth rates above agree within rounding"
           "{which}.",
        zh="与{previous}年报告所列数字相比，上表{n}个增速中有{agree}个在四舍五入误差内一致{which}。",
        previous=ch.previous.year, n=len(checks), agree=len(checks) - len(disagree),
        which=ch.t("; these do not: " + ", ".join(ch.name_of(k, in_sentence=True) + f" for the {names[k.split('.')[0]]}"
                                                   for k in disagree["base"]),
                   "；不一致的是：" + "、".join(f"{names[k.split('.')[0]]}{ch.name_of(k)}" for k in disagree["base"]))
        if len(disagree) else "",
    )
