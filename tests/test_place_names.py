"""No notebook types a place name: everything place-specific comes from the place's descriptor
(data/<place>/place.json), so another city's book says nothing of this one. Like the guard on
typed figures, it reads every cell but the parameters cell."""

import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from fiscalbook.build.editions import book_notebooks
from fiscalbook.data.places import available_places, load_place

DATA = REPO / "data"

def place_words() -> set[str]:
    """Every name a descriptor of data/ gives a place, its region and its parts, in both
    languages, with the short forms prose would use (Place.words), and the parts' key prefixes."""
    places = [load_place(DATA, place) for place in available_places(DATA)]
    return set().union(*(place.words() | {part.key for part in place.parts} for place in places))


def typed_place_names(notebook: Path, words: set[str]) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    pattern = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)), re.IGNORECASE)
    found = []
    for number, cell in enumerate(cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        for line in "".join(cell["source"]).splitlines():
            if pattern.search(line):
                found.append(f"{notebook.name} cell {number}: {line.strip()[:100]}")
    return found


def test_the_guard_knows_the_places_names() -> None:
    words = place_words()
    assert {"Zhongwei", "中卫", "Shapotou", "沙坡头", "shapotou", "宁夏", "Ningxia"} <= words


@pytest.mark.parametrize("notebook", book_notebooks(), ids=lambda path: path.stem)
def test_no_notebook_types_a_place_name(notebook: Path) -> None:
    assert typed_place_names(notebook, place_words()) == []


def test_the_guard_finds_a_typed_name(tmp_path: Path) -> None:
    notebook = tmp_path / "n.ipynb"
    cells = [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": ['place = "zhongwei"']},
             {"cell_type": "markdown", "metadata": {}, "source": ["Transfers to Shapotou District"]}]
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert len(typed_place_names(notebook, place_words())) == 1
