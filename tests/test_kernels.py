"""Warm kernels start clean, and the build re-executes a page when anything it depends on changes."""

import shutil
from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from fiscalbook.build.book import plan_jobs
from fiscalbook.build.kernels import warm_kernel_manager

REPO = Path(__file__).resolve().parent.parent

# The first notebook leaves state behind in every place a reused or shared process would keep
# it: a global name, an attribute on a warm module, a pandas option, matplotlib's figures.
LEAVE_STATE = [
    "import matplotlib.pyplot as plt\nimport pandas as pd\nimport fiscalbook.story.chapter\n"
    "left_behind = 1\nfiscalbook.story.chapter._left_behind = True\n"
    "pd.set_option('display.max_rows', 3)\nplt.figure()",
]
FIND_NONE = [
    "import matplotlib.pyplot as plt\nimport pandas as pd\nimport fiscalbook.story.chapter",
    "assert 'left_behind' not in globals()",
    "assert not hasattr(fiscalbook.story.chapter, '_left_behind')",
    "assert pd.get_option('display.max_rows') == 60",
    "assert plt.get_fignums() == []",
]


def notebook(folder: Path, name: str, cells: list[str]) -> Path:
    path = folder / f"{name}.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def run(path: Path, folder: Path) -> None:
    """Execute as the build does: papermill with a kernel forked from the shared zygote."""
    papermill.execute_notebook(
        str(path), str(path.with_suffix(".out.ipynb")), kernel_name="python3", cwd=str(folder),
        progress_bar=False, kernel_manager_class=warm_kernel_manager(folder, folder / "kernel.log"))


def test_each_notebook_starts_from_a_clean_state(tmp_path):
    run(notebook(tmp_path, "first", LEAVE_STATE), tmp_path)
    run(notebook(tmp_path, "second", FIND_NONE), tmp_path)


@pytest.mark.parametrize("check", FIND_NONE[1:])
def test_each_check_sees_state_left_in_one_kernel(tmp_path, check):
    """Every check of the second notebook fails when both run in one kernel."""
    with pytest.raises(PapermillExecutionError, match="AssertionError"):
        run(notebook(tmp_path, "both", LEAVE_STATE + [FIND_NONE[0], check]), tmp_path)


def fingerprints(data_dir: Path, build_dir: Path) -> dict[tuple[str, str], str]:
    return {(job.lang, job.source.stem): job.fingerprint for job in plan_jobs(2023, ["en", "zh"], data_dir, build_dir)}


@pytest.mark.parametrize("changed", ["zhongwei/2023/facts.csv", "zhongwei/2023/report.txt", "glossary.csv",
                                     "vocab.csv", "zhongwei/place.json"])
def test_a_data_change_re_executes_every_page(tmp_path, changed):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    before = fingerprints(data, tmp_path / "build")
    assert fingerprints(data, tmp_path / "build") == before, "no change, no execution"
    with (data / changed).open("a", encoding="utf-8") as file:
        file.write("\n")
    after = fingerprints(data, tmp_path / "build")
    assert all(after[page] != before[page] for page in before)


