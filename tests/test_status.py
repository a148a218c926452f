"""Translation status: review forms in sheet.yaml, stale reviews, old facts, the report."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from bot.content.model import Review
from bot.screens.dates import long_date
from bot.screens.library import Library, load_library
from bot.screens.routes import Menu
from bot.staff.status import report, source_hash, status_rows, warnings
from tests.conftest import CONTENT, LOCALES
from tests.test_cli import run


def copy(tmp_path: Path) -> Path:
    """A private copy of the content."""
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def load(content: Path) -> Library:
    """Load the library from a copy, failing with the problems."""
    library, problems = load_library(content, LOCALES)
    assert library is not None, "\n".join(map(str, problems))
    return library


def review(content: Path, section: str, lang: str, form: str) -> None:
    """Replace `lang: draft` of one section in sheet.yaml with `form`."""
    path = content / "sheet.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {section}\n")
    at = text.index(f"      {lang}: draft", start)
    end = at + len(f"      {lang}: draft")
    path.write_text(text[:at] + f"      {lang}: {form}" + text[end:], encoding="utf-8")


def test_source_hash_ignores_whitespace() -> None:
    """Re-wrapping a paragraph does not change the hash; a changed word does."""
    assert source_hash("a  b\n\nc ") == source_hash("a b c")
    assert len(source_hash("x")) == 12
    assert source_hash("a b c") != source_hash("a b d")


def test_long_and_short_forms_load(tmp_path: Path) -> None:
    """`ar: draft` and `ar: {status: reviewed, date: ..., source: ...}` both work."""
    content = copy(tmp_path)
    library = load(content)
    swedish = library.content.section("sv", "appeal")
    assert swedish is not None
    current = source_hash(swedish.body)
    review(content, "appeal", "ar", f"{{status: reviewed, date: 2026-11-20, source: {current}}}")
    library = load(content)
    meta = library.content.meta("appeal")
    assert meta is not None
    assert meta.translations["ar"] == "reviewed"
    assert meta.reviews["ar"] == Review("reviewed", date(2026, 11, 20), current)
    screen = library.section("ar", "appeal", 0)
    assert screen is not None
    assert library.t("ar", "section-draft") not in screen.text, "reviewed: no draft note"
    assert not warnings(status_rows(library), date(2026, 11, 24))


def test_changed_swedish_text_marks_the_review_stale(tmp_path: Path) -> None:
    """A review against an older Swedish text is reported, with the new hash."""
    content = copy(tmp_path)
    review(content, "appeal", "fa-AF", "{status: reviewed, date: 2026-11-20, source: 0123456789ab}")
    library = load(content)
    rows = status_rows(library)
    row = next(r for r in rows if r.id == "appeal")
    assert row.cells["fa-AF"].stale and not row.cells["en"].stale
    found = warnings(rows, date(2026, 11, 24))
    assert len(found) == 1 and "appeal" in found[0] and "fa-AF" in found[0]
    assert str(row.source) in found[0]
    assert "CHANGED" in report(library, date(2026, 11, 24))


def test_bad_long_form_is_an_error_with_a_line(tmp_path: Path) -> None:
    """A source that is not a hash, or a bad date, is refused with file and line."""
    content = copy(tmp_path)
    review(content, "appeal", "ar", "{status: reviewed, date: 20-11-2026, source: abc}")
    library, problems = load_library(content, LOCALES)
    assert library is None
    messages = [str(p) for p in problems]
    assert any("sheet.yaml:" in m and "review date for ar" in m for m in messages), messages
    assert any("source for ar" in m for m in messages), messages


def test_old_facts_are_warned_about(library: Library) -> None:
    """Facts checked more than 12 months ago are listed."""
    found = warnings(status_rows(library), date(2028, 1, 1))
    assert any("what-it-means" in w and "12 months" in w for w in found)
    assert any(w.startswith("organisation bris") for w in found)
    assert not warnings(status_rows(library), date(2026, 12, 1))


def test_cli_status_prints_table_and_hashes(tmp_path: Path, library: Library) -> None:
    """`python -m bot check --status` prints the table and the current hash per section."""
    result = run(["check", "--status"], {"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    swedish = library.content.section("sv", "appeal")
    assert swedish is not None
    assert f"appeal: {source_hash(swedish.body)}" in result.stdout
    assert "fa-AF" in result.stdout and "bris" in result.stdout


def set_in_section(content: Path, section: str, line: str) -> None:
    """Add a `key: value` line to one section's entry in sheet.yaml."""
    path = content / "sheet.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"- id: {section}\n") + len(f"- id: {section}\n")
    path.write_text(text[:at] + f"    {line}\n" + text[at:], encoding="utf-8")


