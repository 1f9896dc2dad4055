"""The overview's parts that depend on which report years data/ holds: the headline figures year by
year and the stated growth rates set beside the previous report, written once here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.data import law
from fiscalbook.data.load import load_year
from fiscalbook.story import charts, fmt, precision
from fiscalbook.story.arithmetic import HALF_YEAR
from fiscalbook.story.budgets.rates import not_computable

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def series_table(ch: Chapter, keys: Sequence[str], caption: str) -> bool:
    """A table of ``keys`` in every report year of data/ (one unit in the headers when all share it);
    nothing with one year. Returns whether there was more than one year."""
    report_years = list(ch.series(list(keys)).index)
    if len(report_years) <= 1:
        return False
    reports = [load_year(report_year, ch.data.data_dir, ch.data.place_id) for report_year in report_years]
    units = {report.fact(key).unit for report in reports for key in keys if report.has(key)}
    shared = units.pop() if len(units) == 1 else ""  # one unit for the whole table goes in the headers
    rows = []
    for report in reports:
        row = {ch.t("Final accounts of", "决算年度"): str(report.year)}
        for key in keys:
            header = ch.name_of(key) + (ch.t(f" ({shared})", f"（{shared}）") if shared else "")
            if not report.has(key):
                row[header] = "—"
            elif shared:
                row[header] = fmt.group(report.fact(key).text)
            else:
                row[header] = ch.t(fmt.with_unit(report.fact(key).text, report.fact(key).unit),
                                   fmt.group(report.fact(key).text) + report.fact(key).unit)
        rows.append(row)
    ch.table(pd.DataFrame(rows), caption=caption)
    return True


def growth_against_previous(ch: Chapter, keys: Sequence[str]) -> None:
    """Each stated growth rate of ``keys`` against the growth computed from this and last year's reports;
    said only when data/ holds the year just before this one."""
    checks = ch.change_checks().set_index("key")
    phrases = []
    for key in keys:
        if f"{key}.yoy_pct" not in checks.index:
            continue
        row = checks.loc[f"{key}.yoy_pct"]
        computed = fmt.percent(row["computed"], max(0, min(1, fmt.places_for(row["low"], row["high"]))))
        agrees = row["status"] == "agrees"
        phrases.append(ch.t(
            f"{ch.name_of(key, in_sentence=True)} grew {computed} by the two reports' figures, against the "
            f"{ch.plain(f'{key}.yoy_pct')} stated" + ("" if agrees else ", more than rounding explains"),
            f"{ch.name_of(key)}按两年报告的数字计算增长{computed}，报告所述为{ch.plain(f'{key}.yoy_pct')}"
            + ("" if agrees else "，差异超出四舍五入误差")))
    if phrases:
        ch.say(en="Set beside the {previous} report: {phrases}.", zh="与{previous}年报告对照：{phrases}。",
               previous=ch.previous.year, phrases=ch.t("; ", "；").join(phrases))


HOLDS = ("exact", "within_rounding")  # the statuses of an identity that holds


def holds(ch: Chapter, rule: str) -> bool:
    """Whether the identity ``rule`` holds (exactly or within rounding) in the year's figures."""
    return ch.check(rule)["status"] in HOLDS


def on_final_base(ch: Chapter, indicator_id: str, target: str, budget_holds: bool) -> str:
    """How the implied budget compares with the final figure (``indicator_id``: its growth): growth (and, when
    it is below the ``target`` and the budget is the target on the January estimate, the reading that holds
    only on this base)."""
    growth_value = ch.indicators.loc[indicator_id, "value"]
    growth_text = ch.indicator(indicator_id)
    if pd.isna(growth_value) or growth_value <= 0:
        return ch.t(f"a change of {growth_text}", f"与决算数相差{growth_text}")
    if budget_holds and growth_value < ch.value(target):
        year = ch.year
        return ch.t(f"growth of only {growth_text}: on this implied budget "
                    "(the report states no budget figure for that "
                    f"year), if the {ch(target)} revenue growth target is measured from the final accounts, "
                    "revenue exactly on budget would fall short of it; measured from the January estimate, "
                    "it would reach it",
                    f"只比决算数高{growth_text}。报告未列该年预算数；如果{ch(target)}的收入增长目标以{year}年决算数为基数，"
                    f"按这一推算的预算，收入即使正好完成预算，增幅也达不到目标；以预计数为基数，增幅才是{ch(target)}")
    return ch.t(f"growth of {growth_text}", f"比决算数高{growth_text}")


