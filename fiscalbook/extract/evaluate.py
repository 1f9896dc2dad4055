"""Measure a draft against curated facts of the same report.

A draft fact and a curated fact are the same figure when the validator assigns both to the
same number of the report (``fiscalbook.data.validate`` claims one token per fact from its quote
and value), so the comparison uses the project's own provenance rule and nothing else.

* recall: the share of curated facts whose number a draft fact claims with the same value and
  unit (``value_unit``), and also the same measure and scope (``full``);
* precision: the share of draft facts that claim a number a curated fact claims with the same
  value and unit (``value_unit``) or with all four (``full``); a draft fact on a number the
  curated data excludes, or whose quote the validator rejects, counts against precision;
* keys: the share of curated facts whose figure the draft gives the same key.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fiscalbook.data.places import DESCRIPTOR, place_dir, year_dir
from fiscalbook.data.validate import check_year
from fiscalbook.extract.draft import Draft, write_draft

# The budget parts of the report, where the issue asks for 97% recall.
BUDGET_SECTIONS = ("一.(一)", "一.(二)", "一.(三)", "一.(四)", "一.(六)", "一.(七)", "二.(一)", "二.(二)")


@dataclass
class Score:
    curated: int = 0
    drafted: int = 0
    recalled_value_unit: int = 0
    recalled_full: int = 0
    precise_value_unit: int = 0
    precise_full: int = 0
    keys: int = 0

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall_value_unit(self) -> float:
        return self.ratio(self.recalled_value_unit, self.curated)

    @property
    def recall_full(self) -> float:
        return self.ratio(self.recalled_full, self.curated)

    @property
    def precision_value_unit(self) -> float:
        return self.ratio(self.precise_value_unit, self.drafted)

    @property
    def precision_full(self) -> float:
        return self.ratio(self.precise_full, self.drafted)

    @property
    def key_share(self) -> float:
        return self.ratio(self.keys, self.curated)


@dataclass
class Evaluation:
    overall: Score
    by_section: dict[str, Score]
    budget_parts: Score
    misses: list[dict] = field(default_factory=list)  # curated facts not recalled (value+unit)
    false: list[dict] = field(default_factory=list)  # draft facts not matching a curated one

    def table(self) -> str:
        lines = [f"{'section':<10} {'curated':>7} {'draft':>6} {'R v+u':>6} {'R full':>6} "
                 f"{'P v+u':>6} {'P full':>6} {'keys':>6}"]
        rows = [*sorted(self.by_section.items(), key=lambda kv: _section_order(kv[0])),
                ("budget", self.budget_parts), ("all", self.overall)]
        for name, s in rows:
            lines.append(f"{name:<10} {s.curated:>7} {s.drafted:>6} {s.recall_value_unit:>6.1%} "
                         f"{s.recall_full:>6.1%} {s.precision_value_unit:>6.1%} {s.precision_full:>6.1%} "
                         f"{s.key_share:>6.1%}")
        return "\n".join(lines)


def _section_order(section: str) -> tuple:
    numerals = "一二三四五六七八九十"
    parts = section.replace("(", "").replace(")", "").split(".")
    return tuple(numerals.index(p) if p in numerals else (int(p) if p.isdigit() else 99) for p in parts)


def claimed_tokens(data_dir: Path, year: int) -> tuple[pd.DataFrame, dict[str, int]]:
    """The facts of ``data_dir/<year>`` and, per fact id, the offset of the number it claims."""
    checked = check_year(data_dir, year)
    if checked.facts is None:
        raise ValueError(f"{data_dir}/{year}: no readable facts.csv")
    frame = pd.DataFrame(checked.facts.rows)
    return frame, {fact_id: token.start for fact_id, token in checked.claimed.items()}


def claimed_in_draft(draft: Draft, report: Path, year: int, schemas: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Write the draft beside a copy of the report and let the validator claim its numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        shutil.copytree(schemas, data / "schemas")
        folder = year_dir(data, year)
        folder.mkdir(parents=True)
        shutil.copyfile(place_dir(schemas.parent) / DESCRIPTOR, folder.parent / DESCRIPTOR)
        shutil.copyfile(report, folder / "report.txt")
        write_draft(draft, folder / "facts.csv", folder / "exclusions.csv")
        return claimed_tokens(data, year)


def evaluate(draft: Draft, data_dir: Path | str, year: int) -> Evaluation:
    """Compare a draft of ``data_dir/<year>/report.txt`` with the curated facts beside it."""
    data_dir = Path(data_dir)
    curated, curated_at = claimed_tokens(data_dir, year)
    drafted, drafted_at = claimed_in_draft(draft, year_dir(data_dir, year) / "report.txt", year, data_dir / "schemas")
    return compare(curated, curated_at, drafted, drafted_at)


def compare(curated: pd.DataFrame, curated_at: dict[str, int], drafted: pd.DataFrame,
            drafted_at: dict[str, int]) -> Evaluation:
    draft_by_token = {at: row for row in drafted.to_dict("records") if (at := drafted_at.get(row["id"])) is not None}
    curated_by_token = {at: row for row in curated.to_dict("records")
                        if (at := curated_at.get(row["id"])) is not None}
    overall, budget, by_section = Score(), Score(), {}
    misses, false = [], []
    for row in curated.to_dict("records"):
        scores = [overall, by_section.setdefault(row["section"], Score())]
        if row["section"].startswith(BUDGET_SECTIONS):
            scores.append(budget)
        other = draft_by_token.get(curated_at.get(row["id"], -1))
        same_value = other is not None and (other["value"], other["unit"]) == (row["value"], row["unit"])
        full = same_value and (other["measure"], other["scope"]) == (row["measure"], row["scope"])
        for s in scores:
            s.curated += 1
            s.recalled_value_unit += same_value
            s.recalled_full += full
            s.keys += other is not None and other["key"] == row["key"]
        if not same_value:
            misses.append({**row, "draft": other})
    for row in drafted.to_dict("records"):
        other = curated_by_token.get(drafted_at.get(row["id"], -1))
        section = other["section"] if other is not None else row["section"]
        scores = [overall, by_section.setdefault(section, Score())]
        if section.startswith(BUDGET_SECTIONS):
            scores.append(budget)
        same_value = other is not None and (other["value"], other["unit"]) == (row["value"], row["unit"])
        full = same_value and (other["measure"], other["scope"]) == (row["measure"], row["scope"])
        for s in scores:
            s.drafted += 1
            s.precise_value_unit += same_value
            s.precise_full += full
        if not full:
            false.append({**row, "curated": other})
    return Evaluation(overall, by_section, budget, misses, false)


# -- short passages with the facts expected ------------------------------------------------------

FULL = ("value", "unit", "measure", "scope")


@dataclass
class PassageScore:
    name: str
    expected: int = 0
    drafted: int = 0
    value_unit: int = 0  # expected facts found with their value and unit
    full: int = 0  # ... and measure and scope
    period: int = 0  # ... and period
    excluded_expected: int = 0
    excluded: int = 0  # expected non-figures that the draft excludes
    category: int = 0  # ... with the expected category
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def score_passage(name: str, draft: Draft, expected: list[dict[str, str]]) -> PassageScore:
    """Match a passage's draft with its expected facts (by value and unit, preferring rows that
    also agree on measure, scope and period) and expected non-figures (by token)."""
    facts = [row for row in expected if not row.get("category")]
    nonfigures = [row for row in expected if row.get("category")]
    score = PassageScore(name, expected=len(facts), drafted=len(draft.facts), excluded_expected=len(nonfigures))
    free = list(draft.facts)
    for want in facts:
        same = [f for f in free if (f["value"], f["unit"]) == (want["value"], want["unit"])]
        if not same:
            score.missed.append(f"{want['value']} {want['unit']} {want['measure']} {want['scope']}: not drafted")
            continue
        best = max(same, key=lambda f: (all(f[c] == want[c] for c in FULL), f["period"] == want["period"]))
        free.remove(best)
        score.value_unit += 1
        if all(best[c] == want[c] for c in FULL):
            score.full += 1
            score.period += best["period"] == want["period"]
            if best["period"] != want["period"]:
                score.wrong.append(f"{want['value']} {want['unit']}: period {best['period']}, "
                                   f"expected {want['period']}")
        else:
            got = ", ".join(f"{c} {best[c]}" for c in FULL if best[c] != want[c])
            expected_text = ", ".join(f"{c} {want[c]}" for c in FULL if best[c] != want[c])
            score.wrong.append(f"{want['value']} {want['unit']}: {got}; expected {expected_text}")
    for f in free:
        score.wrong.append(f"{f['value']} {f['unit']} {f['measure']} drafted but not expected")
    rows = list(draft.exclusions)
    counted = [(row, int(row["count"])) for row in rows]
    for want in nonfigures:
        hit = next((i for i, (row, n) in enumerate(counted) if row["token"] == want["value"] and n > 0), None)
        if hit is None:
            score.missed.append(f"{want['value']} ({want['category']}): not excluded")
            continue
        row, n = counted[hit]
        counted[hit] = (row, n - 1)
        score.excluded += 1
        score.category += row["category"] == want["category"]
    return score


# -- keys on a report the extractor has not seen ----------------------------------------------------

def shifted_report(data_dir: Path | str, year: int) -> tuple[str, dict[int, str]]:
    """The report of ``year`` made into next year's: every digit of every curated figure
    changed (length kept, so offsets stay) and every year label moved on by one; with the
    curated key of each figure's offset. Extracting it with the curated facts as ``known``
    measures key recovery when nothing but the wording is shared."""
    data_dir = Path(data_dir)
    curated, curated_at = claimed_tokens(data_dir, year)
    checked = check_year(data_dir, year)
    report = checked.report
    figures = set(curated_at.values())
    keys = {curated_at[r["id"]]: r["key"] for r in curated.to_dict("records") if r["id"] in curated_at}
    flat = list(report.flat)
    raw = list(report.raw)
    for token in report.tokens:
        digits = [i for i in range(token.start, token.end) if flat[i].isdigit()]
        if token.start in figures:
            for n, i in enumerate(digits):
                changed = (int(flat[i]) * 7 + 3) % 10
                flat[i] = str(changed if changed or n else 1)
        elif len(digits) == 4 and year - 5 <= int(token.text) <= year + 5:
            for i, ch in zip(digits, str(int(token.text) + 1), strict=True):
                flat[i] = ch
    for i, ch in enumerate(flat):
        raw[report._origin[i]] = ch
    return "".join(raw), keys


def key_recovery_on_shifted(data_dir: Path | str, year: int) -> tuple[int, int]:
    """(curated figures whose key the draft of the shifted report gives, curated figures)."""
    from fiscalbook.extract.draft import extract

    data_dir = Path(data_dir)
    text, keys = shifted_report(data_dir, year)
    known = pd.read_csv(year_dir(data_dir, year) / "facts.csv", dtype=str, keep_default_na=False)
    draft = extract(text, year + 1, known=known)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        report.write_text(text, encoding="utf-8")
        drafted, drafted_at = claimed_in_draft(draft, report, year + 1, data_dir / "schemas")
    by_offset = {drafted_at[r["id"]]: r["key"] for r in drafted.to_dict("records") if r["id"] in drafted_at}
    return sum(by_offset.get(at) == key for at, key in keys.items()), len(keys)


def score_passages(folder: Path | str, which: str) -> list[PassageScore]:
    """Scores of the passages of one set ('first', 'held_out', …) in ``folder`` (tests/passages)."""
    import csv

    from fiscalbook.extract.draft import extract

    folder = Path(folder)
    with open(folder / "index.csv", encoding="utf-8", newline="") as handle:
        entries = [e for e in csv.DictReader(handle) if e["set"] == which]
    scores = []
    for entry in entries:
        with open(folder / f"{entry['file']}.csv", encoding="utf-8", newline="") as handle:
            expected = list(csv.DictReader(handle))
        text = (folder / f"{entry['file']}.txt").read_text(encoding="utf-8")
        scores.append(score_passage(entry["file"], extract(text, int(entry["year"])), expected))
    return scores


def passage_sets(folder: Path | str) -> list[str]:
    """The sets of passages in ``folder``'s index, in order of first appearance ('first',
    'held_out', then sets written with a later change, such as 'issue16')."""
    import csv

    with open(Path(folder) / "index.csv", encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(e["set"] for e in csv.DictReader(handle)))


def summary(data_dir: Path | str, year: int, passages: Path | str) -> str:
    """The figures the README quotes: the report against its curated facts (per section),
    key recovery, and the passages."""
    import time

    from fiscalbook.extract.draft import extract

    data_dir = Path(data_dir)
    text = (year_dir(data_dir, year) / "report.txt").read_text(encoding="utf-8")
    known = pd.read_csv(year_dir(data_dir, year) / "facts.csv", dtype=str, keep_default_na=False)
    start = time.perf_counter()
    plain = extract(text, year)
    seconds = time.perf_counter() - start
    lines = [f"{year} report, known=None (extraction {seconds:.2f} s):", evaluate(plain, data_dir, year).table()]
    circular = evaluate(extract(text, year, known=known), data_dir, year).overall
    recovered, total = key_recovery_on_shifted(data_dir, year)
    lines += [f"keys with known = the {year} facts themselves (circular): {circular.key_share:.1%}",
              f"keys on the report with every figure and year changed, known = the {year} facts: "
              f"{recovered}/{total} = {recovered / total:.1%}"]
    for which in passage_sets(passages):
        scores = score_passages(passages, which)
        expected, drafted = sum(s.expected for s in scores), sum(s.drafted for s in scores)
        vu, full = sum(s.value_unit for s in scores), sum(s.full for s in scores)
        excluded, wanted = sum(s.excluded for s in scores), sum(s.excluded_expected for s in scores)
        lines.append(f"passages ({which}, {len(scores)}): recall value+unit {vu}/{expected}, full {full}/{expected}; "
                     f"precision value+unit {vu}/{drafted}, full {full}/{drafted}; non-figures excluded "
                     f"{excluded}/{wanted}")
    return "\n".join(lines)
