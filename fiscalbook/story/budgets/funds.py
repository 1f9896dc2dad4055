"""The city level's four budgets section by section (chapters on the city level and the reserve
fund): a section's table, its sources and uses and their waterfall, the balances, state capital
paid in elsewhere, and the rules for funds the report mentions."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from fiscalbook.story import charts, fmt
from fiscalbook.story.budgets.rates import mark_annual_budget, section_of
from fiscalbook.story.explainer import number_word


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


def other_balances(ch: Any, uses: list[str]) -> list[str]:
    """The balances the report lists beside the year-end balance (e.g. unspent refinancing bonds):
    items of the right side whose name ends in ``_balance``; they are left over, not used."""
    return [key for key in uses if ch.fact(key).item.endswith("_balance")]


def balances_left(ch: Any, rule_id: str, plain: bool = False) -> str:
    """Every balance a sources-and-uses identity leaves, in words: 'the accumulated year-end
    balance (9.27 亿元) and unspent refinancing general bonds (0.26 亿元)'."""
    _, uses, left = sources_and_uses(ch, rule_id)
    keys = [left] + other_balances(ch, uses)
    amounts = [ch.plain(k) if plain else ch(k) for k in keys]
    parts = [f"{ch.name_of(k, in_sentence=True)}{ch.t(' of ', '')}{a}"
             for k, a in zip(keys, amounts, strict=True)]
    return ch.t(" and ", "和").join(parts) if len(parts) < 3 else ch.t(", ", "、").join(parts)


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
    kept = other_balances(ch, uses)
    uses = [key for key in uses if key not in kept]
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
    end_label = ch.t("Balances left", "各项结余") if kept else ch.name_of(left)
    fig = charts.waterfall(
        steps,
        ylabel=ch.axis_unit(unit),
        end_label=end_label,
        source_name=ch.t("Sources", "资金来源"),
        use_name=ch.t("Uses", "资金运用"),
    )
    total = ch.number(sum_of(ch, sources), 2)
    ch.figure(
        fig,
        caption=caption,
        alt=(
            f"Waterfall chart in {unit} of the city-level {fmt.in_sentence(budget)}. Sources stack up to {total}: "
            f"{listing(sources)}. Uses step down: {listing(uses)}. The last bar is what is left: "
            f"{listing([left] + kept)}.",
            f"市本级{budget}瀑布图（{unit}）。资金来源逐项累加至{total}：{listing(sources)}。"
            f"资金运用逐项扣减：{listing(uses)}。"
            f"最后一根柱为剩下的各项结余：{listing([left] + kept)}。",
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
                "（均为“资金来源 = 资金运用 + 结余”的形式，列在“数据与核查”一章）")
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


def report_mentions(ch: Any, word: str) -> list[tuple[str, str]]:
    """The sentences of the whole report that contain ``word``, each with its heading path."""
    tops = [path for path, _, _ in ch.report_headings() if "." not in path]
    return [found for top in tops for found in ch.report_sentences(top, word)]


def summed_note(ch: Any, key: str, short: bool) -> str:
    """For a scope that sums several governments' budgets (any but the city-level government's): the
    rule on a funds budget's revenue applies to each government's own budget (各级政府性基金预算,
    Implementing Regulations, Art. 78, para. 7), so the summed rate does not show where it fell
    short (``short``) or exceeded its budget; '' for the city-level government."""
    scope = ch.fact(key).scope
    if scope == ch.place.role("city").code:
        return ""
    where = ch.t("which of them fell short", "哪一级出现了短收") if short else ch.t("which of them collected more",
                                                                           "哪一级有超收")
    name = ch.scope_name(scope, remark=False)
    return ch.t(f"; but the figures of {name} sum several governments' budgets, and the rule applies to "
                f"each government's own funds budget, so the summed rate does not show {where}",
                f"；{name}数字是几级预算的汇总，而这一规定适用于各级政府各自的政府性基金预算，"
                f"汇总的完成率看不出{where}")


def fund_rule_text(ch: Any, key: str, hedged: bool = False) -> str:
    """Which half of the rule on a funds budget's revenue applies (Implementing Regulations,
    Art. 78, para. 7): revenue above budget is used the next year, first to repay the matching special
    debt; a shortfall is balanced by cutting spending. Chosen by the stated execution rate; the
    English edition gives the law's words beside its rendering. ``hedged``: add that the report
    does not say how the rule was applied. For a scope that sums several levels (any but the
    city-level government), adds that the rule applies to each level's own budget."""
    rate = ch.value(f"{key}.pct_of_budget")
    art = ch.cite("regulations:78(7)")
    if pd.isna(rate):
        return ch.t(f"the regulations say what follows from revenue above or below budget ({art})",
                    f"条例对收入超收和短收分别作了规定（{art}）")
    hedge = ch.t("; the report does not say whether or how spending was reduced for this reason",
                 "；报告没有说明是否因此减少了支出") if hedged else ""
    hedge += summed_note(ch, key, short=True)
    if rate < 100:
        return ch.t(f"revenue came in at {ch(f'{key}.pct_of_budget')} of budget, a shortfall if that budget is the "
                    f"approved one (the report does not say which version the rate uses), and a funds budget that "
                    f"falls short “shall balance by reducing spending” (应当通过减少支出实现收支平衡, {art}), "
                    f"unless the State Council provides otherwise{hedge}",
                    f"收入为预算的{ch(f'{key}.pct_of_budget')}，若以该预算为准，属于短收，而政府性基金预算“出现短收的，应当通过减少"
                    f"支出实现收支平衡”，国务院另有规定的除外（{art}）{hedge}")
    hedge = ch.t("; the report does not say how the excess was used",
                 "；报告没有说明超收收入如何使用") if hedged else ""
    hedge += summed_note(ch, key, short=False)
    return ch.t(f"revenue came in at {ch(f'{key}.pct_of_budget')} of budget, above it if that budget is the approved "
                f"one (the report does not say which version the rate uses), and a funds budget's revenue above "
                f"budget is "
                f"to be used the next year, first to repay the matching special-purpose debt "
                f"(应当在下一年度安排使用并优先用于偿还相应的专项债务, {art}){hedge}",
                f"收入为预算的{ch(f'{key}.pct_of_budget')}，若以该预算为准，有超收，而政府性基金预算的超收收入“应当在下一年度安排使用并"
                f"优先用于偿还相应的专项债务”（{art}）{hedge}")


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
                    f"不过，这一解释有两处局限。一是{rule}二是金额（{rough}）：{sizes}；短收最多只能解释未支出部分的{at_most}。")
    return ch.t(f" One thing limits that explanation of a low spending rate. {rule} The sizes, {rough}, do not rule "
                f"it out: {sizes}, so the shortfall is no smaller than what was left unspent, but the report does not "
                "link the two.",
                f"不过，这一解释要打折扣：{rule}从金额看（{rough}），{sizes}，短收金额不小于"
                "未支出部分，但报告没有说明两者有无关系。")
