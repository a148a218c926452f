"""Command line: `python -m bot run | chat | check | preview | stats | qr | leaflet`."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import os
import secrets
import sqlite3
import sys
from collections.abc import Sequence

from bot.adapters.port import ApiUnavailable, TokenRejected
from bot.app import build_conversation
from bot.content.problems import ContentError, errors_in
from bot.core.pseudonym import KeyFileError
from bot.screens.library import load_library
from bot.settings import Settings, SettingsError
from bot.storage.memory import MemoryStore
from bot.storage.sqlite import SchemaTooNew

log = logging.getLogger("bot")


def _check(settings: Settings) -> int:
    library, problems = load_library(settings.content_dir, settings.locales_dir)
    for problem in problems:
        print(problem)
    errors = errors_in(problems)
    warnings = len(problems) - len(errors)
    if errors:
        print(
            f"\n✗ {len(errors)} error(s), {warnings} warning(s). The bot will not start until "
            "the errors are fixed."
        )
        return 1
    assert library is not None
    sections = len(library.content.sections)
    orgs = len(library.content.organisations)
    print(
        f"✓ Content is valid: {len(library.codes)} languages ({', '.join(library.codes)}), "
        f"{sections} sections, {orgs} organisations and helplines"
        + (f", {warnings} warning(s)." if warnings else ".")
    )
    return 0


async def _chat(settings: Settings, language: str | None) -> int:
    from bot.adapters.terminal import chat

    fresh = Settings(
        content_dir=settings.content_dir,
        locales_dir=settings.locales_dir,
        pseudonym_key=secrets.token_bytes(32),
        data_dir=settings.data_dir,
    )
    conversation = await build_conversation(fresh, store=MemoryStore())
    await chat(conversation, app_language=language)
    return 0


async def _run(settings: Settings, runner: str = "ptb", webhook: bool = False) -> int:
    from bot.adapters.runners import serve

    settings.require_token()
    if webhook:
        from bot.adapters.webhook import require_webhook

        require_webhook(settings)  # before anything starts: one clear line and exit 2
    conversation = await build_conversation(settings)
    try:
        await serve(settings, conversation, runner=runner, webhook=webhook)
    finally:
        await conversation.store.close()  # also when the runner failed before it started
    return 0


def _fatal(message: str, code: int) -> int:
    """One line for the operator, and the exit code."""
    print(f"nasta-steg: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Nästa steg Telegram bot")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (Telegram with a token, else the terminal)")
    run.add_argument(
        "--terminal", action="store_true", help="run in the terminal even with a token"
    )
    run.add_argument(
        "--runner",
        choices=("ptb", "aiogram"),
        default="ptb",
        help="Telegram library: python-telegram-bot (default) or aiogram",
    )
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates by webhook (BOT_WEBHOOK_URL, BOT_WEBHOOK_SECRET), not polling",
    )
    chat = sub.add_parser("chat", help="try the bot in the terminal, no token needed")
    chat.add_argument("--language", help="your app language, e.g. fa or sv", default=None)
    check = sub.add_parser("check", help="check content/ and locales/ for mistakes")
    check.add_argument(
        "--status", action="store_true", help="translation status and age of every section"
    )
    from bot.staff.preview import add_arguments as add_preview_arguments

    add_preview_arguments(sub.add_parser("preview", help="HTML preview of every screen"))
    from bot.staff.stats_cli import add_arguments as add_stats_arguments

    add_stats_arguments(sub.add_parser("stats", help="anonymous usage statistics (read-only)"))
    from bot.staff.qr import add_arguments as add_qr_arguments

    add_qr_arguments(sub.add_parser("qr", help="a QR code with a deep link, for a poster"))
    from bot.staff.leaflet import add_arguments as add_leaflet_arguments

    add_leaflet_arguments(sub.add_parser("leaflet", help="the printed leaflet, a PDF per language"))
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_environ()
    except SettingsError as exc:
        print(f"nasta-steg: {exc}", file=sys.stderr)
        return 2
    from bot.logs import setup_logging

    setup_logging(
        settings.log_level, settings.log_format, [settings.token] if settings.token else []
    )
    command = args.command or "run"
    try:
        if command == "check" and getattr(args, "status", False):
            from bot.staff.status import run as status

            return status(settings)
        if command == "preview":
            from bot.screens.library import require_library
            from bot.staff.preview import run as preview

            return preview(require_library(settings), args)
        if command == "check":
            return _check(settings)
        if command == "qr":
            from bot.screens.library import require_library
            from bot.staff.qr import run as qr

            return qr(require_library(settings), args, settings.bot_username)
        if command == "leaflet":
            from bot.screens.library import require_library
            from bot.staff.leaflet import run as leaflet

            return leaflet(require_library(settings), args, settings.bot_username)
        if command == "stats":
            from bot.staff.stats_cli import run as stats
            from bot.storage.sqlite import DB_NAME

            return stats(settings.data_dir, DB_NAME, args)
        if command == "run" and not settings.token and not getattr(args, "terminal", False):
            if not sys.stdin.isatty():  # under a service manager: a missing token is a fault
                return _fatal(
                    "TELEGRAM_BOT_TOKEN is not set (get one from @BotFather); "
                    "to try the bot without one, run `python -m bot chat` in a terminal.",
                    2,
                )
            print("No TELEGRAM_BOT_TOKEN set: running the bot in the terminal.\n")
            return asyncio.run(_chat(settings, getattr(args, "language", None)))
        if command == "chat" or (command == "run" and getattr(args, "terminal", False)):
            return asyncio.run(_chat(settings, getattr(args, "language", None)))
        return asyncio.run(
            _run(settings, getattr(args, "runner", "ptb"), getattr(args, "webhook", False))
        )
    except SettingsError as exc:
        print(f"nasta-steg: {exc}", file=sys.stderr)
        return 2
    except KeyFileError as exc:
        print(f"nasta-steg: {exc}", file=sys.stderr)
        return 2
    except ContentError as exc:
        print(f"nasta-steg: cannot start, the content has a mistake: {exc}", file=sys.stderr)
        return 3
    except TokenRejected:
        return _fatal(
            "Telegram refused TELEGRAM_BOT_TOKEN (or TELEGRAM_API_URL is not a Bot API): "
            "copy the token again from @BotFather and check the URL.",
            2,
        )
    except ApiUnavailable:
        return _fatal(
            f"the Bot API at {settings.api_url} could not be reached; giving up for now "
            "(the service manager starts the bot again).",
            1,
        )
    except BrokenPipeError:  # the reader went away (`chat | head`): end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except SchemaTooNew as exc:
        return _fatal(str(exc), 1)
    except (sqlite3.Error, OSError) as exc:
        return _fatal(_os_problem(exc, settings), 1)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: the details go to the log (redacted), one line here
        logging.getLogger("bot").error("unexpected error", exc_info=exc)
        return _fatal(f"stopped by an unexpected error ({type(exc).__name__}); see the log.", 1)


def _os_problem(exc: BaseException, settings: Settings) -> str:
    """Say in one line what went wrong with the machine: a port, the data dir, the disk."""
    text = str(exc).lower()
    if getattr(exc, "errno", None) == errno.EADDRINUSE or "address already in use" in text:
        return (
            f"cannot listen for the webhook on {settings.webhook_listen}:"
            f"{settings.webhook_port}: the port is already in use (BOT_WEBHOOK_PORT)."
        )
    if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"the disk holding {settings.data_dir} is full: free some space."
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return f"cannot write to the data dir {settings.data_dir} (read-only or not ours)."
    return f"cannot use the data dir {settings.data_dir}: {type(exc).__name__}."


if __name__ == "__main__":
    sys.exit(main())
