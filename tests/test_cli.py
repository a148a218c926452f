"""The command line: check, terminal mode, and one-line errors with exit codes."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, LOCALES, ROOT


def run(
    args: list[str],
    env: dict[str, str],
    stdin: str = "",
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ...` with a clean environment."""
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": env.get("HOME", "/nonexistent"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**base, **env},
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_passes_on_real_content(tmp_path: Path) -> None:
    """`check` exits 0 and says the content is valid."""
    result = run(["check"], {"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Content is valid" in result.stdout


def test_check_fails_with_file_and_line(tmp_path: Path) -> None:
    """A broken sheet makes `check` exit non-zero and name the file and line."""
    shutil.copytree(CONTENT, tmp_path / "content")
    sheet = tmp_path / "content" / "sheet" / "ar.md"
    sheet.write_text("# wrong heading\n" + sheet.read_text())
    result = run(
        ["check"],
        {
            "HOME": str(tmp_path),
            "BOT_CONTENT_DIR": str(tmp_path / "content"),
            "BOT_LOCALES_DIR": str(LOCALES),
        },
    )
    assert result.returncode == 1
    assert f"{sheet}:1:" in result.stdout


def test_run_without_token_runs_in_the_terminal(tmp_path: Path) -> None:
    """With no token, `run` in a terminal is the same bot there: pick Dari, open the sheet."""
    primary, secondary = pty.openpty()
    try:
        os.write(primary, b"4\n1\n1\nq\n")
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            env={
                "PATH": os.environ.get("PATH", ""),
                "HOME": str(tmp_path),
                "PYTHONPATH": str(ROOT),
            },
            cwd=ROOT,
            stdin=secondary,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 0, result.stderr
    assert "No TELEGRAM_BOT_TOKEN" in result.stdout
    assert "دری" in result.stdout
    assert "[1]" in result.stdout and "Traceback" not in result.stderr


def test_run_without_token_and_terminal_fails_for_the_service_manager(tmp_path: Path) -> None:
    """Under a service manager (stdin not a terminal) a missing token is one line, exit 2."""
    result = run(["run"], {"HOME": str(tmp_path)})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "TELEGRAM_BOT_TOKEN is not set" in result.stderr


def test_chat_ends_quietly_on_a_closed_pipe(tmp_path: Path) -> None:
    """`chat | head -1`: when the reader goes away, the bot ends without a traceback."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert bot.stdout is not None and bot.stdin is not None
    bot.stdout.readline()
    bot.stdout.close()  # the reader is gone
    _, err = bot.communicate(b"1\n2\n3\n" * 50 + b"q\n", timeout=60)
    assert bot.returncode == 0, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_malformed_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A malformed token gives one line on stderr, exit code 2, and no traceback."""
    result = run(["run"], {"HOME": str(tmp_path), "TELEGRAM_BOT_TOKEN": "not-a-token"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "not-a-token" not in result.stderr


def test_broken_content_refuses_to_start(tmp_path: Path) -> None:
    """The bot does not start on broken content and says why in one line (exit 3)."""
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / "organisations.yaml").write_text("organisations: [\n")
    result = run(
        ["run"],
        {
            "HOME": str(tmp_path),
            "BOT_CONTENT_DIR": str(tmp_path / "content"),
            "TELEGRAM_BOT_TOKEN": "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678",
        },
    )
    assert result.returncode == 3
    assert "organisations.yaml" in result.stderr and result.stderr.strip().count("\n") == 0
