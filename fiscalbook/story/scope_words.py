"""Scopes named as the report words them, where the book's scope code carries a reading.

The municipal scope of a place may be the book's reading of the report's words: the report writes
"市级", and the book reads it as the municipal level including the district because other sections
say so. Where a sentence says which scope the *report* states a figure for, it names the scope as
the report words it, not as the book reads it.
"""

from __future__ import annotations

from typing import Protocol

from fiscalbook.data.places import Place


class Namer(Protocol):
    """What a chapter offers: its place, and a scope code's name in the edition's words."""

    place: Place

    def scope_name(self, scope: str, in_sentence: bool = True, remark: bool = True) -> str: ...


def as_worded(chapter: Namer, code: str, in_sentence: bool = True) -> str:
    """The name of scope ``code`` as the report words it: the municipal scope is named by the
    place's 'municipal_as_worded' scope when the place has one; any other scope by its own name."""
    municipal, worded = chapter.place.role("municipal"), chapter.place.role("municipal_as_worded")
    if municipal is not None and worded is not None and code == municipal.code:
        code = worded.code
    return chapter.scope_name(code, in_sentence=in_sentence)


# How a report names its departments directly under the city (county, district): a scope of
# department budgets that the data files under its government's own level (市直 -> 市本级).
DEPARTMENT_WORDS = {"市直": "city", "县直": "county", "区直": "district"}


def filed_scope(chapter: Namer, code: str, label_zh: str) -> str:
    """A table's scope cell for a figure of scope ``code`` and Chinese label ``label_zh``: for a
    figure the report states for the departments directly under the city ('市直部门（单位）……'),
    the report's words only (the data file it under the city's own level for want of a code of its
    own, but the report does not say how the two relate, so the cell does not name the data's
    scope); any other figure's scope as the report words it (``as_worded``)."""
    department = next((word for word in DEPARTMENT_WORDS if label_zh.startswith(word)), None)
    if department is None:
        return as_worded(chapter, code, in_sentence=False)
    words = f"{department}部门（单位）" if label_zh.startswith(f"{department}部门（单位）") else f"{department}部门"
    if getattr(chapter, "lang", "en") == "zh":
        return words
    return f"Departments (units) directly under the {DEPARTMENT_WORDS[department]} ({words})"


def quoted_scope(chapter: Namer, code: str, label_zh: str, quote: str) -> str:
    """A table's scope cell for a figure whose report sentence is ``quote``: the scope's full name
    where the sentence carries the scope's own note (市级 …（含沙坡头区）, the note read from the
    scope code's brackets), else as ``filed_scope`` names it (as the report words it)."""
    note = code.partition("（")[2].rstrip("）")
    if note and note in quote and not any(label_zh.startswith(word) for word in DEPARTMENT_WORDS):
        return chapter.scope_name(code, in_sentence=False)
    return filed_scope(chapter, code, label_zh)
