"""Autograded exercises: a report chapter's student notebook, and Otter-Grader's grading of the
copies students hand in, on this machine, without containers and without network.

The convention (notebooks/README.md): a computational exercise's solution code assigns each
answer to a variable named ``answer_…`` (unique in the chapter) and declares it in the
metadata of that solution cell::

    "answers": {"answer_joint_share": {"points": 1, "places": 1,
                                       "en": "their share …, in per cent", "zh": "…（百分数）"}}

An answer with ``places`` is a number, right within half a unit of its last expected place
(places 1: ±0.05); one without (a key, a count) must be equal. The expected values are never
typed: they come from running the reference solutions on the year's data, and are written into
Otter's test files. Exercises whose solutions declare no answers are left out of the student
notebook (they are for discussion).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import psutil

from fiscalbook.build.notebooks import DIRECTIVE, directive_options, source, tags
from fiscalbook.build.notebooks import exercises as exercise_cells
from fiscalbook.build.quickimport import skip_iri_format_checker
from fiscalbook.build.teaching import chapter_title, find_document
from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE, PACKAGE, REPO
from fiscalbook.story.fmt import check_lang

OFFLINE = PACKAGE / "build" / "offline"  # its sitecustomize.py blocks every connection off the machine
TIMEOUT = 120.0  # seconds for a whole notebook
CELL_TIMEOUT = 30  # seconds for one cell; the kernel is then interrupted and the next cell runs
WORDS = {
    "en": {"title": "{title}: exercises", "exercise": "Exercise {n}", "answers": "Your answers",
           "points": "{points} pt", "intro": (
               "Run the first two cells, then answer each exercise with pandas from `year_data` "
               "(`year_data.facts`, `year_data.select(prefix)`, `year_data.fact(key)`): replace each "
               "`...` by your computation. Do not type a figure; do not rename the `answer_…` variables. "
               "Run all cells before you hand the notebook in.")},
    "zh": {"title": "{title}：练习", "exercise": "练习{n}", "answers": "答案", "points": "{points} 分", "intro": (
               "先运行前两个单元格，然后用 pandas 从 `year_data` 求解每道练习（`year_data.facts`、"
               "`year_data.select(prefix)`、`year_data.fact(key)`）：把每个 `...` 换成你的计算。"
               "不要手写数字，也不要改 `answer_…` 变量的名字。提交前请运行全部单元格。")},
}
LEVELS = {"en": {"basic": "basic", "intermediate": "intermediate", "advanced": "advanced"},
          "zh": {"basic": "基础", "intermediate": "进阶", "advanced": "提高"}}


@dataclass(frozen=True)
class Answer:
    """A variable an exercise's solution assigns, as its metadata declares it."""

    name: str
    points: float
    places: int | None
    what: dict[str, str]

    @property
    def tolerance(self) -> float | None:
        return None if self.places is None else 0.5 * 10 ** -self.places


@dataclass
class Graded:
    """A computational exercise: its label, level, statement per edition, solution and answers."""

    label: str
    level: str
    prompt: dict[str, str] = field(default_factory=dict)
    solution: str = ""
    answers: list[Answer] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(answer.points for answer in self.answers)


def chapter_path(chapter: str) -> Path:
    """A report chapter's notebook: a path, or a name of _toc.yml ('transfers', '08_transfers')."""
    path = Path(chapter)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    return REPO / f"{find_document(path.stem if path.suffix else chapter)}.ipynb"


def graded_exercises(notebook: dict) -> list[Graded]:
    """The exercises of a notebook whose solutions declare answers, in order."""
    found = []
    names: set[str] = set()
    for exercise in exercise_cells(notebook):
        graded = Graded(exercise.label, "")
        for index in exercise.cells:
            cell = notebook["cells"][index]
            if cell["cell_type"] == "code":
                graded.solution += source(cell).rstrip() + "\n\n"
                for name, spec in cell["metadata"].get("answers", {}).items():
                    if name in names or not name.startswith("answer_"):
                        raise ValueError(f"{exercise.label}: answer names must start with 'answer_' and be "
                                         f"unique in the chapter: {name}")
                    names.add(name)
                    graded.answers.append(Answer(name, float(spec["points"]), spec.get("places"),
                                                 {lang: spec.get(lang, "") for lang in ("en", "zh")}))
            elif (match := DIRECTIVE.search(source(cell))) and match["name"] == "exercise":
                options, text = directive_options(match["body"])
                graded.level = options.get("class", "")
                for lang in ("en", "zh"):
                    if f"lang-{lang}" in tags(cell):
                        graded.prompt[lang] = text.strip()
        if graded.answers:
            found.append(graded)
    return found


def plain(value: Any) -> Any:
    """An answer as a plain Python value for a test file: numbers as float or int, text as str."""
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "item"):  # a numpy or pandas scalar
        value = value.item()
    return value


