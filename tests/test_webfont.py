"""The CJK web font: which characters, which slices, and the same bytes from the same input."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from fiscalbook.build import webfont
from fiscalbook.story.style import font_path


def test_typed_characters_are_the_common_chinese_characters():
    typed = webfont.typed_chars()
    assert all(webfont.is_cjk(char) for char in typed)
    hanzi = [char for char in typed if "\u4e00" <= char <= "\u9fff"]
    assert len(hanzi) == 3755, "GB 2312 level 1"
    assert {"，", "。", "《", "》", "（", "）"} <= set(typed), "punctuation a reader types"
    assert not set("abcAB12,.·“”") & set(typed), "Latin stays in the theme's fonts"


def test_unicode_range_joins_runs_of_code_points():
    assert webfont.unicode_range("丈一七丁万") == "U+4E00-4E01,U+4E03,U+4E07-4E08"


def test_plan_puts_the_site_in_one_slice_and_leaves_it_out_of_the_typed_ones():
    site = set("中卫市财政决算“”ABC")
    slices = webfont.plan({char for char in site if webfont.is_cjk(char)}, font_path())
    assert slices[0].name == "cjk-site" and set(slices[0].chars) == set("中卫市财政决算")
    for piece in slices[1:]:
        assert not set(piece.claimed) & site, f"{piece.name} claims a character of the site slice"
        assert set(piece.claimed) <= set(piece.chars)
    typed = "".join(piece.chars for piece in slices[1:])
    assert len(typed) == len(webfont.covered(webfont.typed_chars(), font_path()))


def test_subset_holds_the_characters_and_is_the_same_bytes_every_time():
    chars = "中卫市财政决算与预算执行"
    first = webfont.subset_woff2(font_path(), chars)
    assert first == webfont.subset_woff2(font_path(), chars), "reproducible"
    font = TTFont(io.BytesIO(first))
    assert first[:4] == b"wOF2"
    assert {chr(point) for point in font.getBestCmap()} == set(chars)
    with TTFont(font_path(), lazy=True) as source:
        assert font["head"].modified == source["head"].modified, "the source's timestamp, not the build's"
    assert "Open Font License" in font["name"].getDebugName(13), "the OFL notice travels with the font"


def test_install_writes_the_slices_and_their_rules(tmp_path):
    html = tmp_path / "html"
    (html / "_static").mkdir(parents=True)
    (html / "_static" / "fiscalbook.css").write_text(f"a {{}}\n{webfont.MARKER}\nb {{}}\n", encoding="utf-8")
    (html / "page.html").write_text("<p>“三公”经费 and English</p>", encoding="utf-8")
    written = webfont.install(html)
    css = (html / "_static" / "fiscalbook.css").read_text(encoding="utf-8")
    assert css.count("@font-face {") == len(written) and css.endswith(f"{webfont.END_MARKER}\nb {{}}\n")
    webfont.install(html)  # again on its own output, as after an incremental Sphinx build
    assert (html / "_static" / "fiscalbook.css").read_text(encoding="utf-8") == css
    with TTFont(html / "_static" / "fonts" / "cjk-site.woff2") as site:
        assert set("三公经费") <= {chr(point) for point in site.getBestCmap()}
    assert 'src: url("fonts/cjk-site.woff2")' in css and "U+4E09" in css  # 三
    assert sum(path.stat().st_size for path in written) < 1_500_000
    again = tmp_path / "again"
    (again / "_static").mkdir(parents=True)
    (again / "_static" / "fiscalbook.css").write_text(f"a {{}}\n{webfont.MARKER}\nb {{}}\n", encoding="utf-8")
    (again / "page.html").write_text("<p>“三公”经费 and English</p>", encoding="utf-8")
    webfont.install(again)  # the site slice is cut again (the typed ones come from the cache)
    for path in written:
        assert path.read_bytes() == (again / "_static" / "fonts" / path.name).read_bytes(), f"{path.name} differs"


def test_install_refuses_a_stylesheet_without_the_marker(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "fiscalbook.css").write_text("a {}", encoding="utf-8")
    with pytest.raises(ValueError, match="marker"):
        webfont.install(tmp_path)
