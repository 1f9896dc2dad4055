"""The three-public chapter's tables and sentences that depend on which figures the report states:
the totals paragraph (a scope without a total gets a sentence saying so), one table per scope (or a
sentence when a scope states no line) and the agreement of its growth rates with the previous
report. The notebook passes the keys, prefixes and rule ids; these functions do the how, words
unchanged."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.data.expressions import Interval
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


def next_budget(ch: Chapter, budget_next: str, c_total: str) -> None:
    """The departments' budget for the next year (``budget_next``) beside the city-level government's implied
    budget (from ``c_total``), as two scopes whose relation the report does not state; or that it is not stated."""
    basis, _ = precision.derived_value(ch, f"{budget_next}.implied_prior_year")
    city_budget, _ = precision.derived_value(ch, f"{c_total}.implied_budget")
    if not ch.has(budget_next):
        ch.say(en="The {year} report does not state a three-public budget for {next_year}.",
               zh="{year}年报告没有列出{next_year}年的“三公”经费预算。")
        return
    compare = ch.t(" The city-level government's {year} spending of {c_total} at {c_rate} of budget implies a "
                   "budget of about {city_budget}, about {ratio} times as much.",
                   "而市本级{year}年支出{c_total}、为预算数的{c_rate}，推算预算约为{city_budget}，"
                   "约为前者的{ratio}倍。") if not (math.isnan(basis) or math.isnan(city_budget)) else ""
    ch.say(
        en="For {next_year} the departments directly under the city were given a three-public budget of {budget}, "
           "{budget_yoy} on {year}. The report does not say whether the change is against the {year} budget or the "
           "{year} spending; read, as our inference, as a change on the budget, it implies a {year} budget of about "
           "{basis}{actual}." + compare
           + " The two figures are stated for two differently named scopes: the budget for the departments "
           "directly under the city (市直部门（单位）), the spending for the city-level government (市本级). "
           "The report does not say how the two are related. That the implied budgets differ is therefore no "
           "identity that fails; on our reading it probably shows that the two scopes differ, and the book does not "
           "read the departments' budget as a change of the city-level government's.",
        zh="{next_year}年市直部门（单位）“三公”经费预算总额{budget}，较{year}年{budget_yoy}。报告没有说明这是与{year}年的"
           "预算还是支出相比；按本书的推断理解为与预算相比，可推算{year}年的预算约为{basis}{actual}。" + compare
           + "两个数字分属报告所称的两个主体：预算是市直部门（单位）的，支出是市本级的；"
           "报告没有说明两者的关系。因此，两个推算预算数不同，并不表示某个等式不成立；按本书的理解，这很可能说明两者的"
           "口径不同，本书不把市直部门的预算当作市本级预算的变化来解读。",
        budget=ch(budget_next), budget_yoy=ch.change(f"{budget_next}.yoy_pct"),
        basis=precision.implied(ch, budget_next, "prior_year"),
        actual=ch.prior_agreement(budget_next, f"{budget_next}.implied_prior_year"),
        c_total=ch(c_total), c_rate=ch(f"{c_total}.pct_of_budget"),
        city_budget=precision.implied(ch, c_total, "budget"),
        ratio=ch.number(city_budget / basis, 1),
    )


def _later_values(ch: Chapter, spending_h1: str, since_base: str, cap: str) -> dict[str, str]:
    """The values of the later-spending sentences, only for the figures the report states."""
    values: dict[str, str] = {}
    if ch.has(spending_h1):
        values.update(h1=ch(spending_h1), h1_yoy=ch.change(f"{spending_h1}.yoy_pct"),
                      h1_prior=precision.implied(ch, spending_h1, "prior_year"),
                      actual=ch.prior_agreement(spending_h1, f"{spending_h1}.implied_prior_year"))
    if ch.has(since_base):
        values.update(since=ch.change(since_base), since_scope=ch.scope_name(ch.fact(since_base).scope))
    if ch.has(cap):
        values.update(cap=ch(cap))
    return values


def later_spending(ch: Chapter, spending_h1: str, since_base: str, cap: str) -> None:
    """The next year's first-half spending, the change since a base year and the cap of the measures, each
    where stated; with both the change and the cap, a note that the report does not give them one scope."""
    sentences = []
    if ch.has(spending_h1):
        sentences.append(ch.t(
            "In the first half of {next_year} the city-level government spent {h1} on the three public expenses and "
            "the three items together, {h1_yoy} on the first half of {year} (about {h1_prior} then{actual}).",
            "{next_year}年上半年，市本级“三公”经费和“三项”费用支出{h1}，同比{h1_yoy}（{year}年上半年约为{h1_prior}"
            "{actual}）。"))
    if ch.has(since_base):
        sentences.append(ch.t("Over a longer run, {since_scope}'s spending on these in {year} was {since}.",
                              "从更长的时间看，{year}年{since_scope}这两类费用{since}。"))
    if ch.has(cap):
        sentences.append(ch.t("The measures for the rest of {next_year} keep the spending of departments (units) "
                              "within {cap}.",
                              "下半年的措施要求将部门（单位）的这两类费用继续控制在{cap}以内。"))
    ch.say(
        en=" ".join(sentences) or "The {year} report states none of these figures.",
        zh="".join(sentences) or "{year}年报告没有列出这些数字。",
        **_later_values(ch, spending_h1, since_base, cap),
    )
    if ch.has(since_base) and ch.has(cap):
        ch.say(en="The chapter on difficulties and second-half measures sets the change against the base year beside "
                  "the cap, as our reading: the report does not say that the two are stated for one scope.",
               zh="“困难与下半年工作措施”一章把相对基准年的变化与上限对照，这是本书的解读：报告没有说明两者口径相同。")


def summary_points(ch: Chapter, totals: tuple[str, str], vehicle_share: dict[str, str], driver: str | None,
                   district: Scope, missing_line: str | None, budget_next: str,
                   line_name: Callable[..., str]) -> None:
    """The chapter's points, each only where its figures allow: the vehicles' share and the two totals' growth
    (``totals``: municipal and city-level keys), the district's line that rose most (``driver``), the line the
    city-level list leaves out (``missing_line``, when its budget agrees too) and the departments' budget."""
    m_total, c_total = totals
    points = []
    if ch.has(m_total) and ch.has(c_total):
        points.append(ch.t(f"Vehicles take {vehicle_share['municipal']} of the municipal level's three public "
                           f"expenses. The municipal total was {ch.change(m_total + '.yoy_pct')} on the year "
                           f"before, the city-level government's {ch.change(c_total + '.yoy_pct')}.",
                           f"公务用车费占市级“三公”经费的{vehicle_share['municipal']}。市级合计同比"
                           f"{ch.change(m_total + '.yoy_pct')}，市本级同比{ch.change(c_total + '.yoy_pct')}。"))
    if driver is not None:
        points.append(ch.t(f"On this book's reading of the two scopes, the largest rise was {district.en}'s "
                           f"{line_name(driver, in_sentence=True)}.",
                           f"按本书对两个口径的理解，增加最多的是{district.zh}的{line_name(driver)}。"))
    if missing_line is not None:
        points.append(ch.t("On our reading, the city-level government's list most likely leaves out a line the size of "
                           f"the municipal level's {line_name(missing_line, in_sentence=True)}; its budget points the "
                           "same way.",
                           f"按本书的推断，市本级很可能漏列了一项，其金额与市级{line_name(missing_line)}相同，"
                           "预算数也指向同一结论。"))
    if ch.has(budget_next):
        points.append(ch.t(f"The departments' budget for {ch.year + 1} and the accounts of the city-level government "
                           "are stated for two differently named scopes, whose relation the report does not state.",
                           f"{ch.year + 1}年市直部门的预算与市本级决算分属报告所称的两个主体，"
                           "报告没有说明两者的关系。"))
    ch.say(en=" ".join(points), zh="".join(points))