def part_names_whole(ch: Chapter, key: str) -> bool:
    """Whether the first sentence of the report's part that states ``key`` (its top heading, such as
    三) names the whole place (全市): a hint at a target's scope that the sentence itself leaves out."""
    whole = ch.place.role("whole")
    if whole is None or not ch.has(key):
        return False
    part = ch.fact(key).section.split(".")[0]
    texts = [text for path, _, text in ch.report_headings() if path == part]
    return bool(texts) and whole.code in texts[0].split("。")[0]


def budget_basis(ch: Chapter, rule: str, target: str = "") -> str:
    """The sentence on whether the implied budget is the January estimate raised by the growth target
    (``rule``: that identity; ``target``: the target's key, for the hint its part of the report gives at
    its scope); empty when the identity cannot be checked (its check names what is left out)."""
    status = ch.check(rule)["status"]
    whole = ch.place.role("whole")
    hint = ((f"; the part of the report that states it opens by naming {whole.code} "
             f"({fmt.in_sentence(whole.name('en'))}), but whether that names the revenue's scope or only whose "
             "measures they are, it does not say",
             f"；该部分开头提到“{whole.code}”，但那是指收入的口径，还是只指措施的主体，报告没有说明")
            if target and part_names_whole(ch, target) else ("", ""))
    if status in HOLDS:
        return ch.t("That is consistent, within rounding, with the January estimate of {year}'s revenue, {prelim}, "
                    "raised by {target}, "
                    "the revenue growth target for {next_year} the report states among its second-half measures "
                    "without naming its scope" + hint[0] + " (the test is shown below). ",
                    "，在四舍五入误差内与年初人代会报告的{year}年预计数{prelim} ×（1 + {target}）相符；"
                    "{target}是报告在下半年工作措施中提出的"
                    "{next_year}年收入增长目标，报告没有说明其口径" + hint[1] + "（核对见下）。")
    if status == "fails":
        return ch.t("It is not the January estimate of {year}'s revenue, {prelim}, raised by the revenue growth target "
                    "of {target} (the test is shown below). ",
                    "，并不等于年初人代会报告的{year}年预计数{prelim} ×（1 + 增长目标{target}）（核对见下）。")
    return ""


def implied(ch: Chapter, base: str, kind: str) -> str:
    """The implied amount at the digits its range allows (``precision.implied``), but 'not computable' (with a
    note of what the report leaves out) instead of a dash when the year lacks the amount or its rate."""
    if not pd.isna(ch.implied_value(base, kind)):
        return precision.implied(ch, base, kind)
    return not_computable(ch, base, kind)


def balance_word(ch: Chapter, indicator_id: str) -> str:
    """The word for revenue minus expenditure (``indicator_id``): a balance (结余) or a deficit (缺口); the
    neutral 差额 when the report leaves out one of the two figures."""
    value = ch.indicators.loc[indicator_id, "value"]
    if pd.isna(value):
        return ch.t("a balance", "差额")
    return ch.t("a balance", "结余") if value >= 0 else ch.t("a deficit", "缺口")


def double_half(ch: Chapter, revenue_rate: str, spending_rate: str) -> str:
    """The sentence on 双过半 (by mid-year, revenue past half of the budget and spending past half of the
    adjusted budget; ``revenue_rate`` and ``spending_rate`` are their keys); '' when either rate is unstated."""
    rates = [ch.value(revenue_rate), ch.value(spending_rate)]
    if any(pd.isna(rate) for rate in rates):
        return ""
    if all(rate > HALF_YEAR for rate in rates):
        return ch.t(" Revenue is past half of the year's budget and spending past half of the adjusted budget, "
                    "which is what “double over half” (双过半) usually means (general usage; the report names the "
                    "target without defining it).",
                    "收入超过了全年预算的一半，支出超过了调整预算的一半，即通常所说的“双过半”（报告提到这一目标，但没有给出定义）。")
    return ch.t(" Revenue (against the year's budget) and spending (against the adjusted budget) are not both "
                "past half, so the first half fell short of “double over half” (双过半).",
                "收入（对全年预算）和支出（对调整预算）的完成率没有都超过一半，未达到“双过半”。")


