"""Validate a year's data folder and the year-independent tables beside it.

Every problem is collected (never raised) as ``path:line:column: what is wrong``, so a
re-runner sees all of them at once.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from fiscalbook.data import law
from fiscalbook.data.expressions import ExpressionError, keys_in, parse
from fiscalbook.data.paths import DEFAULT_PLACE
from fiscalbook.data.places import Place, available_places, check_place, place_dir, year_dir
from fiscalbook.data.problems import Problem, whole_file
from fiscalbook.data.provenance import ReportText, Token, flatten, value_matches_token
from fiscalbook.data.tables import Table, load_schema, read_table, read_text_file
from fiscalbook.data.units import MONEY_UNITS

# Measures that name the item itself; every other measure is the last segment of the key.
BASE_MEASURES = frozenset({"amount", "count", "quantity"})
SHARED_TABLES = ("vocab", "glossary", "rules", "derived")
PLACE_TABLES = ("rules", "derived")  # a place may add its own, over its parts' keys
SCHEMAS = ("facts", "exclusions", *SHARED_TABLES)
EXPRESSION_COLUMNS = {"rules": ("lhs", "rhs"), "derived": ("formula",)}


def schema(data_dir: Path, name: str) -> dict:
    return load_schema(Path(data_dir) / "schemas" / f"{name}.json")


def check_schemas(data_dir: Path) -> list[Problem]:
    """Every Table Schema file is there and is JSON with a list of fields."""
    problems: list[Problem] = []
    for name in SCHEMAS:
        path = Path(data_dir) / "schemas" / f"{name}.json"
        text = read_text_file(path, problems)
        if text is None:
            continue
        try:
            spec = json.loads(text)
        except json.JSONDecodeError as err:
            problems.append(Problem(str(path), err.lineno, err.colno, f"not valid JSON: {err.msg}"))
            continue
        fields = spec.get("fields") if isinstance(spec, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) and "name" in f for f in fields):
            problems.append(whole_file(path, "not a Table Schema: it needs a list of 'fields', each with a 'name'"))
    return problems


def available_years(data_dir: Path, place: str | None = None) -> list[int]:
    """The years of a place with data (folders named by their year)."""
    return sorted(int(p.name) for p in place_dir(data_dir, place).glob("[0-9][0-9][0-9][0-9]") if p.is_dir())


@dataclass
class CheckedYear:
    """What validation read, for loaders to reuse: the tables as text and where facts stand."""

    year: int
    folder: Path
    place: Place | None = None
    problems: list[Problem] = field(default_factory=list)
    report: ReportText | None = None
    facts: Table | None = None
    exclusions: Table | None = None
    claimed: dict[str, Token] = field(default_factory=dict)  # fact id -> its token in the report
    excluded: dict[int, dict[str, str]] = field(default_factory=dict)  # token start -> its exclusion row


def _check_folders(data_dir: Path, folder: Path, year: int) -> list[Problem]:
    if not data_dir.is_dir():
        return [whole_file(data_dir, "data folder is missing")]
    if not folder.parent.is_dir():
        places = ", ".join(available_places(data_dir)) or "none"
        return [whole_file(folder.parent, f"no place '{folder.parent.name}' (places with data: {places})")]
    if not folder.is_dir():
        years = ", ".join(map(str, available_years(data_dir, folder.parent.name))) or "none"
        return [whole_file(folder, f"no data for year {year} (years with data: {years})")]
    return []


def check_year(data_dir: Path | str, year: int, place: str | None = None) -> CheckedYear:
    """Read and check ``data_dir/<place>/<year>/``: report, facts, exclusions and their coverage,
    and the place's descriptor. Expects the schema files to be valid (see ``validate``)."""
    data_dir = Path(data_dir)
    checked = CheckedYear(year, year_dir(data_dir, year, place))
    problems = checked.problems
    problems += _check_folders(data_dir, checked.folder, year)
    if problems:
        return checked
    checked.place, found = check_place(data_dir, place)
    problems += found
    raw = read_text_file(checked.folder / "report.txt", problems)
    checked.report = ReportText(raw) if raw is not None else None
    checked.facts = read_table(checked.folder / "facts.csv", schema(data_dir, "facts"), problems)
    checked.exclusions = read_table(
        checked.folder / "exclusions.csv", schema(data_dir, "exclusions"), problems
    )
    if checked.facts is not None:
        _check_fact_rows(checked)
    if checked.report is not None and checked.facts is not None:
        _check_provenance(checked)
        if checked.exclusions is not None:
            _check_coverage(checked)
    return checked


