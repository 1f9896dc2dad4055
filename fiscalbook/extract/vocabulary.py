"""The item and scope vocabularies (``items.csv``, ``scopes.csv`` beside this module): the
words of public-finance reports that name an item or a government, with their slugs and
labels. Both are plain CSV so that a person can read and extend them."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What may follow an item's name and still name the same item (增值税税收返还 + 收入).
ITEM_TAILS = ("", "收入", "支出", "资金", "转移支付收入", "转移支付", "经费支出", "决算数")


@dataclass(frozen=True)
class ItemEntry:
    phrase: str
    within: str  # a word that must be in the list header or section title, or ""
    budget: str  # "" when the budget comes from the context (支出, 上年结转)
    item: str
    label_en: str
    label_zh: str
    review: str = ""  # what a person must check when a figure is read as this entry


@dataclass(frozen=True)
class ScopeEntry:
    phrase: str
    scope: str
    prefix: str


def _read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def items() -> tuple[ItemEntry, ...]:
    rows = [ItemEntry(**row) for row in _read("items.csv")]
    return tuple(sorted(rows, key=lambda e: -len(e.phrase)))


@cache
def scopes() -> tuple[ScopeEntry, ...]:
    rows = [ScopeEntry(r["phrase"], r["scope"], r["prefix"]) for r in _read("scopes.csv")]
    return tuple(sorted(rows, key=lambda e: -len(e.phrase)))


@cache
def scope_pattern() -> re.Pattern[str]:
    # A level named inside a compound (区市级认定, 省市县) or as a recipient (补助沙坡头区) is not
    # the figure's scope.
    names = "|".join(re.escape(e.phrase) for e in scopes())
    return re.compile(rf"(?<![区省县市乡])(?<!补助)(?<!对)(?<!向)({names})(?!认定)")


def scope_entry(phrase: str) -> ScopeEntry:
    return next(e for e in scopes() if e.phrase == phrase)


def find_item(phrase: str, context: str = "") -> tuple[ItemEntry, int, int] | None:
    """The entry naming the item of ``phrase``, with where it stands in the phrase. The head
    of a Chinese noun phrase is at its end, so an entry ending the phrase (allowing a tail
    such as 收入) wins; otherwise the longest entry inside it."""
    best_inside = None
    for entry in items():
        if entry.within and entry.within not in context:
            continue
        at = phrase.rfind(entry.phrase)
        if at < 0:
            continue
        tail = phrase[at + len(entry.phrase) :]
        if tail in ITEM_TAILS:
            return entry, at, len(phrase)
        if best_inside is None and len(entry.phrase) >= 4:
            best_inside = (entry, at, at + len(entry.phrase))
    return best_inside