def lowest_ratio(ch: Chapter, indicator_ids: dict[str, str]) -> str:
    """The sentence naming the scope whose ratio (``indicator_ids``: scope -> indicator id, its revenue key
    '<scope>.general.revenue') is lowest; '' when no ratio can be computed."""
    values = {scope: ch.indicators.loc[indicator, "value"] for scope, indicator in indicator_ids.items()}
    computable = {scope: value for scope, value in values.items() if not pd.isna(value)}
    if not computable:
        return ""
    lowest = min(computable, key=computable.get)
    where, value = ch.scope_name(ch.fact(f"{lowest}.general.revenue").scope), ch.indicator(indicator_ids[lowest])
    return ch.t(f"Of the areas the report gives, the ratio was lowest in {where}, at {value}. ",
                f"在报告列出的各个口径中，{where}最低，仅{value}。")


def indicators_table(ch: Chapter, indicator_ids: Sequence[str], caption: str) -> None:
    """A table of derived indicators with their values (English tables give the Chinese term too)."""
    rows = []
    for indicator in indicator_ids:
        label_en, label_zh = ch.indicators.loc[indicator, ["label_en", "label_zh"]]
        row = {ch.t("Indicator", "指标"): ch.t(label_en, label_zh)}
        if ch.lang == "en":
            row["中文"] = label_zh
        row[ch.t("Value", "数值")] = ch.indicator(indicator)
        rows.append(row)
    ch.table(pd.DataFrame(rows), caption=caption)


def _pairs_caption(ch: Chapter, coverage: dict[str, str], ratio: dict[str, float], regulation: str
                   ) -> tuple[str, str]:
    """The caption naming the budgets whose revenue covers the least and the most of their spending."""
    low, high = min(ratio, key=ratio.get), max(ratio, key=ratio.get)
    low_name, high_name = ch.label("budget", low), ch.label("budget", high)
    regs3 = law.citation(*law.parse_reference(regulation)[:2], ch.lang)  # plain text: a caption has no tooltip
    if low == high:
        return (f"In the {fmt.in_sentence(low_name)}, revenue covers {coverage[low]} of spending.",
                f"{low_name}收入相当于支出的{coverage[low]}。")
    return (f"Revenue as a share of spending ranges from {coverage[low]} in the {fmt.in_sentence(low_name)} to "
            f"{coverage[high]} in the {fmt.in_sentence(high_name)}. The revenues are not alike: the general "
            "budget's is local revenue only, without the transfers, bonds and carry-over that also pay for its "
            "spending, while the social insurance funds' probably includes subsidies from the general budget, "
            f"which the law includes in that budget ({regs3}), though the report gives no amount; a "
            "low share does not by itself mean a deficit.",
            f"收入相当于支出的比例，从{low_name}的{coverage[low]}到{high_name}的{coverage[high]}不等。各本预算的"
            "“收入”含义不同：一般公共预算收入只是本地收入，不含同样用于支出的转移支付、债券资金和结转资金；"
            f"社会保险基金收入则可能含一般公共预算给予的补贴（法律把“一般公共预算安排”的资金列入社会保险基金预算，见{regs3}，但报告没有列出"
            "金额）。比例低并不等于赤字。")


