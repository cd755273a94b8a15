"""Layout measurements of rendered pages in headless Chromium, shared by the browser tests.

The rendered page allows no script (its Content-Security-Policy), so it is measured from
outside: a wrapper page holds it, byte for byte, in an ``<iframe srcdoc>`` of the width under
test (a headless window cannot be narrower than 500 px; a frame can), a script in the wrapper
measures the frame's document, writes its findings into the wrapper, and Chromium prints the
wrapper's DOM (``--dump-dom``).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from html import escape, unescape
from pathlib import Path
from typing import Any

_RESULT = re.compile(r'<pre id="pmf-result">(.*?)</pre>', re.S)

# What a reader would call "sticking out": the document wider than the window, an element whose
# right edge passes the window's and that is not inside a box that scrolls sideways, and a
# table cell or card whose content is wider than its box (text printed over its neighbour).
MEASURE = r"""
  const view = doc.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = win.getComputedStyle(p).overflowX;
      if (s === "auto" || s === "scroll" || s === "hidden" || s === "clip") return true;
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ?
      "." + el.className.trim().split(/\s+/).join(".") : "") +
    " «" + (el.textContent || "").trim().slice(0, 40) + "»";
  const sticking = [];
  for (const el of doc.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > view + 1 && !scrolls(el))
      sticking.push(describe(el) + " right=" + Math.round(box.right));
  }
  const spilling = [];
  for (const el of doc.querySelectorAll("td, th, .rung-card, .expectation, .prompt, dd, li")) {
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) spilling.push(describe(el) +
      " " + el.scrollWidth + ">" + el.clientWidth);
  }
  return {
    view, document: doc.documentElement.scrollWidth,
    sticking: sticking.slice(0, 20), sticking_count: sticking.length,
    spilling: spilling.slice(0, 20), spilling_count: spilling.length,
  };
"""

_WRAPPER = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
{frames}
<script>
const measureOne = (frame) => {{
  const doc = frame.contentDocument, win = frame.contentWindow;
  try {{ return (() => {{ {script} }})(); }} catch (e) {{ return {{error: String(e)}}; }}
}};
window.addEventListener("load", () => {{
  const frames = [...document.querySelectorAll("iframe")];
  Promise.all(frames.map(measureOne)).then((values) => {{
    const out = document.createElement("pre");
    out.id = "pmf-result";
    const byWidth = frames.map((f, i) => [f.width, values[i]]);
    out.textContent = JSON.stringify(Object.fromEntries(byWidth));
    document.body.appendChild(out);
  }});
}});
</script></body></html>
"""


def chromium_command(chromium: str, profile: Path, width: int, height: int) -> list[str]:
    """Headless Chromium, offline, with a throwaway profile and a window of the given size."""
    return [
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
        f"--window-size={width},{height}",
    ]


_FRAME = (
    '<iframe width="{width}" height="{height}" style="border:0;display:block" '
    'srcdoc="{srcdoc}"></iframe>'
)


