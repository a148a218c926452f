"""Content and locale edits cannot exhaust memory or time, or crash `check`."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from fluent.syntax import FluentParser

from bot.content import reader
from bot.content import texts as texts_module
from bot.content.loader import load_content
from bot.content.texts import load_texts
from tests.conftest import CONTENT, LOCALES

LANGS = ["sv", "en", "ar", "fa-AF"]
BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
weeks: *i
legal_basis: x
"""


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real content to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def locales_copy(tmp_path: Path) -> Path:
    """A copy of the real locales to break."""
    target = tmp_path / "locales"
    shutil.copytree(LOCALES, target)
    return target


def test_an_alias_bomb_is_refused_with_its_line(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An 11-line YAML alias bomb (10^9 strings if expanded) is refused at once."""
    (content_copy / "deadline.yaml").write_text(BOMB, encoding="utf-8")
    build = yaml.load

    def load(text: str, Loader: Any) -> Any:  # (Loader: PyYAML spells it so)
        assert text != BOMB, "the bomb is being built: refuse it from its parse events"
        return build(text, Loader=Loader)

    monkeypatch.setattr(yaml, "load", load)
    _, problems = load_content(content_copy, LANGS)
    found = [p for p in problems if p.path.name == "deadline.yaml"]
    assert found and found[0].line == 2 and "aliases" in found[0].message


def test_a_phone_that_is_a_list_is_a_problem_not_a_crash(content_copy: Path) -> None:
    """A value of the wrong type is described briefly, never expanded or printed whole."""
    path = content_copy / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("phone:", "phone: [1, [2, [3]]]\n    old_phone:", 1), "utf-8")
    _, problems = load_content(content_copy, LANGS)
    assert any("phone a list does not look" in p.message for p in problems)


def test_a_file_over_the_size_limit_is_refused(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A content file over the cap is refused before it is parsed."""
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    _, problems = load_content(content_copy, LANGS)
    assert any("larger than" in p.message for p in problems)


def extra_keys(locales: Path, n: int) -> Path:
    """Write `n` extra messages of 100 bytes each into one Swedish .ftl file."""
    lines = [f"extra-key-{i:06} = {'x' * 84}" for i in range(n)]
    path = locales / "sv" / "extra.ftl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_2_mb_locale_file_is_checked_quickly(
    locales_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 MB .ftl (20,000 messages) is refused at once with its file, not parsed for
    seconds (the Fluent parser reads about a megabyte in three)."""
    path = extra_keys(locales_copy, 20_000)
    parsed: list[int] = []

    def parser(**options: Any) -> Any:
        instance = FluentParser(**options)
        parse = instance.parse

        def recording(source: str) -> Any:
            parsed.append(len(source))
            return parse(source)

        monkeypatch.setattr(instance, "parse", recording)
        return instance

    monkeypatch.setattr(texts_module, "FluentParser", parser)
    texts, problems = load_texts(locales_copy)
    assert all(size <= texts_module.MAX_FTL_BYTES for size in parsed), "never parsed"
    assert texts is None
    assert [p.message for p in problems if p.path == path] == [
        "cannot read the file: the file is larger than 512 KB; split it up"
    ]


def test_line_numbers_of_a_long_locale_file(locales_copy: Path) -> None:
    """Line numbers come from one pass over the file (was a count from the start per
    message, quadratic): right at the end of 4,000 messages."""
    extra_keys(locales_copy, 4000)
    texts, problems = load_texts(locales_copy)
    assert texts is not None
    last = [p for p in problems if "extra-key-003999" in p.message]
    assert last and last[0].line == 4000


def test_deep_nesting_in_fluent_is_a_problem_with_a_line(locales_copy: Path) -> None:
    """5000 nested placeables give a problem with file and line, not a RecursionError."""
    deep = "{ " * 5000 + '"x"' + " }" * 5000
    path = locales_copy / "sv" / "deep.ftl"
    path.write_text(f"# comment\nfine = ok\ndeep = {deep}\n", encoding="utf-8")
    texts, problems = load_texts(locales_copy)
    assert texts is None
    found = [p for p in problems if p.path == path]
    assert found and found[0].line == 3 and "nested" in found[0].message


def test_a_bad_language_folder_name_is_a_problem(locales_copy: Path) -> None:
    """A folder named like markup gives a check problem, not babel's traceback."""
    shutil.copytree(locales_copy / "sv", locales_copy / 'xx"><img src=x>')
    texts, problems = load_texts(locales_copy)
    assert texts is None
    assert any("named by its code" in p.message for p in problems)
