"""The explainer chapter "How a city's budget works": its tables and the sentences chosen by what the
year's report states (the budgets' sizes and units, self-sufficiency by scope, the debt against its
ceiling), written once here so the cells are the story plus short calls. The notebook passes the keys
(so the usage audit sees them); these functions do the how, words unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.data.units import convert
from fiscalbook.story import explainer, fmt
from fiscalbook.story.budgets.rates import finite

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

AGREE = ("exact", "within_rounding")
COLUMN_NAMES = {"revenue": ("revenue", "收入"), "expenditure": ("expenditure", "支出")}


def budgets_table(ch: Chapter, keys: Mapping[str, Mapping[str, str]], scopes: Mapping[str, str], caption: str,
                  check: str) -> None:
    """The four budgets' revenue and expenditure in two scopes (``keys``: budget -> "prefix.item" -> key;
    ``scopes``: prefix -> scope code), a dash where the report leaves a figure out; or, when it states none,
    a sentence saying so. English adds the Chinese term under the budget's name (a column of its own would
    be squeezed); units differ between the budgets, so each cell carries its own."""
    chinese_budget = ch.data.shared("vocab").query("field == 'budget'").set_index("code")["label_zh"]
    rows, shown = [], []
    for budget, items in keys.items():
        name = ch.label("budget", budget) + (f"<br>{chinese_budget[budget]}" if ch.lang == "en" else "")
        row = {ch.t("Budget", "预算"): name}
        for prefix, scope_code in scopes.items():
            scope = ch.scope_name(scope_code, in_sentence=False, remark=False)
            for item, (english, chinese) in COLUMN_NAMES.items():
                key = items[f"{prefix}.{item}"]
                shown += ch.stated([key])
                row[ch.t(f"{scope}: {english}", f"{scope}{chinese}")] = ch(key) if ch.has(key) else "—"
        rows.append(row)
    if shown:
        ch.table(pd.DataFrame(rows), caption=caption, check=check)
    else:
        ch.say(en="The report for {year} states the revenue and expenditure of none of the four budgets, for the whole "
                  "city or for the city-level government, so there is no table of them here.",
               zh="{year}年的报告没有列出全市或市本级任何一本预算的收支，因此这里没有四本预算的表格。")


def budget_name(ch: Chapter, budget: str) -> str:
    """A budget's name inside a sentence."""
    return fmt.in_sentence(ch.label("budget", budget)) if ch.lang == "en" else ch.label("budget", budget)


def sizes_text(ch: Chapter, spent: Mapping[str, str], all_budgets: int) -> str:
    """The whole city's largest and smallest budget by spending (``spent``: budget -> expenditure key), among
    those the report states when it leaves some out (``all_budgets``: how many there are)."""
    year = ch.year
    spending = finite({budget: ch.value(key, "亿元") for budget, key in spent.items()})
    if len(spending) > 1:
        largest, smallest = max(spending, key=spending.get), min(spending, key=spending.get)
        among = len(spending) < all_budgets  # then the comparison is among the budgets the report states
        return ch.t(f"Measured by spending, the whole city's largest budget in {year}"
                    + (" (of those whose spending the report states)" if among else "")
                    + f" was the {budget_name(ch, largest)}, at {ch(spent[largest])}, and its smallest the "
                    f"{budget_name(ch, smallest)}, at {ch(spent[smallest])}.",
                    f"按支出计，{year}年全市" + ("在报告列出支出的几本预算中，" if among else "")
                    + f"规模最大的是{budget_name(ch, largest)}（{ch(spent[largest])}），"
                    f"最小的是{budget_name(ch, smallest)}（{ch(spent[smallest])}）。")
    if spending:
        (only,) = spending
        return ch.t(f"Of the whole city's four budgets, the report for {year} states the spending of only the "
                    f"{budget_name(ch, only)}: {ch(spent[only])}.",
                    f"{year}年的报告只列出了全市{budget_name(ch, only)}的支出：{ch(spent[only])}。")
    return ch.t(f"The report for {year} states the whole city's spending in none of the four budgets.",
                f"{year}年的报告没有列出全市任何一本预算的支出。")


def units_text(ch: Chapter, spent: Mapping[str, str]) -> str:
    """A warning when the budgets' spending is counted in more than one unit; else nothing."""
    units = list(dict.fromkeys(ch.fact(key).unit for key in spent.values() if ch.has(key)))
    if len(units) < 2:
        return ""
    return ch.t(f" The report counts the budgets in {' and '.join(units)}: watch the unit before comparing "
                "two figures.",
                f"报告中各本预算分别以{'和'.join(units)}计，比较两个数字之前先看单位。")


