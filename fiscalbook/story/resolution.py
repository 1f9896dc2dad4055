"""What chapter 07 (delivering the congress resolution) needs beside debt.py: the kind of each
amount of money, read from the verb its sentence puts before it (拨付 paid out; 筹措, 筹集, 统筹,
争取 raised, pooled or won; 续存 kept on deposit), and the figures of its tables as the report
words a change ('下降20.2%', not '-20.2%')."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit import counts
from fiscalbook.data.units import is_money
from fiscalbook.story import charts, fmt
from fiscalbook.story.debt import scope_phrase
from fiscalbook.story.style import PALETTE

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

# Each verb the report puts before an amount, and the kind of money it names.
VERBS = {"拨付": "paid", "续存": "deposit", "筹措": "raised", "筹集": "raised", "统筹": "raised", "争取": "raised"}
KINDS = {  # the kinds in the order they are listed, with their words in each edition
    "paid": ("paid out", "拨付的资金"),
    "raised": ("raised, pooled or won", "筹措、筹集、统筹或争取的资金"),
    "deposit": ("kept on deposit", "续存的资金"),
    "other": ("of a kind the sentence does not name by these verbs", "原句未用上述动词说明性质的资金"),
}
CHANGES = ("change_pct", "yoy_pct")


def verb_of(quote: str, text: str) -> str:
    """The verb of VERBS nearest before the amount ``text`` (as written, '1.3') in its sentence
    ``quote``; '' when none stands before it."""
    place = quote.replace(" ", "").find(text)
    before = quote.replace(" ", "")[: place if place >= 0 else None]
    found = {verb: before.rfind(verb) for verb in VERBS if verb in before}
    return max(found, key=found.get) if found else ""


def kinds(ch: Chapter, keys: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The amounts of ``keys`` by kind (KINDS order, kinds without an amount left out): each as
    (key, verb)."""
    found: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for key in keys:
        fact = ch.fact(key)
        verb = verb_of(fact.quote, fact.text)
        found[VERBS.get(verb, "other")].append((key, verb))
    return {kind: listed for kind, listed in found.items() if listed}


def written(ch: Chapter, key: str) -> str:
    """An amount as the report writes it, with its unit and no conversion ('1.3 亿元' / '1.3亿元'): a
    solution's list repeats the report's figures, not figures of its own."""
    fact = ch.fact(key)
    return ch.t(f"{fact.text} {fact.unit}", f"{fact.text}{fact.unit}")


def kinds_text(ch: Chapter, keys: list[str]) -> str:
    """The amounts by kind, as a sentence's list: 'paid out: heating …, 1.3 亿元 (拨付); raised, …'."""
    parts = []
    for kind, listed in kinds(ch, keys).items():
        amounts = ch.t(", ", "，").join(
            ch.t(f"{ch.name_of(key, in_sentence=True)}, {written(ch, key)}{f' ({verb})' if verb else ''}",
                 f"{ch.name_of(key)}{written(ch, key)}{f'（{verb}）' if verb else ''}") for key, verb in listed)
        english, chinese = KINDS[kind]
        parts.append(ch.t(f"{english}: {amounts}", f"{chinese}：{amounts}"))
    return ch.t("; ", "；").join(parts)