def budget_pairs_chart(ch: Chapter, pair_keys: dict[str, tuple[str, str]], regulation: str) -> None:
    """Revenue beside expenditure for each budget (``pair_keys``: budget code -> its revenue and expenditure
    keys) whose two figures the report states, in the unit of the budget with the largest revenue; a budget
    counted in another unit (万元) would not show at this scale and is named in the alt text. ``regulation``
    is the article allowing subsidies to the social insurance funds. A sentence instead when none has both."""
    both = [code for code, keys in pair_keys.items() if len(ch.stated(keys)) == len(keys)]
    unit = ch.fact(pair_keys[max(both, key=lambda code: ch.value(pair_keys[code][0], "元"))][0]).unit if both else ""
    budgets = [code for code in both if {ch.fact(key).unit for key in pair_keys[code]} == {unit}]
    if not budgets:
        ch.say(en="The report states revenue and expenditure together for none of the whole city's budgets, so there "
                  "is no chart of them.",
               zh="报告没有同时列出全市任何一本预算的收入和支出，因此不作图。")
        return
    revenue = {code: ch.value(pair_keys[code][0]) for code in budgets}
    spending = {code: ch.value(pair_keys[code][1]) for code in budgets}
    coverage = {code: ch.share(revenue[code], spending[code]) for code in budgets}  # revenue as % of spending
    pair = {code: ch.t(f"{fmt.in_sentence(ch.label('budget', code))}: revenue {ch.plain(pair_keys[code][0])}, "
                       f"expenditure {ch.plain(pair_keys[code][1])}",
                       f"{ch.label('budget', code)}：收入{ch.plain(pair_keys[code][0])}，"
                       f"支出{ch.plain(pair_keys[code][1])}") for code in both}
    fig = charts.paired_bars(
        groups=["\n".join(ch.label("budget", code).rsplit(" ", 1)) for code in budgets],  # 'budget' on a second line
        series={ch.t("Revenue", "收入"): list(revenue.values()), ch.t("Expenditure", "支出"): list(spending.values())},
        ylabel=ch.axis_unit(unit),
        notes=[ch.t(f"revenue = {coverage[code]} of spending", f"收入为支出的{coverage[code]}") for code in budgets],
    )
    ratio = {code: revenue[code] / spending[code] for code in budgets}
    drawn = [pair[code] for code in budgets]
    not_drawn = [pair[code] for code in both if code not in budgets]
    ch.figure(
        fig,
        caption=_pairs_caption(ch, coverage, ratio, regulation),
        alt=(f"Paired bar chart in {unit} of whole-city revenue and expenditure, budget by budget: "
             + "; ".join(drawn) + "."
             + (f" Not drawn, being too small at this scale: {'; '.join(not_drawn)}." if not_drawn else ""),
             f"全市各本预算收入与支出的成对柱状图（{unit}）。" + "；".join(drawn) + "。"
             + (f"规模过小未画出：{'；'.join(not_drawn)}。" if not_drawn else "")),
    )


def debt_bar(ch: Chapter, ceiling: str, balance: str, headroom: str) -> None:
    """The debt ceiling as one bar split into debt outstanding within it and borrowing headroom; nothing
    unless the report states all three figures."""
    if len(ch.stated([ceiling, balance, headroom])) < 3:
        return
    parts_keys = [balance, headroom]
    used = ch.share(ch.value(balance), ch.value(ceiling))
    fig = charts.stacked_share(
        label=f"{ch.name_of(ceiling)}\n{ch.fact(ceiling).text}",
        parts=[(ch.name_of(key), ch.value(key)) for key in parts_keys],
        texts=[fmt.group(ch.fact(key).text) for key in parts_keys],
        xlabel=ch.axis_unit(ch.fact(ceiling).unit),
    )
    ch.figure(
        fig,
        caption=(f"Debt outstanding within the ceiling fills {used} of the city-level government's debt ceiling.",
                 f"市本级限额内政府性债务余额已占债务限额的{used}。"),
        alt=(f"One horizontal bar, the city-level government's debt ceiling of {ch.plain(ceiling)}, split into debt "
             f"outstanding within the ceiling of {ch.plain(balance)} and borrowing headroom of {ch.plain(headroom)}.",
             f"一根横条表示市本级债务限额{ch.plain(ceiling)}，分为限额内政府性债务余额{ch.plain(balance)}"
             f"和举借债券空间{ch.plain(headroom)}两段。"),
    )
