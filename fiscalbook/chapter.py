"""What a notebook imports: the year's facts, formatted for the edition's language, as
paragraphs, tables and figures that carry their sources.

A chapter's preamble is one line::

    ch = Chapter(year, lang, data_dir, "transfers")

after which ``ch.say(en=..., zh=..., x=ch.amount(key))`` writes a paragraph,
``ch.table(...)`` a table and ``ch.figure(...)`` a captioned chart.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from fiscalbook import fmt, style
from fiscalbook.data import Fact, load_year, read_shared
from fiscalbook.rules import check_rule, implied_values, indicators
from fiscalbook.units import is_money
from fiscalbook.validate import BASE_MEASURES

FIGURE_DIR = Path("figures")  # beside the executed notebook, where Sphinx picks it up
STATUS_TEXT = {
    "exact": ("holds exactly", "完全成立"),
    "within_rounding": ("holds within rounding (the two sides differ by {difference})",
                        "在四舍五入误差内成立（两边相差{difference}）"),
    "fails": ("does not hold: the two sides differ by {difference}", "不成立：两边相差{difference}"),
    "not_evaluable": ("cannot be checked: the report does not state {missing}", "无法核对：报告未列出{missing}"),
}
STATUS_MARK = {"exact": "✓", "within_rounding": "≈", "fails": "✗", "not_evaluable": "?"}


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

    def plain(self, key: str) -> str:
        """A figure as written, with its unit (and yuan in English), without source markup."""
        return self._format(self.fact(key))

    def magnitude(self, key: str) -> str:
        """Like ``plain`` but without the sign, for templates that say 'fell by'."""
        fact = self.fact(key)
        unsigned = Fact(**{**fact.__dict__, "text": fact.text.lstrip("-"), "value": abs(fact.value)})
        return self._traced(unsigned, self._format(unsigned))

    def _format(self, fact: Fact) -> str:
        if is_money(fact.unit):
            return fmt.money(fact.text, fact.unit, self.lang)
        return fmt.quantity(fact.text, fact.unit, self.lang, self._vocab[("unit", fact.unit)][0])

    def __call__(self, key: str) -> str:
        """A figure for prose: as written, with a tooltip quoting its source sentence."""
        fact = self.fact(key)
        return self._traced(fact, self._format(fact))

    def source(self, fact: Fact) -> str:
        return self.t(f"report {fact.section}, line {fact.line}", f"报告{fact.section}，第{fact.line}行")

    def _traced(self, fact: Fact, text: str) -> str:
        title = html.escape(f"{self.source(fact)}: {fact.quote}", quote=True)
        return f'<span class="fact" title="{title}">{text}</span>'

    # --- computed numbers ----------------------------------------------------------------
    def share(self, part: float, whole: float, places: int = 1) -> str:
        return fmt.percent(part / whole * 100, places)

    def number(self, value: float, places: int = 1) -> str:
        return fmt.decimal(value, places)

    # --- tables --------------------------------------------------------------------------
    def facts_table(self, bases: Sequence[str], measures: Sequence[str] = ("amount",),
                    labels: dict[str, str] | None = None) -> pd.DataFrame:
        """One row per item (a base key), one column per measure, plus the source.

        Cells hold the figures as written; the header carries the unit when the column has one.
        ``labels`` may override an item's label (by base key) with the edition's text."""
        rows = []
        for base in bases:
            fact = self.fact(base) if self.has(base) else self.fact(measure_key(base, measures[0]))
            row = {self.t("Item", "项目"): (labels or {}).get(base) or fact.label(self.lang)}
            if self.lang == "en":
                row["中文"] = fact.label_zh
            for measure in measures:
                key = measure_key(base, measure)
                row[self._column(measure, bases)] = fmt.group(self.fact(key).text) if self.has(key) else "—"
            row[self.t("Source", "出处")] = self._traced(fact, f"{fact.section} · L{fact.line}")
            rows.append(row)
        return pd.DataFrame(rows)

    def _column(self, measure: str, bases: Iterable[str]) -> str:
        """A column header: the measure, and the unit when every row shares one."""
        name = self.label("measure", measure)
        keys = [measure_key(base, measure) for base in bases]
        units = {self.fact(key).unit for key in keys if self.has(key)}
        if len(units) == 1 and (unit := units.pop()) not in ("%", "个百分点"):
            name += f" ({unit})" if self.lang == "zh" else f" ({unit}, {self._vocab[('unit', unit)][0]})"
        return name

    def table(self, frame: pd.DataFrame, caption: str = "", check: str | None = None) -> None:
        """Display a table; ``check`` names an identity of rules.csv to state under it."""
        parts = [f"<p class='table-caption'><strong>{caption}</strong></p>" if caption else ""]
        parts.append(frame.to_html(index=False, escape=False, border=0, classes="fiscal-table"))
        if check:
            parts.append(f"<p class='table-check'>{self.check_text(check)}</p>")
        display(HTML("\n".join(parts)))

    def check_text(self, rule_id: str) -> str:
        """What an identity of rules.csv says about this year, in the edition's words."""
        result = check_rule(self._rules[rule_id], self.data)
        difference = result["difference"]
        shown = "" if difference is None else f"{abs(difference):.4g} {result['unit'] or '%'}"
        status = self.t(*STATUS_TEXT[result["status"]]).format(difference=shown, missing=result["missing"])
        label = self.t(result["label_en"], result["label_zh"])
        return f"{STATUS_MARK[result['status']]} {label}: {status}" + self.t(".", "。")

    @cached_property
    def _rules(self) -> dict[str, dict]:
        return {row["id"]: row for row in read_shared("rules", self.data.data_dir).to_dict("records")}

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """Derived indicators (data/derived.csv) and implied values, indexed by id."""
        return pd.concat([indicators(self.data), implied_values(self.data)]).set_index("id")

    def indicator(self, indicator_id: str, places: int = 1) -> str:
        """A derived figure for prose, rounded, with its formula as a tooltip."""
        row = self.indicators.loc[indicator_id]
        if row["unit"] == "%":
            text = fmt.percent(row["value"], places)
        elif is_money(row["unit"]):
            text = fmt.computed_money(row["value"], row["unit"], self.lang, places)
        else:
            text = f"{fmt.decimal(row['value'], places)} {row['unit']}"
        title = html.escape(f"{self.t('derived', '推算')}: {row['formula']}", quote=True)
        return f'<span class="derived" title="{title}">{text}</span>'

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
