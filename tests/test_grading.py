"""Autograded exercises (fiscalbook/build/grading.py, scripts/grade.py) on chapter 08: the student
notebook, the tests made from the reference solutions, and the grading of a folder of
submissions with Otter on this machine, without network. One grading run serves most tests."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PLACE, REPO, YEAR

from fiscalbook.build.grading import chapter_path, grade_one, graded_exercises, offline_env, reference_answers

LABELS = ["ex-transfers-largest", "ex-transfers-check", "ex-transfers-joint", "ex-transfers-dependency"]
BLOCKED = "network access is blocked while grading"


def script(*args: str) -> subprocess.CompletedProcess:
    # The command and everything it starts run under the network guard.
    return subprocess.run([sys.executable, str(REPO / "scripts" / "grade.py"), *args], cwd=REPO, env=offline_env(),
                          capture_output=True, text=True, timeout=120)


def answered(notebook: dict, answers: dict[str, str]) -> dict:
    """The student notebook with these answer cells (by exercise label) filled in."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        if "answer" in cell["metadata"]["tags"] and cell["metadata"]["exercise"] in answers:
            cell["source"] = answers[cell["metadata"]["exercise"]]
    return notebook


@pytest.fixture(scope="module")
def handed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("student")
    done = script("student", "transfers", "--year", str(YEAR), "--lang", "en", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def graded(handed_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, str]], Path]:
    """Six submissions graded by one command: the scores by notebook, and the network probe's file."""
    solutions = {e.label: e.solution for e in graded_exercises(json.loads(chapter_path("transfers").read_text()))}
    blank = json.loads((handed_out / f"08_transfers-{YEAR}-en.ipynb").read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("submissions")
    probe = folder.parent / "probe.txt"
    network = ("import os, socket\nfrom pathlib import Path\n"
               "try:\n    socket.create_connection(('0.0.0.0', 9), timeout=1)\n"
               "    seen = 'connected'\nexcept OSError as error:\n    seen = str(error)\n"
               f"Path({str(probe)!r}).write_text(seen + '|' + socket.getaddrinfo.__module__ + '|' "
               "+ os.environ.get('FISCALBOOK_OFFLINE', ''))\n")
    submissions = {
        "reference": solutions,
        "blank": {},
        "wrong": {**solutions, LABELS[0]: solutions[LABELS[0]] + "answer_largest_share = answer_largest_share + 1\n"},
        "raises": {**solutions, LABELS[2]: "raise RuntimeError('a student error')\n" + solutions[LABELS[2]]},
        "loops": {**solutions, LABELS[1]: "while True:\n    pass\n"},
        "network": {**solutions, LABELS[3]: network + solutions[LABELS[3]]},
    }
    for name, answers in submissions.items():
        (folder / f"{name}.ipynb").write_text(json.dumps(answered(blank, answers)), encoding="utf-8")
    scores = folder.parent / "scores.csv"
    # the cell limit stops the looping submission; 3 s was too short for a loaded machine's first cell
    # (imports and the year's data): every answer then scored 0 (a CI run while other builds ran)
    done = script("grade", "transfers", str(folder), "-o", str(scores), "--year", str(YEAR), "--cell-timeout", "15")
    assert done.returncode == 0, done.stderr
    with scores.open(encoding="utf-8", newline="") as handle:
        return {row["notebook"]: row for row in csv.DictReader(handle)}, probe


def test_the_student_notebook_states_each_exercise_with_an_empty_answer_cell(handed_out: Path) -> None:
    notebook = json.loads((handed_out / f"08_transfers-{YEAR}-en.ipynb").read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert cells[0]["metadata"]["tags"] == ["parameters"] and f"year = {YEAR}" in cells[0]["source"]
    assert "load_year(year, data_dir, place)" in cells[2]["source"]
    answers = [cell for cell in cells if "answer" in cell["metadata"]["tags"]]
    assert [cell["metadata"]["exercise"] for cell in answers] == LABELS
    assert answers[0]["source"] == "answer_largest_line = ...\nanswer_largest_share = ..."
    statements = "\n".join(cell["source"] for cell in cells if cell["cell_type"] == "markdown")
    assert "Which tax rebate line" in statements and "{exercise}" not in statements
    assert (handed_out / "data" / PLACE / str(YEAR) / "facts.csv").is_file()
    zh = script("student", "transfers", "--year", str(YEAR), "--lang", "zh", "-o", str(handed_out))
    assert zh.returncode == 0, zh.stderr
    assert "哪一项金额最大" in (handed_out / f"08_transfers-{YEAR}-zh.ipynb").read_text(encoding="utf-8")


def test_the_tests_hold_the_values_the_reference_solutions_compute(handed_out: Path) -> None:
    exercises = graded_exercises(json.loads(chapter_path("transfers").read_text(encoding="utf-8")))
    expected = reference_answers(exercises, YEAR, REPO / "data")
    with zipfile.ZipFile(handed_out / "autograder" / f"08_transfers-{YEAR}.zip") as archive:
        tests = archive.read("tests/ex-transfers-largest.py").decode()
        assert f"files/data/{PLACE}/{YEAR}/facts.csv" in archive.namelist()
    assert repr(expected["answer_largest_line"]) in tests and repr(expected["answer_largest_share"]) in tests
    assert "<= 0.05" in tests  # places 1: half a unit of the first decimal


def test_one_row_per_notebook(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    scores, _ = graded
    assert sorted(scores) == sorted(f"{name}.ipynb" for name in ("reference", "blank", "wrong", "raises", "loops",
                                                                 "network"))
    assert list(next(iter(scores.values()))) == ["notebook", *LABELS, "total", "possible", "status"]


def test_the_reference_solutions_score_full_marks(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    row = graded[0]["reference.ipynb"]
    assert row["status"] == "ok" and float(row["total"]) == float(row["possible"]) == 9


def test_a_blank_notebook_scores_zero(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    row = graded[0]["blank.ipynb"]
    assert row["status"] == "ok" and float(row["total"]) == 0


def test_one_wrong_answer_loses_exactly_its_points(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    row = graded[0]["wrong.ipynb"]
    assert float(row[LABELS[0]]) == 1 and float(row["total"]) == 8


def test_a_cell_that_raises_costs_only_its_exercise(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    row = graded[0]["raises.ipynb"]
    assert float(row[LABELS[2]]) == 0 and float(row["total"]) == 7


def test_a_cell_that_never_ends_is_interrupted_and_the_rest_still_score(
        graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    row = graded[0]["loops.ipynb"]
    assert float(row[LABELS[1]]) == 0 and float(row["total"]) == 6


def test_a_notebook_that_never_finishes_times_out(handed_out: Path) -> None:
    autograder = handed_out / "autograder" / f"08_transfers-{YEAR}.zip"
    assert grade_one(handed_out / f"08_transfers-{YEAR}-en.ipynb", autograder, YEAR, timeout=1) == ({}, "timeout")


def test_the_student_code_runs_without_network(graded: tuple[dict[str, dict[str, str]], Path]) -> None:
    scores, probe = graded
    seen, guard, flag = probe.read_text().split("|")
    assert BLOCKED in seen and guard == "sitecustomize" and flag == "1"
    assert float(scores["network.ipynb"]["total"]) == 9  # a refused connection is only an error in that cell
