"""How the report's numbers are used: which are figures and which are excluded (and why), and
which figures the chapters of the book show.

A chapter *uses* a figure when its code names it; the code is read, never run. Reading the code
cells of each notebook, a key counts as used when it is

- a string literal (``"city.general.revenue"``), or named by a rule id (its keys on both sides)
  or an indicator id of ``derived.csv`` (the keys of its formula) written as a string literal;
- under a key prefix passed to ``select`` or ``startswith`` (``"city.transfers.general_"``); not
  a prefix passed to ``needs=``, which says what a chapter is about, not what it shows;
- in a section of the report passed to ``section`` (``"一.(七)"``), or in a rule of a section
  passed to ``rules_in``; when a variable is passed, any string literal of the notebook that
  is a section counts;
- spelled by an f-string whose placeholders are filled with string literals of the same
  notebook (``f"{area}.general.revenue"`` with ``AREAS = ("zhongning", "haiyuan")``); a name
  bound to a string literal, or a ``+`` of such strings, reads as that string;
- a measure of a used base: ``x.revenue.yoy_pct`` when ``x.revenue`` is used (tables show an
  item's measures side by side).

This over-counts rather than under-counts (a literal in a loop that skips some values still
counts them all), so a figure listed as unused is one no chapter can be showing.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fiscalbook.data.expressions import keys_in
from fiscalbook.data.load import Year

PREFIX_CALLS = ("select", "startswith")  # their string argument is a key prefix
SECTION_CALLS = ("section",)  # their string argument is a section of the report
RULE_SECTION_CALLS = ("rules_in",)  # the rules of a section of the report
# The role of a call's string arguments, by the called name.
ROLES = {**dict.fromkeys(PREFIX_CALLS, "prefix"), **dict.fromkeys(SECTION_CALLS, "section"),
         **dict.fromkeys(RULE_SECTION_CALLS, "rule_section")}
KEYISH = re.compile(r"[a-z0-9_.]+")  # text that could be (part of) a key


@dataclass
class References:
    """What a notebook's code names: strings, and strings in the roles that widen them."""

    strings: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    rule_sections: set[str] = field(default_factory=set)
    templates: list[tuple[str, list[str | None]]] = field(default_factory=list)  # (role, parts: None = a hole)

    def patterns(self) -> list[tuple[str, re.Pattern]]:
        """The templates as regular expressions, each hole filled by any string literal of the
        code (for keys and prefixes, any key-like one)."""
        keyish = _alternatives(s for s in self.strings if KEYISH.fullmatch(s))
        anything = _alternatives(self.strings)
        patterns = []
        for role, parts in self.templates:
            keylike = role in ("key", "prefix")
            if keylike and not all(part is None or KEYISH.fullmatch(part) for part in parts):
                continue  # prose, not a key: f"{count} figures"
            hole = keyish if keylike else anything
            patterns.append((role, re.compile("".join(hole if p is None else re.escape(p) for p in parts))))
        return patterns


def _alternatives(strings: Iterable[str]) -> str:
    """A regular expression matching any of ``strings`` (and nothing when there are none)."""
    ordered = sorted(set(strings), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, ordered)) + ")" if ordered else "(?!)"


def notebook_code(path: Path) -> str:
    """The code cells of a notebook, joined; cells that do not parse (magics) are left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
               for c in cells if c["cell_type"] == "code"]
    return "\n".join(s for s in sources if _parses(s))


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def references(code: str) -> References:
    """What a piece of code names as strings, and in which roles."""
    tree = ast.parse(code)
    bound = _bound_strings(tree)
    found = References()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.strings.add(node.value)
        elif isinstance(node, ast.BinOp) and _string_value(node, bound) is not None:
            found.strings.add(_string_value(node, bound))  # GOVERNANCE + "evaluated_funds"
        elif isinstance(node, ast.JoinedStr):
            found.templates.append(("key", _template(node, bound)))
        elif isinstance(node, ast.Call):
            _call_references(node, bound, found)
    found.strings |= set(bound.values())
    return found


def _bound_strings(tree: ast.AST) -> dict[str, str]:
    """Names assigned a string (or a ``+`` of strings) once, at any level: GOVERNANCE = "resolution.governance."."""
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = _string_value(node.value, bound)
            if value is not None:
                bound[node.targets[0].id] = value
    return bound


def _string_value(node: ast.AST, bound: dict[str, str]) -> str | None:
    """The string an expression stands for, when it is a literal, a bound name or their sum."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return bound.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_value(node.left, bound), _string_value(node.right, bound)
        return None if left is None or right is None else left + right
    return None


