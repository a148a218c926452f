"""UI strings: every language has every key, and the code uses only keys that exist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bot.content.texts import load_texts
from bot.screens.library import Library
from tests.conftest import LOCALES, ROOT


def test_every_language_has_every_key() -> None:
    """The four locales load with no errors or unknown keys."""
    texts, problems = load_texts(LOCALES)
    assert texts is not None and problems == []
    assert [lang.code for lang in texts.languages] == ["sv", "en", "ar", "fa-AF"]
    assert [lang.rtl for lang in texts.languages] == [False, False, True, True]


def test_code_uses_only_existing_keys(library: Library) -> None:
    """Every string key written in bot/ exists in the reference locale."""
    used: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        used |= set(
            re.findall(r'\b(?:t|button)\(\s*\w+,\s*["\']([a-z0-9-]+)["\']', path.read_text())
        )
        used |= set(
            re.findall(r'\(\s*"((?:menu|list|button|org|hours|command)-[a-z-]+)"', path.read_text())
        )
    assert used, "the pattern found no keys"
    missing = {key for key in used if not library.texts.has(key)}
    assert missing == set()


def test_a_syntax_error_is_reported_with_file_and_line(tmp_path: Path) -> None:
    """A broken line in a .ftl file is reported with its path and line, in plain words."""
    shutil.copytree(LOCALES, tmp_path / "locales")
    path = tmp_path / "locales" / "sv" / "main.ftl"
    lines = path.read_text().splitlines()
    lines.insert(10, "this is not fluent {")
    path.write_text("\n".join(lines) + "\n")
    texts, problems = load_texts(tmp_path / "locales")
    assert texts is None
    assert any(
        p.path == path and p.line == 11 and "not valid Fluent" in p.message for p in problems
    )


def test_missing_and_unknown_keys(tmp_path: Path) -> None:
    """A key missing in Arabic is an error; an extra key is a warning about a typo."""
    shutil.copytree(LOCALES, tmp_path / "locales")
    path = tmp_path / "locales" / "ar" / "main.ftl"
    text = path.read_text().replace("menu-about =", "menu-abuot =")
    path.write_text(text)
    texts, problems = load_texts(tmp_path / "locales")
    assert texts is None
    assert any("`menu-about` is missing" in p.message for p in problems)
    assert any(
        "`menu-abuot` is not a known key" in p.message and p.severity == "warning" for p in problems
    )


def test_bad_html_in_a_string_is_caught(tmp_path: Path) -> None:
    """A UI string Telegram could not parse as HTML is an error."""
    shutil.copytree(LOCALES, tmp_path / "locales")
    path = tmp_path / "locales" / "en" / "main.ftl"
    path.write_text(
        path.read_text().replace("menu-legal = Free legal help", "menu-legal = Free <b>legal help")
    )
    texts, problems = load_texts(tmp_path / "locales")
    assert texts is None and any("menu-legal" in p.message for p in problems)


def test_variables_follow_the_swedish_text(tmp_path: Path) -> None:
    """A translation that drops or adds a { $variable } of the Swedish message fails."""
    shutil.copytree(LOCALES, tmp_path / "locales")
    arabic = tmp_path / "locales" / "ar" / "main.ftl"
    lines = arabic.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("org-checked ="))
    lines[at] = "org-checked = تم التحقق."
    nxt = next(i for i, line in enumerate(lines) if line.startswith("org-phone ="))
    lines[nxt] = "org-phone = 📞 { $phone } { $name }"
    arabic.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts, problems = load_texts(tmp_path / "locales")
    assert texts is None
    found = {(p.path, p.line): p.message for p in problems}
    assert "drops { $date }" in found[(arabic, at + 1)]
    assert "adds { $name }" in found[(arabic, nxt + 1)]


def test_variables_in_variants_count(library: Library) -> None:
    """Variables used only in a selector or a variant are seen too."""
    from fluent.syntax import FluentParser, ast

    from bot.content.texts import variables

    source = "m = { $days ->\n    [one] a day\n   *[other] { $days } days, { $grace }\n}\n"
    entry = FluentParser().parse(source).body[0]
    assert isinstance(entry, ast.Message)
    assert variables(entry) == {"days", "grace"}


def test_parsed_files_are_cached_and_follow_edits(tmp_path: Path) -> None:
    """The parsed .ftl files are kept beside the locales (a second start reads them back,
    the same texts), and an edited file is parsed anew."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    extra = locales / "sv" / "main.ftl"
    extra.write_text(extra.read_text(encoding="utf-8") + "\ncache-test = Ett\n", encoding="utf-8")
    first, _ = load_texts(locales)
    cached = list((tmp_path / ".fluent-cache").glob("*.json"))
    assert len(cached) == len(list(locales.rglob("*.ftl")))
    again, _ = load_texts(locales)
    assert first is not None and again is not None
    assert again("sv", "cache-test") == first("sv", "cache-test") == "Ett"
    assert again("fa-AF", "menu-text") == first("fa-AF", "menu-text")
    extra.write_text(extra.read_text(encoding="utf-8").replace("= Ett", "= Två"), encoding="utf-8")
    edited, _ = load_texts(locales)
    assert edited is not None and edited("sv", "cache-test") == "Två"