def run_script(
    chromium: str,
    html: str,
    script: str,
    work: Path,
    widths: Sequence[int],
    height: int = 900,
    flags: Sequence[str] = (),
) -> dict[int, Any]:
    """What ``script`` (a function body over ``doc`` and ``win``, the framed page's document
    and window; it may return a promise) returns for ``html`` shown at each of ``widths`` px;
    ``flags`` go to Chromium (``--force-dark-mode``)."""
    page = work / "measure.html"
    srcdoc = escape(html, quote=True)
    frames = "\n".join(_FRAME.format(width=w, height=height, srcdoc=srcdoc) for w in widths)
    page.write_text(_WRAPPER.format(frames=frames, script=script), encoding="utf-8")
    command = [
        *chromium_command(chromium, work / "profile", max(*widths, 500) + 20, 1000),
        *flags,
        "--virtual-time-budget=60000",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = _RESULT.search(done.stdout)
    assert found, f"the measuring script wrote nothing: {done.stderr[-1000:]}"
    return {int(width): value for width, value in json.loads(unescape(found.group(1))).items()}


def measure(chromium: str, html: str, work: Path, widths: Sequence[int]) -> dict[int, Any]:
    """Per width: the document's width, what sticks out past the window, what spills."""
    return run_script(chromium, html, MEASURE, work, widths)


# axe-core's findings that a reader is blocked or seriously hindered by, each with the elements
# (CSS selectors) where it was found.
AXE = r"""
  return win.axe.run(doc, {resultTypes: ["violations"]}).then((result) => result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                  targets: v.nodes.slice(0, 8).map((n) => n.target.join(" "))})));
"""

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')


def with_axe(html: str, axe_script: str) -> str:
    """``html`` with axe-core loaded in its head. The page's Content-Security-Policy allows no
    script, so it is taken out for this check only: it governs what loads, not what a reader
    sees or what assistive technology is told."""
    page, removed = _CSP.subn("", html, count=1)
    assert removed == 1, "the page has no Content-Security-Policy to lift"
    return page.replace("</head>", f"<script>{axe_script}</script></head>", 1)


def axe_violations(
    chromium: str, html: str, axe_script: str, work: Path, widths: Sequence[int], *, dark: bool
) -> dict[int, Any]:
    """Per width, axe-core's serious and critical violations on ``html`` (light or dark)."""
    flags = ("--force-dark-mode",) if dark else ()
    return run_script(chromium, with_axe(html, axe_script), AXE, work, widths, flags=flags)


_LONG = "Produktmanagementverantwortlichkeitsübertragungsgesetz"


def stress_ladder_data(levels: int = 12) -> dict[str, Any]:
    """A ladder built to break layouts: long unbreakable words, emoji, many levels and tracks,
    long titles, a long URL, sources cited everywhere."""
    steps = [
        {"id": f"s{i}", "name": f"Step {i} 🚀 {_LONG if i == 3 else ''}".strip()}
        for i in range(1, 6)
    ]
    areas = [
        {
            "id": f"area-{a}",
            "name": f"Area {a} 🧭 {_LONG}",
            "competencies": [
                {"id": f"c{a}-{c}", "name": f"🎯 Competency {c} {_LONG}", "scale": "p"}
                for c in range(3)
            ],
        }
        for a in range(2)
    ]
    tracks = []
    for t, kind in enumerate(("individual-contributor", "management", "other")):
        track_levels = []
        for n in range(levels if t == 0 else levels // 2):
            level: dict[str, Any] = {
                "id": f"t{t}-l{n}",
                "title": f"{_LONG} level {n} 🦄",
                "rank": n + 1 + (levels // 2 if t else 0),
                "summary": {
                    "text": f"Summary {t}-{n} 😀 {_LONG} {'https://example.com/' + 'a' * 80}",
                    "source": "s1",
                    "quote": f"quote {_LONG}",
                },
                "expectations": {
                    f"c{a}-{c}": {
                        "proficiency": f"s{min(5, 1 + n * 5 // levels)}",
                        "criteria": [
                            {
                                "text": f"Does {_LONG} {t}-{n}-{a}-{c} 👩‍💻 well",
                                "source": "s1",
                                "quote": "what the source says",
                            },
                            {"text": f"Also {_LONG}{_LONG} {t}-{n}-{a}-{c}", "source": "s2"},
                        ],
                    }
                    for a in range(2)
                    for c in range(3)
                    if (n + c) % 2 == 0 or n == 0
                },
            }
            if n:
                level["inherits"] = f"t{t}-l{n - 1}"
            track_levels.append(level)
        tracks.append(
            {"id": f"t{t}", "name": f"Track {t} {_LONG} 🌈", "kind": kind, "levels": track_levels}
        )
    return {
        "schema_version": 1,
        "framework": {
            "id": "stress",
            "title": f"A ladder with {_LONG} 🚀",
            "organization": f"Ünïcödé {_LONG} GmbH 🐙",
            "job_family": _LONG,
            "version": "1.0.0",
            "status": "draft",
            "description": f"{_LONG} " * 3,
        },
        "sources": [
            {
                "id": "s1",
                "document": f"{_LONG} handbook",
                "person": "Zoë 🐝 Example",
                "role": _LONG,
                "organization": "Example",
                "date": "2024-11",
                "url": "https://example.com/" + "b" * 120,
            },
            {"id": "s2", "document": "Second source", "date": "2023"},
        ],
        "scales": [{"id": "p", "name": "Proficiency", "steps": steps}],
        "areas": areas,
        "tracks": tracks,
    }