def _template(node: ast.JoinedStr, bound: dict[str, str]) -> list[str | None]:
    """An f-string as literal parts and holes (None); a hole whose name is bound is that string."""
    parts: list[str | None] = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
        else:  # a FormattedValue
            parts.append(_string_value(value.value, bound))
    return parts


def _call_references(node: ast.Call, bound: dict[str, str], found: References) -> None:
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    if name not in ROLES:
        return
    role = ROLES[name]
    for argument in node.args:
        for item in argument.elts if isinstance(argument, ast.Tuple | ast.List) else [argument]:
            value = _string_value(item, bound)
            if value is not None:
                {"prefix": found.prefixes, "section": found.sections,
                 "rule_section": found.rule_sections}[role].add(value)
            elif isinstance(item, ast.JoinedStr):
                found.templates.append((role, _template(item, bound)))
            elif role != "prefix":  # a section in a variable: any string literal of the code may be its value
                found.templates.append((role, [None]))


def used_keys(year: Year, notebooks: Iterable[Path]) -> set[str]:
    """The keys of ``year``'s facts that the notebooks' code names (see the module's note)."""
    rules = year.shared("rules").to_dict("records")
    rule_keys = {row["id"]: keys_in(row["lhs"]) + keys_in(row["rhs"]) for row in rules}
    rule_sections = {row["id"]: row["section"] for row in rules}
    formulas = {row["id"]: keys_in(row["formula"]) for row in year.shared("derived").to_dict("records")}
    names_of = {**formulas, **rule_keys}  # an id names the keys of its rule or formula
    facts = year.facts
    keys = set(facts["key"])
    sections = set(facts["section"]) | set(rule_sections.values())
    used: set[str] = set()
    for path in notebooks:
        found = references(notebook_code(path))
        for role, pattern in found.patterns():
            if role == "key":
                found.strings |= {k for k in keys | set(names_of) if pattern.fullmatch(k)}
            elif role == "prefix":
                used |= {k for k in keys if pattern.match(k)}
            else:
                matched = {s for s in sections if pattern.fullmatch(s)}
                (found.sections if role == "section" else found.rule_sections).update(matched)
        used |= found.strings & keys
        used |= {k for name in found.strings for k in names_of.get(name, [])}
        used |= {k for k in keys if k.startswith(tuple(found.prefixes))}
        used |= set(facts.loc[[_within(s, found.sections) for s in facts["section"]], "key"])
        used |= {k for rule_id, section in rule_sections.items() if _within(section, found.rule_sections)
                 for k in rule_keys[rule_id]}
    return (used | _measures_of(used, keys, _measure_names(year))) & keys


def _within(section: str, paths: set[str]) -> bool:
    """True when ``section`` is one of ``paths`` or a subsection of one."""
    return any(section == path or section.startswith(path + ".") for path in paths)


def _measure_names(year: Year) -> set[str]:
    vocab = year.shared("vocab")
    return set(vocab.loc[vocab["field"] == "measure", "code"])


def _measures_of(used: set[str], keys: set[str], measures: set[str]) -> set[str]:
    """Keys that are a measure of a used base: 'x.revenue.yoy_pct' when 'x.revenue' is used."""
    return {k for k in keys if "." in k and k.rsplit(".", 1)[1] in measures and k.rsplit(".", 1)[0] in used}


def unused_facts(year: Year, notebooks: Iterable[Path]) -> pd.DataFrame:
    """The year's figures (first statements) that no chapter uses, in report order."""
    used = used_keys(year, notebooks)
    primary = year.facts[year.facts["restates"] == ""]
    return primary[~primary["key"].isin(used)].reset_index(drop=True)


# --- the report's numbers: figures and exclusions ------------------------------------------------

EXCLUSION_COLUMNS = ["category", "tokens", "entries", "token", "context"]


def exclusion_summary(rows: Sequence[dict]) -> pd.DataFrame:
    """The exclusions (rows of exclusions.csv) by category, in order of first appearance:
    ``tokens`` is how many numbers of the report they exclude (each entry's ``count``: its
    context may occur more than once), ``entries`` how many rows of exclusions.csv they are,
    and the first entry's token and context as an example. The one place both counts come
    from, so that no page calls the one the other."""
    frame = pd.DataFrame(list(rows), columns=["token", "context", "count", "category", "reason"])
    if frame.empty:
        return pd.DataFrame(columns=EXCLUSION_COLUMNS)
    frame["count"] = frame["count"].astype(int)
    summary = frame.groupby("category", sort=False).agg(tokens=("count", "sum"), entries=("token", "size"),
                                                        token=("token", "first"), context=("context", "first"))
    return summary.reset_index()[EXCLUSION_COLUMNS]
