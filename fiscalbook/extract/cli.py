"""The extractor's command line (scripts/extract_facts.py only parses arguments)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from fiscalbook.data.problems import Problem
from fiscalbook.data.tables import read_table, read_text_file
from fiscalbook.extract import schema
from fiscalbook.extract.draft import extract, write_draft


def run(report: Path, year: int, output: Path, exclusions: Path | None, known: Path | None) -> int:
    """Draft, write, and print what to review; 2 on bad input, else 0."""
    problems: list[Problem] = []
    text = read_text_file(report, problems)
    known_frame = _read_known(known, problems) if known is not None else None
    if problems:
        for problem in problems:
            print(problem)
        return 2
    draft = extract(text, year, known=known_frame)
    write_draft(draft, output, exclusions)
    for line, column, message in draft.review:
        print(f"{report}:{line}:{column}: {message}")
    print(f"{output}: {len(draft.facts)} facts; {len(draft.exclusions)} exclusions; "
          f"{len(draft.review)} to review", file=sys.stderr)
    return 0


def _read_known(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    """The previous year's facts, checked against the facts schema."""
    table = read_table(path, {"fields": [{"name": c} for c in _known_columns(path)]}, problems)
    if table is None:
        return None
    missing = [c for c in ("key", "scope", "budget", "item", "measure", "period", "fiscal_year", "label_zh")
               if c not in table.columns]
    if missing:
        problems.append(Problem(str(path), 1, 1, f"not a facts table: no column {', '.join(missing)}"))
        return None
    return pd.DataFrame(table.rows, columns=table.columns, dtype=str)


def _known_columns(path: Path) -> list[str]:
    """The header of the known facts file (any columns of the facts schema are accepted)."""
    allowed = schema.columns("facts")
    try:
        header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    except (OSError, UnicodeDecodeError, IndexError):
        return allowed
    return [h.strip() for h in header if h.strip() in allowed] or allowed
