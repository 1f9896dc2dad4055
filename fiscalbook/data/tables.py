"""Read a CSV file and check it against its Frictionless Table Schema.

The schema files in ``data/schemas/`` are the single description of every table; this module
applies the subset of Table Schema the project uses (string/integer/number types, required,
unique, pattern, enum, minimum, primary key) fast, and reports each problem with the file, line
and column where it is. ``tests/test_data.py`` checks that the frictionless library itself
agrees.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fiscalbook.data.markup import find_markup, markup_refused
from fiscalbook.data.problems import Problem, whole_file


@dataclass
class Table:
    """Rows of a CSV file as text, each with the line it starts on."""

    path: Path
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def column_number(self, name: str) -> int:
        return self.columns.index(name) + 1 if name in self.columns else 1


@cache
def load_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def read_text_file(path: Path, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file; on failure add one problem and return None."""
    if not path.is_file():
        problems.append(whole_file(path, "file is missing"))
        return None
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM, as spreadsheet programs write it
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(
            Problem(str(path), line, column, "file is not UTF-8 text (save it as UTF-8, e.g. not GBK)")
        )
        return None
    if not text.strip():
        problems.append(whole_file(path, "file is empty"))
        return None
    return text


def read_table(path: Path, schema: dict, problems: list[Problem]) -> Table | None:
    """Read ``path`` and check it against ``schema``; problems are appended, never raised."""
    text = read_text_file(path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    table = Table(path, [h.strip() for h in header])
    if not _check_header(table, schema, problems):
        return None
    expected = len(table.columns)
    previous_end = reader.line_num
    for record in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != expected:
            problems.append(
                Problem(str(path), line, 1, f"row has {len(record)} fields, header has {expected}")
            )
            continue
        table.rows.append(dict(zip(table.columns, record, strict=True)))
        table.lines.append(line)
    _check_fields(table, schema, problems)
    _check_primary_key(table, schema, problems)
    return table


def _check_header(table: Table, schema: dict, problems: list[Problem]) -> bool:
    names = [f["name"] for f in schema["fields"]]
    ok = True
    for number, name in enumerate(table.columns, start=1):
        if name not in names:
            problems.append(Problem(str(table.path), 1, number, f"unexpected column '{name}'"))
            ok = False
        elif table.columns.index(name) != number - 1:
            problems.append(Problem(str(table.path), 1, number, f"column '{name}' appears twice"))
            ok = False
    for name in names:
        if name not in table.columns:
            problems.append(Problem(str(table.path), 1, 1, f"missing column '{name}'"))
            ok = False
    return ok


def _check_fields(table: Table, schema: dict, problems: list[Problem]) -> None:
    for spec in schema["fields"]:
        name = spec["name"]
        column = table.column_number(name)
        seen: dict[str, int] = {}
        for row, line in zip(table.rows, table.lines, strict=True):
            value = row[name]
            message = _field_problem(value, spec)
            if message is None and spec.get("constraints", {}).get("unique") and value:
                if value in seen:
                    message = f"duplicate value '{value}' (first on line {seen[value]})"
                seen.setdefault(value, line)
            if message:
                problems.append(Problem(str(table.path), line, column, f"{name}: {message}"))


def _field_problem(value: str, spec: dict) -> str | None:
    constraints = spec.get("constraints", {})
    if value != value.strip():
        return f"'{value}' has leading or trailing spaces"
    if value == "":
        return "is required but empty" if constraints.get("required") else None
    kind = spec.get("type", "string")
    if kind == "integer" and not re.fullmatch(r"-?\d+", value):
        return f"'{value}' is not a whole number"
    if kind == "number" and not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return f"'{value}' is not a number (write digits, a point and no thousands separator)"
    if "enum" in constraints and value not in constraints["enum"]:
        return f"'{value}' is not one of: {', '.join(constraints['enum'])}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"'{value}' does not match the pattern {constraints['pattern']}"
    if "minimum" in constraints and kind in ("integer", "number"):
        if float(value) < constraints["minimum"]:
            return f"{value} is below the minimum {constraints['minimum']}"
    if "\n" in value:
        return "contains a line break"
    markup = find_markup(value) if kind == "string" and markup_refused() else None
    if markup:
        return f"contains markup ('{markup}'): data is plain text, write it without tags, entities, links or roles"
    return None


def _check_primary_key(table: Table, schema: dict, problems: list[Problem]) -> None:
    key = schema.get("primaryKey")
    if not key or len(key) == 1:  # a one-field key is checked as 'unique' on that field
        return
    seen: dict[tuple[str, ...], int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        value = tuple(row[name] for name in key)
        if value in seen:
            problems.append(
                Problem(str(table.path), line, table.column_number(key[0]),
                        f"duplicate {'+'.join(key)} {value} (first on line {seen[value]})")
            )
        seen.setdefault(value, line)
