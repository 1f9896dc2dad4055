"""One chart style for the whole book: a CJK font installed by requirements.txt (mplfonts ships
Noto Sans CJK SC under the OFL), a colour-blind-safe palette, and missing glyphs as errors."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; charts are saved as files (SVG, fiscalbook/story/images.py)

import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402

FONT_FAMILY = "Noto Sans CJK SC"
# Okabe & Ito (2008), safe for the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
GREY = "#8C8C8C"
FIGURE_WIDTH = 7.5  # inches; with DPI this gives images that stay well under the page budget
DPI = 110


@cache
def font_path() -> Path:
    """The Noto Sans CJK SC file that mplfonts installs with the package."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():
        raise FileNotFoundError(f"CJK font missing at {path}: reinstall requirements.txt")
    return path


def font_maker(module: str) -> str:
    """What makes a file cut from the CJK font, for a cache key: the source font (by name and
    size: reading its 16 MB is not needed to tell it), fontTools' version and the code of the
    cutting ``module`` (its __file__)."""
    import fontTools

    source = font_path()
    return f"{source.name}|{source.stat().st_size}|{fontTools.version}|{Path(module).read_text(encoding='utf-8')}"


def apply() -> None:
    """Set the book's chart style. Safe to call more than once."""
    font_manager.fontManager.addfont(str(font_path()))
    sns.set_theme(style="whitegrid", font=FONT_FAMILY, palette=PALETTE, rc={
        "axes.unicode_minus": False,  # the CJK font has no U+2212; use ASCII hyphen-minus
        "figure.dpi": DPI, "savefig.dpi": DPI, "savefig.bbox": "tight",
        "axes.titlesize": 12, "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9,
        "legend.fontsize": 9, "axes.spines.top": False, "axes.spines.right": False,
        "svg.fonttype": "path",
    })
    # A glyph the font lacks would print as a box: make it fail the notebook instead.
    warnings.filterwarnings("error", message=r".*Glyph .* missing from font")


def new_figure(height: float = 4.0) -> tuple[plt.Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, height), layout="constrained")
    return fig, ax
