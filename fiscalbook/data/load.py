"""Load a validated year of facts for the notebooks: by key, by section, in any money unit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from fiscalbook.data.expressions import Interval
from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE
from fiscalbook.data.places import Place, load_place, place_dir
from fiscalbook.data.problems import DataError
from fiscalbook.data.provenance import ReportText
from fiscalbook.data.tables import Table
from fiscalbook.data.units import convert, is_money
from fiscalbook.data.validate import shared_table_paths, validate


@dataclass(frozen=True)
class Fact:
    """One figure of the report, with what is needed to show and trace it."""

    id: str
    key: str
    fiscal_year: int
    period: str
    scope: str
    budget: str
    item: str
    measure: str
    value: float
    text: str  # the value as written (decimals kept): "46.30"
    unit: str
    label_en: str
    label_zh: str
    qualifier_en: str  # stated with the figure and shown with it: 'per person per month'
    qualifier_zh: str  # 每人每月 (placed before the figure in Chinese)
    unit_en: str  # what a count counts, 'singular|plural', when the unit's label does not fit
    section: str
    quote: str
    line: int  # line of report.txt where the figure stands
    note: str

    @property
    def interval(self) -> Interval:
        """What the written digits allow the true value to be."""
        return Interval.written(self.text)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def qualifier(self, lang: str) -> str:
        return self.qualifier_zh if lang == "zh" else self.qualifier_en

    def in_unit(self, unit: str) -> float:
        return convert(self.value, self.unit, unit)


class Year:
    """The facts of one report year, validated, with lookups for notebooks and rules."""

    def __init__(self, year: int, data_dir: Path, facts: pd.DataFrame, report: ReportText,
                 place: Place | None = None) -> None:
        self.year = year
        self.data_dir = data_dir
        self.place = place
        self.place_id = place.id if place else DEFAULT_PLACE
        self.facts = facts
        self.report = report
        primary = facts[facts["restates"] == ""]
        self._by_key = {row.key: row for row in primary.itertuples(index=False)}

    def has(self, key: str) -> bool:
        return key in self._by_key

    def fact(self, key: str) -> Fact:
        """The first statement of the figure with this key."""
        try:
            row = self._by_key[key]
        except KeyError:
            raise KeyError(f"no fact with key '{key}' in {self.year}") from None
        return Fact(**{name: getattr(row, name) for name in Fact.__dataclass_fields__})

    def value(self, key: str, unit: str | None = None) -> float:
        """A figure's value, converted to ``unit`` when given (亿元 ↔ 万元 ↔ 元)."""
        fact = self.fact(key)
        return fact.value if unit is None else fact.in_unit(unit)

    def interval(self, key: str, unit: str | None = None) -> Interval:
        """A figure as the interval its digits allow, in ``unit`` for money."""
        fact = self.fact(key)
        scale = convert(1.0, fact.unit, unit) if unit and is_money(fact.unit) else 1.0
        return Interval.written(fact.text, scale)

    def section(self, path: str, *, restatements: bool = False) -> pd.DataFrame:
        """The facts of a section and its subsections, in report order."""
        rows = self.facts[(self.facts["section"] == path) | self.facts["section"].str.startswith(path + ".")]
        if not restatements:
            rows = rows[rows["restates"] == ""]
        return rows.reset_index(drop=True)

    def select(self, prefix: str) -> pd.DataFrame:
        """Primary facts whose key starts with ``prefix`` (e.g. 'city.transfers.general_')."""
        rows = self.facts[self.facts["key"].str.startswith(prefix) & (self.facts["restates"] == "")]
        return rows.reset_index(drop=True)

    def shared(self, name: str) -> pd.DataFrame:
        """A year-independent table (rules, derived, vocab, glossary) with the place's own rows."""
        return read_shared(name, self.data_dir, self.place_id)

    @cached_property
    def restated(self) -> pd.DataFrame:
        return self.facts[self.facts["restates"] != ""].reset_index(drop=True)


def _facts_frame(table: Table, claimed: dict, report: ReportText) -> pd.DataFrame:
    frame = pd.DataFrame(table.rows, columns=table.columns)
    frame["text"] = frame["value"]
    frame["value"] = frame["value"].astype(float)
    frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    frame["line"] = [report.line_col(claimed[i].start)[0] for i in frame["id"]]
    return frame


def load_year(year: int, data_dir: Path | str | None = None, place: str | None = None) -> Year:
    """Validate and load ``data_dir/<place>/<year>`` (the default place when none is named);
    raises DataError listing every problem. A relative ``data_dir`` is found as
    ``resolve_data_dir`` says (from the working folder or from ``notebooks/``)."""
    data_dir = resolve_data_dir(data_dir)
    checked = validate(data_dir, int(year), place)
    if checked.problems:
        raise DataError(checked.problems)
    frame = _facts_frame(checked.facts, checked.claimed, checked.report)
    return Year(int(year), data_dir, frame, checked.report, checked.place)


def resolve_data_dir(data_dir: Path | str | None) -> Path:
    """The data folder a notebook names. A relative path is tried from the working folder and
    then from ``notebooks/``, so that a notebook's default ``../data`` works whether it runs
    in Jupyter (working folder ``notebooks/``) or with papermill from the repository root."""
    if data_dir is None:
        return DEFAULT_DATA_DIR
    path = Path(data_dir)
    if path.is_dir() or path.is_absolute():
        return path
    beside_notebooks = DEFAULT_DATA_DIR.parent / "notebooks" / path
    return beside_notebooks.resolve() if beside_notebooks.is_dir() else path


def labels_of_all_years(data_dir: Path | str, place: str | None = None) -> dict[str, tuple[str, str, str]]:
    """(label_en, label_zh, scope) of every key stated in any year of a place, the latest
    year's wording first: how a chapter names a figure that this year's report leaves out."""
    labels: dict[str, tuple[str, str, str]] = {}
    for folder in sorted(place_dir(data_dir, place).glob("[0-9][0-9][0-9][0-9]"), reverse=True):
        path = folder / "facts.csv"
        if path.is_file():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False,
                                usecols=["key", "label_en", "label_zh", "scope"])
            for row in frame.itertuples(index=False):
                labels.setdefault(row.key, (row.label_en, row.label_zh, row.scope))
    return labels


def read_shared(name: str, data_dir: Path | str | None = None, place: str | None = None) -> pd.DataFrame:
    """A year-independent table (rules, derived, vocab, glossary) as text columns, followed by
    the place's own rows: its rules and derived indicators, and in vocab its scopes' labels."""
    data_dir = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for kind, path in shared_table_paths(data_dir, place)
              if kind == name]
    if name == "vocab":
        scopes = load_place(data_dir, place).scopes
        frames.append(pd.DataFrame([{"field": "scope", "code": s.code, "label_en": s.en, "label_zh": s.zh}
                                    for s in scopes], columns=frames[0].columns))
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