def reference_answers(exercises: list[Graded], year: int, data_dir: Path) -> dict[str, Any]:
    """Every answer, as the reference solutions compute it from the year's data (their printing is
    dropped). The solutions run in order in one namespace, as in the chapter."""
    namespace: dict[str, Any] = {"year": year, "lang": "en", "data_dir": str(Path(data_dir).resolve()),
                                 "place": DEFAULT_PLACE}
    with contextlib.redirect_stdout(io.StringIO()):
        for exercise in exercises:
            exec(compile(exercise.solution, exercise.label, "exec"), namespace)  # noqa: S102 - the book's own code
    return {answer.name: plain(namespace[answer.name]) for exercise in exercises for answer in exercise.answers}


def test_file(exercise: Graded, expected: dict[str, Any]) -> str:
    """Otter's exception-based test file of one exercise: a test case per answer."""
    lines = [f'"""{exercise.label}: written by fiscalbook.build.grading from the reference solution."""',
             "from otter.test_files import test_case", "", "OK_FORMAT = False", f"name = {exercise.label!r}", ""]
    for answer in exercise.answers:
        value = expected[answer.name]
        check = (f"{answer.name} == {value!r}" if answer.tolerance is None
                 else f"abs(float({answer.name}) - {float(value)!r}) <= {answer.tolerance!r} * (1 + 1e-9)")
        lines += ["", f"@test_case(points={answer.points!r})", f"def test_{answer.name}({answer.name}):",
                  f"    assert {check}", ""]
    return "\n".join(lines)


def write_autograder(path: Path, exercises: list[Graded], year: int, data_dir: Path) -> Path:
    """Otter's autograder zip: the tests (expected values from the reference solutions), its
    configuration and the data, which Otter puts beside the submission as ``data/``."""
    expected = reference_answers(exercises, year, data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("otter_config.json", json.dumps({"lang": "python", "logo": False, "pdf": False}))
        for exercise in exercises:
            archive.writestr(f"tests/{exercise.label}.py", test_file(exercise, expected))
        for file in sorted(Path(data_dir).rglob("*")):
            if file.is_file():
                archive.write(file, f"files/data/{file.relative_to(data_dir).as_posix()}")
    return path


def _cell(kind: str, text: str, cell_id: str, cell_tags: list[str] | None = None, **metadata: Any) -> dict:
    cell: dict[str, Any] = {"cell_type": kind, "id": cell_id, "metadata": {"tags": cell_tags or [], **metadata},
                            "source": text}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def parameters(year: int, lang: str) -> str:
    return f'year = {year}\nlang = "{lang}"\ndata_dir = "data"\nplace = "{DEFAULT_PLACE}"'


def student_notebook(chapter: Path, exercises: list[Graded], year: int, lang: str) -> dict:
    """The student notebook: parameters, a set-up cell that loads the year as the chapter does,
    then each exercise's statement and an answer cell of ``answer_… = ...`` lines."""
    words = WORDS[check_lang(lang)]
    from fiscalbook.build.teaching import markdown_of

    title = words["title"].format(title=chapter_title(markdown_of(chapter, lang)))
    cells = [_cell("code", parameters(year, lang), "parameters", ["parameters"]),
             _cell("markdown", f"# {title}\n\n{words['intro']}", "intro"),
             _cell("code", "from fiscalbook import load_year\n\nyear_data = load_year(year, data_dir, place)", "setup")]
    for number, exercise in enumerate(exercises, 1):
        level = LEVELS[lang].get(exercise.level, exercise.level)
        listed = "\n".join(f"- `{answer.name}`: {answer.what[lang]} "
                           f"({words['points'].format(points=f'{answer.points:g}')})" for answer in exercise.answers)
        cells.append(_cell("markdown", f"## {words['exercise'].format(n=number)} ({level})\n\n"
                           f"{exercise.prompt.get(lang, '')}\n\n**{words['answers']}**\n\n{listed}", exercise.label))
        cells.append(_cell("code", "\n".join(f"{answer.name} = ..." for answer in exercise.answers),
                           f"{exercise.label}-answer", ["answer"], exercise=exercise.label))
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                         "language_info": {"name": "python"},
                         "fiscalbook": {"chapter": chapter.stem, "year": year, "lang": lang}}}


