"""The outlook chapter's logic, once: the hedged “about” before a derived rate, the table of the
second-half measures with what each kind of commitment means, and the paragraphs whose sentences
depend on which figures the report states and which checks hold. The notebook passes the keys
(so the usage audit sees them); these functions do the how, words unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit.rules import EXACT, FAILS, ROUNDING
from fiscalbook.story import fmt, half_year, precision, three_public

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

SPLIT = ("shantytown_arrears_cash", "shantytown_arrears_asset_disposal")  # a method's shares, not targets
KINDS = {"three_public_and_three_fees_cap": ("Ceiling", "上限"), "budget_cut": ("Floor", "下限")}


def _approximate(ch: Chapter, indicator_id: str) -> bool:
    """Whether a derived value needs 'about': it does unless its range is 'about zero' already."""
    row = ch.indicators.loc[indicator_id]
    return pd.isna(row["value"]) or not fmt.straddles_zero(row["low"], row["high"])


def about(ch: Chapter, indicator_id: str) -> str:
    """A derived value for prose with 'about' before it, unless it is 'about zero' already."""
    return (ch.t("about ", "约为") if _approximate(ch, indicator_id) else "") + precision.indicator(ch, indicator_id, 1)


def about_plain(ch: Chapter, indicator_id: str) -> str:
    """The same as plain text, for captions."""
    return ((ch.t("about ", "约") if _approximate(ch, indicator_id) else "")
            + precision.indicator(ch, indicator_id, 1, plain=True))


def meanings(year: int) -> dict[str, tuple[str, str]]:
    """What each kind of commitment means (en, zh), by the item of its key; the report year
    fills the year the report's target for shantytown arrears names."""
    return {
        "fiscal_tax_reform_tasks": ("Reform tasks to carry out in the budget system, the tax system and central–local "
                                    "fiscal relations; a count, not a target value.",
                                    "围绕预算制度、税收制度、中央和地方财政关系需落实的改革任务；是数量而非目标值。"),
        "general_revenue_growth": ("Growth of local general public budget revenue over the whole year that the "
                                   "bureau will strive to reach.",
                                   "全年地方一般公共预算收入增长目标，尽最大努力完成。"),
        "three_public_and_three_fees_cap": ("A ceiling: departments' \"three public\" expenses and \"three items\" of "
                                            "expenses (三项费用; in general practice meetings, training and travel, "
                                            "which "
                                            "the "
                                            "report does not define) stay within this share of the base year stated "
                                            "with it.",
                                            "上限：部门“三公”经费和“三项”费用（按一般做法指会议费、培训费、差旅费，报告"
                                            "未界定）"
                                            "控制在所注年份决算数的这一比例以内。"),
        "budget_cut": ("A floor to strive for (力争): the city-level government's all-inclusive budget is to be cut by "
                       "not less than "
                       "this much; the savings go mainly to resolving debt and securing the whole city's major "
                       "strategic "
                       "tasks.",
                       "力争达到的下限：市本级全口径预算压减不低于这一比例，压减支出主要用于化解债务及保障全市重大战略"
                       "任务。"),
        "shantytown_arrears_cash": ("City-level government (市本级): the cash part of the way it keeps settling the "
                                    "arrears owed on "
                                    "shantytown renovation works (继续采取…相结合方式): a method, not a target to "
                                    "reach. The "
                                    f"report's target is in words: to finish settling the arrears in {year + 1} "
                                    f"(争取{year + 1}年完成清欠).",
                                    "市本级：继续化解棚改工程欠款所采取的结合方式中，货币资金所占的比例；这是化解方式，"
                                    f"而不是要达到的目标。报告的目标用文字表述：争取{year + 1}年完成清欠。"),
        "shantytown_arrears_asset_disposal": ("City-level government (市本级): the part of the same method settled by "
                                              "disposing of "
                                              "assets.",
                                              "市本级：同一化解方式中以资产处置化解的比例。"),
        "sham_financial_institutions_exit": ("\"Double-fake\" (双伪) institutions to be cleared out by the end of the "
                                             "year "
                                             "(a goal to strive for, 力争). The report does not define the term.",
                                             "力争年底前出清的“双伪”机构数量。报告没有界定“双伪”。"),
    }


