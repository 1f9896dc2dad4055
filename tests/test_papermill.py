"""A user reruns one chapter with papermill, as the README says, from the repository root or
from notebooks/, and a year without data gets a clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, YEAR

CHAPTER = "10_performance"  # a short chapter: the point is how it finds the data


def papermill(cwd, notebook, out, *parameters: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "papermill", str(notebook), str(out), "--kernel", "python3",
               "--no-progress-bar", *parameters]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("where", ["root", "notebooks"])
def test_a_chapter_runs_with_papermill_from_the_root_or_its_folder(where, tmp_path):
    folder = {"root": REPO, "notebooks": REPO / "notebooks"}[where]
    notebook = (REPO / "notebooks" / f"{CHAPTER}.ipynb").relative_to(folder)
    result = papermill(folder, notebook, tmp_path / "out.ipynb", "-p", "year", str(YEAR), "-p", "lang", "zh")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "绩效" in (tmp_path / "out.ipynb").read_text(encoding="utf-8")


def test_a_year_without_data_is_named(tmp_path):
    result = papermill(REPO, f"notebooks/{CHAPTER}.ipynb", tmp_path / "out.ipynb", "-p", "year", "1999")
    assert result.returncode != 0
    assert f"no data for year 1999 (years with data: {YEAR}" in result.stderr
