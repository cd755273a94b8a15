"""Does a hostile file cost bounded time and memory after it is parsed?

Each shape below is a small file within every documented limit that once made some step after
parsing quadratic (or worse). The benchmark generates each shape at growing sizes, runs the
command a user would run on it in a fresh process, and prints the wall-clock time and the peak
memory (resident set) of that process per size, so that the growth is visible: linear work
roughly doubles when the size doubles, quadratic work quadruples.

Shapes:

* ``chain``: one track of N levels, each inheriting the one below; ``validate``. Past the
  limit of 1,000 levels the ladder is refused before any rule runs.
* ``chain-render``: the same ladder; ``render --format markdown``.
* ``suggestions``: N competencies and N unresolved references, each one character away from
  a competency id ("did you mean"); ``validate``.
* ``aliases``: a YAML anchor of 1,000 placeholder criteria used by every level, so that a
  small file expands to many values and as many findings; ``validate``. Past the loader's
  limit on what aliases add, the file is refused (exit 1) before any of that work.
* ``word-diff``: one text of N words, and the same text with one word changed; ``diff``.
* ``alignment``: two ladders of different companies with N competencies each; ``diff``.
* ``xlsx``: a workbook whose small, compressed sheet inflates to N cells; ``import``.
* ``csv``: a CSV of one row ``a,a,a,...`` of N cells; ``import``.
* ``sheet``: a CSV of N competencies (an area, a name, and a cell of about 130 characters at
  each of 10 levels); ``import``. At 5,000 it is the largest such sheet within the limits:
  50,000 statements (the limit), 60,000 cells with text, 6.5 million characters.

A run that exceeds the time-out is reported as such and the larger sizes of its shape are
skipped. Exit codes are printed too: 1 for a ladder with findings is expected.

Wall-clock and CPU seconds are both printed: on a shared machine the CPU time is the steadier.

Usage: python benchmarks/hostile.py [--quick] [--shape NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_FRAMEWORK = {
    "title": "Hostile",
    "organization": "Benchmark Inc.",
    "version": "1",
    "status": "draft",
}


def _ladder(
    levels: list[dict[str, Any]],
    competencies: list[dict[str, Any]],
    *,
    framework_id: str = "hostile",
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "framework": {"id": framework_id, **_FRAMEWORK},
        "scales": [
            {
                "id": "s",
                "name": "Scale",
                "steps": [{"id": "low", "name": "Low"}, {"id": "high", "name": "High"}],
            }
        ],
        "areas": [{"id": "core", "name": "Core", "competencies": competencies}],
        "tracks": [{"id": "ic", "name": "IC", "kind": "individual-contributor", "levels": levels}],
    }


def _write_json(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


# --- shapes: each writes its input files for size n and returns the command's arguments -----


def chain(folder: Path, n: int) -> list[str]:
    """N levels, each inheriting the one below, each adding a criterion."""
    levels = [
        {
            "id": f"level-{i}",
            "title": f"Level {i}",
            "rank": i + 1,
            **({"inherits": f"level-{i - 1}"} if i else {}),
            "expectations": {
                "judgement": {"proficiency": "low", "criteria": [f"Makes call number {i} well."]}
            },
        }
        for i in range(n)
    ]
    competencies = [{"id": "judgement", "name": "Judgement", "scale": "s"}]
    return ["validate", str(_write_json(folder, "chain.json", _ladder(levels, competencies)))]


def chain_render(folder: Path, n: int) -> list[str]:
    ladder = chain(folder, n)[1]
    return ["render", "--format", "markdown", "-o", str(folder / "chain.md"), ladder]


def suggestions(folder: Path, n: int) -> list[str]:
    """N competencies, and one level that expects N ids each one character off."""
    competencies = [{"id": f"competency-{i:05d}", "name": f"Competency {i}"} for i in range(n)]
    expectations = {f"competency-{i:05d}x": {"criteria": [f"Does thing {i}."]} for i in range(n)}
    levels = [{"id": "pm", "title": "PM", "rank": 1, "expectations": expectations}]
    return ["validate", str(_write_json(folder, "suggestions.json", _ladder(levels, competencies)))]


def aliases(folder: Path, n: int) -> list[str]:
    """An anchor of 1,000 placeholder criteria, used at n // 1,000 levels: n values in all."""
    width = 1000
    criteria = "".join(f"\n    - TODO write criterion {i}" for i in range(width))
    levels = "".join(
        f"\n  - id: l{i}\n    title: L{i}\n    rank: {i + 1}\n"
        f"    expectations: {{judgement: {{criteria: *crit}}}}"
        for i in range(1, max(1, n // width))
    )
    text = (
        "schema_version: 1\n"
        "framework: {id: hostile, title: Hostile, organization: Bench, version: '1',"
        " status: draft}\n"
        "areas: [{id: core, name: Core, competencies: [{id: judgement, name: Judgement}]}]\n"
        "x-criteria: &crit"
        f"{criteria}\n"
        "tracks:\n- id: ic\n  name: IC\n  kind: individual-contributor\n  levels:\n"
        "  - id: l0\n    title: L0\n    rank: 1\n    expectations: {judgement: {criteria: *crit}}"
        f"{levels}\n"
    )
    path = folder / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    return ["validate", str(path)]


def word_diff(folder: Path, n: int) -> list[str]:
    """One level summary of n words; the second file changes the middle word. Few distinct
    words, as in plain prose, make many candidate matches for every word."""
    rng = random.Random(n)
    words = [rng.choice(("the", "team", "ships")) for _ in range(n)]
    changed = [*words]
    changed[n // 2] = "changed"
    paths = []
    for name, text in (("a.json", words), ("b.json", changed)):
        level = {"id": "pm", "title": "PM", "rank": 1, "summary": " ".join(text)}
        competencies = [{"id": "judgement", "name": "Judgement"}]
        paths.append(str(_write_json(folder, name, _ladder([level], competencies))))
    return ["diff", *paths]


def alignment(folder: Path, n: int) -> list[str]:
    """Two companies' ladders of 5 levels and n competencies each, nothing shared by id."""
    paths = []
    for company in ("a", "b"):
        competencies = [
            {"id": f"{company}-c{i}", "name": f"Skill {i} of {company}"} for i in range(n)
        ]
        levels = [
            {
                "id": f"{company}-l{r}",
                "title": f"Level {r}",
                "rank": r + 1,
                "expectations": {
                    c["id"]: {"criteria": [f"Shows skill {i} at level {r}."]}
                    for i, c in enumerate(competencies)
                },
            }
            for r in range(5)
        ]
        data = _ladder(levels, competencies, framework_id=f"company-{company}")
        paths.append(str(_write_json(folder, f"{company}.json", data)))
    return ["diff", "--mode", "companies", *paths]


def xlsx(folder: Path, n: int) -> list[str]:
    """A workbook of one sheet with n cells of the same text: it compresses to very little."""
    columns = 100
    rows = max(1, n // columns)
    cells = "".join(f'<c r="{_column(c)}{{row}}" t="s"><v>0</v></c>' for c in range(columns))
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    for r in range(1, rows + 1):
        sheet.write(f'<row r="{r}">{cells.replace("{row}", str(r))}</row>')
    sheet.write("</sheetData></worksheet>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
            'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Ladder" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            f'"{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type='
            f'"{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="1" uniqueCount="1">'
            "<si><t>Writes clear specs.</t></si></sst>"
        ),
        "xl/worksheets/sheet1.xml": sheet.getvalue(),
    }
    path = folder / "inflating.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return ["import", "--force", "-o", str(folder / "imported.yaml"), str(path)]


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def csv_cells(folder: Path, n: int) -> list[str]:
    """One row of n cells ``a``: ``a,a,a,...``."""
    path = folder / "cells.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["a"] * n)
    return ["import", "--force", "-o", str(folder / "imported.yaml"), str(path)]


def sheet(folder: Path, n: int) -> list[str]:
    """N competencies x 10 levels, each cell one statement of about 130 characters."""
    rng = random.Random(0)
    words = ("delivers", "outcome", "roadmap", "customer", "team", "strategy", "quality", "risk")
    path = folder / "ladder.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Area", "Competency", *(f"Level {level}" for level in range(1, 11))])
        for c in range(n):
            cells = [" ".join(rng.choice(words) for _ in range(17))[:129] + "." for _ in range(10)]
            writer.writerow([f"Area {c % 50}", f"Competency {c}", *cells])
    return ["import", "--force", "-o", str(folder / "imported.yaml"), str(path)]


@dataclass(frozen=True)
class Shape:
    name: str
    make: Callable[[Path, int], list[str]]
    unit: str
    sizes: tuple[int, ...]
    quick: tuple[int, ...]


SHAPES = (
    Shape("chain", chain, "levels", (250, 500, 1000, 1001, 12000), (1000, 12000)),
    Shape("chain-render", chain_render, "levels", (250, 500, 1000, 3000), (500, 1000)),
    Shape("suggestions", suggestions, "references", (500, 1000, 2000, 4000), (1000, 2000)),
    Shape("aliases", aliases, "values", (2000, 4000, 9000, 450_000), (4000, 450_000)),
    Shape("word-diff", word_diff, "words", (1000, 2000, 4000, 8000, 16000), (2000, 8000)),
    Shape("alignment", alignment, "competencies", (125, 250, 500, 1000), (250, 1000)),
    Shape("xlsx", xlsx, "cells", (100_000, 400_000, 1_600_000), (100_000, 400_000)),
    Shape("csv", csv_cells, "cells", (500_000, 2_000_000, 5_000_000), (500_000, 2_000_000)),
    Shape("sheet", sheet, "competencies", (750, 1500, 3000, 5000), (1500, 5000)),
)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a shared machine
    peak_mib: float
    exit_code: int | None  # None: stopped at the time-out


def measure(arguments: list[str], timeout: float) -> Run:
    """Run ``python -m pmframework ARGUMENTS`` in a fresh process: wall time and peak RSS."""
    command = [sys.executable, "-m", "pmframework", *arguments]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            cpu = usage.ru_utime + usage.ru_stime
            return Run(time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, None)
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, cpu, usage.ru_maxrss / 1024, process.returncode)