def state_capital_note(ch: Chapter, rule: str) -> str:
    """Our reading that the state capital budget's revenue matches what the regulations compile into it,
    said only when the check ``rule`` holds."""
    carryover = explainer.carryover_note(ch, full=True)
    if ch.check(rule)["status"] not in AGREE:
        return ""
    own = ch.name_of(f"{rule.rsplit('.', 1)[0]}.own_revenue", in_sentence=True)
    return ch.t(f" The revenue the report states for the state capital budget matches, on our reading, what the "
                "regulations say its revenue is compiled to include "
                f"(编制内容, {ch.cite('regulations:38')}): beside the {own} "
                "it includes transfers from above for specific matters "
                "(上级对特定事项的转移支付) and the previous year's money, as the check under the table shows. "
                + carryover[:1].upper() + carryover[1:] + ".",
                f"按本书的理解，报告所列的国有资本经营预算收入与条例规定的收入编制内容相符（{ch.cite('regulations:38')}），除{own}外"
                "还包括上级对特定事项的转移支付和上年结转，见表下的核对。" + carryover + "。")


def moved_in_question(ch: Chapter, rule: str, state_key: str) -> dict[str, str]:
    """The values of the paragraph on money moved in from the state capital budget, which is said only when
    the sources and uses ``rule`` agree without any money moved in and the state capital budget's spending
    (``state_key``) is smaller than the rounding margin; else an empty dict."""
    moved_in = [key for key in ch.rule_keys(rule)[0] if ch.has(key) and "调入" in ch.fact(key).label_zh]
    sources_uses = ch.check(rule)
    state_unit = ch.fact(state_key).unit if ch.has(state_key) else sources_uses["unit"]
    margin = convert(sources_uses["tolerance"], sources_uses["unit"], state_unit)
    if sources_uses["status"] not in AGREE or moved_in or not ch.has(state_key) or ch.value(state_key) >= margin:
        return {}
    agree = (ch.t("exactly as written", "完全相等") if sources_uses["status"] == "exact"
             else ch.t("within rounding", "在舍入误差以内相符"))
    return {"city": ch.scope_name("市本级"), "agree": agree, "tolerance": ch.amount(margin, state_unit, places=0),
            "state_spent": ch(state_key), "art38": ch.cite("regulations:38")}


def self_sufficiency_table(ch: Chapter, keys: Mapping[str, tuple[str, str]], scopes: Mapping[str, str],
                           indicator: str, caption: str) -> None:
    """A row per scope the report states a figure for (``keys``: prefix -> (revenue, expenditure);
    ``indicator``: the self-sufficiency id with ``{prefix}``): its figures, spending per yuan of revenue and
    self-sufficiency, a dash where one is missing (the note under the table names it); or a sentence when
    no scope has a figure."""
    rows = []
    for prefix, (revenue, expenditure) in keys.items():
        both = len(ch.stated([revenue, expenditure])) == 2
        if not (ch.has(revenue) or ch.has(expenditure)):
            continue
        multiple = ch.number(ch.value(expenditure) / ch.value(revenue)) if both else "—"
        row = {ch.t("Scope", "口径"): ch.scope_name(scopes[prefix], in_sentence=False)}
        if ch.lang == "en":
            row["中文"] = scopes[prefix]
        row[ch.t("Local revenue", "地方一般公共预算收入")] = ch(revenue) if ch.has(revenue) else "—"
        row[ch.t("Expenditure", "一般公共预算支出")] = ch(expenditure) if ch.has(expenditure) else "—"
        row[ch.t("Expenditure ÷ revenue", "支出 ÷ 收入")] = ch.t(f"{multiple} times", f"{multiple}倍") if both else "—"
        row[ch.t("Self-sufficiency", "财政自给率")] = ch.indicator(indicator.format(prefix=prefix)) if both else "—"
        rows.append(row)
    if rows:
        ch.table(pd.DataFrame(rows), caption=caption)
    else:
        ch.say(en="The report for {year} states the general public budget revenue and expenditure of none of "
                  "the scopes, so no self-sufficiency can be computed.",
               zh="{year}年的报告没有列出任何口径的一般公共预算收支，因此无法计算财政自给率。")


def whole_sufficiency(ch: Chapter, whole: Sequence[str], indicator: str) -> str:
    """The whole city's spending per yuan of revenue and self-sufficiency (``whole``: revenue, expenditure),
    or what the report leaves out that it needs."""
    if len(ch.stated(list(whole))) == len(whole):
        per_yuan = ch.number(ch.value(whole[1]) / ch.value(whole[0]))
        return ch.t(f"Across the whole city, each yuan of local revenue was matched by {per_yuan} yuan of spending: "
                    f"local revenue paid for {ch.indicator(indicator)} of it.",
                    f"全市每一元地方一般公共预算收入对应{per_yuan}元支出，地方收入只负担了支出的{ch.indicator(indicator)}。")
    lacking = [key for key in whole if not ch.has(key)]
    return ch.t(f"The whole city's self-sufficiency is not computable: the report does not state its "
                f"{' or its '.join(ch.name_of(key, in_sentence=True) for key in lacking)}.",
                f"全市财政自给率无法计算：报告没有列出全市{'和'.join(ch.name_of(key) for key in lacking)}。")


