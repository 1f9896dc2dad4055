"""Measure the extractor on the corpus of real report passages (``tests/corpus/``), labelled by
hand before the extractor was run on them.

A drafted row and a label are the same figure when they have the same value (as a decimal:
46.30 = 46.3) and unit and the same rank among the rows of that value and unit (the k-th label
of 2.85 亿元 in a passage is the k-th drafted row of 2.85 亿元). Over the matched pairs, a kind
counts a pair that also agrees on:

* ``value+unit``: nothing more; ``+measure``, ``+scope``, ``+period``: that column;
* ``+item``: the drafted ``label_zh`` contains the labelled item (both without punctuation,
  brackets and spaces);
* ``all``: measure, scope, period and item.

Recall is pairs over labels, precision pairs over drafted rows. Keys are measured on a second
draft with the Zhongwei 2023 facts as ``known``: of the drafted keys that are Zhongwei keys
(carried), the share equal to the labelled ``zhongwei_key``; and of the labelled keys, the share
recovered.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from fiscalbook.extract.draft import extract

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
KNOWN = ROOT / "data" / "zhongwei" / "2023" / "facts.csv"
KINDS = ("value+unit", "+measure", "+scope", "+period", "+item", "all")
_PUNCT = re.compile(r"[\s\W_“”‘’（）()、，。：；]+")


@dataclass(frozen=True)
class Passage:
    name: str
    text: str
    year: int
    split: str
    place: str
    labels: tuple[dict[str, str], ...]  # figures, in order of appearance
    nonfigures: tuple[dict[str, str], ...]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(folder: Path = CORPUS) -> list[Passage]:
    passages = []
    for source in _read_csv(folder / "sources.csv"):
        rows = _read_csv(folder / "labels" / f"{source['file']}.csv")
        passages.append(Passage(
            source["file"], (folder / "passages" / f"{source['file']}.txt").read_text(encoding="utf-8"),
            int(source["report_year"]), source["split"], source["place_slug"],
            tuple(r for r in rows if not r["category"]), tuple(r for r in rows if r["category"])))
    return passages


def number_tokens(text: str) -> set[str]:
    """The numbers of a text as digits: spaces and thousands separators removed."""
    flat = re.sub(r"(?<=\d),(?=\d{3})", "", re.sub(r"\s", "", text))
    return set(re.findall(r"\d+(?:\.\d+)?", flat))


def _number(value: str) -> Decimal | str:
    try:
        return Decimal(value)
    except InvalidOperation:
        return value


def _plain(text: str) -> str:
    return _PUNCT.sub("", text)


def agrees(kind: str, label: dict[str, str], row: dict[str, str]) -> bool:
    checks = {
        "value+unit": True,
        "+measure": row["measure"] == label["measure"],
        "+scope": row["scope"] == label["scope"],
        "+period": row["period"] == label["period"],
        "+item": _plain(label["item"]) in _plain(row["label_zh"]),
    }
    return all(checks.values()) if kind == "all" else checks[kind]


def match(labels: tuple[dict[str, str], ...], rows: list[dict[str, str]]) -> list[tuple[dict, dict | None]]:
    """Each label with the drafted row of the same value, unit and rank among them (or None)."""
    by_key: dict[tuple, list[dict]] = {}
    for row in rows:
        by_key.setdefault((_number(row["value"]), row["unit"]), []).append(row)
    seen: Counter[tuple] = Counter()
    pairs = []
    for label in labels:
        key = (_number(label["value"]), label["unit"])
        found = by_key.get(key, [])
        pairs.append((label, found[seen[key]] if seen[key] < len(found) else None))
        seen[key] += 1
    return pairs


@dataclass
class Tally:
    labels: int = 0
    drafted: int = 0
    pairs: Counter[str] = field(default_factory=Counter)
    carried: int = 0  # drafted keys (with known) that are Zhongwei keys
    carried_right: int = 0  # ... equal to the labelled zhongwei_key
    labelled_keys: int = 0
    keys_recovered: int = 0
    problems: list[str] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.pairs[kind] / self.labels if self.labels else 1.0

    def precision(self, kind: str) -> float:
        return self.pairs[kind] / self.drafted if self.drafted else 1.0

    def table(self, title: str) -> str:
        lines = [f"{title}: {self.labels} labelled figures, {self.drafted} drafted rows",
                 f"{'kind':<11} {'recall':>16} {'precision':>16}"]
        for kind in KINDS:
            lines.append(f"{kind:<11} {self.pairs[kind]:>4}/{self.labels:<4} {self.recall(kind):>6.1%} "
                         f"{self.pairs[kind]:>4}/{self.drafted:<4} {self.precision(kind):>6.1%}")
        share = self.carried_right / self.carried if self.carried else 1.0
        lines.append(f"carried keys equal to the label: {self.carried_right}/{self.carried} = {share:.1%}; "
                     f"labelled keys recovered: {self.keys_recovered}/{self.labelled_keys}")
        return "\n".join(lines)


def known_facts(path: Path = KNOWN) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def score(passage: Passage, tally: Tally, known: pd.DataFrame) -> None:
    rows = extract(passage.text, passage.year).facts
    tally.labels += len(passage.labels)
    tally.drafted += len(rows)
    for label, row in match(passage.labels, rows):
        what = f"{passage.name}: {label['value']} {label['unit']} {label['measure']} {label['scope']} {label['item']}"
        if row is None:
            tally.problems.append(f"{what}: not drafted")
            continue
        for kind in KINDS:
            tally.pairs[kind] += agrees(kind, label, row)
        wrong = [f"{c} {row[c]!r}" for c in ("measure", "scope", "period") if row[c] != label[c]]
        if not agrees("+item", label, row):
            wrong.append(f"label_zh {row['label_zh']!r}")
        if wrong:
            tally.problems.append(f"{what}: drafted " + ", ".join(wrong))
    matched = {id(row) for _, row in match(passage.labels, rows) if row is not None}
    for row in rows:
        if id(row) not in matched:
            tally.problems.append(f"{passage.name}: drafted {row['value']} {row['unit']} {row['measure']} "
                                  f"'{row['label_zh']}', not a labelled figure")
    keyed = extract(passage.text, passage.year, known=known).facts
    zhongwei = set(known["key"])
    for label, row in match(passage.labels, keyed):
        tally.labelled_keys += bool(label["zhongwei_key"])
        tally.keys_recovered += bool(label["zhongwei_key"]) and row is not None and row["key"] == label["zhongwei_key"]
    right = {id(row) for label, row in match(passage.labels, keyed)
             if row is not None and row["key"] == label["zhongwei_key"]}
    for row in keyed:
        if row["key"] in zhongwei:
            tally.carried += 1
            tally.carried_right += id(row) in right
            if id(row) not in right:
                tally.problems.append(f"{passage.name}: {row['value']} {row['unit']} carried key {row['key']}")


def evaluate(passages: list[Passage], known: pd.DataFrame | None = None) -> dict[str, Tally]:
    """A tally per split."""
    known = known_facts() if known is None else known
    tallies: dict[str, Tally] = {}
    for passage in passages:
        score(passage, tallies.setdefault(passage.split, Tally()), known)
    return tallies
