"""Benchmark of ``pmframework export`` and ``pmframework import`` on a large ladder.

Generates one track of ``--levels`` levels (each inheriting the one below) and ``--competencies``
competencies, one criterion per expectation (5,000 x 10 is 50,000 expectations, about 10 MiB of
YAML), then times, each in a new process as a person runs it, for a CSV file and a workbook:

* ``pmframework export LADDER -o OUT``: loading and checking the ladder, writing the sheet;
* ``pmframework import OUT -o BACK.yaml``: reading the sheet, checking the ladder, writing YAML;
  the sheet export wrote carries the ladder in a row of metadata, which import restores;
* ``plain``: the same import of a sheet without it, the one written by hand below;

against the few lines a person would otherwise write with the same libraries, which check
nothing and give the rows no ids: for export, PyYAML's libyaml loader and a CSV writer (or
openpyxl's write-only workbook); for import, a CSV reader (or openpyxl's read-only workbook) and
PyYAML's libyaml dumper. ``ratio`` is pmframework's time over theirs.

Times are median CPU seconds (user + system) of ``--repeat`` runs: steadier than wall-clock
time on a busy machine; ``peak MiB`` is the largest resident memory of a run. A command that
fails is reported with its message.

Usage: python benchmarks/sheets.py [--competencies 5000] [--levels 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The ladder is generated in a process of its own: Linux counts a parent's peak memory in its
# children's, so this process stays small for their figures to be their own.
GENERATE = """
import sys
from ladders import generate_ladder, ladder_yaml
data = generate_ladder(levels={levels}, competencies={competencies}, tracks=1, areas=50,
                       criteria=1)
open(sys.argv[1], "w", encoding="utf-8").write(ladder_yaml(data))
"""

# What a person would otherwise write: the rows of a sheet as YAML, and back.
EXPORT_BY_HAND = """
import csv, sys, yaml
data = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
levels = data["tracks"][0]["levels"]
header = ["Area", "Competency", *(level["title"] for level in levels)]
rows = [
    [area["name"], c["name"],
     *("\\n\\n".join(level["expectations"].get(c["id"], {}).get("criteria", []))
       for level in levels)]
    for area in data["areas"] for c in area["competencies"]
]
if sys.argv[2].endswith(".csv"):
    with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, *rows])
else:
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Ladder")
    for row in [header, *rows]:
        sheet.append(row)
    book.save(sys.argv[2])
"""
IMPORT_BY_HAND = """
import csv, sys, yaml
if sys.argv[1].endswith(".csv"):
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as source:
        rows = list(csv.reader(source))
else:
    import openpyxl
    book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
    rows = [["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)]
header, *body = rows
data = [{name: text for name, text in zip(header, row) if text} for row in body]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    yaml.dump(data, out, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
"""


@dataclass(frozen=True)
class Run:
    cpu_seconds: float
    peak_mib: float
    error: str | None


def run(command: list[str]) -> Run:
    """CPU seconds and peak memory of one command, and its error message when it fails."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    failed = os.waitstatus_to_exitcode(status) != 0
    return Run(
        usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr[-300:] if failed else None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--competencies", type=int, default=5000)
    parser.add_argument("--levels", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pmframework = shutil.which("pmframework") or str(Path(sys.executable).parent / "pmframework")
    python = sys.executable

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ladder = root / "ladder.yaml"
        generate = GENERATE.format(levels=args.levels, competencies=args.competencies)
        subprocess.run([python, "-c", generate, str(ladder)], check=True, cwd=HERE)
        commands: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for suffix in ("csv", "xlsx"):
            sheet, by_hand = root / f"ladder.{suffix}", root / f"by-hand.{suffix}"
            commands[suffix, "export"] = (
                [pmframework, "export", str(ladder), "-o", str(sheet)],
                [python, "-c", EXPORT_BY_HAND, str(ladder), str(by_hand)],
            )
            commands[suffix, "import"] = (
                [pmframework, "import", str(sheet), "-o", str(root / "back.yaml"), "--force"],
                [python, "-c", IMPORT_BY_HAND, str(sheet), str(root / "by-hand.yaml")],
            )
            # The sheet written by hand: no metadata, no description column.
            commands[suffix, "plain"] = (
                [pmframework, "import", str(by_hand), "-o", str(root / "plain.yaml"), "--force"],
                [python, "-c", IMPORT_BY_HAND, str(by_hand), str(root / "by-hand.yaml")],
            )
        runs: dict[tuple[str, str, int], list[Run]] = {}
        for _ in range(args.repeat):
            for (suffix, name), pair in commands.items():
                for which, command in enumerate(pair):
                    runs.setdefault((suffix, name, which), []).append(run(command))
        size = ladder.stat().st_size / 1024 / 1024

    expectations = args.competencies * args.levels
    print(
        f"{args.competencies:,} competencies x {args.levels} levels ({expectations:,} "
        f"expectations, {size:.1f} MiB of YAML); median CPU seconds of {args.repeat} runs"
    )
    print(
        f"{'sheet':<6}{'command':<8}{'pmframework':>12}{'peak MiB':>10}{'by hand':>9}{'ratio':>8}"
    )
    for suffix, name in commands:
        ours, theirs = runs[suffix, name, 0], runs[suffix, name, 1]
        errors = [r.error for r in (*ours, *theirs) if r.error]
        mine = statistics.median(r.cpu_seconds for r in ours)
        other = statistics.median(r.cpu_seconds for r in theirs)
        peak = max(r.peak_mib for r in ours)
        figures = f"{mine:>11.2f}s{peak:>12.0f}{other:>11.2f}s{mine / other:>11.2f}x"
        line = f"{suffix:<6}{name:<8}{figures}"
        print(line + (f"  failed: {errors[0]}" if errors else ""))
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