Change = tuple[float, Interval]  # a computed change and its range, as precision returns them


def _missing_reading(ch: Chapter, same: bool, budgets_agree: bool, rises_agree: bool) -> str:
    """What the gap most likely is: the sentences the amounts, budgets and growth rates support."""
    if not same:
        return ch.t("The municipal level's {line} is {m_line}, a different amount, so the report alone does not "
                    "tell what the gap is.",
                    "市级{line}为{m_line}，与差额不同，仅凭报告无法判断差额的来源。")
    reading = ch.t("The figures point one way:\n\n- **Amounts**: in the digits as written, the gap is the "
                   "municipal level's {line} of {m_line} to the last digit.\n",
                   "各项数字指向同一结论：\n\n- **金额**：按所列数字计算，这一差额与市级{line}{m_line}分毫不差。\n")
    if budgets_agree:
        reading += ch.t("- **Budgets**: the city-level government's total budget, implied by its execution "
                        "rate, exceeds the budgets implied for its stated lines by {budget_gap}, about the "
                        "{m_budget} budget that the municipal figures imply for that line.\n",
                        "- **预算**：由执行率推算，市本级预算总数比所列各项的预算数之和多{budget_gap}，"
                        "与由市级数字推算的该项预算{m_budget}大致相当。\n")
    if rises_agree:
        reading += ch.t("- **Growth**: the city-level government's total rose by about {c_rise} on the "
                        "year before and its stated lines ({rise_lines}, each from its own growth rate) by about "
                        "{lines_rise}, which leaves about {rest} for the "
                        "line it does not state: within rounding, the rise of {m_rise} that the report states for "
                        "that line at the municipal level.\n",
                        "- **增速**：市本级合计同比增加约{c_rise}，所列各项（{rise_lines}，各按其增速推算）"
                        "合计增加约{lines_rise}，余下约{rest}，"
                        "在四舍五入误差内等于报告所列市级该项的增加额{m_rise}。\n")
    return reading + ch.t("\nSo the city-level government most likely had this line in full and the report left it out "
                          "of the city-level government's list; on this book's reading, {district}'s own spending on "
                          "that line comes to {district_line}. This is our reading, shown as derived, not stated.",
                          "\n因此，最可能的情况是该项支出全部发生在市本级，报告在列举市本级各项时漏列了它；按本书的理解，"
                          "{district}自身的该项支出{district_line}。这是本书的推断，以推算数标示，并非报告所列。")