def test_a_change_to_another_year_re_executes_every_page(tmp_path):
    """Chapters show the previous report's figures: another year's data is an input too."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    before = fingerprints(data, tmp_path / "build")
    (data / "2022").mkdir()
    (data / "2022" / "facts.csv").write_text("id,key\n", encoding="utf-8")
    after = fingerprints(data, tmp_path / "build")
    assert all(after[page] != before[page] for page in before)


def test_the_data_folder_s_place_does_not_re_execute(tmp_path):
    for name in ("here", "there"):
        shutil.copytree(REPO / "data", tmp_path / name)
    assert fingerprints(tmp_path / "here", tmp_path / "build") == fingerprints(tmp_path / "there", tmp_path / "b")


def test_the_data_chapter_s_commit_is_filled_in_after_execution(tmp_path, monkeypatch):
    """The data chapter states the build's commit, which a change to any chapter changes: it is
    not an input of its execution (its fingerprint does not hold the commit), and the build
    writes the commit into the executed page, whenever it was executed."""
    from fiscalbook.build import book, buildinfo

    before = fingerprints(REPO / "data", tmp_path / "build")
    another = lambda repo=REPO: "f" * 40 + "+changes"  # noqa: E731
    monkeypatch.setattr(buildinfo, "commit", another)
    monkeypatch.setattr(book, "commit", another, raising=False)  # wherever the build may read it
    assert fingerprints(REPO / "data", tmp_path / "build") == before
    jobs = plan_jobs(2023, ["en"], REPO / "data", tmp_path / "build")
    job = next(j for j in jobs if j.source.stem == "14_data_audit")
    job.target.parent.mkdir(parents=True)
    job.raw.write_text(f'{{"text": "built from commit {buildinfo.COMMIT_MARK}"}}', encoding="utf-8")
    book.fill_build_commits([job])
    assert job.target.read_text(encoding="utf-8") == '{"text": "built from commit ' + "f" * 40 + '+changes"}'


def test_a_warmed_year_is_validated_once_for_the_kernels(tmp_path):
    """After Zygote.warm, a kernel finds the year's validation remembered, and loads the same
    year it would have loaded by itself."""
    from fiscalbook.build.kernels import Zygote

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    Zygote.start().warm(data, 2023, None)
    run(notebook(tmp_path, "warmed", [
        "from fiscalbook.data import validate\nfrom fiscalbook import load_year",
        f"assert any(key[0] == {str(data.resolve())!r} for key in validate._VALID)",
        f"warm = load_year(2023, {str(data)!r})\nvalidate._VALID.clear()\ncold = load_year(2023, {str(data)!r})",
        "assert warm.facts.equals(cold.facts)",
    ]), tmp_path)


def test_data_changed_after_warming_are_validated_afresh(tmp_path):
    """A byte changed after the zygote validated the year: the kernel validates again and
    reports the problem, as it would have without the zygote."""
    from fiscalbook.build.kernels import Zygote

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    Zygote.start().warm(data, 2023, None)
    facts = data / "zhongwei" / "2023" / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace("亿元", "亿圆", 1), encoding="utf-8")
    with pytest.raises(PapermillExecutionError, match="DataError"):
        run(notebook(tmp_path, "changed", [f"from fiscalbook import load_year\nload_year(2023, {str(data)!r})"]),
            tmp_path)


def _zygote_answering(data: str) -> int:
    from fiscalbook.build.kernels import Zygote

    zygote = Zygote.start()
    zygote.warm(Path(data), 2023, None)
    return zygote.process.pid


def test_worker_processes_share_the_zygote_started_before_them():
    """The build starts one zygote and then forks its workers: each worker asks that zygote
    (their requests take turns under a shared lock) rather than starting its own."""
    import multiprocessing

    from fiscalbook.build.kernels import Zygote

    if Zygote._instance is not None:  # a zygote not yet ready when the workers fork, as in a build
        Zygote._instance.close()
    started = Zygote.start()
    assert not started._ready.value
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pids = pool.map_async(_zygote_answering, [str(REPO / "data")] * 4).get(timeout=120)  # a deadlock fails
    assert set(pids) == {started.process.pid}
    assert Zygote.start() is started


def test_the_zygote_warms_every_package_module_a_notebook_imports():
    # a chapter's new story module was left out of a hand-kept list once; the story layer is now
    # found by walking the package, and this checks that every fiscalbook module a notebook
    # imports is in memory once the zygote's modules are (directly or through their imports)
    import importlib.util
    import json
    import re
    import subprocess
    import sys

    from conftest import REPO

    probe = ("import importlib, sys\nfrom fiscalbook.build.kernels import warm_modules\n"
             "[importlib.import_module(name) for name in warm_modules()]\n"
             "print('\\n'.join(name for name in sys.modules if name.startswith('fiscalbook')))")
    warmed = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                                cwd=REPO).stdout.split())
    imported = set()
    for path in (REPO / "notebooks").glob("*.ipynb"):
        code = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                       if c["cell_type"] == "code")
        for package, names in re.findall(r"^from (fiscalbook[\w.]*) import ([\w, ]+)$", code, re.M):
            for name in (name.strip() for name in names.split(",")):
                module = f"{package}.{name}"
                imported.add(module if importlib.util.find_spec(package) and _is_module(module) else package)
    assert len(imported) > 10 and not imported - warmed


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_a_kernel_of_the_build_defers_the_commit(tmp_path):
    """A kernel forked from the zygote gets the build's variables even though papermill passes it
    the worker's environment: without them the data chapter would print the commit of the tree it
    ran on, and a later build of a new commit that reuses the page would keep the old one."""
    from fiscalbook.build.buildinfo import COMMIT_MARK, DEFER_COMMIT, build_info

    run(notebook(tmp_path, "deferred", [
        "import os\nfrom pathlib import Path\nfrom fiscalbook.build.buildinfo import build_info",
        f"assert os.environ.get({DEFER_COMMIT!r}) == '1'",
        f"assert build_info(Path({str(REPO / 'data')!r}), 2023)['commit'] == {COMMIT_MARK!r}",
    ]), tmp_path)
    assert build_info(REPO / "data", 2023)["commit"] != COMMIT_MARK  # outside the build: the commit itself
