"""scripts/new_year.py and fiscalbook.years.register: adding a year from a report, registering an
edited one, refusing to overwrite, bad input. The extractor is replaced by a fake that returns
a known draft (the real one is tested on its own)."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from conftest import PLACE, REPO, YEAR, read_rows
from support.synthetic import synthetic_year

from fiscalbook.data.validate import validate
from fiscalbook.years import register as years

sys.path.insert(0, str(REPO / "scripts"))
from new_year import main  # noqa: E402

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
NEXT = YEAR + 1


@dataclass
class FakeDraft:
    facts: list[dict[str, str]]
    exclusions: list[dict[str, str]]
    review: list[tuple[int, int, str]] = field(default_factory=list)


class FakeExtractor:
    """Returns a given draft and records what it was asked."""

    def __init__(self, draft: FakeDraft) -> None:
        self.draft, self.calls = draft, []

    def extract(self, text: str, year: int, known: pd.DataFrame | None = None) -> FakeDraft:
        self.calls.append((text, year, known))
        return self.draft

    @staticmethod
    def write_draft(draft: FakeDraft, facts_path: Path, exclusions_path: Path) -> None:
        for path, rows in ((facts_path, draft.facts), (exclusions_path, draft.exclusions)):
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)


def dict_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> Path:
    """A data folder holding a synthetic next year: its report is a 'new report' whose right
    draft is known."""
    out = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic_year(REPO / "data", YEAR, NEXT, out)
    return out / PLACE / str(NEXT)


def install(monkeypatch, draft: FakeDraft) -> FakeExtractor:
    fake = FakeExtractor(draft)
    monkeypatch.setattr(years, "load_extractor", lambda: (fake.extract, fake.write_draft))
    return fake


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "new_year.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=60)


def resource_names(data: Path) -> list[str]:
    return [r["name"] for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]]


def resource(data: Path, name: str) -> dict:
    return next(r for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]
                if r["name"] == name)


# --- --report ------------------------------------------------------------------------------------

def test_new_year_from_a_report(data_copy, next_year, monkeypatch, capsys):
    draft = FakeDraft(dict_rows(next_year / "facts.csv"), dict_rows(next_year / "exclusions.csv"),
                      review=[(3, 1, "key guessed: check it")])
    fake = install(monkeypatch, draft)
    report = next_year / "report.txt"
    status, out, err = run(capsys, NEXT, "--report", report, "--data-dir", data_copy)
    assert status == 0, (out, err)
    folder = data_copy / PLACE / str(NEXT)
    assert (folder / "report.txt").read_bytes() == report.read_bytes()
    assert read_rows(folder / "facts.csv") == read_rows(next_year / "facts.csv")
    [(text, year, known)] = fake.calls
    assert (text, year) == (report.read_text(encoding="utf-8"), NEXT)
    expected_known = pd.read_csv(data_copy / PLACE / str(YEAR) / "facts.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(known, expected_known)
    assert out == [f"{folder / 'report.txt'}:3:1: key guessed: check it"]
    assert "validates" in err and f"build_book.py --year {NEXT}" in err
    data = report.read_bytes()
    entry = resource(data_copy, f"{PLACE}-{NEXT}-report")
    assert (entry["bytes"], entry["hash"]) == (len(data), "sha256:" + hashlib.sha256(data).hexdigest())
    assert validate(data_copy, NEXT).problems == []


def test_a_draft_that_needs_review(data_copy, next_year, monkeypatch, capsys):
    facts = dict_rows(next_year / "facts.csv")
    facts[0]["quote"] = "a sentence the report does not have"
    install(monkeypatch, FakeDraft(facts, dict_rows(next_year / "exclusions.csv"), review=[(5, 2, "unit unclear")]))
    status, out, err = run(capsys, NEXT, "--report", next_year / "report.txt", "--data-dir", data_copy)
    assert status == 1
    assert all(LINE.match(line) for line in out), out
    assert "quote: not found in report.txt" in out[0]
    assert out[0].startswith(str(data_copy / PLACE / str(NEXT) / "facts.csv"))
    assert out[-1].endswith("report.txt:5:2: unit unclear")  # validator first, then the draft's flags
    assert "NEEDS REVIEW" in err and f"validate_data.py --year {NEXT}" in err
    assert f"{PLACE}-{NEXT}-report" in resource_names(data_copy)  # created and registered all the same


def test_keys_come_from_the_nearest_earlier_year(data_copy, next_year, monkeypatch, capsys):
    synthetic_year(data_copy, YEAR, NEXT, data_copy)
    fake = install(monkeypatch, FakeDraft(dict_rows(next_year / "facts.csv"), dict_rows(next_year / "exclusions.csv")))
    run(capsys, NEXT + 1, "--report", next_year / "report.txt", "--data-dir", data_copy)
    [(_, _, known)] = fake.calls
    assert known["fiscal_year"].iloc[0] == str(NEXT)


def test_refuses_to_overwrite_a_year(data_copy, monkeypatch):
    before = {p.name: p.read_bytes() for p in (data_copy / PLACE / str(YEAR)).iterdir()}
    result = run_script(YEAR, "--report", REPO / "data" / PLACE / str(YEAR) / "report.txt", "--data-dir", data_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines) and len(lines) == 3
    facts = str(data_copy / PLACE / str(YEAR) / "facts.csv")
    assert any(line.startswith(facts) and "--force" in line for line in lines)
    assert {p.name: p.read_bytes() for p in (data_copy / PLACE / str(YEAR)).iterdir()} == before


def test_force_replaces_a_year(data_copy, next_year, monkeypatch, capsys):
    install(monkeypatch, FakeDraft(dict_rows(next_year / "facts.csv"), dict_rows(next_year / "exclusions.csv")))
    status, _, _ = run(capsys, YEAR, "--report", next_year / "report.txt", "--data-dir", data_copy, "--force")
    assert status == 1  # the next year's facts are not this year's: validation says so
    assert (data_copy / PLACE / str(YEAR) / "report.txt").read_bytes() == (next_year / "report.txt").read_bytes()
    assert resource(data_copy, f"{PLACE}-{YEAR}-report")["bytes"] == len((next_year / "report.txt").read_bytes())


def test_a_failing_extractor_writes_nothing(data_copy, next_year, monkeypatch, capsys):
    def broken(text, year, known=None):
        raise RuntimeError("cannot parse")

    monkeypatch.setattr(years, "load_extractor", lambda: (broken, FakeExtractor.write_draft))
    status, out, _ = run(capsys, NEXT, "--report", next_year / "report.txt", "--data-dir", data_copy)
    assert status == 2 and out == [f"{next_year / 'report.txt'}:1:1: could not draft facts: RuntimeError: cannot parse"]
    assert not (data_copy / PLACE / str(NEXT)).exists()
    assert [p.name for p in data_copy.iterdir() if p.name.startswith(".")] == []
    assert f"{PLACE}-{NEXT}-report" not in resource_names(data_copy)


@pytest.mark.parametrize("case", ["missing", "gbk", "empty", "year", "descriptor"])
def test_bad_input_exits_2(data_copy, tmp_path, capsys, case):
    report = tmp_path / "report.txt"
    report.write_text("2024 年报告：收入 1.5 亿元。\n", encoding="utf-8")
    year, where, message = str(NEXT), f"{report}:1:1", ""
    if case == "missing":
        report.unlink()
        message = "file is missing"
    elif case == "gbk":
        report.write_bytes("报告\n收入 1.5 亿元\n".encode("gbk"))
        message = "file is not UTF-8 text"
    elif case == "empty":
        report.write_text("\n", encoding="utf-8")
        message = "file is empty"
    elif case == "year":
        year, where, message = "24", f"{data_copy / '24'}:1:1", "the year must be a 4-digit number"
    else:
        (data_copy / "datapackage.json").write_text("{", encoding="utf-8")
        where, message = f"{data_copy / 'datapackage.json'}:1:2", "not valid JSON"
    status, out, _ = run(capsys, year, "--report", report, "--data-dir", data_copy)
    assert status == 2 and len(out) == 1 and out[0].startswith(f"{where}: {message}"), out
    assert not (data_copy / PLACE / str(NEXT)).exists()


def test_bad_input_from_the_command_line_has_no_traceback(data_copy, tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes("报告\n".encode("gbk"))
    result = run_script(NEXT, "--report", report, "--data-dir", data_copy)
    assert result.returncode == 2
    assert result.stdout == f"{report}:1:1: file is not UTF-8 text (save it as UTF-8, e.g. not GBK)\n"
    assert "Traceback" not in result.stderr


# --- --register ----------------------------------------------------------------------------------

def test_register_of_the_shipped_year_changes_nothing(data_copy, capsys):
    before = (data_copy / "datapackage.json").read_bytes()
    assert before == (REPO / "data" / "datapackage.json").read_bytes()
    status, out, err = run(capsys, YEAR, "--register", "--data-dir", data_copy)
    assert (status, out) == (0, []) and "already registered" in err
    assert (data_copy / "datapackage.json").read_bytes() == before


def test_register_after_the_report_is_edited(data_copy, capsys):
    report = data_copy / PLACE / str(YEAR) / "report.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n（完）\n", encoding="utf-8")
    assert any("hash" in p.message for p in validate(data_copy, YEAR).problems)
    status, out, err = run(capsys, YEAR, "--register", "--data-dir", data_copy)
    assert (status, out) == (0, []) and "registered in datapackage.json" in err
    data = report.read_bytes()
    entry = resource(data_copy, f"{PLACE}-{YEAR}-report")
    assert (entry["bytes"], entry["hash"]) == (len(data), "sha256:" + hashlib.sha256(data).hexdigest())
    assert list(entry) == list(resource(REPO / "data", f"{PLACE}-{YEAR}-report"))  # same fields, same order
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert resource_names(data_copy) == resource_names(REPO / "data")
    again = (data_copy / "datapackage.json").read_bytes()
    assert run(capsys, YEAR, "--register", "--data-dir", data_copy)[0] == 0
    assert (data_copy / "datapackage.json").read_bytes() == again


def test_register_never_touches_the_year(data_copy, capsys):
    facts = data_copy / PLACE / str(YEAR) / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",23.17,", ",23.18,", 1), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (data_copy / PLACE / str(YEAR)).iterdir()}
    status, out, err = run(capsys, YEAR, "--register", "--data-dir", data_copy)
    assert status == 1 and "NEEDS REVIEW" in err
    assert any("value: 23.18 is not in its quote" in line for line in out)
    assert {p.name: p.read_bytes() for p in (data_copy / PLACE / str(YEAR)).iterdir()} == before


def test_years_are_registered_in_order(data_copy):
    synthetic_year(data_copy, YEAR, NEXT, data_copy)
    earlier = data_copy / PLACE / str(YEAR - 1)
    earlier.mkdir()
    (earlier / "report.txt").write_bytes((data_copy / PLACE / str(YEAR) / "report.txt").read_bytes())
    assert years.register(data_copy, YEAR - 1) is True
    kinds = ("report", "facts", "exclusions")
    expected = [f"{PLACE}-{year}-{kind}" for year in (YEAR - 1, YEAR, NEXT) for kind in kinds]
    names = [name for name in resource_names(data_copy) if not name.startswith("changning-")]  # another place's
    assert names[:9] == expected
    assert names[9:] == [f"{PLACE}-place", f"{PLACE}-rules", f"{PLACE}-derived", "rules", "derived",
                         "vocab", "glossary", "law-budget-law", "law-regulations"]
    assert resource(data_copy, f"{PLACE}-{NEXT}-facts") == {
        "name": f"{PLACE}-{NEXT}-facts", "path": f"{PLACE}/{NEXT}/facts.csv", "format": "csv", "encoding": "utf-8",
        "schema": "schemas/facts.json", "description": f"Every number the {NEXT} report states, one row each."}


def test_register_bad_input(data_copy, capsys):
    status, out, _ = run(capsys, "20x4", "--register", "--data-dir", data_copy)
    assert (status, out) == (2, [f"{data_copy / '20x4'}:1:1: the year must be a 4-digit number, not '20x4'"])
    result = run_script("2030", "--register", "--data-dir", data_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stdout == f"{data_copy / PLACE / '2030'}:1:1: no data for year 2030 of {PLACE} " \
                            f"(years with data: {YEAR}); create it with --report FILE\n"