def write_notebook(notebook: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_student(chapter: str, year: int, lang: str, out: Path, data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, Path]:
    """Write the student notebook and a copy of the data to ``out`` (to hand out), and the
    autograder to ``out/autograder/`` (for the teacher: it holds the answers)."""
    path = chapter_path(chapter)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    exercises = graded_exercises(notebook)
    if not exercises:
        raise ValueError(f"{path.name} has no exercise whose solution declares answers")
    shutil.copytree(data_dir, out / "data", dirs_exist_ok=True)
    notebook_path = out / f"{path.stem}-{year}-{lang}.ipynb"
    return {"notebook": write_notebook(student_notebook(path, exercises, year, lang), notebook_path),
            "data": out / "data",
            "autograder": write_autograder(out / "autograder" / f"{path.stem}-{year}.zip", exercises, year, data_dir)}


def offline_env() -> dict[str, str]:
    """The environment of a grading process and of its kernel: the network guard loaded first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), env.get("PYTHONPATH", "")]))
    return env


def run_otter(autograder: str, submission: str, result: str, cell_timeout: int) -> None:
    """In the grading process: grade one notebook with Otter's containerless grading (``otter
    run``), each cell limited to ``cell_timeout`` seconds, and write its score per test as JSON."""
    skip_iri_format_checker()  # a 2 s import nothing here needs (fiscalbook/quickimport.py)
    import otter.execute
    from otter.api import grade_submission
    from traitlets.config import Config

    def config() -> Config:  # Otter builds nbclient's configuration from Config(): add the limit
        made = Config()
        made.ExecutePreprocessor.timeout = cell_timeout
        made.ExecutePreprocessor.interrupt_on_timeout = True
        return made

    otter.execute.Config = config  # type: ignore[attr-defined]
    results = grade_submission(submission, autograder, quiet=True)
    Path(result).write_text(json.dumps({name: results.get_score(name) for name in results.test_files}))


def _kill_tree(pid: int) -> None:
    try:
        process = psutil.Process(pid)
        family = [*process.children(recursive=True), process]
    except psutil.NoSuchProcess:
        return
    for member in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            member.kill()


def grade_one(submission: Path, autograder: Path, year: int, timeout: float = TIMEOUT,
              cell_timeout: int = CELL_TIMEOUT) -> tuple[dict[str, float], str]:
    """One notebook's score per exercise and its status ('ok', 'timeout', 'error: …'), graded in a
    process of its own (and a kernel of its own) with the network guard, within ``timeout``. The
    grader sets the parameters: the year of the autograder, the data beside the notebook."""
    with tempfile.TemporaryDirectory(prefix="grade-") as folder:
        notebook = json.loads(submission.read_text(encoding="utf-8"))
        lang = notebook.get("metadata", {}).get("fiscalbook", {}).get("lang", "en")
        cells = [cell for cell in notebook.get("cells", [])
                 if "parameters" not in cell.get("metadata", {}).get("tags", [])]
        notebook["cells"] = [_cell("code", parameters(year, lang), "parameters", ["parameters"]), *cells]
        copy = write_notebook(notebook, Path(folder) / "submission" / "submission.ipynb")
        result, log = Path(folder) / "result.json", Path(folder) / "otter.log"
        call = (f"from fiscalbook.build.grading import run_otter; "
                f"run_otter({str(autograder)!r}, {str(copy)!r}, {str(result)!r}, {int(cell_timeout)})")
        with log.open("wb") as output, subprocess.Popen([sys.executable, "-c", call], env=offline_env(), cwd=folder,
                                                        stdout=output, stderr=subprocess.STDOUT,
                                                        start_new_session=True) as process:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                _kill_tree(process.pid)
                process.wait()
                return {}, "timeout"
        if not result.is_file():
            last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
            return {}, f"error: {last[0][:200]}"
        return json.loads(result.read_text()), "ok"


def grade(chapter: str, submissions: Path, year: int, data_dir: Path = DEFAULT_DATA_DIR, *,
          timeout: float = TIMEOUT, cell_timeout: int = CELL_TIMEOUT, jobs: int = 2) -> pd.DataFrame:
    """Grade every notebook in ``submissions`` (``*.ipynb``, not in subfolders): one row per
    notebook with its score per exercise (0 where a test failed, or the notebook timed out or
    could not be graded), the total, the points possible and the status."""
    path = chapter_path(chapter)
    exercises = graded_exercises(json.loads(path.read_text(encoding="utf-8")))
    notebooks = sorted(Path(submissions).glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="autograder-") as folder:
        autograder = write_autograder(Path(folder) / "autograder.zip", exercises, year, data_dir)
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            graded = list(pool.map(lambda nb: grade_one(nb, autograder, year, timeout, cell_timeout), notebooks))
    rows = []
    for notebook, (scores, status) in zip(notebooks, graded, strict=True):
        row: dict[str, Any] = {"notebook": notebook.name}
        row.update({exercise.label: float(scores.get(exercise.label, 0.0)) for exercise in exercises})
        row.update(total=sum(row[exercise.label] for exercise in exercises),
                   possible=sum(exercise.points for exercise in exercises), status=status)
        rows.append(row)
    return pd.DataFrame(rows, columns=["notebook", *(e.label for e in exercises), "total", "possible", "status"])