def measures_table(ch: Chapter, measures: pd.DataFrame) -> None:
    """Show every figure of the measures section with what it means and its kind (a ceiling, a
    floor, a method's split); a report with no figure there gets one sentence saying so."""
    if not len(measures):
        ch.say(en="The {year} report states no figure in its measures for the second half.",
               zh="{year}年报告的下半年工作措施中没有数字。")
        return
    meaning = meanings(ch.year)
    table = ch.figures_table(measures)
    table.insert(len(table.columns) - 1, ch.t("What it means", "含义"),
                 [ch.t(*meaning[item]) if item in meaning else "—" for item in measures["item"]])
    table.loc[measures["item"].isin(SPLIT).to_numpy(), ch.t("Measure", "指标")] = ch.t("Split of a method", "方式比例")
    for item, kind in KINDS.items():
        table.loc[(measures["item"] == item).to_numpy(), ch.t("Measure", "指标")] = ch.t(*kind)
    ch.table(table, caption=ch.t("Second-half measures: every figure of part 三", "下半年工作措施：第三部分的全部数字"))


def pressure_text(ch: Chapter, share: str, check: str) -> str:
    """The paragraph on revenue against rigid spending, in the edition's language, with its
    placeholders left for ``ch.say``: the stated tax share and whether the first half's figures
    bear it out (by the status of ``check``), when the report states the share; then the first
    half's revenue against all general expenditure (not rigid spending alone) and, for the three
    guarantees, the first half's like-for-like figure: the amount paid ({paid}, {paid_rate}) of the
    whole city's full-year need ({need}), named as a year's figure so that no one sets it against
    half a year's spending."""
    sentences = []
    if ch.has(share):
        sentences += _share_sentences(ch, ch.check(check)["status"], _rounds_to_stated(ch.check(check)))
    sentences.append(ch.t("In the first half, the whole city's local revenue covered {self_sufficiency} of its general "
                          "budget expenditure (all of it, not only rigid spending). For the three guarantees (三保) "
                          "the report's first-half figure is the amount paid: {paid} across the whole city, "
                          "{paid_rate} of its need for the full year of {need}, a rate of progress, to be read "
                          "against the half of the year that had passed, not a share of the half's spending.",
                          "上半年全市地方收入相当于全市一般公共预算支出的{self_sufficiency}（分母是全部支出，"
                          "不只是刚性支出）。“三保”方面，报告给出的上半年数字是已支付额：全市已支付{paid}，"
                          "为全年“三保”需求{need}的{paid_rate}。这是支出进度，应对照已经过去的半年来看，不是上半年支出中的占比。"))
    return ch.t(" ", "").join(sentences)


def _rounds_to_stated(result: dict) -> bool:
    """Whether an identity that holds within rounding has its computed side round, at the stated
    side's decimals, to the stated figure: 8.21 / 13.56 = 60.546% is 60.5%, as stated."""
    return result["status"] == ROUNDING and round(result["lhs_value"], result["rhs_places"]) == result["rhs_value"]


def _share_sentences(ch: Chapter, status: str, rounds: bool = False) -> list[str]:
    """The stated tax share, what the first half's check of it found, and the city-level share."""
    sentences = [ch.t("The report puts the tax share at {share}, without saying of which revenue.",
                      "报告称税收收入占比为{share}，但未说明口径。")]
    if rounds:
        sentences.append(ch.t("It matches the whole city's first half of {next_year}: tax revenue of {tax} is "
                              "{computed} of local general public budget revenue of {revenue}, the stated share at "
                              "its digits.",
                              "它与{next_year}年上半年全市数据相符：税收收入{tax}，占地方一般公共预算收入{revenue}的"
                              "{computed}，按所列占比的位数取整，与报告一致。"))
    elif status in (EXACT, ROUNDING):
        sentences.append(ch.t("It matches the whole city's first half of {next_year}: tax revenue of {tax} is "
                              "{computed} "
                              "of local general public budget revenue of {revenue}; the identity with the stated share "
                              "{check}.",
                              "它与{next_year}年上半年全市数据相符：税收收入{tax}，占地方一般公共预算收入{revenue}的"
                              "{computed}；与报告所列占比核对，{check}。"))
    elif status == FAILS:
        sentences.append(ch.t("It does not match the whole city's first half of {next_year}: the identity {check}.",
                              "它与{next_year}年上半年全市数据不符：这一等式{check}。"))
    else:
        sentences.append(ch.t("Whether it is the whole city's first half of {next_year} {check}.",
                              "它是否与{next_year}年上半年全市数据相符，{check}。"))
    sentences.append(ch.t("For comparison, taxes were {city_share} of the city-level government's revenue in {year}, a "
                          "different "
                          "scope and period.",
                          "作为对照，{year}年市本级税收收入占比为{city_share}（口径和时期都不同）。"))
    return sentences


