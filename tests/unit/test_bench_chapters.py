"""`make bench`'s chapter table: scripts/chapter-stats lists every chapter of _toc.yml (however many, wherever they
sit in it) and scripts/bench lines the columns up under the longest name. Neither builds nor measures anything."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):
    """A script without a .py suffix, imported as a module (its main() does not run)."""
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(ROOT / "scripts" / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_every_chapter_in_the_table_of_contents_is_listed_in_reading_order():
    stats = load_script("chapter-stats")
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    # Read independently of the function under test: every `file: book/NN-...` line, in file order.
    expected = re.findall(r"^\s*-?\s*file:\s*(book/\d\d-[\w-]+)\s*$", text, re.MULTILINE)
    chapters_on_disk = sorted(p.relative_to(ROOT).with_suffix("").as_posix()
                              for p in (ROOT / "book").glob("[0-9][0-9]-*.md"))

    listed = stats.toc_chapters(yaml.safe_load(text))

    assert listed == expected
    assert sorted(listed) == chapters_on_disk
    assert len(listed) > 10, "the course has more than ten chapters; none may be left out"


def test_chapters_nested_in_sections_or_without_parts_are_listed():
    stats = load_script("chapter-stats")
    toc = {"format": "jb-book", "root": "book/intro", "chapters": [
        {"file": "book/01-one"},
        {"file": "book/glossary"},
        {"file": "book/02-two", "sections": [{"file": "book/03-three"}, {"file": "book/references"}]},
        {"file": "book/11-eleven.md"},
        {"file": "book/01-one"},
    ]}
    assert stats.toc_chapters(toc) == ["book/01-one", "book/02-two", "book/03-three", "book/11-eleven"]


def test_the_chapter_table_has_a_row_per_chapter_with_columns_aligned():
    bench = load_script("bench")
    rows = [{"chapter": f"book/{n:02d}-a-chapter-with-a-rather-long-name-{n}", "words": 1000 + n, "citations": n,
             "quiz_questions": 10, "reading_grade": 12.5} for n in range(1, 15)]
    rows.append({"chapter": "book/15-x", "words": 5, "citations": 0, "quiz_questions": 1, "reading_grade": 9.0})

    lines = bench.chapter_table(rows).splitlines()

    assert len(lines) == 1 + len(rows)
    assert len({len(line) for line in lines}) == 1, lines
    words_column = lines[0].index("words") + len("words")
    assert all(line[words_column - 4:words_column].strip().isdigit() for line in lines[1:]), lines