def make(shape: Shape, n: int, folder: Path) -> list[str]:
    """Write the inputs of ``shape`` at size ``n`` in a process of its own, and return the
    command's arguments. Linux counts a parent's peak memory in its children's (it survives
    fork and exec), so this process has to stay small for their figures to be their own."""
    command = [sys.executable, __file__, "--make", shape.name, str(n), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    arguments: list[str] = json.loads(done.stdout)
    return arguments


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two sizes per shape")
    parser.add_argument("--shape", action="append", choices=[s.name for s in SHAPES])
    parser.add_argument("--timeout", type=float, help="seconds per run (default 30, quick 10)")
    parser.add_argument(
        "--make", nargs=3, metavar=("SHAPE", "SIZE", "FOLDER"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.make:  # in a process of its own: see make()
        shape_name, size, folder_name = args.make
        shape = next(s for s in SHAPES if s.name == shape_name)
        print(json.dumps(shape.make(Path(folder_name), int(size))))
        return
    timeout = args.timeout or (10.0 if args.quick else 30.0)
    shapes = [s for s in SHAPES if not args.shape or s.name in args.shape]

    print(
        f"{'shape':<14} {'size':>18} {'input':>10} {'seconds':>8} {'CPU s':>6} {'peak MiB':>9} "
        f"{'exit':>5}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for shape in shapes:
            for n in shape.quick if args.quick else shape.sizes:
                folder = Path(scratch) / f"{shape.name}-{n}"
                folder.mkdir()
                arguments = make(shape, n, folder)
                inputs = sum(p.stat().st_size for p in folder.iterdir() if str(p) in arguments)
                run = measure(arguments, timeout)
                exit_text = "-" if run.exit_code is None else str(run.exit_code)
                seconds = f">{timeout:.0f}" if run.exit_code is None else f"{run.seconds:.2f}"
                print(
                    f"{shape.name:<14} {f'{n:,} {shape.unit}':>18} {inputs / 1024:>7.0f} KiB "
                    f"{seconds:>8} {run.cpu_seconds:>6.2f} {run.peak_mib:>9.0f} {exit_text:>5}",
                    flush=True,
                )
                if run.exit_code is None:
                    break  # the larger sizes would only take longer
    print(f"\n{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