def missing_line(ch: Chapter, missing: list[str], m_line: str, line_name: Callable[..., str], unit: str, *,
                 gap: tuple[float, str], budget_gap: str, district_line: str, district: Scope, same: bool,
                 budgets_agree: bool, rises: dict[str, Change] | None, m_rise: str,
                 rise_lines: Sequence[str] = ()) -> None:
    """The lines the city-level government does not state (``missing``), the gap its total leaves (``gap``: its
    value and indicator id) and what that gap most likely is; nothing when no line is missing or the gap is
    not computable. ``rises`` holds the changes from the growth rates when they agree with ``m_rise``;
    ``rise_lines`` names the stated lines whose changes were summed."""
    value, gap_id = gap
    if not missing or math.isnan(value):
        return
    reading = _missing_reading(ch, same, budgets_agree, rises is not None)
    ch.say(
        en="For the city-level government the report does not state: {missing}. Its total minus the stated lines "
           "leaves about {gap}, the gap in the identity under the table above: the missing line would explain why "
           "the check fails. " + reading,
        zh="报告未列出市本级的：{missing}。市本级合计减去所列各项，余下约{gap}，即上表下方那个等式两边的差额。"
           "漏列这一项可以解释等式为何不成立。" + reading,
        missing=ch.t(", ", "、").join(line_name(item, in_sentence=True) for item in missing),
        gap=precision.indicator(ch, gap_id, 2), line=line_name(missing[0], in_sentence=True),
        m_line=ch(m_line), budget_gap=precision.indicator(ch, budget_gap, 2),
        m_budget=precision.implied(ch, m_line, "budget"),
        district_line=precision.indicator(ch, district_line, 2), district=district.name(ch.lang),
        **({name: ch.amount(value, unit, formula=ch.t("computed from the growth rates", "由增速推算"),
                            places=precision.supported_places(box.lo, box.hi))
            for name, (value, box) in rises.items()} if rises is not None else {}),
        m_rise=ch(m_rise) if m_rise else "",
        rise_lines=ch.t(", ", "、").join(line_name(item, in_sentence=True) for item in rise_lines),
    )
