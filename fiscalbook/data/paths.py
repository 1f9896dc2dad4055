"""Where things are: the repository, its data folder and the build's working folder. A module
of its own, without imports, so that commands that only need a path load nothing heavy."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
REPO = PACKAGE.parent
DEFAULT_DATA_DIR = REPO / "data"
BUILD = REPO / "_build"
# Debian's chromium, which Playwright drives for the PDF edition and the browser tests. No
# sandbox (builds and tests may run as root); the browser contacts nothing on its own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
# The place whose book is built when none is named: today's commands keep working.
DEFAULT_PLACE = "zhongwei"