def shared_table_paths(data_dir: Path | str, place: str | None = None) -> list[tuple[str, Path]]:
    """(table name, path) of the year-independent tables: the shared ones in ``data/`` and a
    place's own rules and derived indicators in ``data/<place>/`` (identities over its parts)."""
    data_dir = Path(data_dir)
    paths = [(name, data_dir / f"{name}.csv") for name in SHARED_TABLES]
    return paths + [(name, place_dir(data_dir, place) / f"{name}.csv") for name in PLACE_TABLES
                    if (place_dir(data_dir, place) / f"{name}.csv").is_file()]


def keys_named_by_rules(data_dir: Path | str, place: str | None = None) -> set[str]:
    """The fact keys the identities and indicators of a place name (shared ones and its own):
    figures a report may state even when no year of the data has stated them yet."""
    named: set[str] = set()
    for name, path in shared_table_paths(data_dir, place):
        if name in EXPRESSION_COLUMNS:
            with path.open(encoding="utf-8", newline="") as handle:
                named |= {key for row in csv.DictReader(handle) for column in EXPRESSION_COLUMNS[name]
                          for key in keys_in(row[column])}
    return named


def check_shared(data_dir: Path | str, place: str | None = None) -> list[Problem]:
    """Check the year-independent tables (rules, derived indicators, labels, glossary), the
    place's own among them."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    for name, path in shared_table_paths(data_dir, place):
        table = read_table(path, schema(data_dir, name), problems)
        if table is None:
            continue
        for column in EXPRESSION_COLUMNS.get(name, ()):
            for row, line in zip(table.rows, table.lines, strict=True):
                try:
                    parse(row[column])
                except ExpressionError as err:
                    problems.append(Problem(str(table.path), line, table.column_number(column),
                                            f"{column}: {err}"))
        if name == "vocab":
            _check_vocab(data_dir, table, problems)
        if name == "glossary":
            _check_sources(data_dir, table, problems)
    return problems


def resource_names(year: int, place: str | None = None) -> dict[str, str]:
    """The data package's resource names of a place's year: report, facts, exclusions, and of
    the place: its descriptor (and its rules and derived indicators, when it has them)."""
    place = place or DEFAULT_PLACE
    return {kind: f"{place}-{year}-{kind}" for kind in ("report", "facts", "exclusions")} | {
        kind: f"{place}-{kind}" for kind in ("place", *PLACE_TABLES)}


def check_package(data_dir: Path | str, year: int, place: str | None = None) -> list[Problem]:
    """datapackage.json is JSON and describes this year's files."""
    path = Path(data_dir) / "datapackage.json"
    problems: list[Problem] = []
    text = read_text_file(path, problems)
    if text is None:
        return problems
    try:
        resources = {resource["name"]: resource for resource in json.loads(text)["resources"]}
    except json.JSONDecodeError as err:
        return [Problem(str(path), err.lineno, err.colno, f"not valid JSON: {err.msg}")]
    except (KeyError, TypeError):
        return [whole_file(path, "not a data package descriptor: it needs 'resources', each with a 'name'")]
    names = resource_names(year, place)
    present = {kind for kind in PLACE_TABLES if (place_dir(data_dir, place) / f"{kind}.csv").is_file()}
    wanted = [names[kind] for kind in ("report", "facts", "exclusions", "place", *sorted(present))]
    for name in (*wanted, *SHARED_TABLES):
        if name not in resources:
            hint = " (`new_year.py YEAR --place PLACE --register` writes a year's entries)" if str(year) in name else ""
            problems.append(whole_file(path, f"no resource '{name}'{hint}"))
    report = year_dir(data_dir, year, place) / "report.txt"
    if names["report"] in resources and report.is_file():
        problems += _check_integrity(path, resources[names["report"]], report.read_bytes())
    for law_id, source in law.LAWS.items():  # the law texts, pinned like the report
        text = Path(data_dir) / "law" / source.file
        if source.resource not in resources:
            problems.append(whole_file(path, f"no resource '{source.resource}' (the {law_id} text, {text.name})"))
        elif text.is_file():
            problems += _check_integrity(path, resources[source.resource], text.read_bytes(), "law")
        else:
            problems.append(whole_file(text, "file is missing"))
    return problems