def needed(ch: Chapter, h1: str) -> dict[str, tuple[float, int]]:
    """The second-half growth the target needs on each base (preliminary, final), with its places."""
    return {base: precision.derived_value(ch, f"{h1}.h2_growth_on_{base}") for base in ("preliminary", "final")}


def say_second_half(ch: Chapter, revenue: str, prelim: str, target: str, h1: str) -> bool:
    """The paragraph on what the second half needs to reach the growth target on either base,
    with the reading that the budget is the January estimate raised by the target rate when the
    budget-basis identity holds; when a figure is missing, which ones and why nothing is computed.
    Returns whether the growth was computable."""
    budget_is_target = ch.check(f"{h1}.budget_basis")["status"] in (EXACT, ROUNDING)
    computable = not any(pd.isna(value) for value, _ in needed(ch, h1).values())
    if computable:
        ch.say(
            en="Revenue was {final} in {year} by the final accounts; the January estimate had been {prelim}. The "
               "growth "
               "target of {target}, measured on the final figure, asks for about {t_final}; the same rate on the "
               "January "
               "estimate makes about {t_prelim}{is_budget}. The first half brought in {h1}, {h1_change} on a year "
               "before (so "
               "about {prior_h1} in the first half of {year}, and about {prior_h2} in its second half). Against that "
               "second "
               "half as collected, the second half of {next_year} needs growth of {g_final} to reach the growth target "
               "read on "
               "the final figure (reading a; {g_final_range} as the digits allow), and {g_prelim} to reach it read on "
               "the January estimate "
               "(reading b; probably the budget; {g_range}).",
            zh="{year}年收入决算数为{final}，年初报告的预计数为{prelim}。{target}的增长目标按决算数计算约为{t_final}；"
               "按同一增速以预计数计算约为{t_prelim}{is_budget}。上半年已完成{h1}，同比{h1_change}（据此推算{year}年上"
               "半年约为"
               "{prior_h1}，下半年约为{prior_h2}）。与上年下半年实际收入相比，{next_year}年下半年要实现以决算数为基数的"
               "增长目标（理解一），"
               "所需增速{g_final}（按数字的位数在{g_final_range}之间）；要实现以预计数为基数的增长目标（理解二，按本书"
               "的推断即预算），所需增速{g_prelim}（{g_range}）。",
            final=ch(revenue), prelim=ch(prelim), target=ch(target),
            t_prelim=precision.indicator(ch, f"{h1}.target_on_preliminary", 2),
            t_final=precision.indicator(ch, f"{h1}.target_on_final", 2),
            is_budget=ch.t(", consistent with the budget implied by the first half's share of it (the "
                           "chapter on the first half)",
                           "，与由上半年进度推算的全年预算相符（见“上半年预算执行情况”一章）")
            if budget_is_target else "",
            h1=ch(h1), h1_change=ch.change(h1 + ".yoy_pct"),
            prior_h1=precision.implied(ch, h1, "prior_year"),
            prior_h2=precision.indicator(ch, f"{h1}.prior_second_half", 2),
            g_prelim=about(ch, f"{h1}.h2_growth_on_preliminary"), g_final=about(ch, f"{h1}.h2_growth_on_final"),
            g_range=precision.outward_range(ch, f"{h1}.h2_growth_on_preliminary"),
            g_final_range=precision.outward_range(ch, f"{h1}.h2_growth_on_final"),
        )
        if budget_is_target:
            ch.reading(en="For the whole city, then, the budget asks less than the growth target read on the final "
                          "figure: reaching the budget means "
                          "growth of about {budget_growth} on the final figure, not {target}. That the budget was set "
                          "as the "
                          "January estimate raised by the target rate is our reading of the match; the report does not "
                          "say "
                          "how the budget was set.",
                       zh="因此，就全市而言，预算的要求低于以决算数为基数的增长目标：完成预算相当于比决算数增长约"
                          "{budget_growth}，而不是{target}。"
                          "预算按预计数乘以（1 + 目标增速）编制，是本书根据这一吻合作出的推断，报告没有说明预算是如何确"
                          "定的。",
                       evidence=("the budget-basis identity of the chapter on the first half; the final figure and the "
                                 "January "
                                 "estimate above.", "“上半年预算执行情况”一章中关于预算基数的等式；上文所列决算数和预计"
                                                    "数。"),
                       budget_growth=precision.indicator(ch, f"{h1}.budget_growth", 1), target=ch(target))
    else:
        ch.stated([revenue, prelim, target, h1, h1 + ".yoy_pct"])  # the note names what is missing
        ch.say(en="The {year} report does not state all the figures this needs, so the growth the second half needs "
                  "cannot be computed.",
               zh="{year}年报告没有列出所需的全部数字，因此无法推算下半年所需的增速。")
    return computable


