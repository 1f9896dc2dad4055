"""What the build does to a notebook besides running it: editions, exercises, absent chapters."""

from __future__ import annotations

import pytest

from fiscalbook.build.notebooks import absent_notebook, exercises, keys_named, without_unanswerable_exercises
from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.story.chapter import Chapter, ChapterAbsent


def markdown(text: str, lang: str) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": [f"lang-{lang}"]}, "source": text}


def code(text: str, *cell_tags: str) -> dict:
    return {"cell_type": "code", "metadata": {"tags": list(cell_tags)}, "source": text, "outputs": [],
            "execution_count": None}


def exercise(label: str, key: str) -> list[dict]:
    statement = f"::::{{exercise}}\n:label: {label}\n:class: basic\nQuestion?\n::::"
    cells = [markdown(statement, lang) for lang in ("en", "zh")]
    cells += [markdown(f":::{{solution-start}} {label}\n:class: dropdown\n:::", lang) for lang in ("en", "zh")]
    cells.append(code(f'facts = load_year(year, data_dir).facts.set_index("key")\nfacts.loc["{key}", "value"]',
                      "solution"))
    cells += [markdown(":::{solution-end}\n:::", lang) for lang in ("en", "zh")]
    return cells


@pytest.fixture
def notebook() -> dict:
    setup = 'from fiscalbook.story.chapter import Chapter\nch = Chapter(year, lang, data_dir, "t", needs=("a.",))'
    cells = [code("year = 2023\nlang = 'en'\ndata_dir = '../data'", "parameters", "remove-cell"),
             code(setup,
                  "remove-cell"),
             markdown("# Transfer payments\n\nText.", "en"), markdown("# 转移支付\n\n正文。", "zh"),
             code("ch.say(en='x', zh='x')", "remove-input"),
             *exercise("ex-t-one", "a.b"), *exercise("ex-t-two", "a.c"),
             markdown("## After", "en"), markdown("## 之后", "zh")]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_exercises_are_found_with_their_cells_and_keys(notebook):
    found = exercises(notebook)
    assert [e.label for e in found] == ["ex-t-one", "ex-t-two"]
    assert len(found[0].cells) == 7 and found[0].keys == {"a.b"}
    assert keys_named('x = "city.transfers.total"; y = "not a key"; z = "a.b.c"') == {"city.transfers.total", "a.b.c"}


def test_an_unanswerable_exercise_is_left_out_with_a_note(notebook):
    kept = without_unanswerable_exercises(notebook, keys={"a.b"}, known={"a.b", "a.c"})
    texts = ["".join(c["source"]) for c in kept["cells"]]
    assert any("ex-t-one" in t for t in texts) and not any("solution-start} ex-t-two" in t for t in texts)
    assert sum("is left out" in t or "从略" in t for t in texts) == 2
    assert texts[-1] == "## 之后", "the cells after the exercise stay"
    unchanged = without_unanswerable_exercises(notebook, keys={"a.b"}, known={"a.b"})
    assert len(unchanged["cells"]) == len(notebook["cells"]), "a key no year has is not the year's gap"


def test_an_absent_chapter_keeps_its_title_and_says_so(notebook):
    stand_in = absent_notebook(notebook)
    texts = ["".join(c["source"]) for c in stand_in["cells"]]
    assert texts[0].startswith("year = ") and "needs" not in texts[1]
    compile(texts[1], "setup", "exec")  # still Python: the needs=(…) tuple went whole
    assert "# Transfer payments\n\nText." in texts and "# 转移支付\n\n正文。" in texts
    assert texts[-1] == "ch.absent(('Transfer payments', '转移支付'))"


def test_a_chapter_without_its_part_of_the_report_is_absent():
    with pytest.raises(ChapterAbsent, match="no.such.part"):
        Chapter(2023, "en", DEFAULT_DATA_DIR, "t", needs=("no.such.part.",))
    assert Chapter(2023, "en", DEFAULT_DATA_DIR, "t", needs=("city.transfers.",)).has("city.transfers.total")


def test_printed_text_is_one_output_however_the_kernel_flushed_it():
    from fiscalbook.build.notebooks import coalesced_streams

    outputs = [{"output_type": "stream", "name": "stdout", "text": "own revenue:"},
               {"output_type": "stream", "name": "stdout", "text": [" 9.69\n"]},
               {"output_type": "display_data", "data": {}, "metadata": {}},
               {"output_type": "stream", "name": "stdout", "text": "a"},
               {"output_type": "stream", "name": "stderr", "text": "b"}]
    joined = coalesced_streams(outputs)
    assert [o.get("text") for o in joined] == ["own revenue: 9.69\n", None, "a", "b"]