def _check_integrity(path: Path, resource: dict, data: bytes, what: str = "report") -> list[Problem]:
    """A file's recorded size and SHA-256 match the file (frictionless checks them too)."""
    actual = {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
    return [whole_file(path, f"resource '{resource['name']}': {field} is {resource[field]}, the file's is "
                             f"{actual[field]} (update it when the {what} changes)")
            for field in ("bytes", "hash") if field in resource and resource[field] != actual[field]]


def validate(data_dir: Path | str, year: int, place: str | None = None) -> CheckedYear:
    """Check one year's folder of a place (by default the default place), its descriptor, the
    schemas, the data package and the shared tables; all problems are in the result's
    ``problems``, in that order.

    A year found valid is remembered with the contents of every file of ``data_dir``: asked
    again while not a byte of the data changed (a chapter and its exercises load the same year
    several times), the answer is the one already found, without reading the tables again."""
    data_dir = Path(data_dir)
    key = (str(data_dir.resolve()), int(year), place, _contents_digest(data_dir))
    if key in _VALID:
        return replace(_VALID[key], problems=[])
    checked = _validate(data_dir, year, place)
    if not checked.problems:
        if len(_VALID) >= 8:
            _VALID.clear()
        _VALID[key] = checked
    return checked


_VALID: dict[tuple, CheckedYear] = {}  # years found valid, by data folder, year, place and contents


def _contents_digest(data_dir: Path) -> str:
    """SHA-256 over the names and bytes of every file under ``data_dir`` (a few hundred KB)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()) if data_dir.is_dir() else ():
        digest.update(str(path.relative_to(data_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _validate(data_dir: Path, year: int, place: str | None) -> CheckedYear:
    folder = year_dir(data_dir, year, place)
    early = _check_folders(data_dir, folder, year) or check_schemas(data_dir)
    if early:  # without the folder or the schemas nothing else can be checked
        return CheckedYear(year, folder, problems=early)
    checked = check_year(data_dir, year, place)
    checked.problems[:0] = check_package(data_dir, year, place) + check_shared(data_dir, place)
    return checked


def _problem(table: Table, index: int, column: str, message: str) -> Problem:
    return Problem(str(table.path), table.lines[index], table.column_number(column), message)


def _check_fact_rows(checked: CheckedYear) -> None:
    table = checked.facts
    measures = _measure_names(checked.folder.parent.parent)
    scopes = checked.place.codes | {"unstated"} if checked.place else None
    earlier: dict[str, dict[str, str]] = {}  # id -> row, for rows above the current one
    for i, row in enumerate(table.rows):
        for column, message in _fact_row_problems(row, checked.year, measures, earlier, scopes):
            checked.problems.append(_problem(table, i, column, f"{column}: {message}"))
        earlier.setdefault(row["id"], row)


def _fact_row_problems(row: dict[str, str], year: int, measures: set[str],
                       earlier: dict[str, dict[str, str]], scopes: set[str] | None = None) -> list[tuple[str, str]]:
    """(column, message) for what is wrong with one fact row beyond its schema; ``scopes``:
    the scope codes the place's descriptor names."""
    key, measure, fact_id = row["key"], row["measure"], row["id"]
    found = []
    if scopes is not None and row["scope"] not in scopes:
        found.append(("scope", f"'{row['scope']}' is not a scope of this place's descriptor "
                               f"(place.json: {', '.join(sorted(scopes))})"))
    last = key.rsplit(".", 1)[-1]
    if measure not in BASE_MEASURES and last != measure:
        found.append(("key", f"a {measure} figure's key must end in '.{measure}'"))
    if measure in BASE_MEASURES and last in measures:
        found.append(("key", f"ends in '.{last}' but measure is {measure}"))
    if row["fiscal_year"].isdigit() and int(row["fiscal_year"]) not in (year, year + 1):
        found.append(("fiscal_year", f"{row['fiscal_year']} is neither {year} nor {year + 1}"))
    if bool(row.get("qualifier_en")) != bool(row.get("qualifier_zh")):
        found.append(("qualifier_zh" if row.get("qualifier_en") else "qualifier_en",
                      "a qualifier is written in both languages or in neither"))
    if row.get("unit_en") and (row["unit"] in MONEY_UNITS or row["unit"] in ("%", "个百分点")):
        found.append(("unit_en", f"only a count or quantity names what it counts; {row['unit']} has its own words"))
    base, _, number = fact_id.partition("#")
    original = earlier.get(row["restates"])
    if base != key:
        found.append(("id", f"'{fact_id}' must be the key '{key}' (with '#n' for a restatement)"))
    elif number and not row["restates"]:
        found.append(("restates", f"'{fact_id}' is a restatement; name the id it restates"))
    elif not row["restates"]:
        pass
    elif original is None:
        found.append(("restates", f"no earlier fact '{row['restates']}'"))
    elif not number:
        found.append(("id", f"a restatement's id is the key plus '#n', e.g. '{key}#2'"))
    elif original["key"] != key:
        found.append(("key", f"differs from the restated fact's key '{original['key']}'"))
    elif (original["value"], original["unit"]) != (row["value"], row["unit"]):
        found.append(("value", f"{row['value']} {row['unit']} differs from the restated "
                               f"{original['value']} {original['unit']}"))
    return found


def _measure_names(data_dir: Path) -> set[str]:
    spec = next(f for f in schema(data_dir, "facts")["fields"] if f["name"] == "measure")
    return set(spec["constraints"]["enum"]) - BASE_MEASURES


def _check_provenance(checked: CheckedYear) -> None:
    """Each quote pins one place in the report and holds the value as written there."""
    report, table = checked.report, checked.facts
    owner: dict[int, str] = {}  # token start -> id of the fact that claimed it
    for i, row in enumerate(table.rows):
        starts = report.find_all(row["quote"])
        if not starts:
            checked.problems.append(_problem(table, i, "quote", "quote: not found in report.txt"))
            continue
        if len(starts) > 1:
            checked.problems.append(_problem(table, i, "quote",
                f"quote: occurs {len(starts)} times in report.txt; lengthen it to pin one place"))
            continue
        end = starts[0] + len(flatten(row["quote"]))
        tokens = report.tokens_between(starts[0], end)
        matching = [t for t in tokens if value_matches_token(row["value"], t.text)]
        free = [t for t in matching if t.start not in owner]
        if not matching:
            written = ", ".join(t.text for t in tokens) or "none"
            checked.problems.append(_problem(table, i, "value",
                f"value: {row['value']} is not in its quote (numbers there: {written})"))
        elif not free:
            checked.problems.append(_problem(table, i, "value",
                f"value: this {row['value']} in the report is already recorded as '{owner[matching[0].start]}'"))
        else:
            owner[free[0].start] = row["id"]
            checked.claimed[row["id"]] = free[0]


def _check_coverage(checked: CheckedYear) -> None:
    """Every number in the report is a fact's value or excluded with a reason."""
    report, table = checked.report, checked.exclusions
    claimed = {t.start for t in checked.claimed.values()}
    for i, row in enumerate(table.rows):
        starts = report.find_all(row["context"])
        if row["count"].isdigit() and len(starts) != int(row["count"]):  # else the schema check said so
            checked.problems.append(_problem(table, i, "count",
                f"count: context occurs {len(starts)} times in report.txt, not {row['count']}"))
        width = len(flatten(row["context"]))
        for start in starts:
            hits = [t for t in report.tokens_between(start, start + width) if t.text == row["token"]]
            if not hits:
                checked.problems.append(_problem(table, i, "token",
                    f"token: '{row['token']}' is not a number of its context"))
            for token in hits:
                if token.start in claimed:
                    checked.problems.append(_problem(table, i, "token",
                        f"token: '{token.text}' here is a fact's value and cannot be excluded"))
                checked.excluded.setdefault(token.start, row)
    for token in report.tokens:
        if token.start not in claimed and token.start not in checked.excluded:
            line, column = report.line_col(token.start)
            checked.problems.append(Problem(str(checked.folder / "report.txt"), line, column,
                f"number '{token.text}' (…{report.context(token)}…) is neither a fact's value in "
                "facts.csv nor excluded in exclusions.csv"))


def _check_sources(data_dir: Path, table: Table, problems: list[Problem]) -> None:
    """A glossary entry's source that cites the law names an article the law has."""
    for row, line in zip(table.rows, table.lines, strict=True):
        try:
            for law_id, number, paragraph in law.source_references(row.get("source", "")):
                law.paragraph_text(law_id, number, paragraph, data_dir / "law")
        except law.LawError as err:
            problems.append(Problem(str(table.path), line, table.column_number("source"), f"source: {err}"))


def _check_vocab(data_dir: Path, table: Table, problems: list[Problem]) -> None:
    """vocab.csv labels exactly the codes the facts schema allows."""
    labelled = {(row["field"], row["code"]) for row in table.rows}
    for spec in schema(data_dir, "facts")["fields"]:
        for code in spec.get("constraints", {}).get("enum", []):
            if (spec["name"], code) not in labelled:
                problems.append(whole_file(table.path, f"no labels for {spec['name']} '{code}'"))
