"""The deployment kit in deploy/: installed wheel, systemd unit, backups, env file."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import tarfile
import threading
import time
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CONTENT, LOCALES, ROOT
from tests.support.fakebotapi import FakeBotAPI, ThreadedFakeBotAPI

DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "env.example"
UNIT = DEPLOY / "nasta-steg.service"
BACKUP = DEPLOY / "backup.sh"
MISSING_BINARY = (
    "Command /opt/nasta-steg/venv/bin/python is not executable: No such file or directory"
)


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=value lines as systemd's EnvironmentFile= does for simple files."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";")) and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def fill_env_example(values: dict[str, str]) -> str:
    """deploy/env.example with the given variables set (commented-out lines switched on)."""
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    for key, value in values.items():
        text, found = re.subn(rf"(?m)^#?\s*{key}=.*$", f"{key}={value}", text)
        assert found == 1, f"{key} appears {found} times in env.example, expected once"
    return text


def settings_variables() -> set[str]:
    """The variable names bot/settings.py reads."""
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"\b((?:BOT|TELEGRAM)_[A-Z0-9_]+)\b", source))


def can_build_wheel_offline() -> bool:
    """Whether setuptools in this venv can build a wheel without downloading anything."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    if importlib.util.find_spec("wheel") is not None:
        return True
    major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1)  # bdist_wheel moved into setuptools in 70.1


def build_wheel(tmp_path: Path) -> Path:
    """Build the project's wheel from a snapshot of the source, offline."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "bot", src / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "wheels"
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"]
    cmd += ["--no-build-isolation", "--disable-pip-version-check", "-w", str(out), str(src)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("nasta_steg-*.whl")
    return wheel


def install_in_fresh_venv(wheel: Path, venv: Path) -> Path:
    """Install the wheel alone into a new venv, dependencies borrowed via .pth; return python."""
    # Offline: the wheel goes in with --no-deps, and the dependencies come from this test
    # venv's site-packages through a .pth file. A .pth line only appends a folder to
    # sys.path; the .pth files inside that folder (such as the editable install of the
    # source tree) are not run, so `bot` can come only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    cmd = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    cmd += ["--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    return python


def wait_for_call(
    api: ThreadedFakeBotAPI, proc: subprocess.Popen[bytes], log: Path, method: str, **match: Any
) -> Any:
    """Wait up to a minute for the bot's call of `method`; show the bot's log if it fails."""
    try:
        return api.run(api.api.wait_for_call(method, timeout=60, **match), timeout=70)
    except (AssertionError, TimeoutError) as error:
        state = "still running" if proc.poll() is None else f"exited with {proc.returncode}"
        raise AssertionError(f"{error}\nthe bot is {state}; its log:\n{log.read_text()}") from None


@pytest.fixture
def fake_api() -> Iterator[ThreadedFakeBotAPI]:
    """A fake Bot API server on its own thread."""
    with FakeBotAPI.run_in_thread() as api:
        yield api


def test_installed_wheel_runs_with_only_the_env_file(
    tmp_path: Path, fake_api: ThreadedFakeBotAPI
) -> None:
    """The built wheel, configured only by env.example, answers /start and stops on SIGTERM."""
    if not can_build_wheel_offline():
        pytest.skip(
            "building the wheel offline needs setuptools>=70.1 (or the wheel package) in this "
            "venv; without it pip would download setuptools"
        )
    wheel = build_wheel(tmp_path)
    venv = tmp_path / "opt" / "venv"
    python = install_in_fresh_venv(wheel, venv)
    assert (venv / "bin" / "nasta-steg").exists(), "the console script was not installed"

    srv = tmp_path / "srv"
    shutil.copytree(CONTENT, srv / "content")
    shutil.copytree(LOCALES, srv / "locales")
    data, key_dir, home, cwd = (tmp_path / name for name in ("data", "key", "home", "run"))
    for folder in (home, cwd):
        folder.mkdir()
    env_file = tmp_path / "env"
    env_file.write_text(
        fill_env_example(
            {
                "TELEGRAM_BOT_TOKEN": fake_api.token,
                "TELEGRAM_API_URL": fake_api.root_url,
                "BOT_DATA_DIR": str(data),
                "BOT_KEY_FILE": str(key_dir / "pseudonym.key"),
                "BOT_CONTENT_DIR": str(srv / "content"),
                "BOT_LOCALES_DIR": str(srv / "locales"),
                "BOT_LOG_FORMAT": "json",
            }
        )
    )
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"} | read_env_file(env_file)

    where = subprocess.run(
        [str(python), "-c", "import bot; print(bot.__file__)"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), f"bot was imported from {where}, not the wheel"

    log = tmp_path / "bot.log"
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [str(python), "-m", "bot", "run"],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
        )
        try:
            user = fake_api.user(first_name="Amina", username="amina_test")
            fake_api.push_text(user, "/start")  # waits in the queue until the bot polls
            sent = wait_for_call(fake_api, proc, log, "sendMessage", chat_id=user.id)
            assert "Choose your language" in sent["text"]
            (choice,) = fake_api.chat_messages(user)
            buttons = [b for row in choice.reply_markup["inline_keyboard"] for b in row]
            assert len(buttons) >= 4, buttons
            fake_api.press(user, choice.message_id, buttons[0]["callback_data"])
            wait_for_call(fake_api, proc, log, "answerCallbackQuery")
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=45)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    output = log.read_text()
    assert code == 0, output
    assert fake_api.token not in output and str(user.id) not in output, output
    assert "amina" not in output.lower(), output

    key_file = key_dir / "pseudonym.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(data / "nasta-steg.sqlite3") as db:
        rows = db.execute("SELECT user FROM languages").fetchall()
    db.close()
    assert len(rows) == 1 and len(rows[0][0]) == 16


def test_systemd_unit_verifies() -> None:
    """`systemd-analyze verify` accepts the units (only the absent /opt venv is forgiven)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    units = [UNIT, DEPLOY / "nasta-steg-backup.service", DEPLOY / "nasta-steg-backup.timer"]
    result = subprocess.run(
        [analyze, "verify", *map(str, units)], capture_output=True, text=True, timeout=60
    )
    lines = (result.stdout + result.stderr).splitlines()
    complaints = [line for line in lines if line.strip() and MISSING_BINARY not in line]
    assert not complaints, "\n".join(lines)
    if result.returncode != 0:
        assert any(MISSING_BINARY in line for line in lines), "\n".join(lines)


