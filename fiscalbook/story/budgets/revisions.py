"""The January estimates against the final accounts (chapter on the preliminary figures): each
revision with its check, percentage and sign, the largest gaps, and a worked example of precision."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from fiscalbook.audit.rules import check_rule, compute_indicator, written_places
from fiscalbook.data.units import is_money
from fiscalbook.story import fmt
from fiscalbook.story.arithmetic import percent
from fiscalbook.story.indicators import ABOUT_ZERO


def revision_check(ch: Any, base: str, key: str, change_key: str, unit: str) -> tuple[dict, bool]:
    """final − estimate = stated change, evaluated, and whether data/rules.csv lists it."""
    try:
        return ch.check(f"{base}.revision"), True
    except KeyError:
        rule = {
            "id": f"{base}.revision",
            "kind": "revision",
            "lhs": f"{base} - {key}",
            "relation": "=",
            "rhs": change_key,
            "unit": unit,
            "label_en": "",
            "label_zh": "",
            "section": ch.fact(key).section,
        }
        return check_rule(rule, ch.data), False


def revision_pct(ch: Any, base: str, key: str) -> dict:
    """The final figure's change on its estimate, in %, at the decimals the two figures allow
    (whole per cent when the range their digits allow is a point wide or more, else one
    decimal), with that range ('low', 'high')."""
    row = compute_indicator(
        {
            "id": f"{base}.revision_pct",
            "kind": "other",
            "formula": f"({base} - {key}) / {key}",
            "unit": "%",
            "label_en": "",
            "label_zh": "",
            "section": "",
        },
        ch.data,
    )
    if row["value"] is None:
        return {"value": math.nan, "text": ch.number(math.nan), "places": 0, "low": math.nan, "high": math.nan}
    value, low, high = (percent(row[bound], 1) for bound in ("value", "low", "high"))
    low, high = (round(bound, fmt.NOISE_DIGITS) for bound in (low, high))
    places = max(0, min(1, fmt.places_for(low, high)))
    text = ch.t(*ABOUT_ZERO) if fmt.straddles_zero(low, high) else fmt.percent(value, places)
    return {"value": value, "text": text, "places": places, "low": low, "high": high}


def revisions(ch: Any, estimates: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Every January estimate of an amount whose final figure the report also states, one row a
    pair, with the computed change, ratio and % change; and the one money unit they are shown in.
    ``estimates``: the facts of the January estimates (``ch.data.select("prelim.")``)."""
    estimates = estimates.query("measure == 'amount'")
    estimates = estimates[[is_money(unit) for unit in estimates["unit"]]]
    finals = [key.removeprefix("prelim.") for key in estimates["key"]]
    stated = set(ch.stated(finals))
    rev = estimates.loc[[base in stated for base in finals], ["key", "budget", "item", "scope"]].reset_index(drop=True)
    unit = ch.fact(max(rev["key"], key=lambda key: ch.value(key, "元"))).unit if len(rev) else ""
    rev["base"] = rev["key"].str.removeprefix("prelim.")
    rev["change_key"] = rev["key"] + ".change_amount"
    rev["prelim"] = [ch.value(key, unit) for key in rev["key"]]
    rev["final"] = [ch.value(base, unit) for base in rev["base"]]
    rev["change"] = rev["final"] - rev["prelim"]
    rev["ratio"] = rev["final"] / rev["prelim"]
    found = [revision_pct(ch, base, key) for base, key in zip(rev["base"], rev["key"], strict=True)]
    rev["pct"] = [r["value"] for r in found]
    rev["pct_text"] = [r["text"] for r in found]
    rev["places"] = [r["places"] for r in found]
    rev["pct_low"], rev["pct_high"] = [r["low"] for r in found], [r["high"] for r in found]
    rev["shown"] = [round(r["value"], r["places"]) if not pd.isna(r["value"]) else math.nan for r in found]
    rev["what"] = [ch.name_of(base) for base in rev["base"]]
    rev["where"] = [re.sub(r" \(.*\)$", "", ch.label("scope", scope)) for scope in rev["scope"]]
    rev["label"] = [
        ch.t(f"{fmt.in_sentence(what)} of {ch.scope_name(scope, remark=False)}", f"{where}{what}")
        for what, where, scope in zip(rev["what"], rev["where"], rev["scope"], strict=True)
    ]
    rev["chart_label"] = [
        ch.t(f"{what}\n{where}", f"{where}{what}") for what, where in zip(rev["what"], rev["where"], strict=True)
    ]
    rev["signed"] = [signed_change(ch, row, unit) for row in rev.itertuples()]
    return rev, unit


