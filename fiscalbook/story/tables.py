"""Tables of figures: one row per item with its figures as written, units in the header where
the rows share one, implied amounts, the source, and the identities that check the total."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html import unescape

import pandas as pd
from IPython.display import HTML, display

from fiscalbook.data.load import Fact
from fiscalbook.data.markup import escape_html, sanitize
from fiscalbook.data.validate import BASE_MEASURES
from fiscalbook.story import fmt
from fiscalbook.story.checks import Checks
from fiscalbook.story.figures import RATE_UNITS, Figures
from fiscalbook.story.indicators import ABOUT_ZERO, Indicators
from fiscalbook.story.unstated import Unstated, is_missing
from fiscalbook.story.words import Words


def measure_key(base: str, measure: str) -> str:
    """The key of an item's figure for a measure: 'x.revenue' + 'yoy_pct' -> 'x.revenue.yoy_pct'."""
    return base if measure in BASE_MEASURES else f"{base}.{measure}"


class Tables:
    """Frames of the year's figures, and their display with caption, checks and notes."""

    def __init__(self, words: Words, figures: Figures, indicators: Indicators, checks: Checks,
                 unstated: Unstated) -> None:
        self.words, self.figures, self.indicators = words, figures, indicators
        self.checks, self.unstated = checks, unstated

    def facts_table(self, bases: Sequence[str], measures: Sequence[str] = ("amount",),
                    labels: dict[str, str] | None = None, implied: Sequence[str] = ()) -> pd.DataFrame:
        """One row per item (a base key), one column per measure, then implied amounts
        (kinds of ``implied``, marked as derived), then the source.

        Cells hold the figures as written; a header carries the unit when every row shares it,
        otherwise each cell does. ``labels`` may override an item's label (by base key). An
        item of which the report states none of these figures is left out and noted."""
        has = self.figures.has
        present = [b for b in bases if any(has(measure_key(b, m)) for m in measures)]
        for base in bases:
            if base not in present:
                self.unstated.key(base if base in self.words.known_labels else measure_key(base, measures[0]))
        columns = {measure: self.column(self.words.label("measure", measure),
                                        [measure_key(b, measure) for b in present]) for measure in measures}
        implied_columns = {kind: self.column(self.indicators.implied_label(kind), [b for b in present if has(b)])
                           for kind in implied}
        rows = [self.row(base, (labels or {}).get(base), columns, implied_columns) for base in present]
        return pd.DataFrame(rows, columns=self.table_columns(columns, implied_columns))

    def row(self, base: str, label: str | None, columns: dict, implied_columns: dict) -> dict[str, str]:
        """An item's row of a facts table: its label, its figures, implied amounts and source."""
        t, lang = self.words.t, self.words.lang
        fact = self.figures.fact(next(measure_key(base, m) for m in columns if self.figures.has(measure_key(base, m))))
        row = {t("Item", "项目"): escape_html(label or fact.label(lang))}
        if lang == "en":
            row["中文"] = escape_html(fact.label_zh)
        for measure, (header, shared_unit) in columns.items():
            row[header] = self.cell(measure_key(base, measure), shared_unit)
        for kind, (header, shared_unit) in implied_columns.items():
            row[header] = self.implied_cell(base, kind, fact.unit, shared_unit)
        row[t("Source", "出处")] = self.source_cell(fact)
        return row

    def table_columns(self, columns: dict, implied_columns: dict) -> list[str]:
        """The columns of a facts table, in order."""
        t = self.words.t
        names = [t("Item", "项目")] + (["中文"] if self.words.lang == "en" else [])
        names += [header for header, _ in columns.values()] + [header for header, _ in implied_columns.values()]
        return names + [t("Source", "出处")]

    def column(self, name: str, keys: Sequence[str]) -> tuple[str, bool]:
        """A column header, with the unit when every row's figure shares one, and whether it has."""
        units = {self.figures.fact(key).unit for key in keys if self.figures.has(key)}
        if len(units) != 1:
            return name, False
        unit = units.pop()
        if unit not in RATE_UNITS:
            name += self.words.t(f" ({unit}, {self.words.unit_name(unit)})", f"（{unit}）")
        return name, True

    def cell(self, key: str, shared_unit: bool) -> str:
        """A figure as written for a cell, with its unit unless the header carries it."""
        if not self.figures.has(key):
            return "—"
        fact = self.figures.fact(key)
        text = fmt.group(fact.text) if shared_unit else self.words.with_unit(fact.text, fact.unit)
        return self.figures.qualified(fact, text)

    def implied_cell(self, base: str, kind: str, unit: str, shared_unit: bool) -> str:
        """An implied amount for a cell, marked as derived; a dash when it cannot be computed."""
        frame, indicator_id = self.indicators.indicators, f"{base}.implied_{kind}"
        if indicator_id not in frame.index or is_missing(frame.loc[indicator_id, "value"]):
            return "—"
        row = frame.loc[indicator_id]
        if fmt.straddles_zero(row["low"], row["high"]):
            return self.figures.derived(self.words.t(*ABOUT_ZERO), row["formula"])
        places = min(2, fmt.places_for(row["low"], row["high"]))
        text = fmt.decimal(row["value"], places)
        return self.figures.derived(text if shared_unit else self.words.with_unit(text, unit), row["formula"])

    def source_cell(self, fact: Fact) -> str:
        """Where the report states a figure, for a cell, with its sentence as a tooltip."""
        where = self.words.t(f"{fact.section} · L{fact.line}", f"{fmt.section_zh(fact.section)} · 第{fact.line}行")
        return self.figures.traced(fact, where, figure=False)

    def figures_table(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Every figure of ``rows`` (facts from ch.data.section or ch.data.select), one per row,
        as the report writes it with its unit and measure, and where the report states it (a
        figure the report repeats is sourced to the line of the row, not to its first statement)."""
        t, lang, table = self.words.t, self.words.lang, []
        where = [column for column in ("section", "line", "quote") if column in rows.columns]
        for _, row in rows.iterrows():
            key = row["key"]
            fact = replace(self.figures.fact(key), **{column: row[column] for column in where})
            table.append({
                t("Item", "项目"): escape_html(fact.label(lang)),
                **({"中文": escape_html(fact.label_zh)} if lang == "en" else {}),
                t("Measure", "指标"): self.words.label("measure", fact.measure),
                t("Figure as stated", "报告数"): self.figures(key),
                t("Source", "出处"): self.source_cell(fact),
            })
        return pd.DataFrame(table)

    def table(self, frame: pd.DataFrame, caption: str = "", check: str | Sequence[str] = (),
              collapsed: str = "") -> None:
        """Display a table with its caption; ``check`` names identities of rules.csv to state
        under it; ``collapsed`` folds a long table away behind that summary line. Every cell
        is sanitized: labels show as text, never as markup. Wide tables scroll in their box, a
        region named by the caption (a folded table without one is captioned by its summary)."""
        safe = frame.rename(columns=lambda c: sanitize(str(c), markdown=False))
        safe = safe.map(lambda cell: sanitize(str(cell), markdown=False))
        body = safe.to_html(index=False, escape=False, border=0, classes="fiscal-table")
        caption = sanitize(caption or collapsed, markdown=False)  # a folded table: its summary line
        if caption:
            body = body.replace("<thead>", f"<caption>{caption}</caption>\n<thead>", 1)
        label = escape_html(unescape(re.sub(r"<[^>]*>", "", caption)))  # the caption's text
        parts = [f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{body}</div>']
        checks = [check] if isinstance(check, str) else list(check)
        if checks:
            parts.append(self.checks.html(checks))
        note = self.unstated.note()
        if note:
            parts.append(f"<p class='table-note'>{sanitize(note.strip(), markdown=False)}</p>")
        html = "\n".join(parts)
        summary = sanitize(collapsed, markdown=False)
        display(HTML(f"<details><summary>{summary}</summary>\n{html}\n</details>" if collapsed else html))