def test_unit_keeps_key_outside_data_and_matches_env_example() -> None:
    """The unit's key folder is outside its data folder, and env.example shows the same paths."""
    unit = read_env_file(UNIT)
    environment = dict(
        line.split("=", 2)[1:]
        for line in UNIT.read_text().splitlines()
        if line.startswith("Environment=")
    )
    data = Path(environment["BOT_DATA_DIR"])
    key = Path(environment["BOT_KEY_FILE"])
    assert not key.is_relative_to(data)
    assert unit["StateDirectory"].split() == [data.name, key.parent.name]
    example = ENV_EXAMPLE.read_text()
    for name in ("BOT_DATA_DIR", "BOT_KEY_FILE", "BOT_CONTENT_DIR", "BOT_LOCALES_DIR"):
        assert f"# {name}={environment[name]}\n" in example, name
    assert f"# BOT_SEED_DIR={environment['BOT_SEED_DIR']}\n" in example


def test_live_content_is_in_the_state_and_seeded_from_the_shipped() -> None:
    """The unit and the image serve the live content from the bot's writable state, seeded
    from the read-only shipped folders; nothing outside the state is writable."""
    environment = dict(
        line.split("=", 2)[1:]
        for line in UNIT.read_text().splitlines()
        if line.startswith("Environment=")
    )
    data = Path(environment["BOT_DATA_DIR"])
    for name in ("BOT_CONTENT_DIR", "BOT_LOCALES_DIR"):
        assert Path(environment[name]).parent == data, name
    assert not data.is_relative_to(environment["BOT_SEED_DIR"])
    unit = read_env_file(UNIT)
    assert unit["ProtectSystem"] == "strict" and "ReadWritePaths" not in unit
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "BOT_CONTENT_DIR=/var/lib/nasta-steg/content" in dockerfile
    assert "BOT_SEED_DIR=/opt/nasta-steg" in dockerfile
    assert "COPY content /opt/nasta-steg/content" in dockerfile


