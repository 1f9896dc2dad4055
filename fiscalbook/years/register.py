"""Add a report year of a place to the data folder, and register its files in the data package.

``create_year`` makes ``data/<place>/<year>/`` from a report: the report copied byte for byte,
facts and exclusions drafted by the extractor (with the keys of the place's nearest earlier
year where a figure means the same), the three resources registered in ``datapackage.json``,
then validation. For a place the data folder does not have yet, it also drafts the place's
descriptor (``place.json``: its name from the report's title, its parts from the text) for a
person to complete.
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

from fiscalbook.data.paths import DEFAULT_PLACE
from fiscalbook.data.places import DESCRIPTOR, place_dir, year_dir
from fiscalbook.data.problems import DataError, Problem, whole_file
from fiscalbook.data.tables import read_text_file
from fiscalbook.data.validate import available_years, resource_names, validate

YEAR_FILES = ("report.txt", "facts.csv", "exclusions.csv")
YEAR_RESOURCE = re.compile(r"(.+)-(\d{4})-(report|facts|exclusions)")
VALID, REVIEW, BAD_INPUT = 0, 1, 2


@dataclass
class Outcome:
    """What a command did: lines for stdout (``path:line:column: message``), a summary with
    the next commands for a person, and the exit status."""

    status: int
    problems: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


# --- the data package descriptor ------------------------------------------------------------

def _report_entry(year: int, report: Path, place: str) -> dict[str, Any]:
    data = report.read_bytes()
    return {
        "name": resource_names(year, place)["report"], "path": f"{place}/{year}/report.txt", "format": "txt",
        "mediatype": "text/plain", "encoding": "utf-8",
        "description": f"The {year} final accounts and {year + 1} mid-year report, byte for byte.",
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data),
    }


def _table_entry(year: int, table: str, description: str, place: str) -> dict[str, Any]:
    return {"name": resource_names(year, place)[table], "path": f"{place}/{year}/{table}.csv", "format": "csv",
            "encoding": "utf-8", "schema": f"schemas/{table}.json", "description": description}


def _place_entry(place: str) -> dict[str, Any]:
    return {"name": resource_names(0, place)["place"], "path": f"{place}/place.json", "format": "json",
            "mediatype": "application/json", "encoding": "utf-8",
            "description": "The place's descriptor: its names, level, region and the scopes its reports name."}


def year_entries(data_dir: Path, year: int, place: str | None = None) -> list[dict[str, Any]]:
    """The resources of a place's year as a new descriptor would describe them: its report,
    facts and exclusions, and the place's descriptor."""
    place = place or DEFAULT_PLACE
    return [
        _report_entry(year, year_dir(data_dir, year, place) / "report.txt", place),
        _table_entry(year, "facts", f"Every number the {year} report states, one row each.", place),
        _table_entry(year, "exclusions", f"Numbers of the {year} report that are not figures, each with its reason.",
                     place),
        _place_entry(place),
    ]


