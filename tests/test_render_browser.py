"""Rendered pages opened in a real headless browser (Chromium): no console errors, a screenshot,
and a layout that fits phones, tablets and desktops (360, 768 and 1280 px wide).

Chromium is a system package: run ``.ci/install-system-packages``. Without it these tests fail
rather than skip, so a CI machine that lacks it cannot pass by accident.

The pages carry a Content-Security-Policy that allows no script and no fetch, and Chromium logs
every console message (a blocked script, a blocked fetch, an uncaught error) to stderr; a page
that logs anything at all fails. The network is cut off as well (--host-resolver-rules).
"""

from __future__ import annotations

import re
import struct
import subprocess
import unicodedata
import zlib
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from conftest import EXAMPLES
from pypdf import PdfReader
from render_layout import chromium_command, measure, run_script

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


def open_page(chromium: str, page: Path, screenshot: Path, profile: Path, *flags: str) -> list[str]:
    """Load ``page`` in headless Chromium, save a screenshot, return its console lines."""
    command = [
        *chromium_command(chromium, profile, WIDTH, HEIGHT),
        *flags,
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={screenshot}",
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


def test_a_dark_system_gets_a_dark_page(chromium: str, tmp_path: Path) -> None:
    """The same page, screenshotted in a light and in a dark system: light on dark text in the
    second, dark on light in the first (mean grey level of the whole screenshot)."""
    from PIL import Image, ImageStat  # WeasyPrint's own dependency

    page = tmp_path / "ladder.html"
    page.write_text(render.render_html(load_ladder(LADDERS[0])), encoding="utf-8")
    brightness = {}
    for scheme, flags in (("light", ()), ("dark", ("--force-dark-mode",))):
        shot = tmp_path / f"{scheme}.png"
        assert open_page(chromium, page, shot, tmp_path / scheme, *flags) == []
        with Image.open(shot) as image:
            brightness[scheme] = ImageStat.Stat(image.convert("L")).mean[0]
    assert brightness["light"] > 200 and brightness["dark"] < 60, brightness


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


# --- layout from phone to desktop --------------------------------------------------------------

WIDTHS = (360, 768, 1280)


def assert_fits(layout: dict[int, dict[str, object]]) -> None:
    for width, found in layout.items():
        assert "error" not in found, found
        assert found["document"] == width, f"{width} px: the page is {found['document']} px wide"
        assert found["sticking_count"] == 0, f"{width} px: sticks out: {found['sticking']}"
        assert found["spilling_count"] == 0, f"{width} px: spills: {found['spilling']}"


@pytest.mark.parametrize("spec", [*LADDERS, "stress"])
def test_page_fits_every_width_from_phone_to_desktop(
    spec: str, stress_ladder: str, chromium: str, tmp_path: Path
) -> None:
    """Nothing sticks out past the window except inside a box that scrolls, and no cell's text
    runs into its neighbour, at 360, 768 and 1280 px."""
    spec = stress_ladder if spec == "stress" else spec
    html = render.render_html(load_ladder(spec), name=spec)
    assert_fits(measure(chromium, html, tmp_path, WIDTHS))


def test_the_layout_check_sees_overflow(chromium: str, tmp_path: Path) -> None:
    """The harness itself: a page too wide and a cell that spills are both caught."""
    html = render.render_html(load_ladder(LADDERS[0]))
    wide = html.replace("</main>", '<div style="width: 900px">wide</div></main>')
    spill = html.replace(
        '<p class="cell-text">',
        '<p class="cell-text" style="white-space: nowrap">A sentence that cannot wrap in a cell. ',
        1,
    )
    found = measure(chromium, wide, tmp_path, (360,))[360]
    assert found["document"] > 360 and found["sticking_count"] > 0
    found = measure(chromium, spill, tmp_path, (360,))[360]
    assert found["spilling_count"] > 0


STICKY = r"""
  const box = doc.querySelector(".matrix-scroll");
  const corner = box.querySelector("thead th.corner");
  const level = box.querySelector("thead th:not(.corner)");
  const rowHead = box.querySelector("tbody th[scope=row]");
  const before = [level.getBoundingClientRect().top, rowHead.getBoundingClientRect().left];
  box.scrollTop = box.scrollHeight; box.scrollLeft = box.scrollWidth;
  const boxRect = box.getBoundingClientRect();
  const rows = [...box.querySelectorAll("tbody th[scope=row]")];
  const last = rows[rows.length - 1];
  return {
    scrolls_x: box.scrollWidth > box.clientWidth, scrolls_y: box.scrollHeight > box.clientHeight,
    header_top: level.getBoundingClientRect().top - boxRect.top,
    row_head_left: last.getBoundingClientRect().left - boxRect.left,
    corner_text: corner.textContent.trim(), before,
  };
"""


def test_matrix_scrolls_in_its_box_with_levels_and_competencies_in_view(
    chromium: str, tmp_path: Path
) -> None:
    """On a phone the matrix scrolls both ways inside its own box, and scrolled to its far
    corner the level names (header row) and competency names (first column) are still in view."""
    html = render.render_html(load_ladder(BUILTIN_PREFIX + "product-management"))
    found = run_script(chromium, html, STICKY, tmp_path, (360,), height=700)[360]
    assert "error" not in found, found
    assert found["scrolls_x"] and found["scrolls_y"]
    assert abs(found["header_top"]) <= 2, found
    assert abs(found["row_head_left"]) <= 2, found
    assert found["corner_text"], "the top-left header cell is empty"


JUMPBAR = r"""
  const bar = doc.querySelector("nav.jumpbar");
  const page = doc.documentElement;
  const seen = (y) => {
    win.scrollTo(0, y);
    const box = bar.getBoundingClientRect();
    const hit = doc.elementFromPoint(box.left + 12, (box.top + box.bottom) / 2);
    return {top: Math.round(box.top), height: Math.round(box.height),
            on_top: !!(hit && hit.closest("nav.jumpbar"))};
  };
  const levels = [...bar.querySelectorAll("a[href^='#level-']")];
  const found = {
    middle: seen(page.scrollHeight / 2), end: seen(page.scrollHeight),
    first_link: bar.querySelector("a").getAttribute("href"),
    levels: levels.map((a) => a.textContent.trim()),
  };
  win.scrollTo(0, 0);
  const last = levels[levels.length - 1];
  const target = doc.getElementById(last.getAttribute("href").slice(1));
  // What following the link does (in a srcdoc frame the link itself would resolve against the
  // wrapper's address): scroll its target into view, as the page's scroll padding allows.
  target.scrollIntoView();
  return {...found, after_click: {
    scrolled: win.scrollY > 0, target_top: target.getBoundingClientRect().top,
    bar_bottom: bar.getBoundingClientRect().bottom}};
"""


@pytest.mark.parametrize("spec", [BUILTIN_PREFIX + "product-management", "stress"])
def test_a_bar_with_the_contents_and_every_level_stays_in_view(
    spec: str, stress_ladder: str, chromium: str, tmp_path: Path
) -> None:
    """On a long page, the way back to the contents and to every level stays at the top of the
    window however far one scrolls, on a phone and a desktop, without script; a level reached
    from it starts below the bar, not under it."""
    spec = stress_ladder if spec == "stress" else spec
    ladder = load_ladder(spec)
    html = render.render_html(ladder, name=spec)
    for width, found in run_script(chromium, html, JUMPBAR, tmp_path, (360, 1280)).items():
        assert "error" not in found, found
        for where in ("middle", "end"):
            bar = found[where]
            assert bar["top"] == 0 and bar["on_top"], (width, where, bar)
            assert 0 < bar["height"] < 60, (width, where, bar)
        assert found["first_link"] == "#contents-title"
        assert found["levels"] == [lv.title for track in ladder.tracks for lv in track.levels]
        click = found["after_click"]
        assert click["scrolled"] and click["target_top"] >= click["bar_bottom"] - 1, (width, click)


def test_printing_the_page_shows_what_the_screen_folds_away(chromium: str, tmp_path: Path) -> None:
    """Paper cannot be unfolded: Chromium's printout holds every inherited criterion that the
    screen keeps in a closed <details> (it held about half of them)."""
    html = render.render_html(load_ladder(BUILTIN_PREFIX + "product-management"))
    folded = re.findall(r'<details class="carried">(.*?)</details>', html, re.S)
    items = [
        unescape(re.sub(r"<[^>]+>", "", li)).split("\u2060")[0]
        for part in folded
        for li in re.findall(r"<li[^>]*>(.*?)</li>", part, re.S)
    ]
    assert len(items) > 100
    page = tmp_path / "ladder.html"
    page.write_text(html, encoding="utf-8")
    printed = tmp_path / "printed.pdf"
    command = [
        *chromium_command(chromium, tmp_path / "profile", WIDTH, HEIGHT),
        "--no-pdf-header-footer",
        f"--print-to-pdf={printed}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    reader = PdfReader(BytesIO(printed.read_bytes()))

    def squeeze(text: str) -> str:  # ligatures (ff, fi) spelled out; lines break anywhere
        return re.sub(r"[\s\-‐]", "", unicodedata.normalize("NFKC", text))

    text = squeeze(" ".join(p.extract_text() or "" for p in reader.pages))
    missing = [item for item in items if squeeze(item) not in text]
    assert not missing, missing[:5]
    assert "↑Contents" not in text, "the screen's navigation bar is not printed"
