"""What the build does to a notebook besides running it: keep one edition's cells, leave out
exercises the year's data cannot answer, and stand in for a chapter whose whole section the
year's report lacks.

Exercises follow the convention of notebooks/README.md: a Markdown cell per edition with a
``{exercise}`` directive labelled ``ex-…``, then ``{solution-start} <label>``, code cells tagged
``solution`` and ``{solution-end}``. A solution names the figures it needs as key strings
("city.transfers.total"); an exercise whose keys the year lacks is left out with a note.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field

from fiscalbook.story.fmt import LANGS

# The grammar of an exercise directive, for every reader of the exercises (the build, the guide,
# the answers): three or more colons or backticks open it and the same fence ends it (or the end
# of the text, when a cell leaves it open); its options open its body.
DIRECTIVE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>exercise(?:-start)?)\}[ \t]*(?P<title>[^\n]*)\n"
                       r"(?P<body>.*?)(?:^(?P=fence)[ \t]*$|\Z)", re.M | re.S)
GATE_END = re.compile(r"^(?::{3,}|`{3,})\{exercise-end\}", re.M)
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
SOLUTION_START = re.compile(r"\{solution-start\}\s*(ex-[\w-]+)")
SOLUTION_END = re.compile(r"\{solution-end\}")
NEEDS = re.compile(r",\s*needs=(?:\([^)]*\)|\[[^\]]*\]|[\w.]+)")  # the needs= argument of Chapter(...)
KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def directive_options(body: str) -> tuple[dict[str, str], str]:
    """A directive's options (the ':key: value' lines it opens with) and the text after them."""
    lines = body.split("\n")
    options = {}
    while lines and (found := OPTION.match(lines[0].strip())):
        options[found["key"]] = found["value"].strip()
        lines.pop(0)
    return options, "\n".join(lines)


def exercise_label(text: str) -> str | None:
    """The label (``ex-…``) of the exercise whose statement a Markdown cell holds, if any."""
    for match in DIRECTIVE.finditer(text):
        label = directive_options(match["body"])[0].get("label", "")
        if match["name"] == "exercise" and label.startswith("ex-"):
            return label
    return None


def tags(cell: dict) -> list[str]:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


def edition_notebook(notebook: dict, lang: str) -> dict:
    """Keep the cells of this edition: drop cells tagged for another language, and hide the
    cell papermill injects (it is tagged only 'injected-parameters')."""
    others = {f"lang-{code}" for code in LANGS if code != lang}
    cells = []
    for cell in notebook["cells"]:
        cell_tags = tags(cell)
        if others & set(cell_tags):
            continue
        if ("injected-parameters" in cell_tags or "parameters" in cell_tags) and "remove-cell" not in cell_tags:
            cell_tags.append("remove-cell")
        cells.append(cell)
    notebook["cells"] = cells
    return notebook


def without_run_details(notebook: dict) -> dict:
    """An executed notebook without what varies from run to run (papermill's times, durations
    and paths, execution timings, the random id of the cell it injects, the way printed text
    happened to be split into stream outputs), so the same inputs give the same page and bytes."""
    notebook.get("metadata", {}).pop("papermill", None)
    for cell in notebook["cells"]:
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
        if "injected-parameters" in tags(cell):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        if "outputs" in cell:
            cell["outputs"] = coalesced_streams(cell["outputs"])
    return notebook


def coalesced_streams(outputs: list[dict]) -> list[dict]:
    """Outputs with each run of consecutive stream outputs to the same stream joined into one:
    the kernel flushes printed text when it happens to, so one print may arrive in two."""
    joined: list[dict] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if output.get("output_type") == "stream":
            output = {**output, "text": source({"source": output["text"]})}  # one string, however it came
            if previous is not None and previous.get("output_type") == "stream" and previous["name"] == output["name"]:
                previous["text"] += output["text"]
                continue
        joined.append(output)
    return joined


@dataclass
class Exercise:
    """An exercise's cells (statement in each edition, solution) and the keys its solution uses."""

    label: str
    cells: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    statement: str = ""  # the Markdown of its statement cells, both editions
    solution: set[int] = field(default_factory=set)  # the gate's cells, explanations, code tagged solution


def exercises(notebook: dict) -> list[Exercise]:
    """The exercises of a notebook, in order."""
    found: dict[str, Exercise] = {}
    current: Exercise | None = None
    in_solution = False  # between solution-start and solution-end: an explanation cell belongs to the solution
    for index, cell in enumerate(notebook["cells"]):
        text = source(cell)
        markdown = cell["cell_type"] == "markdown"
        label = exercise_label(text) if markdown else None
        start = SOLUTION_START.search(text) if markdown else None
        if label or start:
            current = found.setdefault(label or start.group(1), Exercise(label or start.group(1)))
            in_solution = bool(start)
        if current is None:
            continue
        code_solution = cell["cell_type"] == "code" and "solution" in tags(cell)
        end = markdown and SOLUTION_END.search(text)
        if not (label or start or code_solution or end or (markdown and in_solution)):
            current = None
            continue
        current.cells.append(index)
        if label:
            current.statement += text
        else:
            current.solution.add(index)
        if code_solution:
            current.keys |= keys_named(text)
        if end:
            in_solution = False
    return list(found.values())


