"""`python -m bot qr`: a poster's QR code holds the checked deep link and scans."""

from __future__ import annotations

import shutil
from pathlib import Path

import zxingcpp
from PIL import Image

from tests.conftest import CONTENT, LOCALES
from tests.test_cli import run

SOURCES = "sources:\n  - id: malmo-poster\n    what: The poster at the drop-in\n"


def env_for(tmp_path: Path) -> dict[str, str]:
    """A content copy with one poster source declared."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    return {"HOME": str(tmp_path), "BOT_CONTENT_DIR": str(content), "BOT_LOCALES_DIR": str(LOCALES)}


def test_png_scans_to_the_deep_link(tmp_path: Path) -> None:
    """A PNG for fa_malmo-poster decodes to t.me/<bot>?start=fa_malmo-poster."""
    out = tmp_path / "poster.png"
    result = run(
        ["qr", "--payload", "fa_malmo-poster", "--bot", "@nasta_steg_bot", "--out", str(out)],
        env_for(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    decoded = [b.text for b in zxingcpp.read_barcodes(Image.open(out).convert("L"))]
    assert decoded == ["https://t.me/nasta_steg_bot?start=fa_malmo-poster"]


def test_svg_with_the_username_from_the_environment(tmp_path: Path) -> None:
    """An SVG is written; BOT_USERNAME names the bot when --bot is not given."""
    out = tmp_path / "poster.svg"
    env = {**env_for(tmp_path), "BOT_USERNAME": "nasta_steg_bot"}
    result = run(["qr", "--payload", "sv_appeal", "--out", str(out)], env)
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "https://t.me/nasta_steg_bot?start=sv_appeal" in svg


def test_wrong_requests_are_refused_with_every_reason(tmp_path: Path) -> None:
    """An unknown part, no bot and a wrong file type: exit 2, each said, nothing written."""
    out = tmp_path / "poster.gif"
    result = run(["qr", "--payload", "fa_nowhere", "--out", str(out)], env_for(tmp_path))
    assert result.returncode == 2
    assert "fa_nowhere" in result.stderr and "--bot" in result.stderr and ".svg" in result.stderr
    assert not out.exists()
