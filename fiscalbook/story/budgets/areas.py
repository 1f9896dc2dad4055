"""The whole place and its areas (chapter on the whole city): what the place is made of, from
its descriptor (the municipal level with its districts, then each part not inside it), the areas'
tables, growth, parts' sums and self-sufficiency, and the municipal scope as the report words it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fiscalbook.story import charts, fmt
from fiscalbook.story.budgets.rates import finite, implied, prior_report
from fiscalbook.story.explainer import number_word


@dataclass(frozen=True)
class Area:
    """One area the whole place is split into in the report: its key prefix and scope code."""

    key: str
    code: str


def areas(ch: Any) -> list[Area]:
    """The areas the whole place's general budget is split into: the municipal level (with its
    districts) and every part not inside it, in the descriptor's order."""
    municipal = ch.place.role("municipal")
    found = [Area("municipal", municipal.code)] if municipal else []
    inside = municipal.code if municipal else None
    return found + [Area(part.key, part.code) for part in ch.place.parts if not inside or part.within != inside]


def districts(ch: Any) -> list[Any]:
    """The parts inside the municipal level (the districts the city level's figures bracket)."""
    municipal = ch.place.role("municipal")
    return [part for part in ch.place.parts if municipal and part.within == municipal.code]


def district(ch: Any) -> Any:
    """The one district inside the municipal level (None when there is none or several)."""
    found = districts(ch)
    return found[0] if len(found) == 1 else None


def county_count(ch: Any) -> int:
    """How many parts lie outside the municipal level."""
    return len(areas(ch)) - 1


def names(ch: Any, codes: list[str]) -> str:
    """Scope names joined for a sentence: 'A, B and C' / 'A、B和C'."""
    words = [ch.scope_name(code) for code in codes]
    if len(words) < 2:
        return "".join(words)
    return ch.t(", ".join(words[:-1]) + " and " + words[-1], "、".join(words[:-1]) + "和" + words[-1])


def structure(ch: Any) -> None:
    """The paragraph that says what the whole place is made of, from the descriptor."""
    whole, municipal, city = (ch.place.role(role) for role in ("whole", "municipal", "city"))
    parts = [area.code for area in areas(ch)]
    inside = [part.code for part in districts(ch)]
    ch.say(
        en="The report gives the final accounts of {whole}: {city} together with {others}. "
        "For the general public budget it also splits {whole} into {n} areas: {parts}. The areas must add up "
        "to the whole, and this chapter checks whether they do.",
        zh="报告给出了{whole}的财政决算，范围包括{city}以及{others}。一般公共预算还分{n}部分列示：{parts}。"
        "各部分之和应当等于{whole}，本章逐一核对。",
        whole=ch.scope_name(whole.code) if whole else "",
        city=ch.scope_name(city.code) if city else "",
        others=names(ch, inside + parts[1:]),
        n=number_word(len(parts), ch.lang),
        parts=names(ch, parts),
    )


def fastest(ch: Any, template: str) -> Area | None:
    """The area whose figure ``template.format(area_key)`` is the largest (None if none is stated)."""
    values = finite({area: ch.value(template.format(area.key)) for area in areas(ch)})
    return max(values, key=values.get) if values else None


def area_table(ch: Any, item: str, rate: str, caption: str) -> None:
    """The areas and the whole: amount, execution rate, growth, the amounts the rates imply and,
    when data/ holds the previous report, the previous year's figure as that report states it."""
    scopes = [*areas(ch), Area("whole", ch.place.role("whole").code)]
    bases = [f"{area.key}.general.{item}" for area in scopes]
    measures = ["amount", rate, "yoy_pct"]
    labels = {
        base: ch.label("scope", area.code) + ch.t(f" ({area.code})", "")
        for base, area in zip(bases, scopes, strict=True)
    }
    kinds = [rate.removeprefix("pct_of_"), "prior_year"]
    table = ch.facts_table(bases, measures, labels=labels, implied=kinds).drop(columns="中文", errors="ignore")
    if ch.previous is not None:
        shown = [base for base in bases if any(ch.has(base if m == "amount" else f"{base}.{m}") for m in measures)]
        unit = ch.fact(shown[0]).unit if shown and ch.has(shown[0]) else ""
        cells = [_prior_cell(ch, base, unit) for base in shown]
        header = ch.t(
            f"{ch.previous.year} report ({unit}, {ch.unit_name(unit)})", f"{ch.previous.year}年报告数（{unit}）"
        )
        table.insert(len(table.columns) - 1, header, cells)
    ch.table(table, caption=caption, check=f"whole.general.{item}.by_area")


