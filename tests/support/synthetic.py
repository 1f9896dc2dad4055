"""Synthetic and thin years, made from a curated year, for the tests and the benchmark.

Both work on the report's number tokens, as the validator sees them (``CheckedYear.claimed``:
the token each fact's value stands on; the exclusions: the tokens that are not figures). An
edit replaces a span of the report (in the whitespace-free coordinates of provenance.py); the
report is rebuilt with the edits, and every quote and exclusion context is rebuilt as the
edited text of the span it covered, so that provenance holds by construction.

* ``synthetic_year`` writes a next year: years in the text shifted; every figure changed so
  that no distinctive figure of the source year survives (see ``DEFAULT_SCALING``).
* ``thin_year`` removes whole sections and single figures from a year, in place.
"""

from __future__ import annotations

import csv
import re
import shutil
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from fiscalbook.audit.rules import EXACT, ROUNDING, check_rules
from fiscalbook.data.expressions import Interval, evaluate, keys_in
from fiscalbook.data.load import DEFAULT_DATA_DIR, load_year
from fiscalbook.data.places import year_dir
from fiscalbook.data.problems import DataError
from fiscalbook.data.provenance import NUMBER, ReportText, Token, flatten
from fiscalbook.data.units import convert, is_money
from fiscalbook.data.validate import CheckedYear, validate
from fiscalbook.story.fmt import significant_digits
from fiscalbook.years.register import register, remove_year

POINT_UNITS = frozenset({"%", "个百分点"})
YEAR_CATEGORIES = frozenset({"year_label", "date", "document_number"})
UNCHANGED_RATE = Decimal(100)  # a rate or share of 100% ("all") stays all


# --- numbers as written ----------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    """A number as the report writes it: decimals, thousands separators, a minus sign."""

    value: Decimal
    decimals: int
    commas: bool

    @classmethod
    def parse(cls, text: str) -> Written:
        plain = text.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        return cls(Decimal(plain), decimals, "," in text)

    @property
    def ulp(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)

    def like(self, value: Decimal) -> str:
        """``value`` written with this number's decimals and separators."""
        rounded = value.quantize(self.ulp, rounding=ROUND_HALF_UP)
        return f"{rounded:,.{self.decimals}f}" if self.commas else f"{rounded:.{self.decimals}f}"


def as_token(value_text: str, token_text: str) -> str:
    """A fact's new value written as its token was: separators kept, a minus sign only where
    the token had one (elsewhere the words carry the sign)."""
    written = Written.parse(token_text)
    text = written.like(abs(Decimal(value_text)))
    return "-" + text if token_text.startswith("-") else text


def distinctive(text: str) -> bool:
    """A number that could identify the year it comes from: at least three significant digits
    (743,962, 23.17, 6020, 102.6), or a decimal part and two (8.6, 0.33). Round or one-digit
    numbers (5, 15, 100, 5000, 0.2, 0.04) occur in any year's report and are not."""
    digits = significant_digits(text, whole_zeros=False)
    return digits >= 3 or (digits == 2 and "." in text)


# --- editing a report and the passages that quote it --------------------------------------

@dataclass(frozen=True, order=True)
class Edit:
    """Replace the report's flattened span [start, end) with ``text``. An empty ``text``
    deletes the span and the whitespace after it."""

    start: int
    end: int
    text: str


def _origin(raw: str) -> list[int]:
    return [i for i, ch in enumerate(raw) if not ch.isspace()]


def apply_edits(raw: str, edits: Iterable[Edit]) -> str:
    """``raw`` with the edits applied; edits are in the coordinates of ``flatten(raw)``."""
    origin = _origin(raw)
    pieces, at = [], 0
    for edit in sorted(edits):
        start = origin[edit.start]
        if edit.text:
            end = origin[edit.end - 1] + 1
        else:  # a deletion takes the whitespace up to the next character with it
            end = origin[edit.end] if edit.end < len(origin) else len(raw)
        pieces += [raw[at:start], edit.text]
        at = end
    return "".join(pieces) + raw[at:]


def _overlaps(edit: Edit, start: int, end: int) -> bool:
    return edit.start < end and start < edit.end


