"""The key-work chapter's logic, once: the chart of the section's amounts with the caption that
names its broken bars, the chart of progress against full-year targets (or the sentence saying the
report states none), and the tables of progress and growth with the figures they imply. The
notebook passes the section's facts and the keys it names; these functions do the how, words
unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit import counts
from fiscalbook.data.units import is_money
from fiscalbook.story import charts, fmt, half_year, precision, three_public
from fiscalbook.story.audit_page import implied_kind_label
from fiscalbook.story.chapter import HALF_YEAR
from fiscalbook.story.explainer import number_word
from fiscalbook.story.fmt import AMOUNT_DEFINITION
from fiscalbook.story.style import PALETTE

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def _money_caption(ch: Chapter, money: pd.DataFrame, large: pd.DataFrame, broken: pd.DataFrame,
                   others: pd.DataFrame) -> tuple[tuple[str, str], tuple[str, str]]:
    """The caption and alt text of the amounts chart: the aggregates (or the largest amount) that stand far
    above the others, how many amounts are below one 亿元, and what the chart leaves out."""
    small = money[money["yi"] < 1]
    large_words = (("amounts of the broken bars, in the report's order, are", "被截断的各条形（按报告顺序）是")
                   if len(broken) else ("largest amount is", "最大的是"))
    lead_en = (f"{len(large)} aggregates of at least {ch.number(large['yi'].min(), 2)} 亿元 stand" if len(large) > 1
               else f"The largest amount, {ch.plain(large['key'].iloc[0])}, stands")
    lead_zh = (f"{len(large)}个汇总数（均不低于{ch.number(large['yi'].min(), 2)}亿元）" if len(large) > 1
               else f"最大的金额{ch.plain(large['key'].iloc[0])}")
    largest_other = ch.t(f"; the largest of the others is {ch.name_of(others['key'].iloc[0])} "
                         f"({ch.plain(others['key'].iloc[0])})",
                         f"；其余最大的是{ch.name_of(others['key'].iloc[0])}（{ch.plain(others['key'].iloc[0])}）") \
        if len(others) else ""
    caption = (f"{lead_en} far above the other amounts. Of the {len(money)} amounts in the chart (the aggregates "
               f"counted among them), {len(small)} are below one 亿元. The chart shows every amount under the four "
               "headings except the section's revenue figures (given at the head of this chapter); the amounts are "
               "of different kinds.",
               f"{lead_zh}远高于其他金额。图中共{len(money)}个金额（汇总数也计算在内），其中{len(small)}个不足一亿元。图中列出四个方面"
               "除收入数字外的全部金额（收入数字见本章开头），性质各不相同。")
    alt = (f"Horizontal bar chart of the {len(money)} amounts of money under the four headings of the section on key "
           f"work, in 亿元, in the report's order and coloured by heading; {len(broken)} bars are broken to keep the "
           "scale readable. The "
           + large_words[0] + " " + ", ".join(f"{ch.name_of(key)} ({ch.plain(key)})" for key in large["key"])
           + largest_other + ".",
           f"重点工作部分四个方面{len(money)}个金额的横向条形图（亿元），按报告顺序排列，颜色表示所属方面；"
           f"{len(broken)}根条形被截断以保持刻度可读。"
           + large_words[1] + "、".join(f"{ch.name_of(key)}（{ch.plain(key)}）" for key in large["key"]) + largest_other
           + "。")
    return caption, alt


def money_chart(ch: Chapter, money: pd.DataFrame, names: dict[str, str]) -> None:
    """The section's amounts in 亿元 as bars coloured by heading, the aggregates far above the programmes
    drawn broken; nothing when the section states no amount."""
    if not len(money):
        return
    colors = dict(zip(names, PALETTE, strict=False))
    fig = charts.hbar(
        labels=[charts.wrap_label(ch.name_of(key)) for key in money["key"]],
        values=list(money["yi"]),
        texts=[ch.number(v, 2) for v in money["yi"]],
        xlabel=ch.axis_unit("亿元"),
        colors=[colors[h] for h in money["heading"]],
        legend={names[h]: colors[h] for h in names if h in set(money["heading"])},
        break_outliers=True,
    )
    # Bars longer than charts.axis_stop are drawn broken: those are the aggregates far above the programmes.
    stop = charts.axis_stop(money["yi"])
    broken = money[money["yi"] > stop] if stop else money.iloc[:0]
    large = broken if len(broken) else money.nlargest(1, "yi")
    others = money.drop(large.index).sort_values("yi", ascending=False)
    caption, alt = _money_caption(ch, money, large, broken, others)
    ch.figure(fig, caption=caption, alt=alt)


def progress_chart(ch: Chapter, shown: pd.DataFrame, paid_name: tuple[str, str] = ("", "")) -> bool:
    """Progress towards full-year targets (完成目标任务的…%) and payments against a need (e.g. the
    three guarantees' 支出进度, named ``paid_name`` (en, zh)) against a line at half the
    year, or the sentence that the report states none. Returns whether every item shown is more than
    half done. The caption calls only the first kind targets, as the report does."""
    ahead = shown[shown["value"] > HALF_YEAR]
    all_ahead = len(shown) > 0 and len(ahead) == len(shown)
    if not len(shown):
        ch.say(en="The {year} report states no progress against a full-year target in this section.",
               zh="{year}年报告在本节没有列出全年目标的完成进度。")
        return all_ahead
    fig = charts.bullet(
        labels=[charts.wrap_label(ch.name_of(key.rsplit(".", 1)[0])) for key in shown["key"]],
        progress=list(shown["value"]),
        xlabel=ch.t("% of the full-year target or need, so far", "已完成全年目标（需求）的百分比（%）"),
        mark=HALF_YEAR,
        mark_label=ch.t("half the year", "时间过半"),
    )
    caption = _progress_caption(ch, shown, len(ahead), paid_name)
    ch.figure(
        fig,
        caption=caption,
        alt=("Bullet chart of progress towards full-year figures against a line at half the year: "
             + "; ".join(f"{ch.name_of(key.rsplit('.', 1)[0])} {ch.plain(key)}" for key in shown["key"]) + ".",
             "目标任务和支出进度条形图，竖线表示时间过半："
             + "；".join(f"{ch.name_of(key.rsplit('.', 1)[0])}{ch.plain(key)}" for key in shown["key"]) + "。"),
    )
    return all_ahead


def _progress_caption(ch: Chapter, shown: pd.DataFrame, ahead: int, paid_name: tuple[str, str]) -> tuple[str, str]:
    """'At mid-year, the N targets with a stated progress and <paid_name> are all more than half done.'"""
    targets = int((shown["measure"] == "pct_of_target").sum())
    others = len(shown) - targets
    target_en = f"the {targets} {'target' if targets == 1 else 'targets'} with a stated progress"
    other_en = paid_name[0] or f"{others} other {'rate' if others == 1 else 'rates'} of progress"
    en_parts = [target_en] * bool(targets) + [other_en] * bool(others)
    other_zh = paid_name[1] or f"其他{others}项进度"
    zh_parts = [f"有进度数据的{targets}项目标任务"] * bool(targets) + [other_zh] * bool(others)
    subject_en, subject_zh = " and ".join(en_parts), "和".join(zh_parts)
    if len(shown) == 1:
        verdict_en = "is" if ahead else "is not"
        return (f"At mid-year, {subject_en} {verdict_en} more than half done.",
                f"年中时，{subject_zh}{'已' if ahead else '未'}过半。")
    if ahead == len(shown):
        return (f"At mid-year, {subject_en} are all more than half done.", f"年中时，{subject_zh}均已过半。")
    return (f"At mid-year, {ahead} of these {len(shown)} are more than half done: {subject_en}.",
            f"年中时，{subject_zh}（共{len(shown)}项）中有{ahead}项已过半。")


def _rate_row(ch: Chapter, rate, measure: str, kind: str, caption: str,
              prior_status: dict[str, str]) -> dict[str, str]:
    """One rate of the section beside its figure, the figure it implies and where the report states it."""
    base = rate.key.removesuffix("." + measure)
    places = 2 if ch.has(base) and is_money(ch.fact(base).unit) else 0  # amounts to the fen of the 亿元
    row = {
        ch.t("Item", "项目"): ch.name_of(base),
        **({"中文": rate.label_zh} if ch.lang == "en" else {}),
        ch.t("Scope · period", "口径 · 时期"): three_public.worded_scope(ch, base),
        ch.t("Figure", "数额"): ch(base),
        caption if measure == "yoy_pct" else ch.label("measure", measure): ch(rate.key),
        implied_kind_label(ch, kind, base): precision.implied(ch, base, kind, places),
    }
    if kind == "prior_year" and ch.previous is not None:
        row[ch.t(f"Stated in the {ch.previous.year} report", f"{ch.previous.year}年报告所列")] = ch.prior(base)
        answers = {"agrees": ch.t("yes", "是"), "disagrees": ch.t("no", "否")}
        row[ch.t("Agree within rounding", "是否一致")] = answers.get(prior_status.get(rate.key, ""), "—")
    row[ch.t("Source", "出处")] = ch.t(f"{rate.section} · L{rate.line}",
                                      f"{fmt.section_zh(rate.section)} · 第{rate.line}行")
    return row


def rate_tables(ch: Chapter, facts: pd.DataFrame, tables: dict[str, tuple[str, str]]) -> None:
    """One table per measure of ``tables`` (measure -> (kind of implied figure, caption)), each rate with
    the figure it implies and, with the previous report in data/, that report's own figure; no table for
    a measure the section does not state."""
    changes = ch.change_checks()
    prior_status = dict(zip(changes["key"], changes["status"], strict=True))
    for measure, (kind, caption) in tables.items():
        groups: dict[str, list[dict[str, str]]] = {}
        for rate in facts[facts["measure"] == measure].itertuples():
            row_caption = rate_caption(ch, rate.key.removesuffix("." + measure), kind, caption)
            groups.setdefault(row_caption, []).append(_rate_row(ch, rate, measure, kind, row_caption, prior_status))
        for row_caption, rows in groups.items():
            ch.table(pd.DataFrame(rows), caption=row_caption)


def rate_caption(ch: Chapter, base: str, kind: str, caption: str) -> str:
    """The caption of the table a rate goes in: where its implied value is the same period of the year
    before (audit_page.implied_kind_label: a first-half rate, the report's 同比), that period named;
    otherwise ``caption``. Rates of the two kinds go in separate tables."""
    if implied_kind_label(ch, kind, base) != ch.implied_label(kind):
        return ch.t("Change on the same period of the previous year", "同比增减")
    return caption


# ---- the opening paragraph and the summary: sentences for the figures the report states ----------

def revenue_sentences(ch: Chapter, revenue: str, tax: str) -> list[str]:
    """The first half's revenue and tax revenue with their growth, each only when stated."""
    sentences = []
    if ch.has(revenue):
        sentences.append(ch.t(
            f"In the first half of {ch.year + 1}, the whole city's local general public budget revenue was "
            f"{ch(revenue)}, {ch.change(revenue + '.yoy_pct')} on a year before.",
            f"{ch.year + 1}年上半年，全市地方一般公共预算收入{ch(revenue)}，"
            f"同比{ch.change(revenue + '.yoy_pct')}。"))
    if ch.has(tax):
        sentences.append(ch.t(f"Tax revenue, {ch(tax)}, was {ch.change(tax + '.yoy_pct')}.",
                              f"其中税收收入{ch(tax)}，同比{ch.change(tax + '.yoy_pct')}。"))
    return sentences


def funds_sentences(ch: Chapter, funds: str) -> list[str]:
    """The project funds won from higher levels, with the progress towards the year's target where stated
    (and the target it implies); nothing when the report does not state them."""
    if not ch.has(funds):
        return []
    progress_text = ""
    if ch.has(funds + ".pct_of_target"):
        rate, target = ch(funds + ".pct_of_target"), precision.implied(ch, funds, "target")
        # the report's words: this sentence may say 目标任务 without 年度, so the year is our reading
        progress_text = ch.t(f" and {rate} of its target (目标任务; which is therefore about {target}, read as the "
                             "year's target: the sentence does not say 年度)",
                             f"，完成目标任务的{rate}（据此推算目标约为{target}；原句没有“年度”二字，本书理解为全年目标）")
    return [ch.t(f"In its paragraph on winning funds from higher levels (对上争取), the report counts project "
                 f"funds of all kinds in place (到位各类项目资金) across the whole city at {ch(funds)}, "
                 f"{ch.change(funds + '.yoy_pct')} on the first half of {ch.year}{progress_text}; it does not break "
                 "the sum down by source.",
                 f"在关于“对上争取”的一段中，报告称全市累计到位各类项目资金{ch(funds)}{progress_text}，比{ch.year}年同期"
                 f"{ch.change(funds + '.yoy_pct')}；报告没有按来源列出其构成。")]


def section_figures(ch: Chapter, facts: pd.DataFrame, section: str) -> str:
    """How many figures the section gives: those it repeats from earlier (named), the amounts among the
    others, and the bounds of ranges of money that are not counted as amounts."""
    restated, distinct = counts.restatements(ch.data, section), counts.distinct_figures(ch.data, section)
    bounds, ranges = counts.money_range_bounds(ch.data, section), counts.money_ranges(ch.data, section)
    restated_keys = counts.restated_in(ch.data, section)  # an amount and its growth rate share one name
    repeated = ch.t(", ", "、").join(dict.fromkeys(ch.name_of(key.removesuffix(".yoy_pct"), in_sentence=True)
                                                  for key in restated_keys))
    if any(key.endswith(".yoy_pct") for key in restated_keys):
        repeated += ch.t(" and its growth rate", "及其增速")
    range_name = ch.t(", ", "、").join(ch.name_of(key, in_sentence=True)
                                      for key in facts.loc[facts["measure"] == "range_min", "key"])
    amounts = counts.amounts_stated(ch.data, section, restated=True)
    return ch.t(f"The section gives {restated + distinct} figures, {amounts} of them amounts of money "
                f"({AMOUNT_DEFINITION[0]}); {restated} repeat figures stated earlier in the report ({repeated})."
                + (f" The {number_word(bounds, ch.lang)} bounds of the range{'' if ranges == 1 else 's'} of money "
                   f"given for {range_name} count as figures but not as amounts." if bounds else ""),
                f"本节共有{restated + distinct}个数字，其中{amounts}个是金额（{AMOUNT_DEFINITION[1]}）；"
                f"{restated}个是报告前文已列出的数字（{repeated}）。"
                + (f"{range_name}的金额区间上下限（共{number_word(bounds, ch.lang)}个）计为数字，不计为金额。"
                   if bounds else ""))


def guarantees_point(ch: Chapter, prefix: str) -> list[str]:
    """The “three guarantees”: the report's words on their priority and how much of the year's need was
    paid by mid-year; nothing unless both the paid sum and the need are stated."""
    if not (ch.has(prefix + "paid") and ch.has(prefix + "requirement")):
        return []
    first = half_year.quote(ch, ch.fact(prefix + "paid").section, "首要位置")  # the report's words on priority
    return [ch.t(f"The report says the “three guarantees” come first when the budget is drafted (“{first}”). "
                 f"By mid-year {ch(prefix + 'paid')} of the {ch(prefix + 'requirement')} they need this "
                 f"year had been paid ({ch(prefix + 'paid.rate')}).",
                 f"报告称把“三保”放在预算编制的首要位置（“{first}”）。年中时，“三保”全年需求"
                 f"{ch(prefix + 'requirement')}，已支付{ch(prefix + 'paid')}，支出进度{ch(prefix + 'paid.rate')}。")]


def debt_point(ch: Chapter, debt: str) -> list[str]:
    """The existing debt resolved in the first half, and why it does not compare with the year's figure."""
    if not ch.has(debt):
        return []
    return [ch.t(f"{ch(debt)} of existing debt was resolved, {ch(debt + '.pct_of_target')} of the year's "
                 f"target; the sentence names no scope and counts “existing” debt, so it does not compare "
                 f"directly with the figure for {ch.year}, by our inference the whole city's.",
                 f"化解存量债务{ch(debt)}，完成年度目标任务的{ch(debt + '.pct_of_target')}；这句话没有说明口径，"
                 f"统计的是“存量债务”，不能直接与{ch.year}年的数字（本书推断为全市口径）相比。")]


def austerity_point(ch: Chapter, change: str) -> list[str]:
    """The change in the city-level government's “three public” and “three items” expenses, when stated."""
    if not ch.has(change):
        return []
    return [ch.t(f"The city-level government's “three public” expenses and “three items” of expenses (三项费用, "
                 f"which the report does not define) were {ch.change(change)} on a year before.",
                 f"市本级“三公”经费和“三项”费用同比{ch.change(change)}。")]


def calendar_point(ch: Chapter, shown: pd.DataFrame, all_ahead: bool) -> list[str]:
    """Whether every task with a stated progress is ahead of the calendar, and why that says little;
    nothing when no progress is stated."""
    if not len(shown):
        return []
    return [ch.t(("Every item with a stated progress is ahead of the calendar" if all_ahead else
                  "Not every item with a stated progress is ahead of the calendar")
                 + ", though for tasks whose funds may arrive in batches, or whose debt may be resolved in a few large "
                   "steps, passing half by June says little (see above).",
                 ("有进度数据的各项工作均快于序时进度" if all_ahead else "并非所有有进度数据的工作都快于序时进度")
                 + "；但对资金可能成批到位、化债可能集中完成的任务，六月底是否过半参考价值较小（见上文）。")]


def growth_target_point(ch: Chapter, growth: str, target: str) -> list[str]:
    """The first half's revenue growth beside the year's growth target, when both are stated."""
    if not (ch.has(growth) and ch.has(target)):
        return []
    return [ch.t(f"Revenue was {ch.change(growth)} in the first half; the report's growth target for the "
                 f"whole year is {ch(target)}. What that target asks of the second half depends on the base it "
                 "is read on (see the chapter on difficulties and second-half measures).",
                 f"上半年收入同比{ch.change(growth)}，报告确定的全年增长目标为{ch(target)}；这一目标对下半年"
                 "意味着什么，取决于以哪个基数来理解（见“困难与下半年工作措施”一章）。")]
