"""Benchmark of ``pmframework diff``: two versions of generated ladders of 500, 5,000 and 50,000
competency expectations, against ``git diff --no-index`` and ``diff -u`` of the same files.

    python benchmarks/diff.py                 # all sizes; prints a table
    python benchmarks/diff.py --sizes 500     # one size

A ladder of N expectations has ``levels`` levels (tracks of ten, each level inheriting the one
below) times ``competencies`` competencies (areas of fifty), so it stays inside the loader's
limits (600,000 values and 50,000 keys per mapping; 50,000 expectations are about 200,000
values, 500 keys per level). The second version changes one word in 1% of the criteria, adds a
level, removes a competency and renames another, keeping its content.

Columns: ``command`` is ``pmframework diff A B`` as a person runs it (a new process: start-up,
reading, checking both ladders, comparing, printing); ``load`` is reading and checking both
ladders in-process, ``compare`` the comparison itself, ``format`` the text output. ``growth``
is how much more CPU time the command takes than at the previous size (10 means linear, since each
size is ten times the last). ``git diff`` and ``diff -u`` are the line diffs of the two YAML
files a person would otherwise read, and ``ratio`` is the command's time over git diff's.
Times are medians of three runs (one at 50,000); wall-clock time is what a person waits, CPU
time (this process and its children) is what the work costs, and holds steady on a busy
machine, so growth is measured in CPU time.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pmframework.check.engine import load_ladder
from pmframework.diff.compare import Side, diff_ladders
from pmframework.diff.report.text import format_text

SIZES = (500, 5_000, 50_000)
LAYOUTS = {500: (10, 50), 5_000: (20, 250), 50_000: (100, 500)}  # levels, competencies
WORDS = ("plans", "ships", "measures", "aligns", "teams", "users", "goals", "risks", "data", "bets",
         "roadmap", "strategy")  # fmt: skip


def generate(levels: int, competencies: int) -> dict[str, Any]:
    """A valid ladder of ``levels`` × ``competencies`` expectations."""
    areas = [
        {
            "id": f"area-{start // 50}",
            "name": f"Area {start // 50}",
            "competencies": [
                {"id": f"c{i:04d}", "name": f"Competency {i}"}
                for i in range(start, min(competencies, start + 50))
            ],
        }
        for start in range(0, competencies, 50)
    ]
    tracks = []
    for t in range(0, levels, 10):
        track_levels = []
        for rank in range(1, min(10, levels - t) + 1):
            n = t + rank - 1
            level: dict[str, Any] = {"id": f"l{n:03d}", "title": f"Level {n}", "rank": rank}
            if rank > 1:
                level["inherits"] = f"l{n - 1:03d}"
            level["expectations"] = {
                f"c{i:04d}": {
                    "criteria": [f"{WORDS[(i + n) % 12]} {WORDS[(i * 7 + n) % 12]} at {n} for {i}."]
                }
                for i in range(competencies)
            }
            track_levels.append(level)
        tracks.append(
            {
                "id": f"track-{t // 10}",
                "name": f"Track {t // 10}",
                "kind": "other",
                "levels": track_levels,
            }
        )
    return {
        "schema_version": 1,
        "framework": {
            "id": "benchmark",
            "title": "Benchmark ladder",
            "organization": "Benchmark",
            "version": "1",
            "status": "draft",
        },
        "areas": areas,
        "tracks": tracks,
    }


def next_version(data: dict[str, Any]) -> dict[str, Any]:
    """One word in 1% of the criteria, a new level, a competency removed, one renamed."""
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    levels = [level for track in data["tracks"] for level in track["levels"]]
    expectations = [e for level in levels for e in level["expectations"].values()]
    # From the third competency on, so no edit lands on the removed or the renamed one.
    for expectation in expectations[2::100]:
        expectation["criteria"][0] = expectation["criteria"][0].replace(" at ", " by ", 1)
    first_track = data["tracks"][0]["levels"]
    first_track.append(
        {
            "id": "new-level",
            "title": "New level",
            "rank": len(first_track) + 1,
            "inherits": first_track[-1]["id"],
        }
    )
    area = data["areas"][0]
    removed, renamed = area["competencies"][0]["id"], area["competencies"][1]["id"]
    area["competencies"] = area["competencies"][1:]
    area["competencies"][0]["id"] = "renamed"
    for level in levels:
        del level["expectations"][removed]
        level["expectations"]["renamed"] = level["expectations"].pop(renamed)
    return data


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU seconds of a measure (CPU includes child processes, so it
    holds steady on a busy machine)."""

    wall: float
    cpu: float


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(action: Callable[[], Any], repeat: int) -> tuple[Timing, Any]:
    """The median times of ``repeat`` runs of ``action``, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        result = action()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus)), result


def run(command: list[str]) -> Callable[[], int]:
    return lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode


def measure(size: int, folder: Path, repeat: int) -> dict[str, Any]:
    levels, competencies = LAYOUTS[size]
    a_data = generate(levels, competencies)
    b_data = next_version(a_data)
    a, b = folder / f"a-{size}.yaml", folder / f"b-{size}.yaml"
    for path, data in ((a, a_data), (b, b_data)):
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), encoding="utf-8")
    pmframework = [sys.executable, "-m", "pmframework", "diff", str(a), str(b)]
    command, code = timed(run(pmframework), repeat)
    assert code == 1, f"pmframework diff exited {code}"
    load, (la, lb) = timed(lambda: (load_ladder(str(a)), load_ladder(str(b))), repeat)
    compare, result = timed(lambda: diff_ladders(Side("a", la), Side("b", lb)), repeat)
    format_, _ = timed(lambda: format_text(result), repeat)
    git, diff_u = shutil.which("git"), shutil.which("diff")
    return {
        "size": size,
        "layout": f"{levels} × {competencies}",
        "megabytes": a.stat().st_size / 1e6,
        "command": command,
        "load": load,
        "compare": compare,
        "format": format_,
        "git": timed(run([git, "diff", "--no-index", str(a), str(b)]), repeat)[0] if git else None,
        "diff": timed(run([diff_u, "-u", str(a), str(b)]), repeat)[0] if diff_u else None,
        "summary": result.summary(),
    }


def seconds(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), choices=SIZES)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    options = parser.parse_args()
    cores, load = os.cpu_count(), os.getloadavg()[0]
    # The collector tuned as the pmframework command tunes it, so that the parts measured in
    # this process cost what they cost in the command (with the default thresholds, the
    # collector's scans of both loaded ladders made "load" dearer than the whole command).
    gc.set_threshold(100_000, 50, 100)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            rows.append(measure(size, Path(folder), 1 if size >= 50_000 else options.repeat))
    header = (
        "| expectations | levels × competencies | file | command | command CPU | growth "
        "| load CPU | compare CPU | format CPU | git diff | diff -u | ratio |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    previous = None
    for row in rows:
        command = row["command"]
        growth = f"{command.cpu / previous:.1f}×" if previous else "—"
        previous = command.cpu
        git, diff_u = row["git"], row["diff"]
        ratio = f"{command.wall / git.wall:.0f}×" if git else "—"
        print(
            f"| {row['size']:,} | {row['layout']} | {row['megabytes']:.1f} MB "
            f"| {seconds(command.wall)} | {seconds(command.cpu)} | {growth} "
            f"| {seconds(row['load'].cpu)} | {seconds(row['compare'].cpu)} "
            f"| {seconds(row['format'].cpu)} | {seconds(git.wall if git else None)} "
            f"| {seconds(diff_u.wall if diff_u else None)} | {ratio} |"
        )
    for row in rows:
        print(f"{row['size']:,}: {row['summary']}")
    print(f"{cores} cores; load average {load:.1f} when the run started")


if __name__ == "__main__":
    main()
