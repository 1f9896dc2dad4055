"""Add a report year to the data folder, and register a year's files in the data package.

``create_year`` makes ``data/<year>/`` from a report: the report copied byte for byte, facts
and exclusions drafted by the extractor (with the keys of the nearest earlier year where a
figure matches), the three resources registered in ``datapackage.json``, then validation.
``register_year`` only rewrites the descriptor's entries of a year from its files. Neither
overwrites a year's files unless asked to (``force``).

Both return an ``Outcome``: what to print and the exit status of ``scripts/new_year.py``
(0 valid, 1 created or registered but something is left to review, 2 bad input).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from fiscalbook.data.problems import DataError, Problem, whole_file
from fiscalbook.data.tables import read_text_file
from fiscalbook.data.validate import available_years, validate

YEAR_FILES = ("report.txt", "facts.csv", "exclusions.csv")
YEAR_RESOURCE = re.compile(r"(report|facts|exclusions)-(\d{4})")
VALID, REVIEW, BAD_INPUT = 0, 1, 2


@dataclass
class Outcome:
    """What a command did: lines for stdout (``path:line:column: message``), a summary with
    the next commands for a person, and the exit status."""

    status: int
    problems: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


# --- the data package descriptor ------------------------------------------------------------

def _report_entry(year: int, report: Path) -> dict[str, Any]:
    data = report.read_bytes()
    return {
        "name": f"report-{year}", "path": f"{year}/report.txt", "format": "txt",
        "mediatype": "text/plain", "encoding": "utf-8",
        "description": f"The {year} final accounts and {year + 1} mid-year report, byte for byte.",
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data),
    }


def _table_entry(year: int, table: str, description: str) -> dict[str, Any]:
    return {"name": f"{table}-{year}", "path": f"{year}/{table}.csv", "format": "csv",
            "encoding": "utf-8", "schema": f"schemas/{table}.json", "description": description}


def year_entries(data_dir: Path, year: int) -> list[dict[str, Any]]:
    """The three resources of a year as a new descriptor would describe them."""
    return [
        _report_entry(year, Path(data_dir) / str(year) / "report.txt"),
        _table_entry(year, "facts", f"Every number the {year} report states, one row each."),
        _table_entry(year, "exclusions", f"Numbers of the {year} report that are not figures, each with its reason."),
    ]


def _merged(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """An existing entry keeps its wording and key order; what the files determine is renewed."""
    if old is None:
        return new
    owned = {k: v for k, v in new.items() if k not in ("description", "title")}
    return {**old, **owned}


def _year_of(resource: dict[str, Any]) -> int | None:
    match = YEAR_RESOURCE.fullmatch(str(resource.get("name", "")))
    return int(match.group(2)) if match else None


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """datapackage.json as a dict; DataError when it is missing or not a descriptor."""
    path = Path(data_dir) / "datapackage.json"
    problems: list[Problem] = []
    text = read_text_file(path, problems)
    if text is None:
        raise DataError(problems)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError([Problem(str(path), err.lineno, err.colno, f"not valid JSON: {err.msg}")]) from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) and "name" in r for r in resources):
        raise DataError([whole_file(path, "not a data package descriptor: it needs 'resources', each with a 'name'")])
    return descriptor


def register(data_dir: Path | str, year: int) -> bool:
    """(Re)write the year's three entries of ``datapackage.json`` from its files, keeping the
    descriptor's order (years in order, shared tables after) and formatting. The file is
    written only when its content changes; returns whether it did."""
    data_dir = Path(data_dir)
    report = data_dir / str(year) / "report.txt"
    if not report.is_file():
        raise DataError([whole_file(report, "file is missing: a year is registered from its report")])
    descriptor = read_descriptor(data_dir)
    resources = descriptor["resources"]
    existing = {r["name"]: r for r in resources}
    entries = [_merged(existing.get(new["name"]), new) for new in year_entries(data_dir, year)]
    names = {entry["name"] for entry in entries}
    others = [r for r in resources if r["name"] not in names]
    later = [i for i, r in enumerate(others) if _year_of(r) is None or _year_of(r) > year]
    at = later[0] if later else len(others)
    updated = {**descriptor, "resources": others[:at] + entries + others[at:]}
    if updated == descriptor:
        return False
    text = json.dumps(updated, indent=2, ensure_ascii=False) + "\n"
    (data_dir / "datapackage.json").write_text(text, encoding="utf-8")
    return True


def remove_year(data_dir: Path | str, year: int) -> None:
    """Remove a year from a data folder: its folder and its entries in the descriptor."""
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    resources = [r for r in descriptor["resources"] if _year_of(r) != year]
    text = json.dumps({**descriptor, "resources": resources}, indent=2, ensure_ascii=False) + "\n"
    (data_dir / "datapackage.json").write_text(text, encoding="utf-8")
    shutil.rmtree(data_dir / str(year), ignore_errors=True)


# --- commands ----------------------------------------------------------------------------------

def parse_year(text: str, data_dir: Path) -> int:
    """A year given on the command line: four digits."""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise DataError([whole_file(Path(data_dir) / text, f"the year must be a 4-digit number, not '{text}'")])
    return int(text)


def _data_dir_command(data_dir: Path) -> str:
    return "" if Path(data_dir) == Path("data") else f" --data-dir {data_dir}"


def _next_steps(data_dir: Path, year: int, valid: bool) -> list[str]:
    option = _data_dir_command(data_dir)
    folder = Path(data_dir) / str(year)
    steps = [] if valid else [
        f"  review {folder}/facts.csv and {folder}/exclusions.csv at the places listed above, then check again:",
        f"    python scripts/validate_data.py --year {year}{option}",
        f"  if you edit {folder}/report.txt, register it again: python scripts/new_year.py {year} --register{option}",
    ]
    return ["next:", *steps, f"  build the book: python scripts/build_book.py --year {year}{option}"]


def _checked_outcome(data_dir: Path, year: int, what: str, review: list[str]) -> Outcome:
    problems = [str(p) for p in validate(data_dir, year).problems]
    folder = Path(data_dir) / str(year)
    if problems:
        summary = [f"{folder}: {what}, but it NEEDS REVIEW: {len(problems)} validation problem(s)"
                   + (f" and {len(review)} item(s) the draft flags" if review else "") + " (listed above)."]
        return Outcome(REVIEW, problems + review, summary + _next_steps(data_dir, year, False))
    summary = [f"{folder}: {what}; it validates."]
    if review:
        summary.append(f"  the draft flags {len(review)} item(s) (listed above): check them before publishing.")
    return Outcome(VALID, review, summary + _next_steps(data_dir, year, True))


def register_year(data_dir: Path | str, year_text: str) -> Outcome:
    """``new_year.py YEAR --register``: rewrite the descriptor's entries of an existing year
    from its files (never touching them), then validate."""
    data_dir = Path(data_dir)
    try:
        year = parse_year(year_text, data_dir)
        folder = data_dir / str(year)
        if not folder.is_dir():
            years = ", ".join(map(str, available_years(data_dir))) or "none"
            raise DataError([whole_file(folder, f"no data for year {year} (years with data: {years}); "
                                                "create it with --report FILE")])
        changed = register(data_dir, year)
    except DataError as err:
        return Outcome(BAD_INPUT, [str(p) for p in err.problems])
    what = "registered in datapackage.json" if changed else "already registered as its files are"
    return _checked_outcome(data_dir, year, what, [])


def nearest_earlier_year(data_dir: Path, year: int) -> int | None:
    earlier = [y for y in available_years(data_dir) if y < year and (Path(data_dir) / str(y) / "facts.csv").is_file()]
    return max(earlier, default=None)


def _read_report(report: Path) -> bytes:
    """The report's bytes, once checked to be UTF-8 text; DataError otherwise."""
    problems: list[Problem] = []
    try:
        text = read_text_file(report, problems)
    except OSError as err:
        raise DataError([whole_file(report, f"cannot read the report: {err.strerror or err}")]) from None
    if text is None:
        raise DataError(problems)
    return report.read_bytes()


