"""What a book was built from: commit, data hash, lock hash."""

from __future__ import annotations

import re
import shutil

from conftest import PLACE, YEAR

from fiscalbook.build.buildinfo import build_info, data_hash, lock_hash
from fiscalbook.data.load import DEFAULT_DATA_DIR


def test_build_info_names_commit_data_and_lock():
    info = build_info(DEFAULT_DATA_DIR, YEAR)
    assert re.fullmatch(r"[0-9a-f]{40}(\+changes)?|unknown", info["commit"])
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", info["data"]) and re.fullmatch(r"sha256:[0-9a-f]{64}", info["lock"])


def test_the_data_hash_follows_the_data_not_its_folder(tmp_path, data_copy):
    assert data_hash(data_copy, YEAR) == data_hash(DEFAULT_DATA_DIR, YEAR)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(data_copy, elsewhere)
    (elsewhere / "rules.csv").write_text((elsewhere / "rules.csv").read_text(encoding="utf-8") + "\n",
                                         encoding="utf-8")
    assert data_hash(elsewhere, YEAR) != data_hash(DEFAULT_DATA_DIR, YEAR)


def test_the_lock_hash_is_of_the_lock(tmp_path):
    lock = tmp_path / "requirements.txt"
    lock.write_text("a==1\n")
    assert lock_hash(lock) != lock_hash() and lock_hash(tmp_path / "none") == "unknown"


def test_the_footer_s_copyright_year_is_the_source_s(site):
    """SOURCE_DATE_EPOCH is the last commit's time: Sphinx puts its year in the footer."""
    import time

    from fiscalbook.build.buildinfo import source_date_epoch

    year = time.gmtime(int(source_date_epoch())).tm_year
    page = (site / PLACE / str(YEAR) / "en" / "notebooks" / "08_transfers.html").read_text(encoding="utf-8")
    assert re.search(rf"Copyright\s+{year}\b", page), "the footer's year"


def test_a_build_from_uncommitted_changes_does_not_promise_a_rebuild():
    # round 15: a page stamped '<commit>+changes' still invited readers to rebuild it from that commit
    from fiscalbook.build.buildinfo import CHANGES_MARK, COMMIT_MARK, changes_note, fill_commit

    assert changes_note("en", "abc+changes").startswith(" (with changes not yet committed")
    assert "无法重建" in changes_note("zh", "abc+changes")
    assert changes_note("en", "abc") == changes_note("zh", "abc") == ""
    filled = fill_commit(f"commit `{COMMIT_MARK}`{CHANGES_MARK} of", "zh")
    assert COMMIT_MARK not in filled and CHANGES_MARK not in filled
