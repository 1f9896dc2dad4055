"""The package's layers are an import contract (pyproject.toml, run by `make lint`): it holds
on the package, and it breaks when a lower layer imports a higher one."""

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

LINT = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT, cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root)})


def add_line(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")


def copy_of_package(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "fiscalbook", tmp_path / "fiscalbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    result = lint(copy_of_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path) -> None:
    root = copy_of_package(tmp_path)
    add_line(root / "fiscalbook" / "data" / "units.py", "from fiscalbook.story import fmt")
    result = lint(root)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


def test_a_cycle_inside_a_layer_breaks_the_contract(tmp_path: Path) -> None:
    root = copy_of_package(tmp_path)
    add_line(root / "fiscalbook" / "data" / "paths.py", "from fiscalbook.data import load")
    result = lint(root)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


def test_test_support_is_outside_the_package() -> None:
    assert not (REPO / "fiscalbook" / "synthetic.py").exists()
    assert (REPO / "tests" / "support" / "synthetic.py").is_file()
