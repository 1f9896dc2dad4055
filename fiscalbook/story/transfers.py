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
    ("joint", (JOINT,), ("Joint responsibility (tied to a sector)", "共同财政事权（须用于相应领域）")),
    ("link", ("衔接乡村振兴",), ("Rural-revitalisation link funds", "衔接推进乡村振兴资金")),
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
