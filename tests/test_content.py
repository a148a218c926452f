"""Content loading and the checks that protect young people from a broken edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content, parse_sheet
from bot.content.model import international
from bot.content.problems import Problem
from bot.screens.library import load_library
from tests.conftest import CONTENT, LOCALES

LANGS = ["sv", "en", "ar", "fa-AF"]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real content to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def errors(content_dir: Path) -> list[Problem]:
    """The errors `check` would report for a content folder."""
    _, problems = load_content(content_dir, LANGS)
    return [p for p in problems if p.severity == "error"]


def test_real_content_is_valid() -> None:
    """The repository's content and locales load without errors."""
    library, problems = load_library(CONTENT, LOCALES)
    assert library is not None, problems
    assert [p for p in problems if p.severity == "error"] == []
    assert len(library.content.sections) >= 8
    for lang in LANGS:
        assert set(library.content.sheets[lang]) == {m.id for m in library.content.sections}


def test_no_contact_detail_was_invented() -> None:
    """Every phone number in the contacts is one of the verified national numbers."""
    library, _ = load_library(CONTENT, LOCALES)
    assert library is not None
    phones = {o.phone for o in library.content.organisations if o.phone}
    assert phones <= {"112", "114 14", "1177", "116 111", "0771-235 235", "90101"}
    assert all(o.address is None and o.coordinates is None for o in library.content.organisations)


def test_broken_yaml_points_at_the_line(content_copy: Path) -> None:
    """A YAML syntax error names the file and line."""
    path = content_copy / "organisations.yaml"
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if "categories:" in line)
    lines[index] = lines[index].replace("categories:", "categories: [legal\n  oops: ]: x")
    path.write_text("\n".join(lines))
    found = errors(content_copy)
    assert found and found[0].path == path and found[0].line is not None


def test_missing_section_in_a_language(content_copy: Path) -> None:
    """A section missing from the Dari sheet is reported with its id."""
    path = content_copy / "sheet" / "fa-AF.md"
    text = path.read_text()
    start = text.index("{#turning-18}")
    head = text.rindex("\n##", 0, start)
    end = text.find("\n## ", start)
    path.write_text(text[:head] + (text[end:] if end > 0 else "\n"))
    assert any("turning-18" in p.message and p.path == path for p in errors(content_copy))


def test_bad_heading_title_and_phone(content_copy: Path) -> None:
    """A heading without id, a too-long title and a malformed phone are all reported."""
    sheet = content_copy / "sheet" / "en.md"
    sheet.write_text(
        sheet.read_text() + "\n## No id here\ntext\n## " + "Long " * 12 + "{#what-it-means}\ntext\n"
    )
    orgs = content_copy / "organisations.yaml"
    orgs.write_text(orgs.read_text().replace('phone: "112"', 'phone: "call me maybe"', 1))
    messages = " ".join(p.message for p in errors(content_copy))
    assert "## Title {#section-id}" in messages
    assert "keep it to 40" in messages
    assert "does not look like a phone number" in messages


def test_unknown_section_and_bad_status(content_copy: Path) -> None:
    """A section not in sheet.yaml and a translation status other than draft/reviewed fail."""
    sheet = content_copy / "sheet" / "sv.md"
    sheet.write_text(sheet.read_text() + "\n## Nytt {#brand-new}\nText.\n")
    meta = content_copy / "sheet.yaml"
    meta.write_text(meta.read_text().replace("ar: draft", "ar: done", 1))
    messages = " ".join(p.message for p in errors(content_copy))
    assert "brand-new is not listed in sheet.yaml" in messages
    assert "must be draft or reviewed" in messages


def test_parse_sheet_lines(tmp_path: Path) -> None:
    """Sections keep the line number of their heading."""
    path = tmp_path / "x.md"
    path.write_text("## One {#one}\nText\n\n## Two {#two}\nMore\n")
    problems: list[Problem] = []
    sections = parse_sheet(path, problems)
    assert problems == [] and sections["two"].line == 4 and sections["one"].body == "Text"


@pytest.mark.parametrize(
    "national,dialable",
    [("0771-235 235", "+46 771 235 235"), ("112", "112"), ("116 111", "116 111")],
)
def test_international_numbers(national: str, dialable: str) -> None:
    """Long Swedish numbers get +46 so Telegram makes them tappable; short ones stay."""
    assert international(national) == dialable


