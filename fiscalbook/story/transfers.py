"""Transfer payments, for the transfers chapter (08): the general transfer lines grouped by what
their names say of their use, and the shares that follow."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.story.arithmetic import percent

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

JOINT = "共同财政事权"  # the report's name for joint-responsibility transfers, in each such line's label
# Words of a line's Chinese label that name a use, a place or a purpose the money comes with:
# the group's id, the words, and its name in each language.
GROUPS = (
    ("joint", (JOINT,), ("Joint responsibility (共同财政事权)", "共同财政事权")),
    ("link", ("衔接乡村振兴",), ("Linking poverty-alleviation gains with rural revitalisation",
                                 "巩固脱贫攻坚成果衔接乡村振兴")),
    ("area", ("重点生态功能区",), ("Key ecological function zones", "重点生态功能区")),
    ("relief", ("退税", "减税降费"), ("Compensation for tax relief", "退税减税降费补助")),
)
OTHER = ("Other lines: no use named in the line's name", "其他项目：名称中未写明用途")


def group_of(label_zh: str) -> str:
    """The group a general transfer line belongs to by the words of its Chinese name, or 'other'."""
    return next((group for group, words, _ in GROUPS if any(word in label_zh for word in words)), "other")


def grouped(lines: pd.DataFrame) -> pd.DataFrame:
    """The general transfer lines with a column 'group' (see GROUPS)."""
    return lines.assign(group=[group_of(label) for label in lines["label_zh"]])


def group_name(group: str, lang: str) -> str:
    names = {group: name for group, _, name in GROUPS} | {"other": OTHER}
    return names[group][1 if lang == "zh" else 0]


def group_sum(lines: pd.DataFrame, groups: tuple[str, ...]) -> float:
    """The lines of ``groups`` together (NaN when none)."""
    chosen = grouped(lines)
    chosen = chosen[chosen["group"].isin(groups)]
    return chosen["value"].sum() if len(chosen) else float("nan")


def group_share(lines: pd.DataFrame, groups: tuple[str, ...], total: float) -> float:
    """The lines of ``groups`` together, as a percentage of ``total`` (NaN when none)."""
    return percent(group_sum(lines, groups), total)


def sector(ch: Chapter, key: str) -> str:
    """The sector of a joint-responsibility line: its name without the remark or the kind of
    transfer ('Health care (joint responsibility)' -> 'health care'; '医疗卫生共同财政事权…' -> '医疗卫生')."""
    if ch.lang == "zh":
        return ch.name_of(key).split(JOINT)[0]
    return re.sub(r"\s*\([^)]*\)$", "", ch.name_of(key, in_sentence=True))


def names(ch: Chapter, lines: pd.DataFrame, group: str) -> str:
    """The names of the lines of ``group``, as the report names them, for a sentence
    ('' when the group has none)."""
    keys = grouped(lines).loc[lambda frame: frame["group"] == group, "key"]
    return ch.t(" and ", "和").join(ch.name_of(key, in_sentence=True) for key in keys)


NAME_NOTE = re.compile(r"The report writes (\S+) .*the budget category is (\S+) ")


def label_notes(ch: Chapter, keys: list[str]) -> list[str]:
    """What the notes of facts.csv say of a line's name where the report's words depart from the
    budget category (“The report writes 文化旅游教育与传媒 …; the budget category is …”): in English
    the note as written; in Chinese, that the table keeps the report's words (原文如此) and the
    category's name."""
    found = [(key, NAME_NOTE.match(ch.fact(key).note)) for key in keys if ch.has(key)]
    if ch.lang != "en":
        return [f"“{ch.fact(key).label_zh}”原文如此，规范科目名称中“{match[1]}”作“{match[2]}”。"
                for key, match in found if match]
    return [f"{ch.name_of(key)} ({ch.fact(key).label_zh}): {ch.fact(key).note}" for key, match in found if match]


def say_label_notes(ch: Chapter, keys: list[str]) -> None:
    """A note under a table for each line whose English name corrects the report's words."""
    for note in label_notes(ch, keys):
        ch.say(en="Note on a name: {note}", zh="{note}", note=note)
