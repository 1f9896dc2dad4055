"""The Chinese web font of an edition: Noto Sans CJK SC (SIL OFL; installed with mplfonts, see
``fiscalbook.story.style.font_path``) cut down to the characters the site can show, as WOFF2 files
the browser loads only when a page needs them.

Many readers' systems have no CJK font (Debian's chromium has none): without a web font their
browser draws Chinese as boxes. The whole font is 16 MB, so each edition gets slices of it,
each declared by an ``@font-face`` rule whose ``unicode-range`` lists its characters; the
browser fetches a slice only when a page shows one of them:

* ``cjk-site.woff2``: every character of the edition's pages, scripts and search index (so
  search-result snippets too) and of the site root. Every page shows most of them (the
  navigation lists every chapter title), so they stay in one file.
* ``cjk-typed-NN.woff2``: the characters a reader may type into the search box and the site
  does not use: the symbols and the 3,755 level-1 (common) characters of GB 2312, by code
  point, ``TYPED_SLICE`` to a file; the ``unicode-range`` of each leaves out the site's
  characters.

Every file depends only on the font and its characters, so it is cached between builds
(``CACHE``) under a digest of both.

Only CJK characters and punctuation are in the slices (``CJK_BLOCKS``): Latin, digits and
symbols stay in the theme's fonts. So ``fiscalbook.css`` can list the family *first* in the
theme's font stacks: listed after the system fonts, chromium drew part of the Chinese (table
cells, the sidebar's title) as boxes even once the font had loaded. The rules follow
``MARKER`` in the edition's ``_static/fiscalbook.css``, up to ``END_MARKER``: written again
the same way when Sphinx's incremental build leaves the last build's stylesheet in place.
Same font and text, same bytes: the subset keeps the source font's own timestamps (fontTools
would stamp the time of the build).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from fiscalbook.data.paths import BUILD, PACKAGE
from fiscalbook.story.style import font_maker, font_path

FAMILY = "Fiscalbook Noto Sans SC"
MARKER = "/* @font-face rules of the CJK web font: written here by fiscalbook.build.webfont */"
END_MARKER = "/* end of the CJK web font's rules */"
FONT_DIR = Path("_static") / "fonts"
STYLESHEET = Path("_static") / "fiscalbook.css"
STATIC = PACKAGE / "static"
CACHE = BUILD / "cache" / "webfont"
TYPED_SLICE = 250  # characters per file: about 50 kB
# Read for the characters a page can show: pages, the theme's scripts (their messages) and
# the search index; the site root is written from the landing template.
TEXT_SUFFIXES = (".html", ".js")
# CJK radicals, symbols and punctuation, kana, ideographs, compatibility and full-width forms.
CJK_BLOCKS = ((0x2E80, 0x2FFF), (0x3000, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
              (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
# GB 2312 rows of symbols (punctuation, full-width forms) and of level-1 characters.
GB2312_ROWS = (0xA1, 0xA3, *range(0xB0, 0xD8))
# OpenType features kept: kerning and the trimming of full-width punctuation. Features that
# substitute glyphs (vertical forms, alternates) would add glyphs no page uses.
FEATURES = ["kern", "halt", "chws"]
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # with the copyright and the OFL notice


@dataclass(frozen=True)
class Slice:
    """One font file: the characters it holds and those its @font-face rule claims."""

    name: str
    chars: str
    claimed: str


def site_chars(html: Path) -> set[str]:
    """Every CJK character of the edition's pages and scripts and of the landing page."""
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for path in sorted(html.rglob("*")) if path.suffix in TEXT_SUFFIXES and path.is_file()]
    texts.append((STATIC / "landing.html.in").read_text(encoding="utf-8"))
    distinct = set().union(*map(set, texts))  # a few thousand characters, not millions to test
    return {char for char in distinct if is_cjk(char)}


def is_cjk(char: str) -> bool:
    return any(first <= ord(char) <= last for first, last in CJK_BLOCKS)