def _prior_cell(ch: Any, base: str, unit: str) -> str:
    prior = ch.previous.fact(base) if ch.has_prior(base) else None
    if prior is None:
        return "—"
    if prior.unit == unit:
        return fmt.group(prior.text)
    return ch.t(fmt.with_unit(prior.text, prior.unit), fmt.group(prior.text) + prior.unit)


def spending_growth(ch: Any) -> str:
    """Where spending grew fastest, from what implied previous-year figure, and the others."""
    top = fastest(ch, "{}.general.expenditure.yoy_pct")
    if top is None:
        return ""
    base = f"{top.key}.general.expenditure"
    others = [area for area in areas(ch) if area != top and ch.has(f"{area.key}.general.expenditure.yoy_pct")]
    rest_en = ", ".join(
        f"{ch.change(f'{a.key}.general.expenditure.yoy_pct')} in {ch.scope_name(a.code)}" for a in others
    )
    rest_zh = "；".join(f"{ch.scope_name(a.code)}{ch.change(f'{a.key}.general.expenditure.yoy_pct')}" for a in others)
    return ch.t(
        f" Spending grew fastest in {ch.scope_name(top.code)}: {ch.change(f'{base}.yoy_pct')}, from an implied "
        f"{implied(ch, base, 'prior_year')} to {ch(base)}{prior_report(ch, base)}."
        + (f" Elsewhere it was {rest_en}." if others else ""),
        f"{ch.scope_name(top.code)}增长最快：{ch.change(f'{base}.yoy_pct')}，"
        f"由推算的上年{implied(ch, base, 'prior_year')}增至{ch(base)}{prior_report(ch, base)}。"
        + (f"其他地区：{rest_zh}。" if others else ""),
    )


def parts_sum(ch: Any, item: str) -> str:
    """The areas' figures added up, against the whole's, with the identity's status."""
    whole = f"whole.general.{item}"
    if not ch.has(whole):
        return ""
    unit = ch.fact(whole).unit
    keys = [f"{area.key}.general.{item}" for area in areas(ch)]
    total = ch.amount(sum(ch.value(key, unit) for key in keys), unit, formula=" + ".join(keys))
    return ch.t(
        f"The areas' figures add up to {total} against the whole-city total of {ch.plain(whole)}: the identity "
        f"{ch.status_text(f'{whole}.by_area')}.",
        f"各地区相加为{total}，报告的全市合计为{ch.plain(whole)}，这一恒等关系{ch.status_text(f'{whole}.by_area')}。",
    )


def self_sufficiency_chart(ch: Any) -> None:
    """Revenue beside expenditure in each area whose two figures the report states, with the
    area's self-sufficiency (at the decimals the figures allow) above the pair."""
    drawn = [a for a in areas(ch) if len(ch.stated([f"{a.key}.general.revenue", f"{a.key}.general.expenditure"])) == 2]
    if not drawn:
        return
    ratio = {a: ch.indicators.loc[f"self_sufficiency.{a.key}"] for a in drawn}
    text = {
        a: fmt.percent(row["value"], max(0, min(1, fmt.places_for(row["low"], row["high"]))))
        for a, row in ratio.items()
    }
    name = {a: ch.label("scope", a.code) for a in drawn}
    unit = ch.fact(f"{drawn[0].key}.general.revenue").unit
    fig = charts.paired_bars(
        groups=[name[a] for a in drawn],
        series={
            ch.t("Revenue", "收入"): [ch.value(f"{a.key}.general.revenue", unit) for a in drawn],
            ch.t("Expenditure", "支出"): [ch.value(f"{a.key}.general.expenditure", unit) for a in drawn],
        },
        ylabel=ch.axis_unit(unit),
        notes=[ch.t("self-sufficiency ", "财政自给率") + text[a] for a in drawn],
    )
    low, high = min(drawn, key=lambda a: ratio[a]["value"]), max(drawn, key=lambda a: ratio[a]["value"])
    pairs = [
        ch.t(
            f"{fmt.in_sentence(name[a])}: revenue {ch.plain(f'{a.key}.general.revenue')}, expenditure "
            f"{ch.plain(f'{a.key}.general.expenditure')}, self-sufficiency {text[a]}",
            f"{name[a]}：收入{ch.plain(f'{a.key}.general.revenue')}，支出{ch.plain(f'{a.key}.general.expenditure')}，"
            f"财政自给率{text[a]}",
        )
        for a in drawn
    ]
    caption = (
        (
            f"Own revenue pays for {text[low]} of spending in {ch.scope_name(low.code)}.",
            f"{name[low]}本级收入相当于支出的{text[low]}。",
        )
        if low == high
        else (
            f"Own revenue pays for only {text[low]} of spending in {ch.scope_name(low.code)}; the highest "
            f"self-sufficiency, in {ch.scope_name(high.code)}, is {text[high]}.",
            f"{name[low]}本级收入仅相当于支出的{text[low]}；自给率最高的{name[high]}为{text[high]}。",
        )
    )
    ch.figure(
        fig,
        caption=caption,
        alt=(
            f"Paired bar chart in {unit}: revenue and expenditure of the general public budget, area by area: "
            + "; ".join(pairs)
            + ".",
            f"成对柱状图（{unit}）：各地区一般公共预算的收入与支出。" + "；".join(pairs) + "。",
        ),
    )


