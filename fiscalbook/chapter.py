"""What a notebook imports: the year's facts, formatted for the edition's language, as
paragraphs, tables and figures that carry their sources.

A chapter's preamble is one line::

    ch = Chapter(year, lang, data_dir, "transfers")

after which ``ch.say(en=..., zh=..., total=ch("city.transfers.total"))`` writes a paragraph,
``ch.table(ch.facts_table(keys), caption, check=rule_id)`` a table and
``ch.figure(fig, caption, alt)`` a captioned chart. Figures of the report are printed as the
report writes them, with the sentence they come from as a tooltip; computed figures are
marked as derived, with their formula as a tooltip.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from fiscalbook import fmt, style
from fiscalbook.data import Fact, load_year, read_shared
from fiscalbook.expressions import keys_in
from fiscalbook.rules import IMPLIED_KINDS, check_rule, implied_values, indicators
from fiscalbook.units import is_money
from fiscalbook.validate import BASE_MEASURES

FIGURE_DIR = Path("figures")  # beside the executed notebook, where Sphinx picks it up
STATUS_TEXT = {
    "exact": ("holds exactly", "完全成立"),
    "within_rounding": ("holds within rounding (the two sides differ by {difference})",
                        "在四舍五入误差内成立（两边相差{difference}）"),
    "fails": ("does not hold: the two sides differ by {difference}", "不成立：两边相差{difference}"),
    "not_evaluable": ("cannot be checked: the report does not state {missing}", "无法核对：报告未列出{missing}"),
    "undefined": ("cannot be checked: it divides by a figure that may be zero", "无法核对：除数可能为零"),
}
STATUS_MARK = {"exact": "✓", "within_rounding": "≈", "fails": "✗", "not_evaluable": "?", "undefined": "?"}
# Words for a signed change: (rise, fall) per edition. Rates rise and fall (增长/下降); amounts
# increase and decrease (增加/减少), as the report writes them.
CHANGE_WORDS = {"rate": (("up", "down"), ("增长", "下降")), "amount": (("up", "down"), ("增加", "减少"))}


def measure_key(base: str, measure: str) -> str:
    """The key of an item's figure for a measure: 'x.revenue' + 'yoy_pct' -> 'x.revenue.yoy_pct'."""
    return base if measure in BASE_MEASURES else f"{base}.{measure}"