def test_unknown_section_button_is_an_error_with_a_line(content_copy: Path) -> None:
    """`buttons:` may list only the known buttons; anything else is an error at its entry."""
    meta = content_copy / "sheet.yaml"
    text = meta.read_text().replace("buttons: [talk, sos]", "buttons: [talk, call-mum]")
    meta.write_text(text)
    line = text.splitlines().index("  - id: do-not-disappear") + 1
    found = [p for p in errors(content_copy) if "call-mum" in p.message]
    assert found and found[0].path == meta and found[0].line == line


def test_a_language_missing_in_organisations_or_answers_fails(content_copy: Path) -> None:
    """An organisation or a prepared relay answer without one language is an error at its line."""
    orgs = content_copy / "organisations.yaml"
    text = orgs.read_text(encoding="utf-8")
    start = text.index("  - id: bris\n")
    at = text.index("      fa-AF:", start)
    end = text.index("\n", at) + 1
    orgs.write_text(text[:at] + text[end:], encoding="utf-8")
    relay = content_copy / "relay.yaml"
    lines = relay.read_text(encoding="utf-8").splitlines()
    name = lines.index("  name:")
    del lines[name + 3]  # its Arabic text
    relay.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = errors(content_copy)
    bris = text[:start].count("\n") + 1
    assert any(p.path == orgs and p.line == bris and "fa-AF" in p.message for p in found)
    assert any(
        p.path == relay and p.line == name + 1 and "missing in ar" in p.message for p in found
    ), found


def test_keyword_mistakes_name_the_file_and_line(content_copy: Path) -> None:
    """A missing crisis language, a word with no letters, an unknown list and a bad section
    keyword block are errors at their own lines in keywords.yaml and sheet.yaml."""
    path = content_copy / "keywords.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  sv: [hjälp, hjälp mig,", '  sv: ["!!", hjälp mig,', 1)
    text = text.replace("  legal:\n", "  lawyers:\n", 1)
    start = text.index("  ar:\n    - أريد أن أموت")
    text = (
        text[:start]
        + "  xx:\n    - أريد أن أموت"
        + text[start + len("  ar:\n    - أريد أن أموت") :]
    )
    path.write_text(text, encoding="utf-8")
    sheet = content_copy / "sheet.yaml"
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(
            "      sv: [överklaga,", "      sv: 5\n      x: [överklaga,", 1
        ),
        encoding="utf-8",
    )
    found = errors(content_copy)
    lines = path.read_text(encoding="utf-8").splitlines()
    by_message = {p.message: p for p in found}

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if fragment in line)

    bang = next(p for m, p in by_message.items() if "'!!' is not a word" in m)
    assert (bang.path, bang.line) == (path, line_of('"!!"'))
    unknown = next(p for m, p in by_message.items() if "'lawyers'" in m)
    assert unknown.line == line_of("  lawyers:")
    assert any("crisis words: no words in ar" in m for m in by_message)
    assert any("'xx' is not a language" in m for m in by_message)
    section = next(p for p in found if p.path == sheet)
    assert "section appeal: keywords" in section.message and section.line is not None


def test_sources_are_checked(content_copy: Path) -> None:
    """Poster sources need a plain id that is no language or section, and a description."""
    (content_copy / "sources.yaml").write_text(
        "sources:\n"
        "  - id: malmo-poster\n    what: The poster at the drop-in\n"
        "  - id: appeal\n    what: clashes with a section\n"
        "  - id: fa\n    what: clashes with a language\n"
        "  - id: Bad_Id\n    what: x\n"
        "  - id: no-what\n",
        encoding="utf-8",
    )
    found = [p.message for p in errors(content_copy)]
    assert len(found) == 4, found
    assert all("sources" in str(p.path) for p in errors(content_copy))
    content, _ = load_content(content_copy, LANGS)
    assert content is None
    (content_copy / "sources.yaml").write_text(
        "sources:\n  - id: malmo-poster\n    what: The poster at the drop-in\n", encoding="utf-8"
    )
    content, _ = load_content(content_copy, LANGS)
    assert content is not None and content.source("malmo-poster") is not None