def rewrite_passage(report: ReportText, passage: str, start: int, edits: list[Edit]) -> str | None:
    """The edited text of a passage that stands at ``start`` (flattened) in the report; None
    when a deletion takes it away. A replacement cut by the passage's ends widens it."""
    end = start + len(flatten(passage))
    touching = [e for e in edits if _overlaps(e, start, end)]
    if any(not e.text for e in touching):
        return None
    wide_start = min([start, *(e.start for e in touching)])
    wide_end = max([end, *(e.end for e in touching)])
    widened = report.flat[wide_start:start] + passage + report.flat[end:wide_end]
    return apply_edits(widened, [Edit(e.start - wide_start, e.end - wide_start, e.text) for e in touching])


def excluded_tokens(checked: CheckedYear) -> dict[Token, dict[str, str]]:
    """Each excluded token of the report -> the exclusion row that excludes it (as the
    validator matched them)."""
    return {token: checked.excluded[token.start] for token in checked.report.tokens if token.start in checked.excluded}


@dataclass
class RebuiltYear:
    report: str
    facts: list[dict[str, str]]
    exclusions: list[dict[str, str]]
    dropped_exclusions: int = 0


def _moved(start: int, edits: list[Edit]) -> int:
    """Where a flattened offset of the report stands once the edits before it are made."""
    return start + sum(len(flatten(e.text)) - (e.end - e.start) for e in edits if e.end <= start)


def _unique(report: ReportText, quote: str, start: int) -> str:
    """The quote standing at ``start`` in the edited report, widened by the report's own text
    until it occurs once: an edit (若干 for a figure left out) can make two passages alike."""
    end = start + len(quote)
    while len(report.find_all(report.flat[start:end])) > 1 and (start > 0 or end < len(report.flat)):
        start, end = max(start - 1, 0), min(end + 1, len(report.flat))
    return report.flat[start:end]


def rebuild(checked: CheckedYear, edits: list[Edit], facts: list[dict[str, str]]) -> RebuiltYear:
    """Apply ``edits`` to the report; rewrite the quotes of ``facts`` (rows of the checked
    year, values already updated) and every exclusion's context as the edited text of the
    same span; recount the contexts; drop exclusions whose every occurrence is deleted."""
    old = checked.report
    new = ReportText(apply_edits(old.raw, edits))
    rows = []
    for row in facts:
        start = old.find_all(row["quote"])[0]
        quote = rewrite_passage(old, row["quote"], start, edits)
        if quote is None:
            raise ValueError(f"fact '{row['id']}' is kept but its quote is deleted")
        if len(new.find_all(quote)) > 1:  # an edit made two passages alike: widen it (its layout is lost)
            quote = _unique(new, flatten(quote), _moved(start, edits))
        rows.append({**row, "quote": quote})
    exclusions, dropped = [], 0
    replaced = {e.start: e.text for e in edits if e.text}
    for row in checked.exclusions.rows:
        width = len(flatten(row["context"]))
        for start in old.find_all(row["context"]):
            context = rewrite_passage(old, row["context"], start, edits)
            if context is not None:
                break
        else:
            dropped += 1
            continue
        token = next(t for t in old.tokens_between(start, start + width) if t.text == row["token"])
        exclusions.append({**row, "token": replaced.get(token.start, row["token"]), "context": context,
                           "count": str(len(new.find_all(context)))})
    return RebuiltYear(new.raw, rows, exclusions, dropped)


def _write_year(folder: Path, columns: dict[str, list[str]], rebuilt: RebuiltYear) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.txt").write_text(rebuilt.report, encoding="utf-8", newline="")
    for name, rows in (("facts", rebuilt.facts), ("exclusions", rebuilt.exclusions)):
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def _checked(data_dir: Path, year: int) -> CheckedYear:
    checked = validate(data_dir, year)
    if checked.problems:
        raise DataError(checked.problems)
    return checked


def _not_the_real_data(data_dir: Path) -> None:
    if Path(data_dir).resolve() == DEFAULT_DATA_DIR.resolve():
        raise ValueError(f"{data_dir} is the repository's data folder; work on a copy")


# --- a synthetic next year -------------------------------------------------------------------