class Chapter:
    """A year of facts seen through one edition's language."""

    def __init__(self, year: int, lang: str, data_dir: str | Path, name: str) -> None:
        self.lang = fmt.check_lang(lang)
        self.data = load_year(year, data_dir)
        self.year = self.data.year
        self.name = name
        self._figures = 0
        style.apply()

    # --- words ---------------------------------------------------------------------------
    def t(self, en: str, zh: str) -> str:
        """The edition's text of a pair."""
        return zh if self.lang == "zh" else en

    def say(self, en: str, zh: str, **values: object) -> None:
        """Display a paragraph from the edition's template; {year} and {next_year} are known."""
        template = self.t(en, zh)
        display(Markdown(template.format(year=self.year, next_year=self.year + 1, **values)))

    def label(self, field: str, code: str) -> str:
        """The edition's label of a vocabulary code (scope, budget, measure, period, unit)."""
        return self.t(*self._vocab[(field, code)])

    def axis_unit(self, unit: str) -> str:
        """An axis label for a unit: '万元 (10,000 yuan)' in English, '万元' in Chinese."""
        return self.t(f"{unit} ({self._vocab[('unit', unit)][0]})", unit)

    @cached_property
    def _vocab(self) -> dict[tuple[str, str], tuple[str, str]]:
        table = read_shared("vocab", self.data.data_dir)
        return {(r.field, r.code): (r.label_en, r.label_zh) for r in table.itertuples()}

    # --- figures of the report -----------------------------------------------------------
    def fact(self, key: str) -> Fact:
        return self.data.fact(key)

    def has(self, key: str) -> bool:
        return self.data.has(key)

    def value(self, key: str, unit: str | None = None) -> float:
        return self.data.value(key, unit)

    def __call__(self, key: str) -> str:
        """A figure for prose: as written, with a tooltip quoting its source sentence."""
        fact = self.fact(key)
        return self._traced(fact, self._format(fact))

    def plain(self, key: str) -> str:
        """A figure as written, with its unit (and yuan in English), without source markup."""
        return self._format(self.fact(key))

    def magnitude(self, key: str) -> str:
        """Like ``ch(key)`` but without the sign, for templates that say 'fell by'."""
        fact = self.fact(key)
        unsigned = Fact(**{**fact.__dict__, "text": fact.text.lstrip("-"), "value": abs(fact.value)})
        return self._traced(unsigned, self._format(unsigned))

    def change(self, key: str) -> str:
        """A signed change in words: 'up 6%' / '增长6%', 'down 0.33%' / '下降0.33%',
        'up 0.2 亿元 (…)' / '增加0.2亿元'."""
        fact = self.fact(key)
        kind = "rate" if fact.unit in ("%", "个百分点") else "amount"
        english, chinese = CHANGE_WORDS[kind]
        rise = fact.value >= 0
        word = self.t(english[0] if rise else english[1], chinese[0] if rise else chinese[1])
        return f"{word}{self.t(' ', '')}{self.magnitude(key)}"

    def _format(self, fact: Fact) -> str:
        if is_money(fact.unit):
            return fmt.money(fact.text, fact.unit, self.lang)
        unit_en = self._vocab[("unit", fact.unit)][0]
        return fmt.quantity(fact.text, fact.unit, self.lang, unit_en)

    def source(self, fact: Fact) -> str:
        return self.t(f"report {fact.section}, line {fact.line}", f"报告{fact.section}，第{fact.line}行")

    def _traced(self, fact: Fact, text: str) -> str:
        title = html.escape(f"{self.source(fact)}: {fact.quote}", quote=True)
        return f'<span class="fact" title="{title}">{text}</span>'

    # --- computed numbers ----------------------------------------------------------------
    def share(self, part: float, whole: float, places: int = 1) -> str:
        """``part`` as a percentage of ``whole``, for prose: '37.7%'."""
        return fmt.percent(percent(part, whole), places)

    def number(self, value: float, places: int = 1) -> str:
        return fmt.decimal(value, places)

    def amount(self, value: float, unit: str, formula: str = "", places: int = 2) -> str:
        """A computed amount in a money unit, rounded, marked as derived (formula as tooltip)."""
        return self._derived(fmt.computed_money(value, unit, self.lang, places), formula)

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """Derived indicators (data/derived.csv) and implied values, indexed by id."""
        return pd.concat([indicators(self.data), implied_values(self.data)]).set_index("id")

    def indicator(self, indicator_id: str, places: int = 1) -> str:
        """A derived figure for prose, rounded, with its formula as a tooltip."""
        row = self.indicators.loc[indicator_id]
        if row["value"] is None or row["value"] != row["value"]:  # None or NaN
            raise KeyError(f"indicator '{indicator_id}' cannot be computed for {self.year}: "
                           f"the data lacks {row['missing']}")
        if row["unit"] == "%":
            return self._derived(fmt.percent(row["value"], places), row["formula"])
        if is_money(row["unit"]):
            return self.amount(row["value"], row["unit"], row["formula"], places)
        unit = self._vocab[("unit", row["unit"])][0] if self.lang == "en" else row["unit"]
        return self._derived(f"{fmt.decimal(row['value'], places)}{self.t(' ', '')}{unit}", row["formula"])

    def _derived(self, text: str, formula: str = "") -> str:
        title = html.escape(self.t("computed", "推算") + (f": {formula}" if formula else ""), quote=True)
        return f'<span class="derived" title="{title}">{text}</span>'

    def implied(self, base: str, kind: str, places: int = 2) -> str:
        """The amount a stated rate implies (kind: prior_year, budget, adjusted_budget, target),
        for prose, or a dash when the report states no such rate."""
        indicator_id = f"{base}.implied_{kind}"
        return self.indicator(indicator_id, places) if indicator_id in self.indicators.index else "—"

    def implied_value(self, base: str, kind: str) -> float:
        """The implied amount as a number (NaN when the report states no such rate)."""
        indicator_id = f"{base}.implied_{kind}"
        return self.indicators.loc[indicator_id, "value"] if indicator_id in self.indicators.index else math.nan

    def implied_label(self, kind: str) -> str:
        """'Implied budget' / '推算预算数', for a column header."""
        return self.t(*IMPLIED_KINDS[kind])

    # --- identities ----------------------------------------------------------------------
    @cached_property
    def _rules(self) -> dict[str, dict]:
        return {row["id"]: row for row in read_shared("rules", self.data.data_dir).to_dict("records")}

    def check(self, rule_id: str) -> dict:
        """An identity of rules.csv evaluated on this year: status, both sides, difference."""
        return check_rule(self._rules[rule_id], self.data)

    def rule_keys(self, rule_id: str) -> tuple[list[str], list[str]]:
        """The fact keys on the left and on the right of an identity."""
        rule = self._rules[rule_id]
        return keys_in(rule["lhs"]), keys_in(rule["rhs"])

    def rules_in(self, section: str) -> list[str]:
        """The ids of the identities that belong to a section of the report (and its subsections)."""
        return [rule_id for rule_id, rule in self._rules.items()
                if rule["section"] == section or rule["section"].startswith(section + ".")]

    def status_text(self, rule_id: str) -> str:
        """How an identity holds this year, in words: 'holds within rounding (the two sides
        differ by 0.01 亿元)'."""
        return self._status_words(self.check(rule_id))

    def _status_words(self, result: dict) -> str:
        difference = result["difference"]
        shown = "" if difference is None else f"{abs(difference):.4g} {result['unit'] or '%'}"
        return self.t(*STATUS_TEXT[result["status"]]).format(difference=shown, missing=result["missing"])

    def check_text(self, rule_id: str) -> str:
        """What an identity says about this year, in the edition's words, with a ✓/≈/✗ mark."""
        result = self.check(rule_id)  # evaluated once for the mark, the label and the words
        label = self.t(result["label_en"], result["label_zh"])
        return (f"{STATUS_MARK[result['status']]} {label}{self.t(': ', '：')}"
                f"{self._status_words(result)}{self.t('.', '。')}")

    def checks(self, *rule_ids: str) -> None:
        """State identities of rules.csv, one per line, as under a table."""
        display(HTML(self._checks_html(rule_ids)))

    def _checks_html(self, rule_ids: Sequence[str]) -> str:
        return f"<p class='table-check'>{'<br>'.join(self.check_text(r) for r in rule_ids)}</p>"

    # --- tables --------------------------------------------------------------------------
    def facts_table(self, bases: Sequence[str], measures: Sequence[str] = ("amount",),
                    labels: dict[str, str] | None = None, implied: Sequence[str] = ()) -> pd.DataFrame:
        """One row per item (a base key), one column per measure, then implied amounts
        (kinds of ``implied``, marked as derived), then the source.

        Cells hold the figures as written; a header carries the unit when every row shares it,
        otherwise each cell does. ``labels`` may override an item's label (by base key)."""
        columns = {measure: self._column(self.label("measure", measure), [measure_key(b, measure) for b in bases])
                   for measure in measures}
        implied_columns = {kind: self._column(self.implied_label(kind), [b for b in bases if self.has(b)])
                           for kind in implied}
        rows = []
        for base in bases:
            fact = self.fact(base) if self.has(base) else self.fact(measure_key(base, measures[0]))
            row = {self.t("Item", "项目"): (labels or {}).get(base) or fact.label(self.lang)}
            if self.lang == "en":
                row["中文"] = fact.label_zh
            for measure, (header, shared_unit) in columns.items():
                row[header] = self._cell(measure_key(base, measure), shared_unit)
            for kind, (header, shared_unit) in implied_columns.items():
                row[header] = self._implied_cell(base, kind, fact.unit, shared_unit)
            row[self.t("Source", "出处")] = self._source_cell(fact)
            rows.append(row)
        return pd.DataFrame(rows)

    def _column(self, name: str, keys: Sequence[str]) -> tuple[str, bool]:
        """A column header, with the unit when every row's figure shares one, and whether it has."""
        units = {self.fact(key).unit for key in keys if self.has(key)}
        if len(units) != 1:
            return name, False
        unit = units.pop()
        if unit not in ("%", "个百分点"):
            name += f" ({unit})" if self.lang == "zh" else f" ({unit}, {self._vocab[('unit', unit)][0]})"
        return name, True

    def _cell(self, key: str, shared_unit: bool) -> str:
        if not self.has(key):
            return "—"
        fact = self.fact(key)
        return fmt.group(fact.text) if shared_unit else fmt.with_unit(fact.text, fact.unit)

    def _implied_cell(self, base: str, kind: str, unit: str, shared_unit: bool) -> str:
        value = self.implied_value(base, kind)
        if math.isnan(value):
            return "—"
        text = fmt.decimal(value, 2) if shared_unit else fmt.with_unit(fmt.decimal(value, 2), unit)
        return self._derived(text, self.indicators.loc[f"{base}.implied_{kind}", "formula"])

    def _source_cell(self, fact: Fact) -> str:
        return self._traced(fact, f"{fact.section} · L{fact.line}")

    def figures_table(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Every figure of ``rows`` (facts from ch.data.section or ch.data.select), one per row,
        as the report writes it with its unit and measure, and where the report states it."""
        table = []
        for key in rows["key"]:
            fact = self.fact(key)
            table.append({
                self.t("Item", "项目"): fact.label(self.lang),
                **({"中文": fact.label_zh} if self.lang == "en" else {}),
                self.t("Measure", "指标"): self.label("measure", fact.measure),
                self.t("Figure as stated", "报告数"): self(key),
                self.t("Source", "出处"): self._source_cell(fact),
            })
        return pd.DataFrame(table)

    def table(self, frame: pd.DataFrame, caption: str = "", check: str | Sequence[str] = (),
              collapsed: str = "") -> None:
        """Display a table; ``check`` names identities of rules.csv to state under it;
        ``collapsed`` folds a long table away behind that summary line."""
        parts = [f"<p class='table-caption'><strong>{caption}</strong></p>" if caption else ""]
        parts.append(frame.to_html(index=False, escape=False, border=0, classes="fiscal-table"))
        checks = [check] if isinstance(check, str) else list(check)
        if checks:
            parts.append(self._checks_html(checks))
        body = "\n".join(parts)
        display(HTML(f"<details><summary>{collapsed}</summary>\n{body}\n</details>" if collapsed else body))

    # --- charts --------------------------------------------------------------------------
    def figure(self, fig, caption: tuple[str, str], alt: tuple[str, str]) -> None:
        """Save ``fig`` and show it with a caption (a finding) and alt text, both (en, zh)."""
        import matplotlib.pyplot as plt

        self._figures += 1
        FIGURE_DIR.mkdir(exist_ok=True)
        path = FIGURE_DIR / f"{self.name}-{self.lang}-{self._figures}.png"
        fig.savefig(path, metadata={"Software": None})
        plt.close(fig)
        caption_text, alt_text = self.t(*caption), self.t(*alt)
        name = f"fig-{self.name}-{self._figures}"
        directive = (f":::{{figure}} {path.as_posix()}\n:alt: {alt_text}\n:name: {name}\n\n"
                     f"{caption_text}\n:::\n")
        page = (f'<figure><img src="{path.as_posix()}" alt="{html.escape(alt_text)}" style="max-width:100%">'
                f"<figcaption>{caption_text}</figcaption></figure>")
        display({"text/markdown": directive, "text/html": page, "text/plain": caption_text}, raw=True)


# --- arithmetic on percentages, so that notebooks never type 100 -------------------------------

HALF_YEAR = 50.0  # % of the year gone at mid-year: the mark for first-half progress ("双过半")


def percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: percent(1, 4) = 25.0."""
    return part / whole * 100


def grown(amount: float, pct: float) -> float:
    """An amount after a growth of ``pct`` per cent: grown(200, 3) = 206."""
    return amount * (1 + pct / 100)


def growth(new: float, old: float) -> float:
    """The growth from ``old`` to ``new``, in per cent."""
    return (new / old - 1) * 100


def level(change_pct: float) -> float:
    """The level after a change, as a percentage of the baseline: level(-20.2) = 79.8."""
    return 100 + change_pct
