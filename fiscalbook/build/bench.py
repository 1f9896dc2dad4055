"""Benchmark of the book build (scripts/bench_build.py): medians of several runs of a clean
build, a no-change rebuild and a rebuild after one notebook changed, against a baseline run in
the same process: the same book built by Jupyter Book's own execution (execute_notebooks: force).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fiscalbook.build import book
from fiscalbook.build.editions import toc_documents
from fiscalbook.data.paths import DEFAULT_PLACE

BENCH = book.BUILD / "bench"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def clean() -> None:
    for folder in ("exec", "work", "html"):
        shutil.rmtree(book.BUILD / folder, ignore_errors=True)


def baseline_source(year: int, lang: str, data_dir: Path) -> Path:
    """The edition as Jupyter Book would build it by itself: unexecuted notebooks with the
    parameters written into their first cell, execution forced."""
    root = BENCH / f"baseline-{lang}"
    shutil.rmtree(root, ignore_errors=True)
    for document in toc_documents():
        notebook = json.loads((book.REPO / f"{document}.ipynb").read_text(encoding="utf-8"))
        notebook["cells"][0]["source"] = f"year = {year}\nlang = {lang!r}\ndata_dir = {str(data_dir.resolve())!r}\n" \
            f"place = {DEFAULT_PLACE!r}\n"
        target = root / f"{document}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(book.edition_notebook(notebook, lang), ensure_ascii=False), encoding="utf-8")
    return book.stage(lang, year, data_dir, root=root, execute="force")


def baseline_build(year: int, langs: list[str], data_dir: Path) -> None:
    for lang in langs:
        source = baseline_source(year, lang, data_dir)
        work = BENCH / f"baseline-work-{lang}"
        shutil.rmtree(work, ignore_errors=True)
        book.jupyter_book(source, work, BENCH / f"baseline-{lang}.log")


def touch_one_notebook(document: str) -> Callable[[], None]:
    """Change one notebook as an author would: a line added to the code of a chart cell (one
    whose code the page offers folded: hide-input), not its set-up or a solution. Returns the undo."""
    path = book.REPO / f"{document}.ipynb"
    original = path.read_bytes()
    notebook = json.loads(original)
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    cell = next(cell for cell in code if "hide-input" in cell["metadata"].get("tags", []))
    cell["source"] = "".join(cell["source"]) + f"\n# benchmark run {time.time()}"
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return lambda: path.write_bytes(original)


def page_weights(site: Path, year: int, langs: list[str]) -> dict[str, int]:
    """Bytes of each chapter page with the images it shows."""
    import re

    weights = {}
    for lang in langs:
        for document in toc_documents():
            page = site / DEFAULT_PLACE / str(year) / lang / f"{document}.html"
            images = set(re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8")))
            weights[f"{lang}/{document}"] = page.stat().st_size + sum(
                (page.parent / src).stat().st_size for src in images if not src.startswith("data:"))
    return weights


def bare_papermill_run(folder: Path) -> float:
    """Seconds for papermill to run a notebook of one empty cell in a fresh kernel: the cost of
    an execution before any of the book's own work (the floor's unit)."""
    import papermill

    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [{"cell_type": "code", "id": "bare", "metadata": {}, "execution_count": None, "outputs": [],
                   "source": "pass"}]}
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "bare.ipynb"
    source.write_text(json.dumps(notebook))
    return timed(lambda: papermill.execute_notebook(str(source), str(folder / "bare-out.ipynb"),
                                                    kernel_name="python3", progress_bar=False))


def command_line_no_change(year: int, runs: int = 5) -> list[float]:
    """Seconds of `python scripts/build_book.py` when nothing changed, Python's start included."""
    import subprocess
    import sys

    command = [sys.executable, str(book.REPO / "scripts" / "build_book.py"), "--year", str(year)]
    return [timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(runs)]


def print_pdfs(published: Path, langs: list[str], year: int) -> None:
    """The PDF editions of a built site, timed apart: the baseline makes no PDF, so the build
    scenarios above are compared without it."""
    from fiscalbook.build.pdf import write_pdf

    for lang in langs:
        write_pdf(published / lang, lang, year)