def parts_sufficiency(ch: Chapter, ratios: Mapping[str, float], areas: Mapping[str, Sequence[str]],
                      scopes: Mapping[str, str], indicator: str) -> str:
    """The parts of the whole city with the lowest and highest self-sufficiency (``ratios``: prefix -> value of
    those stated; ``areas``: prefix -> (revenue, expenditure) of every part; ``indicator``: the id with
    ``{prefix}``), or the one stated, or a sentence that none is. The parts without a ratio are marked as
    shown, so the note at the end of the paragraph names what the report leaves out."""
    for prefix, keys in areas.items():
        if prefix not in ratios:
            ch.stated(list(keys))

    def ratio(prefix: str) -> str:
        return ch.indicator(indicator.format(prefix=prefix))

    parts = (ch.t("Of the three parts of the whole city", "在全市的三个组成部分中") if len(ratios) == len(areas)
             else ch.t("Of the parts of the whole city whose figures the report states",
                       "在报告列出收支的几个组成部分中"))
    if len(ratios) > 1:
        lowest, highest = min(ratios, key=ratios.get), max(ratios, key=ratios.get)
        return ch.t(f"{parts}, {ch.scope_name(scopes[lowest])} paid for the smallest share of its spending itself "
                    f"({ratio(lowest)}), {ch.scope_name(scopes[highest])} the largest ({ratio(highest)}).",
                    f"{parts}，{ch.scope_name(scopes[lowest])}本级收入负担支出的比例最低（{ratio(lowest)}），"
                    f"{ch.scope_name(scopes[highest])}最高（{ratio(highest)}）。")
    if ratios:
        (only,) = ratios
        return ch.t(f"Of the three parts of the whole city, only {ch.scope_name(scopes[only])} has both figures "
                    f"stated: its own revenue paid for {ratio(only)} of its spending.",
                    f"在全市的三个组成部分中，只有{ch.scope_name(scopes[only])}的收支都有列出：本级收入负担了支出的"
                    f"{ratio(only)}。")
    return ch.t("The report does not state both figures for any of the whole city's three parts, so none of "
                "their self-sufficiencies is computable.",
                "报告没有列出全市三个组成部分中任何一个的完整收支，因此无法计算它们的财政自给率。")


def debt_text(ch: Chapter, balance: str, ceiling: str, headroom: str) -> str:
    """The city-level government's debt balance against its ceiling, with the room left to borrow; or what
    the report leaves out of them."""
    year = ch.year
    stated = ch.stated([balance, ceiling])
    if len(stated) == 2:
        unit = ch.fact(ceiling).unit
        within = ch.value(balance, unit) <= ch.value(ceiling)
        share = ch.share(ch.value(balance, unit), ch.value(ceiling))
        text = ch.t(f"At the end of {year} the city-level government owed {ch(balance)} within the ceiling, against a "
                    f"ceiling of {ch(ceiling)} set by the autonomous region: {share} of the ceiling, "
                    + ("within it." if within else "above it."),
                    f"{year}年末，市本级限额内政府性债务余额{ch(balance)}，自治区核定的债务限额为{ch(ceiling)}，余额为限额的"
                    f"{share}，" + ("在限额以内。" if within else "超出了限额。"))
    elif stated == [balance]:
        text = ch.t(f"At the end of {year} the city-level government owed {ch(balance)}. The report does not state its "
                    "ceiling, so how the balance stands against it cannot be told.",
                    f"{year}年末，市本级政府债务余额{ch(balance)}。报告没有列出债务限额，因此无法判断余额与限额的关系。")
    elif stated == [ceiling]:
        text = ch.t(f"The autonomous region set the city-level government's debt ceiling at {ch(ceiling)} for {year}. "
                    "The report does not state the balance owed at the end of the year, so how it stands against the "
                    "ceiling cannot be told.",
                    f"自治区核定的{year}年市本级政府债务限额为{ch(ceiling)}。报告没有列出年末债务余额，因此无法判断余额与限额的关系。")
    else:
        text = ch.t(f"The report for {year} states neither the city-level government's debt balance nor its ceiling.",
                    f"{year}年的报告既没有列出市本级政府债务余额，也没有列出债务限额。")
    if ch.has(headroom):
        text += ch.t(f" The report puts the room left to borrow at {ch(headroom)}.",
                     f"报告所列举借债券空间为{ch(headroom)}。")
    return text


def bonds_text(ch: Chapter, general: str, general_resolution: str, special: str) -> str:
    """The new bonds the region allocated, when the report states them; else nothing."""
    if not ch.has(general):
        return ""
    return ch.t(f" The region allocated {ch(general)} of new general bonds, of which "
                f"{ch(general_resolution)} for resolving debt, and {ch(special)}"
                " of special bonds for resolving debt; the report says the budget adjustments were approved by the "
                "standing committee of the city's people's congress.",
                f"自治区下达新增一般债券{ch(general)}（其中用于债务化解"
                f"{ch(general_resolution)}），专项债券{ch(special)}（用于债务化解）；"
                "报告说明预算调整已经市人大常委会会议批准。")

