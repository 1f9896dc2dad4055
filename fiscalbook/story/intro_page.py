"""The introduction's table of the four budgets and its paragraphs that depend on what the year's
report states: written once here, so the chapter's cells are the story plus short calls."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.story import explainer
from fiscalbook.story.budgets import small_share

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

COLUMNS = {"revenue": ("Revenue", "收入"), "expenditure": ("Expenditure", "支出")}


def budgets_table(ch: Chapter, keys: Mapping[str, Mapping[str, str]], caption: str) -> None:
    """A row per budget (``keys``: budget -> {"revenue": key, "expenditure": key}): its name (and its Chinese
    name in the English edition) and each figure as stated, a dash where the report leaves it out. The
    budgets' units may differ, so each cell carries its own."""
    chinese = ch.data.shared("vocab").query("field == 'budget'").set_index("code")["label_zh"]
    rows = []
    for budget, items in keys.items():
        row = {ch.t("Budget", "预算"): ch.label("budget", budget)}
        if ch.lang == "en":
            row["中文"] = chinese[budget]
        for item, title in COLUMNS.items():
            row[ch.t(*title)] = ch(items[item]) if ch.has(items[item]) else "—"
        rows.append(row)
    ch.table(pd.DataFrame(rows), caption=caption)


def unit_note(ch: Chapter, revenue_keys: Mapping[str, str]) -> None:
    """A note on the units of the budgets' revenue (``revenue_keys``: budget -> key), said only when they differ."""
    units: dict[str, list[str]] = {}
    for budget, key in revenue_keys.items():
        if ch.has(key):
            units.setdefault(ch.fact(key).unit, []).append(ch.label("budget", budget))
    if len(units) > 1:
        lang = ch.lang
        ch.say(en="Note the units: the report states {groups}.", zh="注意单位：{groups}。",
               groups=ch.t(", and ", "；").join(
                   ch.t(f"{explainer.listed([name[:1].lower() + name[1:] for name in names], lang)} in {unit}",
                        f"{explainer.listed(names, lang)}以{unit}计")
                   for unit, names in units.items()))


def state_capital_note(ch: Chapter, state_rev: str, own: str, general_rev: str, region_short: str) -> None:
    """The state capital budget's revenue beside the part the report lists as the city's and counties' own
    (a sum over levels, not one level's) and the general budget's revenue."""
    ch.say(en="The state capital budget's revenue of {state_rev} includes more than the revenue of the city and "
              "counties (districts) (市县（区）收入): the report includes in it transfers from {region_short} "
              "and the previous year's carry-over (上年结转). The revenue of the city and counties (districts) "
              "was {own}, "
              "about {ratio} of the local general public budget revenue of {general_rev}. How these items match the "
              "regulations' list is explained in the chapter “How a city's budget works”.",
           zh="国有资本经营预算收入{state_rev}不只是市县（区）收入：报告在其中列出了{region_short}转移支付和上年结转。报告所列"
              "“市县（区）收入”为{own}，约为地方一般公共预算收入{general_rev}的{ratio}。这几项与条例所列编制内容怎样对应，"
              "见“城市预算是怎样运转的”一章。",
           region_short=region_short, state_rev=ch(state_rev), own=ch(own),
           general_rev=ch(general_rev),
           ratio=small_share(ch, ch.value(own, "亿元"), ch.value(general_rev, "亿元")))


def own_revenue_share(ch: Chapter, revenue: str, expenditure: str, indicator_id: str, sources_key: str,
                      region_short: str) -> None:
    """How much of the general budget's spending local revenue paid for, with our reading of the rest; or,
    when the year's report leaves out either figure, a sentence saying so."""
    if ch.has(revenue) and ch.has(expenditure):
        ch.say(
            en="Local revenue of {general_rev} against general budget spending of {general_exp} means the whole city's "
               "own revenue paid for {own_share} of that spending. The report does not list the whole city's other "
               "sources of general budget money.",
            zh="地方一般公共预算收入{general_rev}、一般公共预算支出{general_exp}，意味着全市地方收入只相当于支出的{own_share}。报告没有列出全市一般公共预算的其他资金来源。",
            region_short=region_short,
            general_rev=ch(revenue), general_exp=ch(expenditure),
            own_share=ch.indicator(indicator_id),
        )
        ch.reading(
            en="The rest was probably paid from the kinds of sources the report lists for the city-level "
               "government alone: "
               "transfers from higher levels, bond money on-lent by {region_short} and balances carried over "
               "from earlier "
               "years (see the chapters on transfer payments and on debt).",
            zh="其余部分可能来自报告为市本级列出的那几类资金来源：上级转移支付、{region_short}转贷的债券资金和以前年度"
               "结转的资金（见“转移支付”和“政府债务”两章）。",
            evidence=("the report lists the general budget's sources of money only for the city-level "
                      "government, in {section}; "
                      "for the whole city it states revenue and expenditure only.",
                      "报告只在{section}列出了市本级一般公共预算的资金来源；全市只列了收入和支出。"),
            region_short=region_short, section=ch.section_name(ch.report_section(sources_key)),
        )
    else:
        missing = [key for key in (revenue, expenditure) if not ch.has(key)]
        ch.say(en="The {year} report does not state the whole city's {missing}, so how much of its general budget "
                  "spending local revenue paid for cannot be read from it.",
               zh="{year}年的报告没有列出全市{missing}，因此无法据此看出地方收入相当于支出的多少。",
               missing=ch.t(" or ", "和").join(ch.name_of(key, in_sentence=True) for key in missing))


def implied_budgets(ch: Chapter, revenue: str, spending: str, where: Mapping[str, str],
                    rates: list[str]) -> None:
    """The budget read back from an execution rate: for ``revenue`` (with the January estimate where stated)
    and for ``spending`` against its adjusted budget, each only where its rate is stated; ``where`` names the
    scope of each; a sentence instead when none of ``rates`` (the revenue rate of every scope) is stated."""
    if ch.has(f"{revenue}.pct_of_budget"):
        ch.say(
            en="For the local general public budget revenue of {where} in {year}: the final figure was {final}, "
               "{rate} of the budget, so the budget was about {budget}.",
            zh="以{year}年{where}地方一般公共预算收入为例：决算数{final}，为预算的{rate}，可知预算数约为{budget}。",
            where=where[revenue], final=ch(revenue), rate=ch(f"{revenue}.pct_of_budget"),
            budget=ch.implied(revenue, "budget"),
        )
        if ch.has(f"prelim.{revenue}"):
            ch.say(en="In January the congress had been told of {prelim}; the final figure was {change} on that.",
                   zh="一月份向人代会报告的预计数为{prelim}，决算数比预计数{change}。",
                   prelim=ch(f"prelim.{revenue}"), change=ch.change(f"prelim.{revenue}.change_amount"))
    if ch.has(f"{spending}.pct_of_adjusted_budget"):
        ch.say(
            en="For the general budget spending of {where}, the final figure of {spend} was {spend_rate} of the "
               "adjusted budget, which was thus about {adjusted}.",
            zh="{where}一般公共预算支出决算数{spend}，为调整预算的{spend_rate}，可知调整预算约为{adjusted}。",
            where=where[spending], spend=ch(spending), spend_rate=ch(f"{spending}.pct_of_adjusted_budget"),
            adjusted=ch.implied(spending, "adjusted_budget"),
        )
    if not any(ch.has(rate) for rate in rates):
        ch.say(en="The {year} report states no execution rate of the general budget, so no budget can be worked out "
                  "this way for {year}.",
               zh="{year}年的报告没有给出一般公共预算的完成率，因此本年无法用这种方法推算预算数。")