def run(year: int, langs: list[str], data_dir: Path, runs: int, changed: str) -> dict:
    """Measure; returns seconds per scenario (all runs), the floor's parts and page weights."""
    site = book.BUILD / "html"
    times: dict[str, list[float]] = {"baseline": [], "clean": [], "no_change": [], "one_changed": [], "pdf": []}
    sphinx, bare = [], []
    for _ in range(runs):
        bare.append(bare_papermill_run(BENCH / "bare"))
        times["baseline"].append(timed(lambda: baseline_build(year, langs, data_dir)))
        clean()
        started = time.perf_counter()
        report = book.build(year, langs, data_dir, site, pdf=False)
        times["clean"].append(time.perf_counter() - started)
        sphinx.append(report.seconds["sphinx"])
        times["no_change"].append(timed(lambda: book.build(year, langs, data_dir, site, pdf=False)))
        undo = touch_one_notebook(changed)
        try:
            times["one_changed"].append(timed(lambda: book.build(year, langs, data_dir, site, pdf=False)))
        finally:
            undo()
        book.build(year, langs, data_dir, site, pdf=False)  # back to the committed notebook
        times["pdf"].append(timed(lambda: print_pdfs(site / DEFAULT_PLACE / str(year), langs, year)))
    executions = len(toc_documents()) * len(langs)
    book.build(year, langs, data_dir, site)  # as `make book` leaves it (with the PDFs), for the command line
    return {"times": times, "command_line_no_change": command_line_no_change(year),
            "floor": {"executions": executions, "bare": bare, "sphinx": sphinx, "cores": os.cpu_count() or 1},
            "weights": page_weights(site, year, langs)}


TARGETS = {"clean": 0.30, "one_changed": 0.05}  # ratio to the baseline
COMMAND_LINE_TARGET = 0.5  # seconds, a no-change rebuild from the command line


def summary(result: dict) -> str:
    medians = {name: statistics.median(values) for name, values in result["times"].items()}
    base = medians["baseline"]
    floor = result["floor"]
    # The floor is a lower bound: its unit is the fastest bare run (one slow run on a busy
    # machine would otherwise raise it), its Sphinx time the median of the clean builds'.
    bare, sphinx = min(floor["bare"]), statistics.median(floor["sphinx"])
    floor_seconds = floor["executions"] * bare / floor["cores"] + sphinx
    lines = ["| scenario | median (s) | runs (s) | ratio to baseline | target |", "|---|---|---|---|---|"]
    names = {"baseline": "baseline: Jupyter Book executes (force)", "clean": "clean build (HTML)",
             "no_change": "no-change rebuild (in the process)", "one_changed": "rebuild after one notebook changed",
             "pdf": "PDF editions of a built site (not in the baseline)"}
    for name, values in result["times"].items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        target = f"≤ {TARGETS[name]:.2f}" if name in TARGETS else ""
        lines.append(f"| {names[name]} | {medians[name]:.1f} | {runs} | {medians[name] / base:.2f} | {target} |")
    cli = result["command_line_no_change"]
    lines.append(f"| no-change rebuild from the command line | {statistics.median(cli):.2f} | "
                 f"{', '.join(f'{v:.2f}' for v in cli)} | | ≤ {COMMAND_LINE_TARGET} s |")
    lines += ["", f"Floor: {floor['executions']} executions × {bare:.2f} s (a bare papermill run, the fastest) ÷ "
                  f"{floor['cores']} cores + {sphinx:.1f} s of Sphinx (median of the clean builds) = "
                  f"{floor_seconds:.1f} s ({floor_seconds / base:.2f} of the baseline); the clean build is "
                  f"{medians['clean'] / floor_seconds:.2f} × the floor."]
    heaviest = max(result["weights"].items(), key=lambda item: item[1])
    lines.append(f"Heaviest page with its images: {heaviest[0]} at {heaviest[1] / 1e6:.2f} MB "
                 f"({len(result['weights'])} chapter pages).")
    return "\n".join(lines)
