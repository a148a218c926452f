"""Translation status: `python -m bot check --status`.

Prints, per section and organisation, the review status of every language, when the text
was written and when its facts were last checked against the live sources; lists what
has never been checked and what dates from before the EU Pact (see `PACT`); warns about
facts older than 12 months and about translations reviewed against a Swedish text that
has changed since. For that, a reviewer writes in `content/sheet.yaml`:

    translations:
      ar: {status: reviewed, date: 2026-11-20, source: 3f2a9c0b1d7e}

where `source` is the hash this command prints for the section (the first 12 hex digits
of the SHA-256 of the Swedish text, whitespace normalised).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from bot.content.model import ORIGINAL
from bot.content.problems import errors_in
from bot.screens.library import Library, load_library
from bot.settings import Settings

SOURCE_LANGUAGE = ORIGINAL
MAX_AGE_DAYS = 365
# The EU Pact on Migration and Asylum applies from this day: facts from before it may
# describe rules (periods, procedures) that have changed.
PACT = date(2026, 6, 12)


def source_hash(body: str) -> str:
    """The first 12 hex digits of the SHA-256 of a text, whitespace normalised."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Cell:
    """One language of one section or organisation."""

    status: str
    reviewed: date | None = None
    stale: bool = False

    def __str__(self) -> str:
        text = self.status
        if self.reviewed:
            text += f" {self.reviewed.isoformat()}"
        return text + (" CHANGED" if self.stale else "")


@dataclass(frozen=True, slots=True)
class Row:
    """A section or an organisation across languages."""

    kind: str
    id: str
    written: date | None
    facts_checked: date | None
    cells: dict[str, Cell]
    source: str | None = None

    @property
    def facts_date(self) -> date | None:
        """The day the facts are from: checked live, else written."""
        return self.facts_checked or self.written


def status_rows(library: Library) -> list[Row]:
    """The status of every section and organisation."""
    content = library.content
    rows: list[Row] = []
    for meta in content.sections:
        swedish = content.section(SOURCE_LANGUAGE, meta.id)
        current = source_hash(swedish.body) if swedish else None
        cells = {}
        for code in library.codes:
            review = meta.reviews.get(code)
            status = meta.translations.get(code, "draft")
            stale = bool(
                code != SOURCE_LANGUAGE
                and status == "reviewed"
                and review is not None
                and review.source
                and current
                and review.source != current
            )
            cells[code] = Cell(status, review.date if review else None, stale)
        rows.append(Row("section", meta.id, meta.written, meta.facts_checked, cells, current))
    for org in content.organisations:
        cells = {code: Cell(org.translations.get(code, "draft")) for code in library.codes}
        rows.append(Row("organisation", org.id, org.written, org.facts_checked, cells))
    rule = content.deadline
    rows.append(Row("deadline", "rule", rule.written, rule.facts_checked, {}))
    return rows


def warnings(rows: list[Row], today: date) -> list[str]:
    """Facts older than 12 months, and reviews of a Swedish text that has changed."""
    found = []
    for row in rows:
        facts = row.facts_date
        if facts and (today - facts).days > MAX_AGE_DAYS:
            how = "checked" if row.facts_checked else "written"
            found.append(
                f"{row.kind} {row.id}: facts {how} {facts.isoformat()},"
                " more than 12 months ago: check them against the sources"
            )
        for code, cell in row.cells.items():
            if cell.stale:
                found.append(
                    f"{row.kind} {row.id}: the Swedish text changed after the {code} translation"
                    f" was reviewed: update it and review again (source {row.source})"
                )
    return found


def to_check(rows: list[Row]) -> list[str]:
    """What staff must still check against the live sources, one line each."""
    found = []
    for row in rows:
        if row.facts_checked is None:
            found.append(f"{row.kind} {row.id}: not yet checked against the live sources")
        facts = row.facts_date
        if facts is not None and facts < PACT:
            found.append(
                f"{row.kind} {row.id}: facts from {facts.isoformat()}, before the EU Pact"
                f" ({PACT.isoformat()}): check them against the 2026 rules"
            )
    return found


def table(rows: list[Row], codes: tuple[str, ...]) -> str:
    """A plain-text table: one line per section or organisation."""
    header = ["", "written", "facts checked", *codes]
    lines = [header]
    for row in rows:
        lines.append(
            [
                f"{row.id}",
                row.written.isoformat() if row.written else "—",
                row.facts_checked.isoformat() if row.facts_checked else "not yet checked",
                *(str(row.cells[c]) for c in codes),
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def report(library: Library, today: date) -> str:
    """The whole status report as text."""
    rows = status_rows(library)
    sections = [r for r in rows if r.kind == "section"]
    orgs = [r for r in rows if r.kind == "organisation"]
    parts = [
        "Sections (review status per language; CHANGED = Swedish changed since review)",
        table(sections, library.codes),
        "",
        "Organisations",
        table(orgs, library.codes),
        "",
        "Source hash of the Swedish text per section (paste as `source:` when reviewing)",
        *(f"  {r.id}: {r.source}" for r in sections),
    ]
    parts += ["", "To check against the live sources"]
    parts += [f"  {line}" for line in to_check(rows)] or ["  ✓ Everything was checked."]
    found = warnings(rows, today)
    parts.append("")
    parts += [f"warning: {w}" for w in found] or [
        "✓ No facts older than 12 months, no stale reviews."
    ]
    return "\n".join(parts)


def run(settings: Settings, today: date | None = None) -> int:
    """Print the status report; exit 1 if the content itself is broken."""
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    if library is None:
        for problem in errors_in(problems):
            print(problem)
        print("\n✗ Fix the errors first (python -m bot check).")
        return 1
    print(report(library, today or date.today()))
    return 0