def municipal_identity(ch: Any) -> str:
    """The sentence that tells the municipal level from the city-level government: the report's
    municipal figures of the general budget are the city level's plus its districts' (shown by the
    sums of revenue and expenditure, written out); '' when the place has no such district, a figure
    is missing or a sum does not hold exactly."""
    municipal, city, inside = ch.place.role("municipal"), ch.place.role("city"), districts(ch)
    if not (municipal and city and inside):
        return ""
    sums = []
    for item in ("revenue", "expenditure"):
        keys = [f"city.general.{item}"] + [f"{part.key}.general.{item}" for part in inside]
        total = f"municipal.general.{item}"
        if not all(ch.has(key) for key in [*keys, total]) or len({ch.fact(key).unit for key in [*keys, total]}) > 1:
            return ""
        if sum(Decimal(ch.fact(key).text) for key in keys) != Decimal(ch.fact(total).text):
            return ""
        sums.append(" + ".join(ch(key) for key in keys) + " = " + ch(total))
    return ch.t(
        f"The municipal level ({municipal.code}) is not the city-level government ({city.code}). The report writes "
        f"{names(ch, [p.code for p in inside])}'s figures in parentheses after the city-level government's without "
        f"saying how they relate; the municipal figures equal the sums of the city-level government's and those in "
        f"parentheses exactly, "
        f"for local general public budget revenue {sums[0]} and for general public budget expenditure {sums[1]}, "
        f"so our reading is that the municipal level is the two together.",
        f"{municipal.code}与{city.code}是两个口径。报告把{names(ch, [p.code for p in inside])}的数字写在"
        f"{city.code}数字后的括号中，没有说明两者的关系；{municipal.code}的数字恰好等于{city.code}与括号中数字之和，地方一般公共预算收入为"
        f"{sums[0]}，一般公共预算支出为{sums[1]}，因此本书的解读是：{municipal.code}包括这两部分。",
    )


def worded_municipal_note(ch: Any) -> str:
    """One sentence for the introduction's list of scopes: the report's "three public" section also uses the
    place's short name followed by '市级', which the report does not define; '' when the place has no such name
    or the report states no figure under it."""
    worded = ch.place.role("municipal_as_worded")
    if not worded or not ch.has("municipal.three_public.total"):
        return ""
    name = f"{ch.place.word('short_name', 'zh')}{worded.code}"
    return ch.t(f" The “three public” section also uses the name “{name}”, which the report does not define; "
                "see the chapter on those expenses.",
                f"“三公”经费一节还用了“{name}”这一名称，报告没有给出定义，见“三公”经费一章。")


def worded_municipal_text(ch: Any) -> str:
    """The sentence on the report's other name for a scope in its "three public" section (the place's
    short name followed by '市级'): its figure beside the city-level government's, and that reading it as
    the municipal level is our reading, not the report's words; '' when either figure is missing."""
    keys = ["municipal.three_public.total", "city.three_public.total"]
    worded, municipal, city = (ch.place.role(role) for role in ("municipal_as_worded", "municipal", "city"))
    if not (worded and municipal and city) or not all(ch.has(key) for key in keys):
        return ""
    name = f"{ch.place.word('short_name', 'zh')}{worded.code}"
    inside = names(ch, [p.code for p in districts(ch)])
    return ch.t(
        f"The “three public” section uses a further name, “{name}”: {ch(keys[0])}, against {ch(keys[1])} for "
        f"the city-level government ({city.code}). The report does not say whether it is the municipal level "
        f"({municipal.code}); reading it so, as the chapter on the “three public” expenses does, is our reading: "
        f"the larger figure is consistent with a scope that adds {inside}, but the report does not state it.",
        f"“三公”经费一节还用了另一个名称“{name}”：支出{ch(keys[0])}，{city.code}为{ch(keys[1])}。报告没有说明它是否"
        f"就是{municipal.code}；像“三公”经费一章那样把它理解为这一口径，是本书的解读：前一个数字较大，与加上{inside}"
        f"的口径相符，但报告没有明说。",
    )