def _base_of(ch: Chapter, key: str) -> str:
    """The base year of a figure, from its qualifier ('' when it names none)."""
    return half_year.base_year(ch.fact(key).qualifier_zh)


def _below_cap(ch: Chapter, austerity: str, h1_austerity: str, cap: str) -> bool:
    """Whether the base-year level reached by the year's change, moved on by the first half's change,
    stays below the cap (a share of the same base year): -20.2 and -14.9 give 67.9 < 80."""
    return (100 + ch.value(austerity)) * (1 + ch.value(h1_austerity) / 100) < ch.value(cap)


def say_cap(ch: Chapter, austerity: str, h1_austerity: str, cap: str) -> None:
    """The year's change in “三公” and “三项” expenses beside next year's ceiling: set side by side
    with the first half's change when both are stated against the same base year, said to be
    incomparable when the bases differ, and what is missing otherwise."""
    stated = ch.has(austerity) and ch.has(cap)
    same_base = stated and _base_of(ch, austerity) != "" and _base_of(ch, austerity) == _base_of(ch, cap)
    if same_base:
        ch.say(
            en="In {year} the city-level government's “three public” expenses and “three items” of expenses were "
               "{change}; "
               "the ceiling the report continues to set in its measures is {cap}.",
            zh="{year}年，市本级“三公”经费和“三项”费用{change}；报告在工作措施中继续以{cap}为上限。",
            change=ch.change(austerity), cap=ch(cap),
        )
        three_public.cap_scope_reading(ch, austerity, cap)
        if ch.has(h1_austerity):
            h1_scope, below = ch.scope_name(ch.fact(h1_austerity).scope), _below_cap(ch, austerity, h1_austerity, cap)
            ch.reading(en="In the first half of {next_year}, {h1_scope}'s spending on them was {h1_change} on the same "
                          "months "
                          "of {year}. Two steps link that to the ceiling, and the report takes neither. First, the "
                          "change is "
                          "against the first half of {year}, not against the ceiling's base year: it carries over only "
                          "through "
                          "the {year} level ({change}). Second, a first half tells about the full year only if "
                          "the split of spending between the two halves is much the same in {next_year} as in {year}. "
                          "Granting both, {hedge}.",
                       zh="{next_year}年上半年，{h1_scope}这两类费用同比{h1_change}。要把它与上限联系起来需要两步，报告"
                          "两步都没有说。"
                          "第一，这一变化相对的是{year}年上半年，而不是上限的基期，只能借助{year}年的水平（{change}）换"
                          "算。"
                          "第二，只有{next_year}年上、下半年的支出分布与{year}年相近时，上半年的同比变化才能说明全年。两步都成立时，{hedge}。",
                       evidence=("the first-half change, from the section on key work (its scope and base as stated "
                                 "there), "
                                 "and the {year} change against the base year; the report itself makes no forecast.",
                                 "重点工作一节所列上半年同比变化（口径和基期以该处所列为准），以及{year}年相对基期的变"
                                 "化；报告本身没有作此预测。"),
                       h1_change=ch.change(h1_austerity), change=ch.change(austerity),
                       h1_scope=h1_scope,
                       hedge=ch.t(f"the first half gives no sign that the ceiling is at risk: the two changes "
                                  f"together would leave the year below it; what stays open is the "
                                  f"scope, the first-half change being stated for {h1_scope} and the ceiling worded "
                                  f"for departments (units)" if below
                                  else "the ceiling would hold only with restraint in the second half",
                                  f"上半年的数字看不出上限有被突破的迹象：按这两个变化推算，全年水平会低于上限；"
                                  f"仍不确定的是口径：上半年的同比变化说的是{h1_scope}，"
                                  f"上限针对的则是部门（单位）的支出" if below else "能否守住上限取决于下半年的控制"))
    elif stated:
        ch.say(en="In {year} these expenses were {change}; the ceiling the report continues to set in its "
                  "measures is {cap}. The two are stated "
                  "against "
                  "different bases, so they cannot be set side by side.",
               zh="{year}年这两类费用{change}；报告在工作措施中继续以{cap}为上限。两者的基期不同，不能直接对照。",
               change=ch.change(austerity), cap=ch(cap))
    else:
        ch.stated([austerity, cap])
        ch.say(en="The {year} report does not state both the change against the base year and the ceiling.",
               zh="{year}年报告没有同时列出相对基期的变化和控制上限。")
