"""scripts/validate_data.py on good and broken input: exit status and path:line:column lines."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLACE, REPO, YEAR, edit_csv, read_rows

sys.path.insert(0, str(REPO / "scripts"))
from validate_data import main  # noqa: E402

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def run(data_dir: Path, capsys, year: int = YEAR) -> tuple[int, list[dict]]:
    status = main(["--year", str(year), "--data-dir", str(data_dir)])
    out = capsys.readouterr().out.splitlines()
    parsed = [LINE.match(line) for line in out]
    assert all(parsed), f"every output line is path:line:column: message, got {out}"
    return status, [m.groupdict() for m in parsed]


def only(problems: list[dict], text: str) -> dict:
    hits = [p for p in problems if text in p["message"]]
    assert len(hits) == 1, f"expected one problem mentioning {text!r}, got {problems}"
    return hits[0]


def facts(data: Path) -> Path:
    return data / PLACE / str(YEAR) / "facts.csv"


def column_of(data: Path, name: str) -> int:
    return read_rows(facts(data))[0].index(name)


def first_row(data: Path, column: str, matches) -> int:
    """Index (0 = header) of the first data row whose ``column`` satisfies ``matches``."""
    index = column_of(data, column)
    return next(i for i, row in enumerate(read_rows(facts(data))) if i and matches(row[index]))


def set_cell(data: Path, row: int, name: str, value: str) -> None:
    index = column_of(data, name)

    def edit(rows):
        rows[row][index] = value

    edit_csv(facts(data), edit)


def test_shipped_data_is_valid(capsys):
    status, problems = run(REPO / "data", capsys)
    assert (status, problems) == (0, [])


def test_missing_file(data_copy, capsys):
    facts(data_copy).unlink()
    status, problems = run(data_copy, capsys)
    assert status == 2
    problem = only(problems, "file is missing")
    assert problem["path"].endswith("facts.csv")


def test_empty_file(data_copy, capsys):
    facts(data_copy).write_text("", encoding="utf-8")
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "file is empty")["path"].endswith("facts.csv")


def test_file_not_utf8(data_copy, capsys):
    text = facts(data_copy).read_text(encoding="utf-8")
    facts(data_copy).write_bytes(text.encode("gbk"))
    status, problems = run(data_copy, capsys)
    problem = only(problems, "not UTF-8")
    first_chinese = next(i for i, line in enumerate(text.splitlines(), 1) if re.search(r"[^\x00-\x7f]", line))
    assert status == 2 and int(problem["line"]) == first_chinese


def test_missing_and_unexpected_columns(data_copy, capsys):
    def edit(rows):
        index = rows[0].index("label_zh")
        for row in rows:
            del row[index]
        rows[0][rows[0].index("note")] = "remarks"

    edit_csv(facts(data_copy), edit)
    status, problems = run(data_copy, capsys)
    assert status == 2
    unexpected = only(problems, "unexpected column 'remarks'")
    assert (unexpected["line"], unexpected["column"]) == ("1", str(read_rows(facts(data_copy))[0].index("remarks") + 1))
    only(problems, "missing column 'label_zh'")
    only(problems, "missing column 'note'")


def test_row_with_a_missing_field(data_copy, capsys):
    edit_csv(facts(data_copy), lambda rows: rows[4].pop())
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "row has")["line"] == "5"


def test_non_numeric_value(data_copy, capsys):
    set_cell(data_copy, 5, "value", "12,5x")
    status, problems = run(data_copy, capsys)
    problem = only(problems, "is not a number")
    assert status == 2
    assert (problem["line"], problem["column"]) == ("6", str(column_of(data_copy, "value") + 1))


@pytest.mark.parametrize("column, bad", [("unit", "亿美元"), ("scope", "银川市"), ("measure", "ratio"),
                                         ("period", "q3"), ("budget", "military")])
def test_unknown_code(data_copy, capsys, column, bad):
    set_cell(data_copy, 7, column, bad)
    status, problems = run(data_copy, capsys)
    # a scope is checked against the place's descriptor, the other codes against the schema
    problem = only(problems, f"'{bad}' is not a scope of this place" if column == "scope" else f"'{bad}' is not one of")
    assert status == 2
    assert (problem["line"], problem["column"]) == ("8", str(column_of(data_copy, column) + 1))
    assert problem["message"].startswith(f"{column}:")


def test_duplicate_id(data_copy, capsys):
    rows = read_rows(facts(data_copy))
    set_cell(data_copy, 10, "id", rows[3][0])
    status, problems = run(data_copy, capsys)
    problem = only(problems, "duplicate value")
    assert status == 2 and problem["line"] == "11" and "first on line 4" in problem["message"]


def test_quote_not_in_report(data_copy, capsys):
    set_cell(data_copy, 12, "quote", "这句话不在报告里 9.99 亿元")
    status, problems = run(data_copy, capsys)
    problem = only(problems, "quote: not found in report.txt")
    assert status == 2 and problem["line"] == "13"
    # the number that quote claimed is now claimed by nobody: coverage says so too
    assert any(p["path"].endswith("report.txt") and "neither a fact" in p["message"] for p in problems)


def test_quote_that_does_not_pin_one_place(data_copy, capsys):
    set_cell(data_copy, 12, "quote", "亿元")
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "times in report.txt")["line"] == "13"


def test_value_not_in_its_quote(data_copy, capsys):
    rows = read_rows(facts(data_copy))
    value = rows[2][column_of(data_copy, "value")]
    set_cell(data_copy, 2, "value", value + "1")
    status, problems = run(data_copy, capsys)
    problem = only(problems, "is not in its quote")
    assert status == 2 and problem["line"] == "3"


def test_wrong_sign_is_not_in_its_quote(data_copy, capsys):
    index = first_row(data_copy, "value", lambda value: value == "-9571")
    set_cell(data_copy, index, "value", "9571")
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "9571 is not in its quote")["line"] == str(index + 1)


def test_restatement_must_agree(data_copy, capsys):
    index = first_row(data_copy, "restates", bool)
    set_cell(data_copy, index, "unit", "万元")
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "differs from the restated")["line"] == str(index + 1)


def test_key_must_end_in_its_measure(data_copy, capsys):
    index = first_row(data_copy, "measure", lambda measure: measure == "yoy_pct")
    set_cell(data_copy, index, "measure", "share")
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "key must end in '.share'")["line"] == str(index + 1)


def test_number_neither_fact_nor_excluded(data_copy, capsys):
    exclusions = data_copy / PLACE / str(YEAR) / "exclusions.csv"
    removed = read_rows(exclusions)[1]
    edit_csv(exclusions, lambda rows: rows.pop(1))
    status, problems = run(data_copy, capsys)
    report = [p for p in problems if p["path"].endswith("report.txt")]
    assert status == 2 and len(report) == int(removed[2])
    assert all(f"number '{removed[0]}'" in p["message"] for p in report)


def test_exclusion_count_must_match(data_copy, capsys):
    exclusions = data_copy / PLACE / str(YEAR) / "exclusions.csv"

    def edit(rows):
        rows[1][2] = str(int(rows[1][2]) + 1)

    edit_csv(exclusions, edit)
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "count: context occurs")["line"] == "2"


def test_figure_cannot_be_excluded(data_copy, capsys):
    exclusions = data_copy / PLACE / str(YEAR) / "exclusions.csv"
    edit_csv(exclusions, lambda rows: rows.append(["211.86", "全市一般公共预算支出完成 211.86 亿元", "1",
                                                   "year_label", "wrong on purpose"]))
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "is a fact's value and cannot be excluded")


def test_year_folder_without_facts(data_copy, capsys):
    (data_copy / PLACE / "2030").mkdir()
    status, problems = run(data_copy, capsys, year=2030)
    assert status == 2
    paths = {Path(p["path"]).name for p in problems if "file is missing" in p["message"]}
    assert {"report.txt", "facts.csv", "exclusions.csv"} <= paths
    assert any(f"no resource '{PLACE}-2030-facts'" in p["message"] for p in problems)


def test_unknown_year(capsys):
    status, problems = run(REPO / "data", capsys, year=1999)
    assert status == 2 and "no data for year 1999" in only(problems, "no data")["message"]
    assert str(YEAR) in problems[0]["message"], "the message lists the years that exist"


def test_bad_rule_expression(data_copy, capsys):
    def edit(rows):
        rows[3][rows[0].index("lhs")] = "city.general.revenue +* 2"

    edit_csv(data_copy / "rules.csv", edit)
    status, problems = run(data_copy, capsys)
    problem = only(problems, "cannot parse")
    assert status == 2 and problem["path"].endswith("rules.csv") and problem["line"] == "4"


def test_command_line_never_prints_a_traceback(data_copy):
    facts(data_copy).write_bytes(b"\xff\xfe garbage")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "validate_data.py"), "--year", str(YEAR),
         "--data-dir", str(data_copy)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert all(LINE.match(line) for line in result.stdout.splitlines())


def test_exclusion_count_that_is_not_a_number(data_copy, capsys):
    exclusions = data_copy / PLACE / str(YEAR) / "exclusions.csv"

    def edit(rows):
        rows[2][2] = "1.5"

    edit_csv(exclusions, edit)
    status, problems = run(data_copy, capsys)
    assert status == 2 and only(problems, "count: '1.5' is not a whole number")["line"] == "3"
    assert not any("could not validate" in p["message"] for p in problems)


def test_missing_and_broken_schema_files(data_copy, capsys):
    (data_copy / "schemas" / "glossary.json").unlink()
    (data_copy / "schemas" / "rules.json").write_text('{"fields": [\n  {"name": "id",}\n]}', encoding="utf-8")
    status, problems = run(data_copy, capsys)
    assert status == 2
    assert only(problems, "file is missing")["path"].endswith("glossary.json")
    broken = only(problems, "not valid JSON")
    assert broken["path"].endswith("rules.json") and broken["line"] == "2"


def test_report_changed_after_its_hash_was_recorded(data_copy, capsys):
    report = data_copy / PLACE / str(YEAR) / "report.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    status, problems = run(data_copy, capsys)
    assert status == 2
    assert only(problems, "hash is sha256:")["path"].endswith("datapackage.json")
    only(problems, "bytes is")


def test_build_command_reports_bad_input_like_the_validator(data_copy):
    edit_csv(facts(data_copy), lambda rows: rows[3].__setitem__(rows[0].index("unit"), "亿美元"))
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_book.py"), "--year", str(YEAR),
         "--data-dir", str(data_copy), "--out", str(data_copy.parent / "site")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) for line in lines) and any("亿美元" in line for line in lines)
    assert not (data_copy.parent / "site").exists(), "nothing was built or published"
