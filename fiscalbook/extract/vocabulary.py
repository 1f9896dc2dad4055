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
ITEM_TAILS = ("", "收入", "支出", "资金", "等资金", "转移支付收入", "转移支付", "经费支出", "决算数", "补助收入")


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


# A level named inside a compound (区市级认定, 省市县), as a recipient (补助沙坡头区, 上解市级) or as
# the source of an item (市级财税返还和补助收入) is not the figure's scope; nor is the whole a
# figure is ranked in (排名全州第6位, 居全市前列). 城区 is a district's name, not 主城区 or 老城区.
NOT_SCOPE_BEFORE = r"(?<![区省县市乡])(?<!补助)(?<!对)(?<!向)(?<!上解)(?<!排名)(?<!居)(?<!列)"
NOT_SCOPE_AFTER = r"(?!认定|财税返还|返还和补助|第\d|前列|首位|前\d|之首)"
# A place's own level written with its name: 合川级税收 (the district's share). The name is two
# characters at the start of a clause, none of them a level or a quantity word (上级, 各级, 两级).
CHENGQU_BEFORE = "一般公共|政府性|社会保险|国有资本|财政|本级|地方|税收|收入|支出|全年|累计|完成|实现|债务|政府"
NAME_LEVEL = re.compile(r"([\u4e00-\u9fff]{2}级)(?=税收|收入|支出|财政|一般公共|政府性|地方)")
NOT_IN_NAME_LEVEL = frozenset("上下本各同省市县区镇乡村州盟旗两三一二四五等层全每超升降年加")


@cache
def scope_pattern() -> re.Pattern[str]:
    names = "|".join(f"(?<![主老新旧])城区(?={CHENGQU_BEFORE})" if e.phrase == "城区" else re.escape(e.phrase)
                     for e in scopes())
    return re.compile(rf"{NOT_SCOPE_BEFORE}({names}){NOT_SCOPE_AFTER}")


def name_level(core: str) -> ScopeEntry | None:
    """合川级税收…: the place's own level named by the place, at the start of ``core``."""
    m = NAME_LEVEL.match(core)
    if m is None or set(m.group(1)[:2]) & NOT_IN_NAME_LEVEL:
        return None
    return ScopeEntry(m.group(1), m.group(1), "own")


def scope_entry(phrase: str) -> ScopeEntry:
    return next((e for e in scopes() if e.phrase == phrase), None) or ScopeEntry(phrase, phrase, "own")


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
