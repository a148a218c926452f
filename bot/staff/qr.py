"""`python -m bot qr`: a QR code for a poster, with a checked deep link (see bot/screens/links.py).

segno writes SVG with no other library; PNG too (it has its own PNG writer). The code is
drawn with a quiet zone and error correction "M", so a poster that is a little worn or
folded still scans.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import segno

from bot.screens.library import Library
from bot.screens.links import link, payload_problems

USERNAME_RE = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{4,31}$")
FORMATS = (".svg", ".png")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `python -m bot qr`."""
    parser.add_argument(
        "--payload",
        required=True,
        help="what the link opens, e.g. fa, fa_appeal, fa_malmo-poster (see content/README.md)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE.svg|png", help="where to write it"
    )
    parser.add_argument(
        "--bot", metavar="USERNAME", help="the bot's username (default: BOT_USERNAME)"
    )
    parser.add_argument("--scale", type=int, default=10, help="pixels per module in a PNG")


def save(url: str, out: Path, scale: int = 10) -> None:
    """Write the QR code of `url` as SVG or PNG (by the file's ending)."""
    code = segno.make_qr(url, error="m")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".svg":
        code.save(str(out), kind="svg", scale=scale, border=4, title=url)
    else:
        code.save(str(out), kind="png", scale=scale, border=4)


def problems(library: Library, args: argparse.Namespace, username: str | None) -> list[str]:
    """What keeps the QR code from being made, in plain words."""
    found = payload_problems(library, args.payload)
    if not username:
        found.append("say which bot: --bot <username> (or set BOT_USERNAME)")
    elif not USERNAME_RE.match(username):
        found.append(f"{username!r} is not a Telegram username (5-32 letters, digits, '_')")
    if args.out.suffix.lower() not in FORMATS:
        found.append(f"--out must end in {' or '.join(FORMATS)}")
    if not 1 <= args.scale <= 100:
        found.append("--scale must be between 1 and 100")
    return found


def run(library: Library, args: argparse.Namespace, default_bot: str | None) -> int:
    """Make the QR code; exit 2 with every problem when the request is not right."""
    username = args.bot or default_bot
    wrong = problems(library, args, username)
    if wrong:
        for line in wrong:
            print(f"nasta-steg qr: {line}", file=sys.stderr)
        return 2
    assert username is not None
    url = link(username, args.payload)
    save(url, args.out, args.scale)
    print(f"{args.out}: {url}")
    return 0
