"""Reproducible to the byte: a second clean build of the same sources, at another time and in
another folder, publishes exactly the same files (HTML, images, search index, downloads, PDF).

The second build is of the English edition only (the Chinese one is made by the same code);
it runs from a clone of the repository in a temporary folder (with the working tree's files
copied over it), with that clone's package first on the path, so nothing of the first build's
folder can leak into it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PLACE, REPO, YEAR


def repository_files() -> list[str]:
    """The files of the working tree git knows or would add (tracked, and new but not ignored)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


def digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_second_clean_build_elsewhere_publishes_the_same_bytes(site, tmp_path):
    copy = tmp_path / "elsewhere" / "fiscal-book"
    # A clone at the same commit (the book states its commit), with the working tree's own
    # files over it, so that uncommitted changes are built too and reported alike.
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(copy)], check=True)
    for name in repository_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run([sys.executable, "scripts/build_book.py", "--year", str(YEAR), "--lang", "en"],
                            cwd=copy, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    edition = Path(PLACE) / str(YEAR) / "en"
    first, second = digests(site / edition), digests(copy / "_build" / "html" / edition)
    assert len(first) > 50
    differing = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert differing == [], f"{len(differing)} files differ between the two builds: {differing[:10]}"
