"""The font of the PDF edition: the book's CJK font (mplfonts' Noto Sans CJK SC, the one the
charts use) cut down to the characters a document uses, with TrueType outlines.

Why not hand Chromium the OpenType file as it is: Chromium's PDF writer (Skia) embeds a font
with CFF outlines, as Noto Sans CJK has, as Type 3 fonts of one-off drawings, and maps their
glyphs back to text through the font's whole character map, where 一 shares its glyph with the
Kangxi radical ⼀ (U+2F00): text copied or extracted from the PDF then holds radicals instead of
the characters. The same glyphs with TrueType outlines are embedded as one real CID font, and a
subset holding only the document's characters maps each glyph back to the character it drew.
Subsetting also spares the browser 16 MB of font to read.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from fiscalbook.story.style import font_maker, font_path

ALWAYS = {chr(code) for code in range(0x20, 0x7F)}  # page numbers and generated text: ASCII
CURVE_ERROR = 1.0  # font units (of 1000 per em) a quadratic outline may stray from the cubic one


def print_font(text: str, cache: Path) -> bytes:
    """A TrueType font with the characters of ``text`` (and ASCII); built once per set of
    characters and kept in ``cache``."""
    characters = "".join(sorted(set(text) | ALWAYS))
    source = font_path()
    # What makes the font: its characters, the source font, this code and fontTools' version.
    key = hashlib.sha256(f"{font_maker(__file__)}|{characters}".encode()).hexdigest()[:24]
    cached = cache / f"{key}.ttf"
    if cached.is_file():
        return cached.read_bytes()
    data = _subset_truetype(source, characters)
    cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(cached)
    return data


def _subset_truetype(source: Path, characters: str) -> bytes:
    options = subset.Options()
    options.layout_features = ["*"]  # keep what shapes the text: kerning, vertical punctuation…
    options.hinting = True  # the CFF outlines are replaced below: neither strip nor flatten them
    options.desubroutinize = False
    options.recalc_bounds = True
    options.recalc_timestamp = False  # the same characters give the same bytes
    font = subset.load_font(str(source), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(font)
        _cff_to_truetype(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()  # the source file stays open until then


def _cff_to_truetype(font: TTFont) -> None:
    """Replace the font's cubic CFF outlines by quadratic TrueType ones (what fontTools' own
    otf2ttf example does)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, CURVE_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes each glyph's bounds
    metrics = font["hmtx"].metrics
    for name in order:  # TrueType wants the left side bearing to be the outline's xMin
        metrics[name] = (metrics[name][0], getattr(glyf.glyphs[name], "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    font["post"].formatType = 3.0  # no glyph names: the PDF maps glyphs to text by the cmap
    font.sfntVersion = "\0\1\0\0"
