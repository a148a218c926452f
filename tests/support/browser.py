"""One headless Chromium, driven synchronously over the DevTools protocol on a pipe.

Launching Chromium costs seconds of CPU; a test process starts one `Browser` and loads each
page in the same tab. Chromium reads protocol messages (JSON, each ended by a NUL byte) on
fd 3 and writes on fd 4 (`--remote-debugging-pipe`); a one-line shell moves our stdin and
stdout pipes there, so no code runs in the forked child. Every wait has a deadline: a hung or
dead browser raises `BrowserError` and is killed, and later calls fail at once.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Offline and quiet: no sandbox (containers), no GPU, nothing fetched in the background.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0  # seconds for any one answer; pytest-timeout (120 s) stays the last resort
# Run as `sh -c MOVE_FDS sh chromium ...`: the pipes become fds 3 and 4, stdout goes to the log.
MOVE_FDS = 'exec "$@" 3<&0 4>&1 </dev/null >&2'


class BrowserError(Exception):
    """Chromium refused, failed, did not answer in time, or is no longer running."""


class Browser:
    """A headless Chromium with one tab; `open` a page, `evaluate` in it, `screenshot` it."""

    def __init__(self, workdir: Path, *, timeout: float = TIMEOUT) -> None:
        """Start Chromium with a throwaway profile and its log under `workdir`."""
        assert CHROMIUM is not None, "chromium is not installed"
        self.timeout = timeout
        self.log = workdir / "chromium.log"
        profile = f"--user-data-dir={workdir / 'profile'}"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                ["sh", "-c", MOVE_FDS, "sh", CHROMIUM, *FLAGS, profile],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,  # its helpers share a process group, killed with it
            )
        self._buffer = b""
        self._events: list[str] = []  # the methods of the events since the last navigation
        self._last_id = 0
        self._session: str | None = None
        self._failure = ""  # why the browser was killed, once it was
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._session = attached["sessionId"]
            self._call("Page.enable")
            # As on a phone, scrollbars take no room: pages are measured and drawn alike.
            self._call("Emulation.setScrollbarsHidden", {"hidden": True})
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self, url: str, width: int, height: int) -> None:
        """Load `url` in a `width` x `height` viewport and wait for its load event."""
        self._viewport(width, height)
        self._events.clear()
        navigated = self._call("Page.navigate", {"url": url})
        if navigated.get("errorText"):
            raise BrowserError(f"chromium could not open {url}: {navigated['errorText']}")
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (a promise is awaited)."""
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        answer = self._call("Runtime.evaluate", params)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise BrowserError(f"the page's JavaScript failed: {details.get('exception', details)}")
        return answer["result"].get("value")

    def screenshot(self, path: Path, width: int, height: int) -> None:
        """Write a PNG of the page as drawn in a `width` x `height` viewport."""
        self._viewport(width, height)
        shot = self._call("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        """Ask Chromium to quit, kill its process group if it lingers, and reap it."""
        stdin = self.proc.stdin
        if self.proc.poll() is None and stdin is not None and not stdin.closed:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                stdin.write(b'{"id": 0, "method": "Browser.close"}\0')
                stdin.flush()
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # the browser, if stuck, and any helper
        self.proc.wait()
        for pipe in (stdin, self.proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    def _viewport(self, width: int, height: int) -> None:
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self._call("Emulation.setDeviceMetricsOverride", metrics)

    def _call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one command (to the tab once attached) and return its result; keep events."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if self._session is not None:
            message["sessionId"] = self._session
        self._write(message)
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(method, deadline)
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise BrowserError(f"chromium refused {method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            self._events.append(answer.get("method", ""))

    def _wait_for(self, event: str) -> None:
        deadline = time.monotonic() + self.timeout
        while event not in self._events:
            self._events.append(self._read(event, deadline).get("method", ""))

    def _write(self, message: dict[str, Any]) -> None:
        if self._failure:
            raise BrowserError(f"chromium was stopped after an earlier failure: {self._failure}")
        if self.proc.poll() is not None or self.proc.stdin is None:
            raise self._failed(f"chromium is not running (exit code {self.proc.returncode})")
        try:
            self.proc.stdin.write(json.dumps(message).encode() + b"\0")
            self.proc.stdin.flush()
        except OSError as err:
            raise self._failed(f"chromium stopped reading its pipe ({err})") from err

    def _read(self, waiting_for: str, deadline: float) -> dict[str, Any]:
        """The next message from Chromium, if it comes before the deadline."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(left, 0))
            if not ready:
                raise self._failed(f"chromium did not answer {waiting_for} in {self.timeout} s")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise self._failed(f"chromium exited while we waited for {waiting_for}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def _failed(self, what: str) -> BrowserError:
        """Kill the browser (later calls fail at once) and explain, with its log's tail."""
        self._failure = what
        self.close()
        tail = self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
        return BrowserError(f"{what}; its log ends:\n{tail}")
