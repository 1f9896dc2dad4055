"""Charts as SVG (fiscalbook.story.images): the same bytes from the same data in another process, the
size the PNGs had, the drawing kept whole by compaction, and a missing glyph still an error."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from fiscalbook.story import charts, style
from fiscalbook.story.images import compact_svg, save_chart

TESTS = Path(__file__).resolve().parent


def sample_chart(stem: Path, values: list[float]) -> bytes:
    """A chart of the book's kind, with Chinese labels, saved as the book saves its charts."""
    style.apply()  # the CJK font; a missing glyph is an error
    fig = charts.hbar(["一般性转移支付", "专项转移支付", "Tax rebates"], values, [f"{v:,.0f}" for v in values],
                      xlabel="万元 (10,000 yuan)")
    return save_chart(fig, stem).read_bytes()


def in_new_process(stem: Path, values: list[float]) -> bytes:
    code = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); from pathlib import Path; "
            f"from test_images import sample_chart; sample_chart(Path({str(stem)!r}), {values!r})")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return stem.with_suffix(".svg").read_bytes()


def test_same_data_same_bytes_in_another_process(tmp_path):
    values = [563273.0, 152105.0, -28584.0]
    first = in_new_process(tmp_path / "first", values)
    assert in_new_process(tmp_path / "second", values) == first
    assert sample_chart(tmp_path / "here", values) == first
    assert sample_chart(tmp_path / "other", [563273.0, 152105.0, 28584.0]) != first  # one sign differs
    text = first.decode()
    assert text.startswith("<?xml") and "<text" not in text and "Date" not in text and "<!--" not in text


def figure():
    style.apply()
    return charts.hbar(["一般性转移支付", "专项转移支付"], [2.0, -1.0], ["2", "-1"], xlabel="万元")


def test_shown_at_the_size_of_the_png_it_replaces(tmp_path):
    fig = figure()
    fig.savefig(tmp_path / "chart.png")  # the book's PNG: style.DPI, tight bounding box
    svg = save_chart(fig, tmp_path / "chart").read_text(encoding="utf-8")
    width, height = (float(v) for v in re.search(r'<svg[^>]*width="([0-9.]+)px" height="([0-9.]+)px"', svg).groups())
    with Image.open(tmp_path / "chart.png") as image:
        png = image.size
    assert abs(width - png[0]) <= 1 and abs(height - png[1]) <= 1


def drawing(svg: str) -> list[tuple[str, list[str]]]:
    """Each path's commands and numbers, and every other element with its attributes."""
    shapes = []
    for element in ET.fromstring(svg.split("?>", 1)[1].split("]>", 1)[-1]).iter():
        attributes = {k: re.sub(r"\s", "", v) for k, v in element.attrib.items() if k not in ("width", "height")}
        path = attributes.pop("d", "")
        shapes.append((element.tag, sorted(attributes.items()), re.findall(r"[A-Za-z]|-?[0-9.]+", path)))
    return shapes


def test_compaction_keeps_every_shape(tmp_path):
    import io

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "fiscalbook"}):
        figure().savefig(buffer, format="svg", metadata={"Date": None})
    original = buffer.getvalue()
    compacted = compact_svg(original)
    assert len(compacted) < len(original) * 0.95
    without_metadata = re.sub(r"<metadata>.*?</metadata>", "", original, flags=re.S)
    assert drawing(compacted) == drawing(without_metadata)


def test_a_missing_glyph_is_still_an_error(tmp_path):
    """The SVG writer keeps the check of tests/test_fmt.py (a missing glyph fails, not a box)."""
    from conftest import missing_glyph_figure

    with warnings.catch_warnings():
        fig = missing_glyph_figure()
        with pytest.raises(UserWarning, match="Glyph"):
            save_chart(fig, tmp_path / "chart")
