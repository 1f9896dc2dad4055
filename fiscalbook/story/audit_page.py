"""The data audit chapter's logic, once: the tables of excluded numbers, measures, restatements,
identities and indicators, and the sentences chosen by what this year's checks find (a failing
identity, a line left out, an empty list, no previous report). The notebook passes what it
counts and names; these functions do the how, words unchanged."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit import counts
from fiscalbook.audit.rules import implied_values, unstated_line
from fiscalbook.data.markup import escape_html
from fiscalbook.story import charts, fmt
from fiscalbook.story.chapter import STATUS_MARK, STATUS_TEXT, percent
from fiscalbook.story.scope_words import as_worded, quoted_scope
from fiscalbook.story.year_words import with_years

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

CATEGORIES = {
    "year_label": ("Years used as labels", "作为标签的年份"), "date": ("Dates", "日期"),
    "heading_ordinal": ("Heading numbers", "标题序号"), "document_number": ("Document numbers", "文件编号"),
    "plan_name": ("Numbers in the names of schemes and document series", "方案、系列文件名称中的数字"),
    "proper_name": ("Numbers in proper names", "专有名称中的数字"), "list_ordinal": ("List numbers", "列举序号"),
}
KINDS = {
    "sources_uses": ("Sources equal uses", "资金来源等于资金运用"),
    "parts_total": ("Parts add up to the total", "分项之和等于合计"),
    "scope_sum": ("Scopes add up (a scope that includes a district, read as the sum of one that excludes it and the "
                  "district: the book's reading of the report's brackets, which sums that hold exactly support)",
                  "各口径相加（把含某区的口径理解为不含该区的口径与该区之和，是本书对报告括注的解读；"
                  "两边完全相等，支持这一解读）"),
    "revision": ("Final figure minus January estimate", "决算数减预计数"),
    "unit_conversion": ("The same sum in two units", "同一金额的两种单位"),
    "headroom": ("Debt ceiling and headroom", "债务限额与举债空间"),
    "carryover": ("Carried into the next year", "结转下年"),
    "ratio": ("Stated ratios", "报告所述比率"),
    "implied_sum": ("Implied values compared: parts against their total, one scope against another",
                    "推算值的核对：分项与合计、不同口径之间"),
    "budget_basis": ("Tests of a reading (our inference, not the report's): revenue budget = January estimate × "
                     "(1 + growth target)",
                     "对本书解读的检验（本书的推断，而非报告的说法）：收入预算 = 一月预计数 ×（1 + 增长目标）"),
    "reading": ("Tests of a reading (our inference, not the report's): what a share stated without scope or period "
                "is a share of",
                "对本书解读的检验（本书的推断，而非报告的说法）：未说明口径和时期的占比是哪一口径、哪一时期的占比"),
    "inequality": ("Inequalities the report implies", "报告隐含的不等式"),
    "scope_comparison": ("Two scopes or periods compared: a comparison, not a rule the figures must obey",
                         "两种口径或两个时期的比较：只是比较，而不是数字必须满足的规则"),
}
UNCHECKABLE = ("not_evaluable", "undefined")


def verb(count: int, one: str, many: str) -> str:
    """An English verb that agrees with a count: '1 holds', '2 hold'."""
    return one if count == 1 else many


# ---- what the report's numbers are ----------------------------------------------------------------

def exclusions_table(ch: Chapter, excluded: pd.DataFrame) -> pd.DataFrame:
    """The numbers of the report that are not figures, by category, with an example of each."""
    contexts = excluded["context"].str.replace("“", "‘").str.replace("”", "’")
    return pd.DataFrame({
        ch.t("Category", "类别"): [ch.t(*CATEGORIES.get(c, (c, c)))
                                   + ch.t(f" (<code>{c}</code>)", f"（<code>{c}</code>）")
                                   for c in excluded["category"]],
        ch.t("Numbers excluded", "排除的数字个数"): excluded["tokens"],
        ch.t("Entries in exclusions.csv", "exclusions.csv 条目数"): excluded["entries"],
        ch.t("Example", "示例"): [ch.t(f"<code>{t}</code> in “{c}”", f"“{c}”中的<code>{t}</code>")
                                  for t, c in zip(excluded["token"], contexts, strict=True)],
    })


def primary_facts(ch: Chapter) -> pd.DataFrame:
    """The distinct figures: rows of facts.csv that restate no other row."""
    return ch.data.facts[ch.data.facts["restates"] == ""]


def measures_table(ch: Chapter, primary: pd.DataFrame) -> pd.DataFrame:
    """How many distinct figures each measure has, and their share."""
    measures = primary["measure"].value_counts()
    return pd.DataFrame({
        ch.t("Measure", "度量"): [ch.label("measure", m) + ch.t(f" (<code>{m}</code>)", f"（<code>{m}</code>）")
                                  for m in measures.index],
        ch.t("Distinct figures", "不同数字个数"): measures.values,
        ch.t("Share", "占比"): [ch.share(n, len(primary)) for n in measures.values],
    })


def _statement(ch: Chapter, text: str, unit: str, section: str, line: int) -> str:
    """A figure as written, with where the report states it, for a table cell."""
    where = ch.t(f"{section} · L{line}", f"{fmt.section_zh(section)} · 第{line}行")
    return f"{ch.with_unit(text, unit)}<br><small>{where}</small>"


def restatement_pairs(ch: Chapter) -> list[dict[str, str]]:
    """Each restated figure beside its first statement, marked ✓ when value and unit agree."""
    by_id = ch.data.facts.set_index("id")
    pairs = []
    for again in ch.data.restated.itertuples():
        first = by_id.loc[again.restates]
        agrees = (first["value"], first["unit"]) == (again.value, again.unit)
        pairs.append({
            ch.t("Item", "项目"): escape_html(ch.fact(again.key).label(ch.lang))
            + ("" if again.measure == "amount" else f"<br><small>{ch.label('measure', again.measure)}</small>"),
            **({"中文": escape_html(first["label_zh"])} if ch.lang == "en" else {}),
            ch.t("Scope", "口径"): ch.label("scope", first["scope"]),
            ch.t("First statement", "首次出现"): _statement(ch, first["text"], first["unit"], first["section"],
                                                        first["line"]),
            ch.t("Stated again", "再次出现"): _statement(ch, again.text, again.unit, again.section, again.line),
            "": ch.t("✓ agrees", "✓ 一致") if agrees else ch.t("✗ differs", "✗ 不一致"),
        })
    return pairs


def agreeing(pairs: list[dict[str, str]]) -> int:
    """How many restatements agree with their first statement."""
    return sum(pair[""].startswith("✓") for pair in pairs)


def agree_words(ch: Chapter, pairs: list[dict[str, str]]) -> str:
    """'all agree' or how many agree, for the restatement paragraph."""
    agree = agreeing(pairs)
    return ch.t("all agree" if agree == len(pairs) else f"{agree} agree",
                "全部" if agree == len(pairs) else f"其中{agree}处")


def failed_zh(fails: int) -> str:
    """'n条不成立', or '没有不成立的' when none fails (no '0条')."""
    return f"{fails}条不成立" if fails else "没有不成立的"


def held_zh(held: int, fails: int) -> str:
    """How many rules hold and fail, in Chinese: '全部成立' when none fails."""
    return f"不等式中，{held}条成立，{fails}条不成立" if fails else "不等式全部成立"


def held_of_zh(held: int, total: int) -> str:
    """After 'n条不等式': '全部成立', or '中有m条成立'."""
    return "全部成立" if held == total else f"中有{held}条成立"


def differ_words(ch: Chapter, pairs: list[dict[str, str]]) -> str:
    """'all agree' or how many differ, for the summary."""
    differ = len(pairs) - agreeing(pairs)
    return ch.t("all agree" if not differ else f"{differ} differ", "全部一致" if not differ else f"有{differ}个不一致")


def named_figures(ch: Chapter, keys: list[str]) -> str:
    """Figures named in a sentence with their values, in a list."""
    return ch.t("; ", "；").join(f"{ch.name_of(key, in_sentence=True)} {ch(key)}" for key in keys)


def unused_paragraph(ch: Chapter, unused: pd.DataFrame) -> None:
    """How a figure counts as used, and the figures no chapter shows (or that none was found)."""
    how = ch.t("A figure counts as used when a chapter's code names it — its key, a key prefix or section of the "
               "report that the chapter selects, an identity or indicator computed from it, or the item it is a "
               "measure of (`fiscalbook/audit/usage.py` reads the notebooks without running them, and errs on the "
               "side of “used”).",
               "判断一个数字是否被引用，看各章的代码是否指向它：它的键、章节选取的键前缀或报告章节、由它计算的恒等式或"
               "指标，或它所度量的项目（`fiscalbook/audit/usage.py` 只读取而不运行笔记本，拿不准时算作已引用）。")
    if not len(unused):
        ch.say(en="{how} By that test, no figure of the {year} report was found unused; a test that errs on the side "
                  "of “used” cannot prove that every figure is shown.",
               zh="{how}据此，没有发现{year}年报告中未被引用的数字；但这一判断拿不准时算作已引用，不能证明每个数字都被引用。",
               how=how)
        return
    ch.say(en="{how} By that test, {count} {figures} of the {year} report {verb} shown in no chapter:",
           zh="{how}据此，{year}年报告中有{count}个数字没有任何一章引用：",
           how=how, count=len(unused), figures=fmt.noun("figure|figures", len(unused)),
           verb=verb(len(unused), "is", "are"))
    ch.table(ch.figures_table(unused), caption=ch.t("Figures of the report that no chapter shows",
                                                    "没有任何一章引用的报告数字"))


# ---- identities -----------------------------------------------------------------------------------

def _nil(result: dict) -> bool:
    """A difference that is float noise (zero at one digit beyond the figures') is no difference."""
    return not round(result["difference"], result["places"] + 1)


def _finer(ch: Chapter, result: dict) -> dict:
    """Sides that look equal at their figures' digits but differ get one digit more, and so does their difference."""
    same = ch.side_text(result, "lhs") == ch.side_text(result, "rhs") and not _nil(result)
    return {**result, **{k: result[k] + 1 for k in ("places", "lhs_places", "rhs_places")}} if same else result


def _mark(ch: Chapter, result: dict, left_out: list[str]) -> str:
    """The last column: a comparison of two scopes is no check, so it gets no tick; an identity that leaves
    out a line cannot be checked ("?")."""
    if result["kind"] == "scope_comparison":
        return ch.t("≠ differ; cause not stated", "≠ 不等，原因未说明") if result["status"] == "fails" \
            else ch.t("side by side only: the report does not say the scopes are the same",
                      "仅作并列：报告没有说明口径相同")
    return STATUS_MARK["not_evaluable" if result["id"] in left_out else result["status"]]


def identity_row(ch: Chapter, result: dict, left_out: list[str]) -> dict[str, str]:
    """One identity for display: both sides at the digits their figures have, their difference
    and the tolerance the digits allow, with a status mark."""
    evaluated = result["status"] not in UNCHECKABLE
    exact = result["status"] == "exact" and (result.get("relation") != "<=" or _nil(result))
    shown = _finer(ch, result) if evaluated else result
    label = with_years(ch.t(result["label_en"], result["label_zh"]), ch.year, ch.lang)
    return {
        ch.t("Rule", "规则"): f"{label}<br><code>{result['id']}</code>",
        ch.t("Left side", "左边"): ch.side_text(shown, "lhs") if evaluated else "—",
        ch.t("Right side", "右边"): ch.side_text(shown, "rhs") if evaluated else "—",
        ch.t("Difference", "差额"): ("0" if exact else ch.difference_text(shown)) if evaluated else "—",
        # The tolerance is a sum of half units of the last digits: one decimal more than the figures.
        ch.t("Tolerance (±)", "容差（±）"):
            fmt.decimal(result["tolerance"], result["places"] + 1) if evaluated else "—",
        ch.t("Unit", "单位"): result["unit"] or "%",
        "": _mark(ch, result, left_out),
    }


def legend(ch: Chapter) -> str:
    """What the marks mean, in the words the book prints under every table (STATUS_TEXT)."""
    blanks = {"difference": ch.t("the amount shown", "表中所列数额"),
              "missing": ch.t("a figure it needs", "所需的数字")}
    return "\n".join(f"- {mark} {ch.t(*STATUS_TEXT[status]).format(**blanks)}" for status, mark in STATUS_MARK.items()
                     if status != "undefined")


def example_paragraph(ch: Chapter, primary: pd.DataFrame) -> None:
    """The first amount the report writes with decimals, of a stated scope, and the range its digits allow;
    nothing when there is none."""
    amounts = primary[(primary["measure"] == "amount") & primary["text"].str.contains(".", regex=False)
                      & (primary["scope"] != "unstated")]
    if not len(amounts):
        return
    example = ch.fact(amounts["key"].iloc[0])
    interval = ch.data.interval(example.key)
    written = len(example.text.partition(".")[2])  # the bounds need one decimal more than the figure
    scope = ch.label("scope", example.scope)
    ch.say(en="For example, the report writes {label} — scope: {scope} — as {value}: the true value may be "
              "anything from {lo} to {hi}.",
           zh="例如，报告所写的{scope}{label}为{value}，真实值可能是{lo}到{hi}之间的任何数。",
           label=ch.name_of(example.key, in_sentence=True), value=ch(example.key),
           scope=ch.t(fmt.in_sentence(scope), scope),
           lo=ch.number(interval.lo, written + 1), hi=ch.number(interval.hi, written + 1))


def checks_paragraph(ch: Chapter, results: pd.DataFrame, left_out: list[str]) -> None:
    """How many identities and inequalities hold, fail or cannot be checked, and what the marks mean."""
    identity, inequality = counts.identity_outcomes(ch.data, "="), counts.identity_outcomes(ch.data, "<=")
    unchecked = results[results["status"].isin(UNCHECKABLE)]
    ch.say(
        en="The book checks {identities} identities and {inequalities} inequalities on the figures of the {year} "
           "report. Of the identities, {exact} hold exactly, {rounding} within rounding{comma} {fails} fail{left_out}; "
           "of the inequalities, {held} hold and {ineq_fails} fail{missing}. {scopes} more {compare} two scopes or "
           "periods, a comparison rather than a check, and {readings} {test} a reading of ours, not a rule of the "
           "report. The tables below give every rule, grouped by kind: the two sides computed from the figures as "
           "written, their difference and the tolerance the digits allow. The last "
           "column marks the result:\n\n{legend}",
        zh="本书用{year}年报告中的数字核对{identities}条恒等式和{inequalities}条不等式。恒等式中，{exact}条完全成立，{rounding}条"
           "在四舍五入误差内成立，{fails_zh}{left_out}；{ineq_zh}{missing}。另有{scopes}条"
           "比较两种口径或两个时期，只是比较而不是核对；{readings}条检验本书的解读，而不是报告的规则。下面按类型列出全部规则：按报告所写数字计算的两边数值、"
           "两边之差，以及位数所允许的容差。最后一列标出核对结果：\n\n{legend}",
        identities=counts.identities_checked(ch.data), inequalities=counts.inequalities_checked(ch.data),
        exact=identity["exact"], rounding=identity["within_rounding"], fails=identity["fails"],
        comma="," if left_out else " and",
        left_out=ch.t(f", and {len(left_out)} can neither hold nor fail: they add up the lines the report states for "
                      "one scope, which leave out a line it states for another scope only",
                      f"；还有{len(left_out)}条谈不上成立或不成立：它们把报告为某一口径列出的项目相加，而这些项目"
                      "漏了报告只为另一口径列出的一项") if left_out else "",
        held=inequality["exact"] + inequality["within_rounding"], ineq_fails=inequality["fails"],
        fails_zh=failed_zh(identity["fails"]),
        ineq_zh=held_zh(inequality["exact"] + inequality["within_rounding"], inequality["fails"]),
        scopes=counts.scope_comparisons(ch.data),
        compare=verb(counts.scope_comparisons(ch.data), "compares", "compare"),
        readings=counts.readings_tested(ch.data), test=verb(counts.readings_tested(ch.data), "tests", "test"),
        legend=legend(ch),
        missing=ch.t(f"; {len(unchecked)} rules cannot be checked this year", f"；{len(unchecked)}条规则本年无法核对")
        if len(unchecked) else "",
    )


def identity_tables(ch: Chapter, checks: list[dict], left_out: list[str]) -> None:
    """One table per kind of rule, in the order of rules.csv, then the rules that cannot be checked."""
    for kind in dict.fromkeys(result["kind"] for result in checks):
        frame = pd.DataFrame([identity_row(ch, result, left_out) for result in checks if result["kind"] == kind])
        ch.table(frame, caption=ch.t(*KINDS.get(kind, (kind, kind))))
    unchecked = [result["id"] for result in checks if result["status"] in UNCHECKABLE]
    if unchecked:
        ch.say(en="Not checkable this year, because the report leaves out a figure the rule needs:\n\n{items}",
               zh="以下规则本年无法核对，因为报告没有列出所需的数字：\n\n{items}",
               items="\n".join(f"- {ch.check_text(rule_id)}" for rule_id in unchecked))


def _label(ch: Chapter, result: dict) -> str:
    """A rule's label in the edition's language, its years filled."""
    return with_years(ch.t(result["label_en"], result["label_zh"]), ch.year, ch.lang)


def _group_finding(ch: Chapter, group: list[str]) -> None:
    """One group of failing identities: the differences, and, when a line another scope states may
    explain them, that reading."""
    line = next(filter(None, (unstated_line(ch.check(rule_id), ch.data) for rule_id in group)), None)
    differences = ch.t("; ", "；").join(
        f"{_label(ch, ch.check(rule_id))}{ch.t(': the two sides differ by ', '：两边相差')}"
        f"{ch.difference_text(ch.check(rule_id))}" for rule_id in group)
    ch.say(en="- {mark} {checks}.", zh="- {mark} {checks}。", mark="✗" if line is None else "?", checks=differences)
    if line is None:
        return
    gaps = [ch.difference_text(ch.check(rule_id)) for rule_id in group]
    ch.reading(
        en="These {count} identities are one finding, and they neither hold nor fail: the report lists this "
           "scope's lines with 其中 (“of which”), and they leave out {name}, which the report states only for "
           "{other}, {value}, {rate} of a budget of about {budget}. The gaps are consistent with that one line.",
        zh="以上{count}条恒等式是同一项发现，谈不上成立或不成立：报告用“其中”列举这一口径的项目，所列项目中没有{name}；"
           "报告只列出了{other}的这一项，为{value}，为预算数的{rate}，推算预算约为{budget}。各项差额与这一项相符。",
        count=len(group),
        evidence=(f"the gaps are {' and '.join(gaps)}; the line is {ch(line)}.",
                  f"差额分别为{'和'.join(gaps)}；这一项为{ch(line)}。"),
        name=ch.name_of(line, in_sentence=True), other=as_worded(ch, ch.fact(line).scope),
        value=ch(line), rate=ch(f"{line}.pct_of_budget"), budget=ch.implied(line, "budget"))


def _scope_gap(ch: Chapter, rule_id: str) -> None:
    """A comparison of two scopes whose sides differ: the gap, and why its cause is unknown."""
    check = ch.check(rule_id)
    ch.say(en="- {label}: the two sides differ by {difference}.", zh="- {label}：两边相差{difference}。",
           label=_label(ch, check), difference=ch.difference_text(check))
    lhs, rhs = ch.side_text(check, "lhs"), ch.side_text(check, "rhs")
    ch.reading(
        en="The report does not say how the budgets of the two scopes its words name relate, so the cause of the gap "
           "is unknown: it may come from the scopes, from budgets of different dates (a budget as first approved "
           "against one as adjusted) or from which funds each counts. It is a gap the report leaves unexplained, not "
           "an identity that fails.",
        zh="报告没有说明其措辞所指的两种口径的预算之间是什么关系，因此差额的原因无从得知：可能来自口径不同，可能来自"
           "两个预算的编制时点不同（年初批准的预算与调整后的预算），也可能来自各自计入的资金不同。这是报告未作解释的"
           "差额，而不是不成立的恒等式。",
        evidence=(f"the two sides, computed from the figures as written: {lhs} and {rhs} {check['unit']}.",
                  f"按报告所写数字计算的两边：{lhs}和{rhs}{check['unit']}。"))


def findings(ch: Chapter, failing: list[list[str]], results: pd.DataFrame) -> None:
    """Each group of failing identities as one finding, then the scope comparisons whose sides differ;
    or that every identity that can be checked holds."""
    for group in failing:
        _group_finding(ch, group)
    for rule_id in results.loc[(results["kind"] == "scope_comparison") & (results["status"] == "fails"), "id"]:
        _scope_gap(ch, rule_id)
    if not failing:
        ch.say(en="Every identity that can be checked holds, exactly or within rounding.",
               zh="所有可核对的恒等式都成立（完全成立或在误差内成立）。")


def rounding_figure(ch: Chapter, results: pd.DataFrame) -> None:
    """A dot chart of how much of its tolerance each identity that holds within rounding uses; or that
    none holds only within rounding."""
    rounding = results[(results["status"] == "within_rounding") & ~results["kind"].isin(counts.NOT_RULES)
                       & (results["relation"].fillna("").replace("", "=") == "=")].reset_index(drop=True)
    if not len(rounding):
        ch.say(en="This year no identity holds only within rounding: each holds exactly, fails or cannot be checked.",
               zh="本年没有仅在误差内成立的恒等式：每条恒等式要么完全成立，要么不成立，要么无法核对。")
        return
    used = [percent(abs(difference), tolerance)
            for difference, tolerance in zip(rounding["difference"], rounding["tolerance"], strict=True)]
    labels = [ch.t(en, zh) for en, zh in zip(rounding["label_en"], rounding["label_zh"], strict=True)]
    # Labels keep their brackets (units such as 万元 matter here) and wrap onto two lines at most.
    width = max(map(len, labels)) // 2 + 1
    fig = charts.rate_dots([textwrap.fill(label, width) for label in labels], used,
                           xlabel=ch.t("Difference as a share of the rounding tolerance, %", "差额占容差的比例，%"),
                           reference_label=ch.t("whole tolerance", "全部容差"),
                           texts=[fmt.percent(u, 0) for u in used])
    fig.set_figheight(fig.get_figheight() * (1 + 1 / 2))  # room for labels on two lines
    closest = rounding.loc[pd.Series(used).idxmax()]
    ch.figure(
        fig,
        caption=(f"No identity that holds within rounding uses more than {ch.number(max(used), 0)}% of its "
                 f"tolerance; the closest is “{closest['label_en']}”.",
                 f"误差内成立的恒等式，差额占容差的比例最高为{ch.number(max(used), 0)}%；最接近容差的是"
                 f"“{closest['label_zh']}”。"),
        alt=(f"Dot chart of the {len(rounding)} identities that hold within rounding: each dot is the difference "
             f"between the two sides as a share of the tolerance, against a dashed line at the whole tolerance. "
             + "; ".join(f"{label}: {ch.number(u, 0)}%" for label, u in zip(rounding["label_en"], used, strict=True))
             + ".",
             f"点图，显示{len(rounding)}条在误差内成立的恒等式：每个点是两边之差占容差的比例，虚线代表全部容差。"
             + "；".join(f"{label}：{ch.number(u, 0)}%" for label, u in zip(rounding["label_zh"], used, strict=True))
             + "。"),
    )


# ---- across years, indicators, implied values -----------------------------------------------------

def _change_rows(ch: Chapter, disagree: pd.DataFrame) -> list[dict[str, str]]:
    """The stated changes the two reports' figures do not bear out, one row each."""
    rows = []
    for check in disagree.itertuples():
        computed, span = fmt.value_and_range(check.computed, check.low, check.high)
        unit = "%" if check.measure == "yoy_pct" else check.unit
        rows.append({
            ch.t("Item", "项目"): escape_html(ch.t(check.label_en, check.label_zh)),
            ch.t(f"{ch.previous.year} report", f"{ch.previous.year}年报告"): ch.prior(check.base),
            ch.t(f"{ch.year} report", f"{ch.year}年报告"): ch(check.base),
            ch.t("Stated change", "所述增减"): ch.change(check.key),
            ch.t("Computed", "推算"): ch.with_unit(computed, unit),
            ch.t("Range the digits allow", "位数允许的范围"): span,
        })
    return rows


def change_checks(ch: Chapter) -> None:
    """The stated changes recomputed from this report and the previous one, with a table of those that
    disagree; or that the check needs the previous year's report."""
    if ch.previous is None:
        ch.say(en="This check needs the previous year's data, and the data folder holds no report for {prior}.",
               zh="这项核对需要上一年度的数据，而数据文件夹中没有{prior}年的报告。", prior=ch.year - 1)
        return
    changes = ch.change_checks()
    disagree = changes[changes["status"] == "disagrees"]
    agree = int((changes["status"] == "agrees").sum())
    ch.say(
        en="The data folder also holds the {prior} report. This report states {count} growth rates and changes of "
           "figures that the {prior} report states too. Recomputed from the two reports' figures, {agree} {agree_verb} "
           "within the rounding of their digits and {disagree} {verb} not.",
        zh="数据文件夹中同时有{prior}年的报告。本报告给出的增速和增减额中，有{count}个所对应的数字在{prior}年报告中"
           "也有。用两年报告的数字重新计算，{agree}个在位数允许的四舍五入误差内一致，{disagree}个不一致。",
        prior=ch.previous.year, count=len(changes), agree=agree,
        disagree=len(disagree), verb=verb(len(disagree), "does", "do"), agree_verb=verb(agree, "agrees", "agree"),
    )
    rows = _change_rows(ch, disagree)
    if rows:
        ch.table(pd.DataFrame(rows), caption=ch.t("Stated changes that the two reports' figures do not bear out",
                                                  "与两年报告数字不符的所述增减"))


def _shown_value(ch: Chapter, value: float | None, low: float | None, high: float | None) -> tuple[str, str]:
    """A derived value and its range for display, by the one rule of fmt.value_and_range."""
    if value is None or pd.isna(value):
        return "—", "—"
    text, span = fmt.value_and_range(value, low, high)
    return (ch.t("about zero", "约为零") if fmt.straddles_zero(low, high) else text), span


def indicator_frame(ch: Chapter, rows: pd.DataFrame) -> pd.DataFrame:
    """Indicators for display: label, formula, value and the range the digits allow."""
    shown = [_shown_value(ch, v, lo, hi) for v, lo, hi in zip(rows["value"], rows["low"], rows["high"], strict=True)]
    return pd.DataFrame({
        ch.t("Indicator", "指标"): [with_years(ch.t(en, zh), ch.year, ch.lang)
                                  for en, zh in zip(rows["label_en"], rows["label_zh"], strict=True)],
        ch.t("Formula", "公式"): [f"<code>{formula}</code>" for formula in rows["formula"]],
        ch.t("Value", "数值"): [value for value, _ in shown],
        ch.t("Range allowed by the digits", "位数允许的范围"): [span for _, span in shown],
        ch.t("Unit", "单位"): rows["unit"],
    })


def implied_kind_label(ch: Chapter, kind: str, base: str) -> str:
    """The kind of an implied value for the table, naming the period where a rate of the mid-year report
    (first half or so far this year, both coded h1) implies the same period of the year before, as the
    report's 同比 does, without claiming a half: 'Implied same period of previous year' / '推算上年同期数'."""
    if kind == "prior_year" and ch.fact(base).period == "h1":
        return ch.t("Implied same period of previous year", "推算上年同期数")
    return ch.implied_label(kind)


def implied_section(ch: Chapter) -> None:
    """The values the report's rates imply, counted by kind and listed in a collapsed table; or that
    no rate implies an amount."""
    implied = implied_values(ch.data)
    if not len(implied):
        ch.say(en="The {year} report states no rate that implies an amount.",
               zh="{year}年的报告没有可以推算金额的比率。")
        return
    # counted by the label the table gives each row, so a reader who counts the table's labels finds these
    labels = pd.Series([implied_kind_label(ch, row.kind, row.base) for row in implied.itertuples()])
    kind_counts = [ch.t(f"{fmt.in_sentence(label)}: {count}", f"{label}{count}个")
                   for label, count in labels.value_counts().items()]
    ch.say(
        en="The report's rates imply {count} {amounts} it does not state ({kinds}): amounts, and counts of cases. "
           "The full list follows; "
           "the chapters quote them where they help, always as computed figures with a dashed underline.",
        zh="报告中的比率共隐含{count}个报告未列出的数值（{kinds}），包括金额和件数。完整清单如下；各章在需要时引用这些推算值，均以虚"
           "线下划线标出。",
        count=len(implied), amounts=fmt.noun("value|values", len(implied)), kinds=ch.t("; ", "；").join(kind_counts),
    )
    table = indicator_frame(ch, implied)
    table.insert(1, ch.t("Scope", "口径"), [quoted_scope(ch, row.scope, row.label_zh, ch.fact(row.base).quote)
                                          for row in implied.itertuples()])
    table.insert(2, ch.t("Kind", "类型"), [implied_kind_label(ch, row.kind, row.base) for row in implied.itertuples()])
    cases = [ch.fact(base).measure == "count" for base in implied["base"]]  # a count is a whole number
    table.loc[cases, table.columns[-2]] = [counts.whole_counts_in(row.low, row.high)
                                           for row in implied[cases].itertuples()]
    ch.table(table, caption=ch.t("Values implied by the report's rates", "由报告所给比率推算的数值"),
             collapsed=ch.t("Show all implied values", "展开全部推算数值"))


def findings_text(ch: Chapter, groups: list[list[str]], left_out: list[str]) -> str:
    """The findings of the identities that do not add up: those that leave out a line (they neither hold nor
    fail) apart from those that fail, each group said once above."""
    left = sum(all(rule_id in left_out for rule_id in group) for group in groups)
    fail = len(groups) - left
    unchecked = ch.t(f" The {len(left_out)} identities that leave out a line cannot be checked: they neither hold nor "
                     f"fail, and make {left} {fmt.noun('finding|findings', left)}, said once above.",
                     f"漏列一项、无法核对的{len(left_out)}条恒等式谈不上成立或不成立，同属{left}项发现，上文已说明。")
    failed = ch.t(f" The identities that fail make {fail} {fmt.noun('finding|findings', fail)}, each said once above.",
                  f"不成立的恒等式构成{fail}项发现，上文逐项说明。")
    return (unchecked if left else "") + (failed if fail else "")