def test_facts_checked_only_when_really_checked(tmp_path: Path) -> None:
    """Show "Facts checked" for `facts_checked:` only, never for the day the text was written."""
    content = copy(tmp_path)
    library = load(content)
    for code in library.codes:
        screen = library.section(code, "appeal", 0)
        written = long_date(date(2026, 11, 23), code)  # the day the text was written
        assert screen is not None and written not in screen.text, code
    set_in_section(content, "appeal", "facts_checked: 2026-11-20")
    library = load(content)
    screen = library.section("en", "appeal", 0)
    checked = library.t("en", "section-checked", date=long_date(date(2026, 11, 20), "en"))
    assert screen is not None and checked in screen.text
    other = library.section("en", "what-it-means", 0)
    assert other is not None and "Facts checked" not in other.text


def test_swedish_never_says_translation_not_reviewed(library: Library) -> None:
    """Swedish is the original: no "translation not yet reviewed" line under it."""
    meta = library.content.meta("appeal")
    assert meta is not None and meta.translations["sv"] == "draft"
    swedish = library.section("sv", "appeal", 0)
    arabic = library.section("ar", "appeal", 0)
    assert swedish is not None and arabic is not None
    assert library.t("sv", "section-draft") not in swedish.text
    assert "<i>" not in swedish.text.split("\n\n")[-1]
    assert library.t("ar", "section-draft") in arabic.text


def test_status_lists_unchecked_and_pre_pact_facts(tmp_path: Path) -> None:
    """Unchecked entries are "not yet checked"; facts before 2026-06-12 need the 2026 rules."""
    content = copy(tmp_path)
    set_in_section(content, "appeal", "facts_checked: 2026-05-02")
    set_in_section(content, "turning-18", "facts_checked: 2026-11-20")
    text = report(load(content), date(2026, 11, 24))
    assert "section what-it-means: not yet checked" in text
    assert "organisation bris: not yet checked" in text
    assert "deadline rule: not yet checked" in text
    assert "section turning-18: not yet" not in text
    assert "section appeal: not yet" not in text
    assert "section appeal: facts from 2026-05-02, before the EU Pact" in text
    assert "turning-18: facts from" not in text


def test_old_checked_field_still_reads_as_written(tmp_path: Path) -> None:
    """A sheet.yaml still saying `checked:` loads it as `written:`, with a warning to rename."""
    content = copy(tmp_path)
    path = content / "sheet.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("written: 2026-11-23", "checked: 2026-11-23", 1)
    )
    library, problems = load_library(content, LOCALES)
    assert library is not None
    first = library.content.sections[0]
    assert first.written == date(2026, 11, 23) and first.facts_checked is None
    assert any("rename `checked:`" in p.message and p.line for p in problems)


def test_organisation_says_checked_only_when_checked_live(library: Library) -> None:
    """An organisation shows "Checked <date>" for `facts_checked:` only, not for `written:`."""
    now = datetime(2026, 11, 24, 12, tzinfo=UTC)
    org = library.content.organisation("bris")
    assert org is not None and org.verified and org.written and org.facts_checked is None
    plain = library.organisation("en", org, Menu(), now)
    assert library.t("en", "org-checked", date="X").split("X")[0] not in plain.text
    checked = replace(org, facts_checked=date(2026, 11, 20))
    shown = library.organisation("en", checked, Menu(), now)
    assert library.t("en", "org-checked", date=long_date(date(2026, 11, 20), "en")) in shown.text
