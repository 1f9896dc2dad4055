"""What chapter 07 (delivering the congress resolution) needs beside debt.py: the kind of each
amount of money, read from the verb its sentence puts before it (拨付 paid out; 筹措, 筹集, 统筹,
争取 raised, pooled or won; 续存 kept on deposit), and the figures of its tables as the report
words a change ('下降20.2%', not '-20.2%')."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

# Each verb the report puts before an amount, and the kind of money it names.
VERBS = {"拨付": "paid", "续存": "deposit", "筹措": "raised", "筹集": "raised", "统筹": "raised", "争取": "raised"}
KINDS = {  # the kinds in the order they are listed, with their words in each edition
    "paid": ("paid out", "拨付的资金"),
    "raised": ("raised, pooled or won", "筹措、筹集、统筹或争取的资金"),
    "deposit": ("kept on deposit", "续存的资金"),
    "other": ("of a kind the sentence does not name by these verbs", "原句未用上述动词说明性质的资金"),
}
CHANGES = ("change_pct", "yoy_pct")


def verb_of(quote: str, text: str) -> str:
    """The verb of VERBS nearest before the amount ``text`` (as written, '1.3') in its sentence
    ``quote``; '' when none stands before it."""
    place = quote.replace(" ", "").find(text)
    before = quote.replace(" ", "")[: place if place >= 0 else None]
    found = {verb: before.rfind(verb) for verb in VERBS if verb in before}
    return max(found, key=found.get) if found else ""


def kinds(ch: Chapter, keys: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The amounts of ``keys`` by kind (KINDS order, kinds without an amount left out): each as
    (key, verb)."""
    found: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for key in keys:
        fact = ch.fact(key)
        verb = verb_of(fact.quote, fact.text)
        found[VERBS.get(verb, "other")].append((key, verb))
    return {kind: listed for kind, listed in found.items() if listed}


def written(ch: Chapter, key: str) -> str:
    """An amount as the report writes it, with its unit and no conversion ('1.3 亿元' / '1.3亿元'): a
    solution's list repeats the report's figures, not figures of its own."""
    fact = ch.fact(key)
    return ch.t(f"{fact.text} {fact.unit}", f"{fact.text}{fact.unit}")


def kinds_text(ch: Chapter, keys: list[str]) -> str:
    """The amounts by kind, as a sentence's list: 'paid out: heating …, 1.3 亿元 (拨付); raised, …'."""
    parts = []
    for kind, listed in kinds(ch, keys).items():
        amounts = ch.t(", ", "，").join(
            ch.t(f"{ch.name_of(key, in_sentence=True)}, {written(ch, key)}{f' ({verb})' if verb else ''}",
                 f"{ch.name_of(key)}{written(ch, key)}{f'（{verb}）' if verb else ''}") for key, verb in listed)
        english, chinese = KINDS[kind]
        parts.append(ch.t(f"{english}: {amounts}", f"{chinese}：{amounts}"))
    return ch.t("; ", "；").join(parts)


def stated_changes(ch: Chapter, table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """A figures table whose changes read as the report words them ('下降20.2%', 'down 20.2%'),
    not as a signed number: the column of figures as stated, for the rows of a change or growth rate."""
    column = ch.t("Figure as stated", "报告数")
    for position, key in enumerate(keys):
        if ch.has(key) and ch.fact(key).measure in CHANGES:
            table.loc[position, column] = ch.change(key)
    return table