@dataclass(frozen=True)
class Scaling:
    """How a synthetic year changes the figures of its source year.

    Each figure keeps the decimals and separators written, and its sign (the words often
    carry it), and is computed once per key, so restatements agree:

    * amounts, counts and quantities are multiplied by ``factor``; percentages and percentage
      points get ``points`` added to their magnitude (a rate or share of 100% stays 100%);
    * a figure that is one side of an identity of rules.csv that held in the source year (a
      total, a stated change, headroom, a unit conversion) is computed from the other side's
      new values instead, so that the identity still holds;
    * a growth rate ``K.yoy_pct`` (or ``K.yoy_amount``) of consecutive years is computed from
      the source year's ``K`` to the new ``K``, so that a two-year comparison agrees with it,
      unless the source stated a fall (the words say 下降: the sign is kept and the rate shifted,
      so that comparison disagrees), or ``consistent_growth`` is off (then every rate is
      shifted, and growth-implied prior-year values are not the source year's figures);
    * a scaled or shifted figure that comes out equal to a distinctive figure of the source
      year, or unchanged while distinctive or a count, moves by a unit of its last digit.
    """

    factor: Decimal = Decimal("1.07")
    points: Decimal = Decimal("1.37")
    consistent_growth: bool = True


DEFAULT_SCALING = Scaling()


@dataclass
class SyntheticYear:
    """What ``synthetic_year`` made, in numbers."""

    folder: Path
    facts: int = 0
    tokens_changed: int = 0
    years_shifted: int = 0
    exclusions: int = 0
    consistent_growth: list[str] = field(default_factory=list)  # keys whose growth agrees
    shifted_growth: list[str] = field(default_factory=list)  # keys whose growth was shifted instead
    from_identities: list[str] = field(default_factory=list)  # keys computed from an identity
    nudged: int = 0  # figures moved by a last digit to avoid an unchanged or source value


def _is_year(token: Token, row: dict[str, str]) -> bool:
    """An excluded token that is a calendar year (a label, a date's year, a document's year)."""
    return row["category"] in YEAR_CATEGORIES and re.fullmatch(r"(19|20)\d\d", token.text) is not None


class _Figures:
    """New values of a year's facts under a scaling, computed once per key (so that every
    restatement agrees with its first statement)."""

    def __init__(self, checked: CheckedYear, scaling: Scaling, consecutive: bool, summary: SyntheticYear) -> None:
        self.primary = {row["key"]: row for row in checked.facts.rows if not row["restates"]}
        self.scaling, self.consecutive, self.summary = scaling, consecutive, summary
        self.forbidden = {_plain(t.text) for t in checked.claimed.values() if distinctive(t.text)}
        self.defined = _defined_by_identities(checked, self.primary)
        self.new: dict[str, str] = {}
        self._pending: set[str] = set()

    def value(self, key: str) -> str:
        if key not in self.new:
            self._pending.add(key)
            row = self.primary[key]
            self.new[key] = self._from_identity(key) or self._growth(row) or self._changed(row)
            self._pending.discard(key)
        return self.new[key]

    def _changed(self, row: dict[str, str]) -> str:
        if row["measure"] in ("yoy_pct", "yoy_amount"):
            self.summary.shifted_growth.append(row["key"])
        old = Written.parse(row["value"])
        magnitude = abs(old.value)
        if row["unit"] in POINT_UNITS:
            if row["measure"] in ("rate", "share") and magnitude == UNCHANGED_RATE:
                return row["value"]
            changed = magnitude + self.scaling.points
        else:
            changed = magnitude * self.scaling.factor
        changed = Decimal(old.like(changed))
        must_change = row["measure"] == "count" or distinctive(row["value"])
        while (changed == magnitude and must_change) or f"{changed}" in self.forbidden:
            changed += old.ulp
            self.summary.nudged += 1
        return old.like(-changed if old.value < 0 else changed)

    def _growth(self, row: dict[str, str]) -> str | None:
        """The stated growth of K made to agree with K's two years, where that is natural."""
        base, _, measure = row["key"].rpartition(".")
        natural = self.consecutive and self.scaling.consistent_growth and measure in ("yoy_pct", "yoy_amount")
        if not natural or base not in self.primary or Decimal(row["value"]) < 0 or base in self._pending:
            return None
        before, after = Decimal(self.primary[base]["value"]), Decimal(self.value(base))
        if before <= 0:
            return None
        change = (after / before - 1) * 100 if measure == "yoy_pct" else after - before
        written = Written.parse(row["value"]).like(change)
        if Decimal(written) <= 0 or _plain(written) in self.forbidden:
            return None
        self.summary.consistent_growth.append(row["key"])
        return written

    def _from_identity(self, key: str) -> str | None:
        """A figure that an identity of rules.csv states as one side, computed from the new
        values of the other side (so the identity holds as it did in the source year)."""
        if key not in self.defined:
            return None
        expression, unit = self.defined[key]
        if any(k in self._pending for k in keys_in(expression)):
            return None
        result = evaluate(expression, lambda k: Interval.exact(self._in_unit(k, unit))).mid
        row = self.primary[key]
        value = Decimal(repr(convert(result, unit, row["unit"]) if is_money(row["unit"]) else result))
        written = Written.parse(row["value"]).like(value)
        if Decimal(written) * Decimal(row["value"]) <= 0:  # a sign the words could not carry
            return None
        self.summary.from_identities.append(key)
        return written

    def _in_unit(self, key: str, unit: str) -> float:
        """A new value, converted to ``unit`` if it is money (as rules.py evaluates rules)."""
        from_unit = self.primary[key]["unit"]
        value = float(self.value(key))
        return convert(value, from_unit, unit) if is_money(from_unit) and is_money(unit) else value