def stated_changes(ch: Chapter, table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """A figures table whose changes read as the report words them ('下降20.2%', 'down 20.2%'),
    not as a signed number: the column of figures as stated, for the rows of a change or growth rate."""
    column = ch.t("Figure as stated", "报告数")
    for position, key in enumerate(keys):
        if ch.has(key) and ch.fact(key).measure in CHANGES:
            table.loc[position, column] = ch.change(key)
    return table


UNSTATED = "unstated"
# The headings of the report's account, by the slug of their keys (resolution.<heading>.…): their names and what each
# covers; a heading of another year's report is named by its slug.
NAMES = {"finance": ("Fiscal position", "财政收支"),
         "livelihood": ("People's livelihood", "民生保障"),
         "economy": ("Economic development", "经济发展"),
         "governance": ("Fiscal governance", "财政治理")}
COVERS = {"finance": ("revenue, project funds, austerity, idle assets, debt",
                      "收入、项目资金、压减支出、盘活资产、化解债务"),
          "livelihood": ("social insurance, jobs, education, health, the countryside",
                         "社保、就业、教育、卫生、乡村振兴"),
          "economy": ("tax relief, credit, consumption, industry, infrastructure, safety and ecology",
                      "减税降费、普惠金融、促进消费、产业、基础设施、安全生产与生态"),
          "governance": ("reform, performance evaluation and financial supervision", "改革、绩效评价与财会监督")}


def heading_name(ch: Chapter, heading: str) -> str:
    """A heading's name in the edition's language ('People's livelihood' / '民生保障'); its slug when unknown."""
    return ch.t(*NAMES[heading]) if heading in NAMES else heading


def heading_covers(ch: Chapter, heading: str) -> str:
    """What a heading covers in the edition's language; its slug when unknown."""
    return ch.t(*COVERS[heading]) if heading in COVERS else heading


def headings(facts: pd.DataFrame) -> list[str]:
    """The headings of the account, in the report's order."""
    return list(dict.fromkeys(facts["heading"]))


def headings_list(ch: Chapter, facts: pd.DataFrame) -> str:
    """The headings as a sentence's list: '**people's livelihood** (social insurance, …); …'."""
    return ch.t("; ", "；").join(
        ch.t(f"**{heading_name(ch, h).lower()}** ({heading_covers(ch, h)})",
             f"**{heading_name(ch, h)}**（{heading_covers(ch, h)}）") for h in headings(facts))


@dataclass
class Account:
    """The account's figures sorted for the story: every figure, its amounts of money (largest first, with
    their value in 亿元 as ``yi``), the figures restating the accounts, and the changes written in money."""

    facts: pd.DataFrame
    money: pd.DataFrame
    restated: pd.DataFrame
    changes: pd.DataFrame

    @property
    def top(self) -> pd.Series | None:
        """The largest amount of money; None when the account states none."""
        return self.money.iloc[0] if len(self.money) else None


def account(ch: Chapter, facts: pd.DataFrame) -> Account:
    """The account of ``facts`` (rows of debt.section_facts): amounts in 亿元 so they can be compared."""
    money = facts[(facts["measure"] == "amount") & facts["unit"].map(is_money)].copy()
    money["yi"] = [ch.value(key, "亿元") for key in money["key"]]
    money = money.sort_values("yi", ascending=False, kind="stable")
    changes = facts[(facts["measure"] != "amount") & facts["unit"].map(is_money)]  # in money, but a change
    return Account(facts, money, facts[facts["restated"]], changes)


def scope_words(ch: Chapter, key: str) -> str:
    """', for the whole city (incl. counties)' / '全市': a figure's scope when the report states it, else ''."""
    scope = ch.fact(key).scope if ch.has(key) else UNSTATED
    if scope == UNSTATED:
        return ""
    return ch.t(f", for the {fmt.in_sentence(ch.label('scope', scope))}", ch.label("scope", scope))


def prior_words(ch: Chapter, key: str) -> str:
    """What a stated growth rate says about the previous year: the value it implies and, when data/ holds the
    previous report, the value that report states and whether the two agree within rounding."""
    if not ch.has(f"{key}.yoy_pct"):
        return ""
    text = ch.t(f", so about {ch.implied(key, 'prior_year')} in {ch.year - 1}",
                f"（据此推算{ch.year - 1}年约为{ch.implied(key, 'prior_year')}")
    if ch.has_prior(key):
        checks = ch.change_checks().set_index("key")
        row = checks.loc[f"{key}.yoy_pct"] if f"{key}.yoy_pct" in checks.index else None
        places = 0 if row is None else max(0, fmt.places_for(row["low"], row["high"], 1))
        computed = "" if row is None else fmt.percent(row["computed"], places)
        text += ch.t(f"; the {ch.previous.year} report states {ch.prior(key)}",
                     f"；{ch.previous.year}年的报告列出的是{ch.prior(key)}")
        if row is not None and row["status"] != "agrees":
            text += ch.t(f", which makes the growth {computed}, not the stated {ch.plain(f'{key}.yoy_pct')}",
                         f"，据此计算的增长率为{computed}，与报告所述的{ch.plain(f'{key}.yoy_pct')}不符")
    return text + ch.t("", "）")


def _figures_text(ch: Chapter, acc: Account) -> str:
    facts, changes = acc.facts, acc.changes
    changes_text = "" if changes.empty else ch.t(
        f" Not counted among the amounts: {'; '.join(ch.name_of(k, in_sentence=True) for k in changes['key'])}, "
        "written in money but a change, not an amount.",
        f"另有{'、'.join(ch.name_of(k) for k in changes['key'])}以货币表示，但属于增减变化，不计入金额。")
    amounts = counts.amounts_stated(ch.data, ch.report_section("resolution."), restated=True)
    return ch.t(f"The report's account of the resolution holds {len(facts)} {fmt.noun('figure|figures', len(facts))}; "
                f"{amounts} of them {fmt.noun('is an amount|are amounts', amounts)} of money "
                f"({fmt.AMOUNT_DEFINITION[0]}). A figure here is a "
                "number with its unit that the book records as data (an amount, a count, a rate or a change); numbers "
                "inside the names of programmes, years used as dates and heading numbers are not counted (Methods, "
                "“Coverage: every number accounted for”).",
                f"报告中关于落实决议的部分共有{len(facts)}个数字，其中{amounts}个是金额（{fmt.AMOUNT_DEFINITION[1]}）。"
                "这里的数字指本书数据中记录的"
                "带单位数字（金额、数量、比率或增减）；项目名称中的数字、用作日期的年份和标题序号不计入"
                "（见“方法”一章“覆盖：每个数字都有着落”一节）。") + changes_text


def _restated_text(ch: Chapter, restated: pd.DataFrame) -> str:
    if restated.empty:
        return ""
    return ch.t(
        f" {len(restated)} of the figures repeat what the accounts state earlier "
        f"({', '.join(dict.fromkeys(ch.name_of(k, in_sentence=True) for k in restated['key']))}).",
        f"这些数字中有{len(restated)}个重复了决算部分已列出的数字"
        f"（{'、'.join(dict.fromkeys(ch.name_of(k) for k in restated['key']))}）。")


def _top_text(ch: Chapter, top: pd.Series | None) -> str:
    if top is None:
        return ""
    key = top["key"]
    growth = ch.has(key + ".yoy_pct")
    return ch.t(
        f" The largest is {ch.name_of(key, in_sentence=True)}{scope_words(ch, key)}: {ch(key)}"
        + (f", {ch.change(key + '.yoy_pct')} on the year before" if growth else "") + f"{prior_words(ch, key)}.",
        f"最大的是{scope_words(ch, key)}{ch.name_of(key)}：{ch(key)}"
        + (f"，同比{ch.change(key + '.yoy_pct')}" if growth else "") + f"{prior_words(ch, key)}。")


def _funds_text(ch: Chapter, acc: Account, funds: str) -> str:
    if not ch.has(funds):
        return ""
    top_is_funds = acc.top is not None and acc.top["key"] == funds
    return ch.t(
        (" The report" if top_is_funds
         else f" {ch.name_of(funds)} (累计到位项目资金){scope_words(ch, funds)}, {ch(funds)}: the report")
        + " places this figure in its account of winning funds from higher levels, but it does not say what the figure "
        "includes or how much of it came from higher levels, so it is not a measure of transfers.",
        "报告把" + ("这一数字" if top_is_funds else f"{scope_words(ch, funds)}累计到位项目资金{ch(funds)}")
        + "放在加大争取资金力度的段落中，但没有说明其中包含哪些资金、多少来自上级，因此不能把它当作上级转移的资金。")


def account_texts(ch: Chapter, acc: Account, funds: str) -> dict[str, str]:
    """The sentences on the account's figures, each '' when its figures are absent: how many there are
    (figures), which restate the accounts (restated), the largest amount (top) and the project funds in
    place, ``funds`` (the report places them in its account of winning funds from higher levels)."""
    return {"figures": _figures_text(ch, acc), "restated": _restated_text(ch, acc.restated),
            "top": _top_text(ch, acc.top), "funds": _funds_text(ch, acc, funds)}


def _broken(money: pd.DataFrame) -> tuple[str, str]:
    """Bars longer than charts.axis_stop are drawn broken: the alt text's words on them."""
    stop = charts.axis_stop(money["yi"])
    broken = money[money["yi"] > stop] if stop else money.iloc[:0]
    english = ("" if broken.empty else "; the longest bar is broken to keep the scale readable" if len(broken) == 1
               else f"; the {len(broken)} longest bars are broken to keep the scale readable")
    return english, f"；{len(broken)}根条形被截断以保持刻度可读" if len(broken) else ""


def _caption_and_ranks(ch: Chapter, money: pd.DataFrame) -> tuple[tuple[str, str], tuple[str, str]]:
    """The chart's caption and the alt text's ranking, each as (English, Chinese)."""
    top, smallest = money.iloc[0], money.iloc[-1]
    top_number = ch.number(top["yi"], 2)
    if len(money) < 2:
        return ((f"The one amount of money is {ch.name_of(top['key'], in_sentence=True)}, {top_number} 亿元.",
                 f"唯一的金额是{ch.name_of(top['key'])}，{top_number}亿元。"),
                (f"It is {ch.name_of(top['key'], in_sentence=True)} at {ch.plain(top['key'])}.",
                 f"即{ch.name_of(top['key'])}，{ch.plain(top['key'])}。"))
    second = money.iloc[1]
    times = ch.number(top["yi"] / second["yi"])
    small = money[money["yi"] < 1]
    caption = (f"{ch.name_of(top['key'])} ({top_number} 亿元) is {times} times the next largest amount, "
               f"{ch.name_of(second['key'], in_sentence=True)}; {len(small)} of the {len(money)} amounts are below "
               "one 亿元.",
               f"{ch.name_of(top['key'])}（{top_number}亿元）是第二大金额（{ch.name_of(second['key'])}）的{times}倍；"
               f"{len(money)}个金额中有{len(small)}个不足一亿元。")
    ranks = (f"The largest is {ch.name_of(top['key'], in_sentence=True)} at {ch.plain(top['key'])}, then "
             f"{ch.name_of(second['key'], in_sentence=True)} at {ch.plain(second['key'])}; the smallest is "
             f"{ch.name_of(smallest['key'], in_sentence=True)} at {ch.plain(smallest['key'])}.",
             f"最大的是{ch.name_of(top['key'])}，{ch.plain(top['key'])}；其次是{ch.name_of(second['key'])}，"
             f"{ch.plain(second['key'])}；最小的是{ch.name_of(smallest['key'])}，{ch.plain(smallest['key'])}。")
    return caption, ranks


def amounts_chart(ch: Chapter, money: pd.DataFrame) -> None:
    """The account's amounts of money as bars in 亿元, largest first, coloured by heading; nothing when the
    account states no amount. A bar's text is the figure as written when the report gives 亿元, else the
    amount converted, at two decimals of 亿元 (fewer digits, not more)."""
    if money.empty:
        return
    names = list(dict.fromkeys(list(NAMES) + list(money["heading"])))  # a heading of another report gets a colour too
    colors = dict(zip(names, PALETTE * len(names), strict=False))
    fig = charts.hbar(
        labels=[charts.wrap_label(ch.name_of(key)) for key in money["key"]],
        values=list(money["yi"]),
        texts=[fmt.group(text) if unit == "亿元" else ch.number(value, 2)
               for text, unit, value in zip(money["text"], money["unit"], money["yi"], strict=True)],
        xlabel=ch.axis_unit("亿元"),
        colors=[colors[h] for h in money["heading"]],
        legend={heading_name(ch, h): colors[h] for h in names if h in set(money["heading"])},
        break_outliers=True,
    )
    broken_en, broken_zh = _broken(money)
    caption, ranks = _caption_and_ranks(ch, money)
    ch.figure(
        fig,
        caption=caption,
        alt=(f"Horizontal bar chart of the {len(money)} {fmt.noun('amount|amounts', len(money))} of money in the "
             f"report on the resolution, in 亿元, sorted by size and coloured by heading{broken_en}. {ranks[0]}",
             f"落实决议部分{len(money)}个金额的横向条形图（亿元），按大小排序，颜色表示所属方面{broken_zh}。{ranks[1]}"),
    )


def _with_change(ch: Chapter, key: str, english: str, chinese: str) -> str:
    change = ch.has(key + ".yoy_pct")
    return ch.t(english + (f", {ch.change(key + '.yoy_pct')}" if change else ""),
                chinese + (f"，{ch.change(key + '.yoy_pct')}" if change else "") + "）")


def results_items(ch: Chapter, funds: str, debt: str, debt_city: str, austerity: str) -> str:
    """The results the account reports, each only when the report states its figure, as the start of
    the sentence's list: project funds in place, debt resolved (of which by the city-level government)
    and the austerity cut; 'Beside these, it reports' follows them."""
    items = []
    if ch.has(funds):
        items.append(_with_change(ch, funds, f"project funds in place, {ch(funds)}", f"到位的项目资金（{ch(funds)}"))
    if ch.has(debt):
        debt_scope = scope_phrase(ch, debt, debt_city)
        items.append(ch.t(f"debt resolved, {ch(debt)}, {debt_scope}"
                          + (f", of which {ch(debt_city)} by the city-level government" if ch.has(debt_city) else ""),
                          f"化解的债务（{ch(debt)}，{debt_scope}"
                          + (f"，其中市本级{ch(debt_city)}" if ch.has(debt_city) else "") + "）"))
    if ch.has(austerity):
        items.append(ch.t(f"austerity: \"three public\" and \"three items\" expenses{scope_words(ch, austerity)}, "
                          f"{ch.change(austerity)}",
                          f"压减的支出（{scope_words(ch, austerity)}“三公”经费和“三项”费用{ch.change(austerity)}）"))
    listed = ch.t("; ".join(items[:-1]) + "; and " + items[-1] if len(items) > 1 else "".join(items), "、".join(items))
    return ch.t(f"{listed}. Beside these, it reports " if items else "", f"既有{listed}，也有" if items else "有")


def checkable_text(ch: Chapter, restated: pd.DataFrame) -> str:
    """Which of the account's figures can be checked against the accounts (those restating them); 'none'."""
    checkable = list(dict.fromkeys(ch.name_of(key, in_sentence=True) for key in restated["key"]))
    if not checkable:
        return ch.t("none", "没有")
    return ch.t(f"the figures on {' and '.join(checkable)} repeat those of the accounts",
                f"{'、'.join(checkable)}与决算部分的数字相同")