def setup_cell(notebook: dict) -> dict:
    """The set-up cell: the first code cell after the parameters cell (notebooks/README.md)."""
    return next(cell for cell in notebook["cells"][1:] if cell["cell_type"] == "code")


def read_by_the_book(notebook: dict) -> str:
    """What a page that lists the book's chapters (the teacher's guide) reads of this chapter:
    its Markdown (title, exercises), its set-up cell (whether the chapter is a stand-in) and its
    solution cells (the keys an exercise needs). A change elsewhere leaves it as it was."""
    read = [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown" or "solution" in tags(cell)]
    read.append(setup_cell(notebook))
    return "\n\x00".join(source(cell) for cell in read)


def keys_named(code: str) -> set[str]:
    """The fact keys a piece of code names as string literals."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value)}


def without_unanswerable_exercises(notebook: dict, keys: set[str], known: set[str]) -> dict:
    """The notebook without the exercises that need a figure the year lacks (``keys`` are the
    year's; a key in ``known``, some year's, that this year lacks makes an exercise
    unanswerable). Each is replaced by a short note in both editions."""
    lacking = [exercise.label for exercise in exercises(notebook)
               if {key for key in exercise.keys if key in known and key not in keys}]
    return without_exercises(notebook, lacking)


def exercise_with_source(notebook: dict, code: str) -> str | None:
    """The label of the exercise whose solution holds a code cell with this source, if any."""
    for exercise in exercises(notebook):
        if any(source(notebook["cells"][index]) == code for index in exercise.cells):
            return exercise.label
    return None


def without_exercises(notebook: dict, labels: list[str]) -> dict:
    """The notebook without the exercises labelled ``labels``, each replaced by a short note in
    both editions: the year cannot answer them."""
    notebook = copy.deepcopy(notebook)
    dropped = {exercise.cells[0]: exercise for exercise in exercises(notebook) if exercise.label in labels}
    skip = {index for exercise in dropped.values() for index in exercise.cells}
    cells = []
    for index, cell in enumerate(notebook["cells"]):
        if index in dropped:
            cells += _left_out_notes(dropped[index].label)
        if index not in skip:
            cells.append(cell)
    notebook["cells"] = cells
    return notebook


def _left_out_notes(label: str) -> list[dict]:
    texts = {"en": f"*An exercise ({label}) is left out: this year's report does not state the figures it needs.*",
             "zh": f"*此处的一道练习（{label}）从略：本年度报告没有列出它所需要的数字。*"}
    return [{"cell_type": "markdown", "id": f"{label}-left-out-{lang}", "metadata": {"tags": [f"lang-{lang}"]},
             "source": text} for lang, text in texts.items()]


def failed_notebook(notebook: dict, causes: dict[str, str]) -> dict:
    """A stand-in for a chapter that could not be made from the year's data: the parameters
    cell, the title in each edition, and one paragraph per edition saying why (``causes``, by
    language: what the data lacked, or ``path:line:column: message`` naming the fact to fix).
    Nothing of the chapter's code runs, so no figure of another year can appear."""
    cells = notebook["cells"]
    titles = [copy.deepcopy(cell) for cell in cells
              if cell["cell_type"] == "markdown" and source(cell).startswith("# ")]
    if not titles:  # a page needs a title
        titles = [{"cell_type": "markdown", "id": f"failed-title-{lang}", "metadata": {"tags": [f"lang-{lang}"]},
                   "source": title} for lang, title in (("en", "# A chapter that could not be made"),
                                                         ("zh", "# 无法生成的一章"))]
    notes = [{"cell_type": "markdown", "id": f"failed-{lang}", "metadata": {"tags": [f"lang-{lang}"]},
              "source": text} for lang, text in causes.items()]
    return {**notebook, "cells": [copy.deepcopy(cells[0]), *titles, *notes]}


def up_to_the_chapter(code: str) -> str:
    """A set-up cell's code up to the statement that makes the Chapter: what follows it reads
    the part of the report the stand-in's year lacks."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    for statement in tree.body:
        if any(isinstance(node, ast.Name) and node.id == "Chapter" for node in ast.walk(statement)) \
                and not isinstance(statement, (ast.Import, ast.ImportFrom)):
            return "\n".join(code.splitlines()[: statement.end_lineno])
    return code


def absent_notebook(notebook: dict) -> dict:
    """A stand-in for a chapter whose whole section the year's report lacks: the parameters and
    set-up cells, the title in each edition, and one paragraph saying so (Chapter.absent)."""
    cells = notebook["cells"]
    titles = [cell for cell in cells if cell["cell_type"] == "markdown" and source(cell).startswith("# ")]
    setup = setup_cell(notebook)
    subject = {next(t for t in tags(cell) if t.startswith("lang-"))[5:]: source(cell).splitlines()[0][2:].strip()
               for cell in titles}
    stand_in = {"cell_type": "code", "id": "absent", "metadata": {"tags": ["remove-input"]}, "execution_count": None,
                "outputs": [], "source": f"ch.absent(({subject.get('en', '')!r}, {subject.get('zh', '')!r}))"}
    setup = copy.deepcopy(setup)
    setup["source"] = NEEDS.sub("", up_to_the_chapter(source(setup)))  # the stand-in needs nothing
    return {**notebook, "cells": [copy.deepcopy(cells[0]), setup, *copy.deepcopy(titles), stand_in]}