def _merged(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """An existing entry keeps its wording and key order; what the files determine is renewed."""
    if old is None:
        return new
    owned = {k: v for k, v in new.items() if k not in ("description", "title")}
    return {**old, **owned}


def _year_of(resource: dict[str, Any], place: str | None = None) -> int | None:
    """The year of a place's year resource ('zhongwei-2023-facts' -> 2023), else None."""
    match = YEAR_RESOURCE.fullmatch(str(resource.get("name", "")))
    return int(match.group(2)) if match and match.group(1) == (place or DEFAULT_PLACE) else None


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


def register(data_dir: Path | str, year: int, place: str | None = None) -> bool:
    """(Re)write the entries of a place's year in ``datapackage.json`` from its files, keeping
    the descriptor's order (a place's years in order, what follows after) and formatting. The
    file is written only when its content changes; returns whether it did."""
    data_dir = Path(data_dir)
    report = year_dir(data_dir, year, place) / "report.txt"
    if not report.is_file():
        raise DataError([whole_file(report, "file is missing: a year is registered from its report")])
    descriptor = read_descriptor(data_dir)
    resources = descriptor["resources"]
    existing = {r["name"]: r for r in resources}
    entries = [_merged(existing.get(new["name"]), new) for new in year_entries(data_dir, year, place)]
    if entries[-1]["name"] in existing:  # the place's descriptor is registered already, where it stands
        entries.pop()
    names = {entry["name"] for entry in entries}
    others = [r for r in resources if r["name"] not in names]
    place = place or DEFAULT_PLACE
    # a place's years in order, then its descriptor and tables, then what is shared
    later = [i for i, r in enumerate(others) if (_year_of(r, place) or 0) > year
             or (_year_of(r, place) is None and str(r["name"]).startswith(f"{place}-"))]
    at = later[0] if later else len(others)
    updated = {**descriptor, "resources": others[:at] + entries + others[at:]}
    if updated == descriptor:
        return False
    text = json.dumps(updated, indent=2, ensure_ascii=False) + "\n"
    (data_dir / "datapackage.json").write_text(text, encoding="utf-8")
    return True


def remove_year(data_dir: Path | str, year: int, place: str | None = None) -> None:
    """Remove a place's year from a data folder: its folder and its entries in the descriptor."""
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    resources = [r for r in descriptor["resources"] if _year_of(r, place) != year]
    text = json.dumps({**descriptor, "resources": resources}, indent=2, ensure_ascii=False) + "\n"
    (data_dir / "datapackage.json").write_text(text, encoding="utf-8")
    shutil.rmtree(year_dir(data_dir, year, place), ignore_errors=True)


# --- commands ----------------------------------------------------------------------------------

def parse_year(text: str, data_dir: Path) -> int:
    """A year given on the command line: four digits."""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise DataError([whole_file(Path(data_dir) / text, f"the year must be a 4-digit number, not '{text}'")])
    return int(text)


def _data_dir_command(data_dir: Path) -> str:
    return "" if Path(data_dir) == Path("data") else f" --data-dir {data_dir}"


def _next_steps(data_dir: Path, year: int, valid: bool, place: str) -> list[str]:
    option = _data_dir_command(data_dir) + ("" if place == DEFAULT_PLACE else f" --place {place}")
    folder = year_dir(data_dir, year, place)
    steps = [] if valid else [
        f"  review {folder}/facts.csv and {folder}/exclusions.csv (and {folder.parent}/{DESCRIPTOR}) at the "
        "places listed above, then check again:",
        f"    python scripts/validate_data.py --year {year}{option}",
        f"  if you edit {folder}/report.txt, register it again: python scripts/new_year.py {year} --register{option}",
    ]
    return ["next:", *steps, f"  build the book: python scripts/build_book.py --year {year}{option}"]


def _checked_outcome(data_dir: Path, year: int, what: str, review: list[str], place: str) -> Outcome:
    problems = [str(p) for p in validate(data_dir, year, place).problems]
    folder = year_dir(data_dir, year, place)
    if problems:
        summary = [f"{folder}: {what}, but it NEEDS REVIEW: {len(problems)} validation problem(s)"
                   + (f" and {len(review)} item(s) the draft flags" if review else "") + " (listed above)."]
        return Outcome(REVIEW, problems + review, summary + _next_steps(data_dir, year, False, place))
    summary = [f"{folder}: {what}; it validates."]
    if review:
        summary.append(f"  the draft flags {len(review)} item(s) (listed above): check them before publishing.")
    return Outcome(VALID, review, summary + _next_steps(data_dir, year, True, place))


def register_year(data_dir: Path | str, year_text: str, place: str | None = None) -> Outcome:
    """``new_year.py YEAR [--place P] --register``: rewrite the descriptor's entries of an
    existing year of a place from its files (never touching them), then validate."""
    data_dir, place = Path(data_dir), place or DEFAULT_PLACE
    try:
        year = parse_year(year_text, data_dir)
        folder = year_dir(data_dir, year, place)
        if not folder.is_dir():
            years = ", ".join(map(str, available_years(data_dir, place))) or "none"
            raise DataError([whole_file(folder, f"no data for year {year} of {place} (years with data: {years}); "
                                                "create it with --report FILE")])
        changed = register(data_dir, year, place)
    except DataError as err:
        return Outcome(BAD_INPUT, [str(p) for p in err.problems])
    what = "registered in datapackage.json" if changed else "already registered as its files are"
    return _checked_outcome(data_dir, year, what, [], place)


def nearest_earlier_year(data_dir: Path, year: int, place: str | None = None) -> int | None:
    """The place's latest year before ``year`` with facts: years compare only within a place."""
    earlier = [y for y in available_years(data_dir, place)
               if y < year and (year_dir(data_dir, y, place) / "facts.csv").is_file()]
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


def _draft(text: str, year: int, known_year: int | None, data_dir: Path, staging: Path,
           place: str) -> list[tuple[int, int, str]]:
    """Run the extractor on the report; write its drafts into ``staging``; its review items."""
    known = None
    if known_year is not None:
        known = pd.read_csv(year_dir(data_dir, known_year, place) / "facts.csv", dtype=str, keep_default_na=False)
    extract, write_draft = load_extractor()
    draft = extract(text, year, known=known)
    write_draft(draft, staging / "facts.csv", staging / "exclusions.csv")
    return list(draft.review)


def create_year(data_dir: Path | str, year_text: str, report: Path | str, *, force: bool = False,
                place: str | None = None) -> Outcome:
    """``new_year.py YEAR [--place P] --report FILE``: copy, draft, register, validate. The
    year's files appear together or not at all; existing ones are replaced only with ``force``.
    A new place gets a drafted descriptor to review."""
    data_dir, report, place = Path(data_dir), Path(report), place or DEFAULT_PLACE
    try:
        year = parse_year(year_text, data_dir)
        if not data_dir.is_dir():
            raise DataError([whole_file(data_dir, "data folder is missing")])
        read_descriptor(data_dir)  # bad descriptor: stop before writing anything
        if not re.fullmatch(r"[a-z][a-z0-9_]*", place):
            raise DataError([whole_file(data_dir / place, f"a place's id is lower-case letters, digits and '_' "
                                                          f"(its folder's name), not '{place}'")])
        data = _read_report(report)
        folder = year_dir(data_dir, year, place)
        if not force:
            _refuse_overwrite(folder)
        known_year = nearest_earlier_year(data_dir, year, place)
        with tempfile.TemporaryDirectory(dir=data_dir, prefix=f".new-{year}-") as staging:
            staged = Path(staging)
            (staged / "report.txt").write_bytes(data)
            try:
                review = _draft(data.decode("utf-8-sig"), year, known_year, data_dir, staged, place)
            except Exception as err:  # the extractor failed: nothing is written, no traceback
                raise DataError([whole_file(report, f"could not draft facts: {type(err).__name__}: {err}")]) from None
            new_place = not (place_dir(data_dir, place) / DESCRIPTOR).is_file()
            folder.mkdir(parents=True, exist_ok=True)
            for name in YEAR_FILES:
                os.replace(staged / name, folder / name)
            if new_place:
                review += draft_descriptor(data.decode("utf-8-sig"), place, place_dir(data_dir, place))
        register(data_dir, year, place)
    except DataError as err:
        return Outcome(BAD_INPUT, [str(p) for p in err.problems])
    flagged = [f"{folder / 'report.txt'}:{line}:{column}: {message}" for line, column, message in review]
    source = f"keys carried from {known_year}" if known_year else "no earlier year to carry keys from"
    return _checked_outcome(data_dir, year, f"created from {report} ({source})", flagged, place)


def draft_descriptor(text: str, place: str, folder: Path) -> list[tuple[int, int, str]]:
    """Write a new place's ``place.json`` drafted from its report (``fiscalbook.extract.place``):
    its Chinese name and level, its region, its parts; English names and the parts' key
    prefixes are left for a person (the validator lists each). Returns the draft's review items."""
    from fiscalbook.extract.place import draft_place

    draft = draft_place(text)
    name = draft["name"]["zh"]
    whole = {"district": "全区", "county": "全县"}.get(draft.get("level", ""), "全市")
    own = {"district": "区本级", "county": "县本级"}.get(draft.get("level", ""), "市本级")
    scopes = [{"code": whole, "role": "whole", "en": "", "zh": whole},
              {"code": own, "role": "city", "en": "", "zh": own}]
    scopes += [{"code": part["scope"], "role": "part", "key": "", "kind": part.get("kind", ""),
                "en": part.get("en", ""), "zh": part["zh"]} for part in draft.get("parts", [])]
    region = draft.get("region") or {"zh": "", "en": ""}
    descriptor = {"id": place, "name": {"en": "", "zh": name}, "short_name": {"en": "", "zh": name},
                  "level": {"en": draft.get("level", ""), "zh": ""}, "region": region,
                  "region_short": {"en": "", "zh": ""}, "scopes": scopes}
    (folder / DESCRIPTOR).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [(1, 1, f"{DESCRIPTOR} drafted from the report: {item}") for item in draft.get("review", [])]
