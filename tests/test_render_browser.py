"""Rendered pages opened in a real headless browser (Chromium): no console errors, a screenshot.

Chromium is a system package: run ``.ci/install-system-packages``. Without it these tests fail
rather than skip, so a CI machine that lacks it cannot pass by accident.

The pages carry a Content-Security-Policy that allows no script and no fetch, and Chromium logs
every console message (a blocked script, a blocked fetch, an uncaught error) to stderr; a page
that logs anything at all fails. The network is cut off as well (--host-resolver-rules).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLES

from pmframework import render
from pmframework.check.engine import load_ladder
from pmframework.resources import BUILTIN_PREFIX, builtin_names

pytestmark = pytest.mark.slow

LADDERS = [
    str(EXAMPLES / "valid" / "acme-small.yaml"),
    *(BUILTIN_PREFIX + name for name in builtin_names()),
]
WIDTH, HEIGHT = 1280, 2000
CONSOLE = re.compile(r":CONSOLE[:(\]]|Uncaught")


@pytest.fixture(scope="session")
def chromium() -> str:
    candidates = [os.environ.get("PMFRAMEWORK_CHROMIUM", ""), "chromium", "chromium-browser"]
    for name in candidates:
        if name and (path := shutil.which(name)):
            return path
    pytest.fail(
        "chromium is not installed: run .ci/install-system-packages (as root) first",
        pytrace=False,
    )


def open_page(chromium: str, page: Path, screenshot: Path, profile: Path) -> list[str]:
    """Load ``page`` in headless Chromium, save a screenshot, return its console lines."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={screenshot}",
        f"--window-size={WIDTH},{HEIGHT}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stderr.splitlines() if CONSOLE.search(line)]


def png_summary(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values in the image data."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    idat, offset = b"", 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            idat += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.mark.parametrize("spec", LADDERS)
def test_rendered_page_opens_cleanly_in_a_browser(spec: str, chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "ladder.html"
    page.write_text(render.render_html(load_ladder(spec), name=spec), encoding="utf-8")
    screenshot = tmp_path / "ladder.png"
    console = open_page(chromium, page, screenshot, tmp_path / "profile")
    assert console == [], "\n".join(console)
    width, height, distinct = png_summary(screenshot)
    assert (width, height) == (WIDTH, HEIGHT)
    assert screenshot.stat().st_size > 30_000
    assert distinct > 64, "the screenshot is (nearly) blank"


def test_the_console_check_sees_errors(chromium: str, tmp_path: Path) -> None:
    """The harness itself: a page that misbehaves is caught, so a clean result means something."""
    page = tmp_path / "bad.html"
    html = render.render_html(load_ladder(LADDERS[0]))
    page.write_text(
        html.replace("</main>", '<img src="https://example.com/x.png" alt=""></main>'),
        encoding="utf-8",
    )
    console = open_page(chromium, page, tmp_path / "bad.png", tmp_path / "profile")
    assert console, "a blocked image should have been logged"


def test_readiness_report_opens_cleanly_in_a_browser(chromium: str, tmp_path: Path) -> None:
    """An assessment's readiness page, with a link in its evidence: nothing logged, nothing
    fetched (the link is shown, not followed)."""
    from pmframework.assess.model import Assessment, Entry, Evidence
    from pmframework.assess.readiness import readiness, readiness_html
    from pmframework.assess.template import blank

    spec = BUILTIN_PREFIX + "product-management"
    ladder = load_ladder(spec)
    rows = blank(spec, ladder, "pm").rows
    evidence = (Evidence("Led the launch", "https://example.com/launch", "2026-10-01"),)
    entries = tuple(
        Entry(r.competency, r.criterion, r.level, "met", evidence, path=("criteria", i))
        for i, r in enumerate(rows)
    )
    assessment = Assessment("me.yaml", spec, "pm", "senior-pm", entries)
    page = tmp_path / "readiness.html"
    page.write_text(readiness_html(readiness([assessment], ladder)), encoding="utf-8")
    screenshot = tmp_path / "readiness.png"
    console = open_page(chromium, page, screenshot, tmp_path / "profile")
    assert console == [], "\n".join(console)
    assert png_summary(screenshot)[2] > 64, "the screenshot is (nearly) blank"