def change_text(ch: Any, row: Any, unit: str) -> str:
    """A revision for prose: as the report states it, or computed from the two figures."""
    if ch.has(row.change_key):
        return ch.change(row.change_key)
    word = ch.t("up", "增加") if row.change >= 0 else ch.t("down", "减少")
    places = written_places(f"{row.base} - {row.key}", ch.data, unit)
    return f"{word}{ch.t(' ', '')}{ch.amount(abs(row.change), unit, f'{row.base} - {row.key}', places)}"


def plain_change(ch: Any, row: Any, unit: str) -> str:
    """A revision for a caption, with its unit, no markup."""
    if ch.has(row.change_key):
        return ch.plain(row.change_key)
    return fmt.computed_money(row.change, unit, ch.lang, written_places(f"{row.base} - {row.key}", ch.data, unit))


def signed_change(ch: Any, row: Any, unit: str) -> str:
    """A revision as plain signed text in the chart's unit, as written or computed."""
    if ch.has(row.change_key) and ch.fact(row.change_key).unit == unit:
        text = fmt.group(ch.fact(row.change_key).text)
    else:
        text = fmt.decimal(row.change, written_places(f"{row.base} - {row.key}", ch.data, unit))
    return text if text.startswith("-") else f"+{text}"


def signed_pct(row: Any) -> str:
    """A % revision with its sign ('+0.9%'), as the chart labels it."""
    return f"+{row.pct_text}" if row.pct > 0 and row.pct_text[:1].isdigit() else row.pct_text


