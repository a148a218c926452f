"""The glossary: its own checks, and warnings where a text uses a word to avoid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.glossary import fold, glossary_problems, load_glossary
from bot.content.problems import Problem
from bot.screens.library import load_library
from tests.conftest import CONTENT, LOCALES
from tests.test_cli import run

LANGS = ["sv", "en", "ar", "fa-AF"]
GLOSSARY = """\
concepts:
  - id: appeal
    sv: överklagande
    en: appeal
    ar: استئناف
    fa-AF: شکایت
    avoid: {ar: [طعن], fa-AF: [اعتراض]}
  - id: counsel
    sv: offentligt biträde
    en: public counsel
    ar: وكيل قانوني عام
    fa-AF: وکیل عمومی
    avoid:
      en: [advocate]
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Private copies of content and locales, with a small glossary."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT, content)
    shutil.copytree(LOCALES, locales)
    (content / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return content, locales


def append(path: Path, text: str) -> int:
    """Append lines to a file; return the line number of the first."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old.rstrip("\n") + "\n" + text, encoding="utf-8")
    return old.rstrip("\n").count("\n") + 2


def test_glossary_loads(folders: tuple[Path, Path]) -> None:
    """Concepts load with their words per language and their avoid lists."""
    problems: list[Problem] = []
    glossary = load_glossary(folders[0] / "glossary.yaml", LANGS, problems)
    assert problems == []
    appeal = glossary.concepts[0]
    assert appeal.terms["fa-AF"] == "شکایت" and appeal.avoid["ar"] == ("طعن",)
    assert appeal.line == 2 and glossary.concepts[1].avoid == {"en": ("advocate",)}


def test_no_glossary_is_fine(tmp_path: Path) -> None:
    """The file is optional: without it nothing is reported."""
    assert glossary_problems(tmp_path, tmp_path, LANGS) == []


def test_bad_glossary_entries_name_the_line(tmp_path: Path) -> None:
    """An unknown language, a word both used and avoided, a non-list: errors at the concept."""
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "concepts:\n"
        "  - id: appeal\n    sv: överklagande\n    avoid: {de: [Berufung]}\n"
        "  - id: guardian\n    en: guardian\n    avoid: {en: [Guardian]}\n"
        "  - id: lawyer\n    avoid: {ar: 3}\n",
        encoding="utf-8",
    )
    problems: list[Problem] = []
    load_glossary(path, LANGS, problems)
    errors = {(p.line, p.message.split(":")[0]) for p in problems if p.severity == "error"}
    assert errors == {(2, "concept appeal"), (5, "concept guardian"), (8, "concept lawyer")}


def test_avoided_words_are_warned_at_file_and_line(folders: tuple[Path, Path]) -> None:
    """Sheet, UI strings, organisations and relay answers: each hit is a warning with a line."""
    content, locales = folders
    sheet = append(content / "sheet" / "ar.md", "يمكنك تقديم الطعن خلال ثلاثة أسابيع.\n")
    ftl = append(locales / "fa-AF" / "main.ftl", "glossary-test = اعتراض‌ها را بنویس\n")
    english = append(content / "sheet" / "en.md", "Ask an Advocate.\n")
    orgs = content / "organisations.yaml"
    text = orgs.read_text(encoding="utf-8")
    offers = text.index("      ar:", text.index("offers:", text.index("  - id: bris\n")))
    line = text[:offers].count("\n") + 1
    orgs.write_text(text[:offers] + "      ar: وللطعن اتصل بنا\n" + text[offers:].split("\n", 1)[1])
    relay = content / "relay.yaml"
    answer = relay.read_text(encoding="utf-8").splitlines().index("  deadline:") + 1
    relay.write_text(relay.read_text(encoding="utf-8").replace("مهلة الاستئناف", "مهلة الطعن"))
    found = [p for p in glossary_problems(content, locales, LANGS) if p.severity == "warning"]
    where = {(p.path.name, p.line) for p in found}
    assert ("ar.md", sheet) in where
    assert ("main.ftl", ftl) in where
    assert ("en.md", english) in where
    assert ("organisations.yaml", line) in where
    assert any(p.path.name == "relay.yaml" and answer < (p.line or 0) < answer + 30 for p in found)
    message = next(p.message for p in found if p.path.name == "ar.md")
    assert "طعن" in message and "استئناف" in message and "appeal" in message


def test_avoided_word_counts_only_in_its_language(folders: tuple[Path, Path]) -> None:
    """A word avoided in Dari is fine in Arabic; a word merely containing it is not hit."""
    content, locales = folders
    append(content / "sheet" / "ar.md", "اعتراض\n")
    append(content / "sheet" / "fa-AF.md", "مطعن\n")
    found = [p for p in glossary_problems(content, locales, LANGS) if p.path.name.endswith(".md")]
    assert found == []


def test_fold_ignores_case_marks_and_zwnj() -> None:
    """Case, Arabic vowel marks, ZWNJ and keyboard variants do not hide a word."""
    assert fold("ADVOCATE") == "advocate"
    assert fold("طَعْن") == fold("طعن")
    assert fold("اعتراض\u200cها") == fold("اعتراضها")
    assert fold("كيف") == fold("کیف")


def test_check_prints_the_warning_and_passes(folders: tuple[Path, Path], tmp_path: Path) -> None:
    """`python -m bot check` shows avoided words as warnings with file and line, exit 0."""
    content, locales = folders
    line = append(content / "sheet" / "ar.md", "الطعن\n")
    env = {"HOME": str(tmp_path), "BOT_CONTENT_DIR": str(content), "BOT_LOCALES_DIR": str(locales)}
    result = run(["check"], env)
    assert result.returncode == 0, result.stdout
    assert f"warning: {content / 'sheet' / 'ar.md'}:{line}: ar: «طعن»" in result.stdout
    library, _ = load_library(content, locales)
    assert library is not None, "warnings never stop the bot"