def typed_chars() -> str:
    """Characters a reader may type: the CJK symbols and the level-1 characters of GB 2312."""
    chars = []
    for row in GB2312_ROWS:
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # an unassigned position of the row
    return "".join(sorted({char for char in chars if is_cjk(char)}))


def covered(chars: Iterable[str], source: Path) -> str:
    """The characters of ``chars`` the font has a glyph for, in code point order."""
    with TTFont(source, lazy=True) as font:
        cmap = font.getBestCmap()
    return "".join(sorted(char for char in set(chars) if ord(char) in cmap))


def plan(site: set[str], source: Path) -> list[Slice]:
    """The site slice, then the typed slices (their files hold all their characters, their
    rules claim only those the site slice lacks)."""
    site_text = covered(site, source)
    slices = [Slice("cjk-site", site_text, site_text)]
    typed = covered(typed_chars(), source)
    for number, start in enumerate(range(0, len(typed), TYPED_SLICE), 1):
        chars = typed[start:start + TYPED_SLICE]
        claimed = "".join(char for char in chars if char not in site)
        if claimed:
            slices.append(Slice(f"cjk-typed-{number:02d}", chars, claimed))
    return slices


def subset_woff2(source: Path, chars: str) -> bytes:
    """The font cut to ``chars``, as WOFF2, with the source's timestamps (reproducible)."""
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # browsers rasterize CJK well without hints; a third smaller
    options.layout_features = FEATURES
    options.name_IDs = NAME_IDS
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx"]  # vertical writing: unused
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in chars])
    out = io.BytesIO()
    with TTFont(source, recalcTimestamp=False) as font:
        subsetter.subset(font)
        subset.save_font(font, out, options)  # in options.flavor: WOFF2
    return out.getvalue()


def cached_subset(source: Path, chars: str, cache: Path, font_digest: str) -> bytes:
    """``subset_woff2``, kept in ``cache`` under a digest of the font and the characters."""
    path = cache / f"{hashlib.sha256(f'{font_digest}:{chars}'.encode()).hexdigest()[:32]}.woff2"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(subset_woff2(source, chars))
        partial.replace(path)
    return path.read_bytes()


def unicode_range(chars: str) -> str:
    """A CSS unicode-range for ``chars`` (sorted), runs of code points as ranges."""
    points = sorted(ord(char) for char in chars)
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def font_face_rules(slices: list[Slice]) -> str:
    """The @font-face rules, one per slice, for a stylesheet in ``_static/``."""
    rules = []
    for piece in slices:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
            f'font-display: swap; src: url("fonts/{piece.name}.woff2") format("woff2"); '
            f"unicode-range: {unicode_range(piece.claimed)}; }}")
    return "\n".join(rules)


def with_rules(css: str, rules: str) -> str:
    """The stylesheet with ``rules`` after its marker (replacing those written before)."""
    start = css.index(MARKER) + len(MARKER)
    end = css.find(END_MARKER, start)
    rest = css[end + len(END_MARKER):] if end >= 0 else css[start:]
    return f"{css[:start]}\n{rules}\n{END_MARKER}{rest}"


def install(html: Path, source: Path | None = None, cache: Path | None = CACHE) -> list[Path]:
    """Write the web font of the edition built in ``html`` and declare it in its stylesheet.
    Returns the font files written."""
    source = source or font_path()
    stylesheet = html / STYLESHEET
    css = stylesheet.read_text(encoding="utf-8")
    if MARKER not in css:
        raise ValueError(f"{stylesheet}: the web font's marker is missing: {MARKER}")
    slices = plan(site_chars(html), source)
    folder = html / FONT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    font_digest = font_maker(__file__)  # the font, fontTools and this module's subsetting options
    written = []
    for piece in slices:
        path = folder / f"{piece.name}.woff2"
        if cache is None:
            path.write_bytes(subset_woff2(source, piece.chars))
        else:  # by font and characters: a rebuild whose pages use the same characters cuts nothing
            path.write_bytes(cached_subset(source, piece.chars, cache, font_digest))
        written.append(path)
    stylesheet.write_text(with_rules(css, font_face_rules(slices)), encoding="utf-8")
    return written