def _refuse_overwrite(folder: Path) -> None:
    present = [folder / name for name in YEAR_FILES if (folder / name).exists()]
    if present:
        raise DataError([whole_file(path, "already exists; new_year.py does not overwrite a year's files: "
                                          "add --force to replace them with a new draft, or use --register "
                                          "to register the folder as it is") for path in present])


def load_extractor():
    """The extractor's ``extract`` and ``write_draft`` (imported late, so that this module
    works without it; tests replace this function)."""
    from fiscalbook.extract import extract, write_draft

    return extract, write_draft


def _draft(text: str, year: int, known_year: int | None, data_dir: Path, staging: Path) -> list[tuple[int, int, str]]:
    """Run the extractor on the report; write its drafts into ``staging``; its review items."""
    known = None
    if known_year is not None:
        known = pd.read_csv(data_dir / str(known_year) / "facts.csv", dtype=str, keep_default_na=False)
    extract, write_draft = load_extractor()
    draft = extract(text, year, known=known)
    write_draft(draft, staging / "facts.csv", staging / "exclusions.csv")
    return list(draft.review)


def create_year(data_dir: Path | str, year_text: str, report: Path | str, *, force: bool = False) -> Outcome:
    """``new_year.py YEAR --report FILE``: copy, draft, register, validate. The year's files
    appear together or not at all; existing ones are replaced only with ``force``."""
    data_dir, report = Path(data_dir), Path(report)
    try:
        year = parse_year(year_text, data_dir)
        if not data_dir.is_dir():
            raise DataError([whole_file(data_dir, "data folder is missing")])
        read_descriptor(data_dir)  # bad descriptor: stop before writing anything
        data = _read_report(report)
        folder = data_dir / str(year)
        if not force:
            _refuse_overwrite(folder)
        known_year = nearest_earlier_year(data_dir, year)
        with tempfile.TemporaryDirectory(dir=data_dir, prefix=f".new-{year}-") as staging:
            staged = Path(staging)
            (staged / "report.txt").write_bytes(data)
            try:
                review = _draft(data.decode("utf-8-sig"), year, known_year, data_dir, staged)
            except Exception as err:  # the extractor failed: nothing is written, no traceback
                raise DataError([whole_file(report, f"could not draft facts: {type(err).__name__}: {err}")]) from None
            folder.mkdir(exist_ok=True)
            for name in YEAR_FILES:
                os.replace(staged / name, folder / name)
        register(data_dir, year)
    except DataError as err:
        return Outcome(BAD_INPUT, [str(p) for p in err.problems])
    flagged = [f"{folder / 'report.txt'}:{line}:{column}: {message}" for line, column, message in review]
    source = f"keys carried from {known_year}" if known_year else "no earlier year to carry keys from"
    return _checked_outcome(data_dir, year, f"created from {report} ({source})", flagged)
