"""What a published book was built from, so that a reader can rebuild it and compare: the
commit of the repository, a hash of the year's data package and a hash of the locked
environment (requirements.txt). The data chapter prints them.

Two builds of the same commit, data and lock give the same site, byte for byte
(tests/test_reproducible.py); these three values say which ones those were.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from fiscalbook.data.paths import REPO

LOCK = REPO / "requirements.txt"
# In the build's kernels the data chapter prints this mark for the commit, and the build fills
# in the commit after execution (fill_commit): a change to another chapter then does not
# re-execute the data chapter, whose output would only differ by the commit.
COMMIT_MARK = "@@fiscalbook-build-commit@@"
CHANGES_MARK = "@@fiscalbook-build-changes@@"  # where a build from uncommitted changes says so
CHANGES_NOTE = {"en": " (with changes not yet committed: this copy cannot be rebuilt from the repository alone)",
                "zh": "（构建时含尚未提交的改动：仅凭代码库无法重建这一副本）"}
DEFER_COMMIT = "FISCALBOOK_DEFER_COMMIT"


def commit(repo: Path = REPO) -> str:
    """The repository's commit, with '+changes' when the working tree differs from it;
    'unknown' outside a git checkout."""
    try:
        head = _git(repo, "rev-parse", "HEAD")
        dirty = _git(repo, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def source_date_epoch(repo: Path = REPO) -> str | None:
    """The time tools should stamp (reproducible-builds.org's SOURCE_DATE_EPOCH): the variable
    when set, else the time of the repository's last commit, else None (outside a checkout).
    Sphinx writes its year in the footer's copyright, so it is the year of the source."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        return _git(repo, "log", "-1", "--format=%ct") or None
    except (OSError, subprocess.CalledProcessError):
        return None


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def data_hash(data_dir: Path, year: int, place: str | None = None) -> str:
    """'sha256:…' over the files of the year's data package (the same files as the data download),
    each as its path inside data/ and its bytes, in a fixed order."""
    from fiscalbook.build.downloads import package_files

    data_dir = Path(data_dir)
    digest = hashlib.sha256()
    for path in package_files(data_dir, year, place):
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return "sha256:" + digest.hexdigest()


def lock_hash(lock: Path = LOCK) -> str:
    """'sha256:…' of the lock file the environment was installed from."""
    return "sha256:" + hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else "unknown"


def build_info(data_dir: Path, year: int, place: str | None = None, lang: str = "en") -> dict[str, str]:
    """What the book was built from; in the build's kernels the commit and the note on uncommitted
    changes are marks the build fills in after execution, elsewhere (Jupyter, nbval) the commit
    and the note themselves."""
    deferred = bool(os.environ.get(DEFER_COMMIT))
    return {"commit": COMMIT_MARK if deferred else commit(),
            "changes": CHANGES_MARK if deferred else changes_note(lang),
            "data": data_hash(data_dir, year, place), "lock": lock_hash()}


def changes_note(lang: str, built: str | None = None) -> str:
    """The words a page adds after the commit when the working tree differed from it: such a
    copy cannot be rebuilt from the repository, and the page must not promise that it can."""
    return CHANGES_NOTE[lang] if (built or commit()).endswith("+changes") else ""


def fill_commit(raw: str, lang: str = "en") -> str:
    """An executed notebook's text with the build's commit, and the note on uncommitted changes
    in the edition's language, in place of their marks."""
    built = commit()
    return raw.replace(COMMIT_MARK, built).replace(CHANGES_MARK, changes_note(lang, built))
