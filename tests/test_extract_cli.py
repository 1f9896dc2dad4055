"""scripts/extract_facts.py: drafts files; bad input exits 2 with path:line:column lines."""

from __future__ import annotations

import re
import sys

from conftest import PLACE, REPO, YEAR

sys.path.insert(0, str(REPO / "scripts"))
from extract_facts import main  # noqa: E402

LINE = re.compile(r"^[^:]+:\d+:\d+: .+$")
REPORT = REPO / "data" / PLACE / str(YEAR) / "report.txt"


def test_drafts_facts_and_exclusions(tmp_path, capsys):
    status = main([str(REPORT), "--year", str(YEAR), "-o", str(tmp_path / "f.csv"),
                   "--exclusions", str(tmp_path / "e.csv"),
                   "--known", str(REPO / "data" / PLACE / str(YEAR) / "facts.csv")])
    assert status == 0
    assert len((tmp_path / "f.csv").read_text(encoding="utf-8").splitlines()) > 300
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").startswith("token,context,count,category,reason")
    out = capsys.readouterr().out.splitlines()
    assert out and all(LINE.match(line) for line in out)


def _bad(tmp_path, capsys, content: bytes | None, *extra: str) -> list[str]:
    report = tmp_path / "report.txt"
    if content is not None:
        report.write_bytes(content)
    status = main([str(report), "--year", "2024", "-o", str(tmp_path / "f.csv"), *extra])
    out = capsys.readouterr().out.splitlines()
    assert status == 2 and out and all(LINE.match(line) for line in out)
    assert not (tmp_path / "f.csv").exists()
    return out


def test_missing_file(tmp_path, capsys):
    assert "file is missing" in _bad(tmp_path, capsys, None)[0]


def test_not_utf8(tmp_path, capsys):
    assert "not UTF-8" in _bad(tmp_path, capsys, "收入完成".encode("gbk"))[0]


def test_empty(tmp_path, capsys):
    assert "file is empty" in _bad(tmp_path, capsys, b"  \n")[0]


def test_known_without_facts_columns(tmp_path, capsys):
    known = tmp_path / "known.csv"
    known.write_text("id,value\na.b,1\n", encoding="utf-8")
    out = _bad(tmp_path, capsys, "收入完成1亿元。".encode(), "--known", str(known))
    assert "not a facts table" in out[0]