def _plain(text: str) -> str:
    return text.replace(",", "").lstrip("-")


def _defined_by_identities(checked: CheckedYear, primary: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Key -> (expression, unit) for each identity (not an inequality, not a sum implied by
    rates) that holds in the source year and has a single amount on one side (the right side
    when both are single)."""
    year = load_year(checked.year, checked.folder.parent.parent, checked.folder.parent.name)
    defined: dict[str, tuple[str, str]] = {}
    for rule in check_rules(year).to_dict("records"):
        if rule["status"] not in (EXACT, ROUNDING) or rule.get("relation") == "<=" or rule["kind"] == "implied_sum":
            continue  # an implied sum rests on rates, which the synthetic year shifts
        for side, other in (("rhs", "lhs"), ("lhs", "rhs")):
            key = rule[side].strip()
            if key in primary and primary[key]["unit"] not in POINT_UNITS and key not in defined:
                defined[key] = (rule[other], rule["unit"])
                break
    return defined


FREE_TEXT = ("label_en", "label_zh", "qualifier_en", "qualifier_zh", "note")  # words that may name a year


def _free_text(text: str, mapping: dict[str, str], delta: int) -> str:
    """A label or note with its years shifted and the figures it repeats replaced."""
    def replace(match: re.Match[str]) -> str:
        number = match.group().lstrip("-")
        plain = number.replace(",", "")
        if re.fullmatch(r"(19|20)\d\d", plain) and plain not in mapping:
            return match.group().replace(number, str(int(plain) + delta))
        return match.group().replace(number, as_token(mapping[plain], number)) if plain in mapping else match.group()

    return NUMBER.sub(replace, text)


def _text_mappings(rows: list[dict[str, str]], figures: _Figures) -> dict[str, dict[str, str]]:
    """Fact id -> (old value text -> new) for the numbers its label or note may repeat: its
    own figure first, then the figures of its section, then distinctive figures anywhere."""
    anywhere: dict[str, str] = {}
    by_section: dict[str, dict[str, str]] = {}
    for row in rows:
        old, new = _plain(row["value"]), _plain(figures.value(row["key"]))
        by_section.setdefault(row["section"], {}).setdefault(old, new)
        if distinctive(old):
            anywhere.setdefault(old, new)
    own = {row["id"]: {_plain(row["value"]): _plain(figures.value(row["key"]))} for row in rows}
    return {row["id"]: {**anywhere, **by_section[row["section"]], **own[row["id"]]} for row in rows}


def synthetic_year(data_dir: Path | str, source_year: int, target_year: int, out_data_dir: Path | str,
                   scaling: Scaling = DEFAULT_SCALING, *, keep_source: bool = True) -> SyntheticYear:
    """Write ``out_data_dir/<target_year>/`` made from ``data_dir/<source_year>/``: every year
    in the text shifted by the difference, every figure changed (``Scaling``), quotes and
    exclusion contexts rebuilt from the same spans; registered in ``out_data_dir``'s
    descriptor and valid. ``out_data_dir`` is made as a copy of ``data_dir`` if missing;
    without ``keep_source`` the source year is removed from it (a folder with no year whose
    figures could leak into the synthetic year's book)."""
    data_dir, out_data_dir = Path(data_dir), Path(out_data_dir)
    _not_the_real_data(out_data_dir)
    delta = target_year - source_year
    checked = _checked(data_dir, source_year)
    if not out_data_dir.exists():
        shutil.copytree(data_dir, out_data_dir)
    summary = SyntheticYear(year_dir(out_data_dir, target_year))
    figures = _Figures(checked, scaling, delta == 1, summary)
    rows = checked.facts.rows
    key_of = {row["id"]: row["key"] for row in rows}
    edits = [Edit(token.start, token.end, as_token(figures.value(key_of[fact_id]), token.text))
             for fact_id, token in checked.claimed.items()]
    years = [token for token, row in excluded_tokens(checked).items() if _is_year(token, row)]
    edits += [Edit(token.start, token.end, str(int(token.text) + delta)) for token in years]
    edits = [e for e in edits if e.text != checked.report.flat[e.start:e.end]]
    mappings = _text_mappings(rows, figures)
    facts = [{**row, "value": figures.value(row["key"]), "fiscal_year": str(int(row["fiscal_year"]) + delta),
              **{c: _free_text(row[c], mappings[row["id"]], delta) for c in FREE_TEXT if c in row}}
             for row in rows]
    rebuilt = rebuild(checked, edits, facts)
    _write_year(summary.folder, {"facts": checked.facts.columns, "exclusions": checked.exclusions.columns}, rebuilt)
    register(out_data_dir, target_year)
    if not keep_source:
        remove_year(out_data_dir, source_year)
    _checked(out_data_dir, target_year)
    summary.facts, summary.exclusions = len(rebuilt.facts), len(rebuilt.exclusions)
    summary.tokens_changed, summary.years_shifted = len(edits), len(years) if delta else 0
    return summary


# --- a thin year -----------------------------------------------------------------------------

UNSTATED = "若干"  # what a dropped figure's number becomes: "some", a word, not a number
HEADINGS = (  # (level, pattern of a heading line, path segment)
    (1, re.compile(r"\s*([一二三四五六七八九十]+)、"), "{}"),
    (2, re.compile(r"\s*[（(]([一二三四五六七八九十]+)[）)]"), "({})"),
    (3, re.compile(r"\s*(\d{1,2})[.．](?!\d)"), "{}"),
)
# An example of what a shorter report leaves out: two whole sections (transfers, three public),
# a headline figure stated three times, one county of a list.
THIN_SECTIONS = ("一.(六)", "一.(七)")
THIN_KEYS = ("whole.general.revenue", "zhongning.general.revenue")


@dataclass
class ThinYear:
    """What ``thin_year`` removed, in numbers."""

    folder: Path
    facts_removed: int = 0
    facts_kept: int = 0
    tokens_unstated: int = 0  # numbers of dropped figures replaced by words
    characters_deleted: int = 0  # of the flattened report, with the dropped sections
    exclusions_removed: int = 0
    exclusions_kept: int = 0


def section_spans(report: ReportText) -> dict[str, tuple[int, int]]:
    """Section path (一.(二).1) -> its span in the flattened report: from its heading line to
    the next heading of the same or a higher level."""
    origin = _origin(report.raw)
    starts: list[tuple[int, str, int]] = []  # (level, path, flat start)
    path: list[str] = []
    at = 0
    for line in report.raw.splitlines(keepends=True):
        for level, pattern, segment in HEADINGS:
            match = pattern.match(line)
            if match and level <= len(path) + 1:
                path = [*path[: level - 1], segment.format(match.group(1))]
                first = at + len(line) - len(line.lstrip())
                starts.append((level, ".".join(path), bisect_left(origin, first)))
                break
        at += len(line)
    return {name: (start, next((s for lv, _, s in starts[i + 1:] if lv <= level), len(report.flat)))
            for i, (level, name, start) in enumerate(starts)}


def _in_section(section: str, paths: Iterable[str]) -> bool:
    return any(section == p or section.startswith(p + ".") for p in paths)


def _section_edits(checked: CheckedYear, drop_sections: Iterable[str]) -> list[Edit]:
    """Deletions of the dropped sections; a section ends early at a paragraph that holds a
    figure of another section (part 二's closing paragraph has no heading of its own)."""
    spans = section_spans(checked.report)
    rows = {row["id"]: row for row in checked.facts.rows}
    edits = []
    for path in drop_sections:
        if path not in spans:
            raise ValueError(f"no section {path} in the report (sections: {', '.join(spans)})")
        start, end = spans[path]
        others = [t.start for i, t in checked.claimed.items()
                  if start <= t.start < end and not _in_section(rows[i]["section"], drop_sections)]
        if others:
            end = _paragraph_start(checked.report, min(others))
        edits.append(Edit(start, end, ""))
    return edits


def _paragraph_start(report: ReportText, flat_index: int) -> int:
    """Flat index of the first character of the paragraph (blank-line separated) holding
    ``flat_index``."""
    origin = _origin(report.raw)
    paragraph = report.raw.rfind("\n\n", 0, origin[flat_index])
    return bisect_left(origin, paragraph)


def _renumbered(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Restatements renumbered after removals: the first remaining statement of a key is its
    figure, later ones '#2', '#3', … restating it."""
    seen: dict[str, int] = {}
    renumbered = []
    for row in rows:
        n = seen[row["key"]] = seen.get(row["key"], 0) + 1
        renumbered.append({**row, "id": row["key"] if n == 1 else f"{row['key']}#{n}",
                           "restates": "" if n == 1 else row["key"]})
    return renumbered


def thin_year(data_dir: Path | str, year: int, drop_sections: Iterable[str] = (),
              drop_keys: Iterable[str] = ()) -> ThinYear:
    """Edit ``data_dir/<year>/`` in place (pass a copy) so that the report and the facts lack
    whole sections (their text deleted) and single figures (every statement of the key: its
    number replaced by the words 若干 "some", its rows removed); quotes and exclusions follow,
    the year is registered again and is valid."""
    data_dir = Path(data_dir)
    _not_the_real_data(data_dir)
    drop_sections, drop_keys = tuple(drop_sections), set(drop_keys)
    checked = _checked(data_dir, year)
    unknown = drop_keys - {row["key"] for row in checked.facts.rows}
    if unknown:
        raise ValueError(f"no facts with key(s) {', '.join(sorted(unknown))} in {year}")
    deletions = _section_edits(checked, drop_sections)
    gone = [row for row in checked.facts.rows
            if row["key"] in drop_keys or _in_section(row["section"], drop_sections)]
    unstated = [Edit(checked.claimed[row["id"]].start, checked.claimed[row["id"]].end, UNSTATED)
                for row in gone if row["key"] in drop_keys]
    unstated = [e for e in unstated if not any(_overlaps(e, d.start, d.end) for d in deletions)]
    gone_ids = {row["id"] for row in gone}
    kept = [row for row in checked.facts.rows if row["id"] not in gone_ids]
    rebuilt = rebuild(checked, deletions + unstated, kept)
    rebuilt.facts = _renumbered(rebuilt.facts)
    folder = year_dir(data_dir, year)
    _write_year(folder, {"facts": checked.facts.columns, "exclusions": checked.exclusions.columns}, rebuilt)
    register(data_dir, year)
    _checked(data_dir, year)
    return ThinYear(folder, facts_removed=len(gone), facts_kept=len(kept), tokens_unstated=len(unstated),
                    characters_deleted=sum(e.end - e.start for e in deletions),
                    exclusions_removed=rebuilt.dropped_exclusions, exclusions_kept=len(rebuilt.exclusions))