def make_wal_db(path: Path) -> sqlite3.Connection:
    """A WAL-mode database with two tables that every transaction writes together."""
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, pad BLOB)")
    db.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, pad BLOB)")
    return db


def run_backup(data: Path, out: Path, keep: int = 14) -> subprocess.CompletedProcess[str]:
    """Run deploy/backup.sh with this test's Python."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHON": sys.executable}
    return subprocess.run(
        ["sh", str(BACKUP), str(data), str(out), str(keep)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_backup_is_consistent_while_another_connection_writes(tmp_path: Path) -> None:
    """backup.sh copies a WAL store being written to into a whole, readable file."""
    data, out = tmp_path / "data", tmp_path / "backups"
    data.mkdir()
    (data / "pseudonym.key").write_bytes(b"k" * 32)  # must never be copied
    db = make_wal_db(data / "nasta-steg.sqlite3")
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        while not stop.is_set():
            n = written[0] + 1
            db.execute("BEGIN")
            db.execute("INSERT INTO a VALUES (?, ?)", (n, os.urandom(2000)))
            db.execute("INSERT INTO b VALUES (?, ?)", (n, os.urandom(2000)))
            db.execute("COMMIT")
            written[0] = n

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 500:
            time.sleep(0.01)
        before = written[0]
        result = run_backup(data, out)
        during = written[0]
    finally:
        stop.set()
        thread.join()
        db.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert during > before, "the writer did not keep writing during the backup"

    (copy,) = out.iterdir()
    assert re.fullmatch(r"nasta-steg-\d{8}T\d{6}Z\.sqlite3", copy.name)
    assert copy.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(copy) as backup:
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert backup.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        a = [row[0] for row in backup.execute("SELECT id FROM a ORDER BY id")]
        b = [row[0] for row in backup.execute("SELECT id FROM b ORDER BY id")]
    backup.close()
    assert a == b == list(range(1, len(a) + 1)), "the copy holds half a transaction"
    assert before <= len(a) <= during


def test_backup_keeps_the_newest_copies(tmp_path: Path) -> None:
    """backup.sh deletes the oldest copies beyond KEEP and leaves other files alone."""
    data, out = tmp_path / "data", tmp_path / "backups"
    data.mkdir()
    out.mkdir()
    make_wal_db(data / "nasta-steg.sqlite3").close()
    old = ["nasta-steg-20240101T030000Z.sqlite3", "nasta-steg-20250101T030000Z.sqlite3"]
    for name in [*old, "notes.txt"]:
        (out / name).write_text("x")
    result = run_backup(data, out, keep=2)
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 3 and old[1] in names and "notes.txt" in names, names
    assert old[0] not in names


def test_backup_packs_the_content_versions(tmp_path: Path) -> None:
    """backup.sh also packs the published versions and the live content, never the key."""
    data, out = tmp_path / "data", tmp_path / "backups"
    data.mkdir()
    make_wal_db(data / "nasta-steg.sqlite3").close()
    (data / "content-versions" / "blobs").mkdir(parents=True)
    (data / "content-versions" / "1.json").write_text("{}")
    (data / "content-versions" / ".2.json.tmp").write_text("half")
    (data / "content" / "sheet").mkdir(parents=True)
    (data / "content" / "sheet" / "sv.md").write_text("## A {#a}")
    (data / "pseudonym.key").write_bytes(b"k" * 32)
    result = run_backup(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    (packed,) = out.glob("nasta-steg-content-*.tar.gz")
    with tarfile.open(packed) as archive:
        names = set(archive.getnames())
    assert {"content-versions/1.json", "content/sheet/sv.md"} <= names, names
    assert not any("key" in name or ".tmp" in name for name in names), names


def test_backup_explains_a_missing_store(tmp_path: Path) -> None:
    """backup.sh fails with one clear line when there is no store yet."""
    result = run_backup(tmp_path / "nothing", tmp_path / "backups")
    assert result.returncode == 1
    assert "no store at" in result.stderr


def test_env_example_documents_every_setting() -> None:
    """env.example has a commented line for every variable bot/settings.py reads."""
    variables = settings_variables()
    assert {"TELEGRAM_BOT_TOKEN", "BOT_DATA_DIR", "BOT_KEY_FILE"} <= variables
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for name in sorted(variables):
        found = [i for i, line in enumerate(lines) if re.match(rf"#?\s*{name}=", line)]
        assert len(found) == 1, f"{name} is not set (or set twice) in env.example"
        above = lines[found[0] - 1]
        assert above.startswith("# ") and "=" not in above.split()[1], (
            f"{name} in env.example has no explanation above it"
        )
    deploy_doc = (ROOT / "docs" / "DEPLOY.md").read_text(encoding="utf-8")
    for name in sorted(variables):
        assert name in deploy_doc, f"{name} is not mentioned in docs/DEPLOY.md"


def test_container_files_keep_data_and_key_apart() -> None:
    """The Dockerfile runs as non-root with separate data and key volumes; webhook is opt-in."""
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in dockerfile
    users = re.findall(r"(?m)^USER\s+(\S+)", dockerfile)
    assert users and users[-1] not in ("root", "0")
    volume = re.search(r"(?m)^VOLUME\s+(.+)$", dockerfile)
    assert volume is not None
    assert '"/var/lib/nasta-steg"' in volume[1] and '"/var/lib/nasta-steg-key"' in volume[1]
    assert re.search(r"(?m)^HEALTHCHECK\b", dockerfile)
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    assert bot["env_file"] == "env" and "profiles" not in bot
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in bot["volumes"]}
    assert mounts["/var/lib/nasta-steg"] != mounts["/var/lib/nasta-steg-key"]
    assert compose["services"]["caddy"]["profiles"] == ["webhook"]


def test_webhook_profile_agrees_with_the_bot() -> None:
    """Caddy proxies the bot's own webhook path and port; the bot listens where Caddy can
    reach it, with no port published; no stale "not built yet" text remains."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    env = bot["environment"]
    caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    handled = re.findall(r"(?m)^\s*handle (/\S*) \{", caddyfile)
    assert handled == [env["BOT_WEBHOOK_PATH"]]
    assert f"reverse_proxy bot:{env['BOT_WEBHOOK_PORT']}" in caddyfile
    assert env["BOT_WEBHOOK_LISTEN"] == "0.0.0.0" and "ports" not in bot
    assert "--webhook" in (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "${BOT_RUN_FLAGS:-}" in bot["command"]
    for path in (DEPLOY / "compose.yaml", DEPLOY / "Caddyfile", ROOT / "docs" / "DEPLOY.md"):
        assert "not built yet" not in path.read_text(encoding="utf-8").lower(), path


def test_stop_grace_and_memory_limits() -> None:
    """systemd and compose give a stop 90 s to drain waiting copies, and cap memory."""
    unit = read_env_file(UNIT)
    assert unit["TimeoutStopSec"] == "90" and unit["MemoryMax"] == "512M"
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert compose["services"]["bot"]["stop_grace_period"] == "90s"


def test_build_context_leaves_out_secrets_and_data() -> None:
    """.dockerignore keeps the token, the data, the venv and git out of image builds."""
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".env", "deploy/env", "data/", ".venv/", ".git/"):
        assert entry in ignored, entry


def test_run_sh_keeps_created_files_private() -> None:
    """./run.sh sets a private umask before the bot creates its data dir and store."""
    script = (ROOT / "run.sh").read_text(encoding="utf-8")
    assert script.index("umask 077") < script.index("exec ")


async def test_store_folder_is_private(tmp_path: Path) -> None:
    """The store creates its data dir for its user only, whatever the umask."""
    from bot.storage.sqlite import SqliteStore
    from tests.conftest import SEAL

    old = os.umask(0o022)
    try:
        store = await SqliteStore.open(tmp_path / "data" / "db.sqlite3", SEAL)
    finally:
        os.umask(old)
    await store.close()
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