def by_ratio(rev: pd.DataFrame) -> pd.DataFrame:
    """The pairs from the largest upward revision to the largest downward one, by the ratio
    computed from the figures as written (unrounded); a label, rounded to the decimals the
    figures allow, may then look out of order."""
    return rev.sort_values("ratio", ascending=False)


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun, singular for one."""
    return f"{count} {one if count == 1 else many}"


def outside_city(ch: Any, rev: pd.DataFrame, unit: str) -> dict | None:
    """Where the whole place's revision and the city level's differ most: the pair's rows and
    the revision outside the city level (None when the report gives no such pair)."""
    whole, city = ch.place.role("whole").code, ch.place.role("city").code
    if rev.empty or not {whole, city} <= set(rev["scope"]):
        return None
    pairs = rev.pivot_table(index=["budget", "item"], columns="scope", values="change", aggfunc="first")
    outside = (pairs[whole] - pairs[city]).dropna()
    if outside.empty:
        return None
    budget, item = outside.abs().idxmax()

    def pick(scope: str) -> Any:
        return next(rev[(rev["scope"] == scope) & (rev["budget"] == budget) & (rev["item"] == item)].itertuples())

    w, c = pick(whole), pick(city)
    formula = f"({w.base} - {w.key}) - ({c.base} - {c.key})"
    amount = ch.amount(
        abs(outside[(budget, item)]), unit, formula, written_places(f"{w.base} - {c.base}", ch.data, unit)
    )
    return {"whole": w, "city": c, "up": outside[(budget, item)] >= 0, "amount": amount}


def small_share(ch: Any, part: float, whole: float) -> str:
    """A share far below one per cent, with two significant digits ('0.026%'): ch.share at the
    decimals its size needs (one at least)."""
    if pd.isna(part) or pd.isna(whole) or not part or not whole:
        return ch.share(part, whole)
    return ch.share(part, whole, places=max(1, 1 - math.floor(math.log10(abs(percent(part, whole))))))


def precision_example(ch: Any, rev: pd.DataFrame) -> str:
    """How the digits decide the decimals of the % change, shown on the table's own rows: the
    pair whose range is widest and, when the table also shows one decimal somewhere, the pair
    whose range is narrowest ('' when no % change is computable)."""
    rows = rev.dropna(subset=["pct"]).assign(width=lambda f: f["pct_high"] - f["pct_low"])
    if rows.empty:
        return ""
    picks = [rows.loc[rows["width"].idxmax()]]
    if rows["places"].nunique() > 1:
        picks.append(rows.loc[rows["width"].idxmin()])

    def said(row: pd.Series) -> str:
        # The table's Range column, in the same function: rounded outwards.
        low, high = fmt.value_and_range(row["pct"], row["pct_low"], row["pct_high"], 1)[1].split(" – ")
        return ch.t(f"{row['label']} went from {ch(row['key'])} to {ch(row['base'])}: their digits allow a change "
                    f"within about {low}% to {high}% (ends rounded outwards), so the table shows {row['pct_text']}, "
                    "whose last digit is uncertain (the Range column says by how much)",
                    f"{row['label']}由{ch(row['key'])}变为{ch(row['base'])}，按这两个数字的位数，变动幅度约在{low}%至"
                    f"{high}%之间（两端向外取整），因此表中写作{row['pct_text']}，末位不确定，"
                    "误差大小见“区间”列")

    return ch.t("For example, " + "; ".join(said(row) for row in picks) + ".",
                "例如，" + "；".join(said(row) for row in picks) + "。")


def estimate_gaps(ch: Any) -> pd.DataFrame:
    """Each final figure the report sets beside a January estimate (``prelim.…``), each pair once,
    in the report's order: its base key, the change (final − estimate, in the estimate's unit), the
    change in yuan (to compare pairs of different units) and the change as a % of the estimate."""
    facts = ch.data.facts
    estimates = facts.loc[(facts["period"] == "preliminary") & (facts["measure"] == "amount")
                          & facts["key"].str.startswith("prelim."), "key"]
    rows = []
    for key in dict.fromkeys(estimates):
        base = key.removeprefix("prelim.")
        if ch.has(base) and ch.value(key):
            unit = ch.fact(key).unit
            change = ch.value(base, unit) - ch.value(key)
            rows.append({"base": base, "change": change, "change_yuan": ch.value(base, "元") - ch.value(key, "元"),
                         "pct": percent(change, abs(ch.value(key)))})
    return pd.DataFrame(rows, columns=["base", "change", "change_yuan", "pct"])


def largest_estimate_gap(ch: Any) -> str | None:
    """The base key (``whole.fund.expenditure``) of the final figure furthest, relative to the
    estimate, from the January estimate the report sets beside it; None when it gives no pair."""
    gaps = estimate_gaps(ch)
    return None if gaps.empty else gaps.loc[gaps["pct"].abs().idxmax(), "base"]


def revenue_moved_more(ch: Any) -> list[tuple[str, str]]:
    """The (revenue, expenditure) pairs of one budget and scope, both set beside January estimates,
    whose revenue moved further from its estimate, relative to it, than its expenditure did: the
    cases against 'revenue is known by January, spending is not'. In the report's order."""
    moved = estimate_gaps(ch).set_index("base")["pct"].abs()
    pairs = [(base, base.removesuffix("revenue") + "expenditure") for base in moved.index if base.endswith(".revenue")]
    return [(revenue, spending) for revenue, spending in pairs
            if spending in moved.index and moved[revenue] > moved[spending]]


def range_cell(ch: Any, pct: float, low: float, high: float) -> str:
    """The revisions table's Range cell: the range rounded outwards (fmt.value_and_range), its
    ends joined by 'to' / '至' and written with the minus sign '−', so that a negative end does
    not run into a dash ('−28.81 to −28.65'); '—' when no % change is computable."""
    if pd.isna(pct):
        return "—"
    ends = fmt.value_and_range(pct, low, high, 1)[1].split(" – ")
    return ch.t(" to ", "至").join(end.replace("-", "−") for end in ends)
