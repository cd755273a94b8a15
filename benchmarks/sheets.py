"""Benchmark of ``pmframework export`` and ``pmframework import`` on a large ladder.

Generates one track of ``--levels`` levels (each inheriting the one below) and ``--competencies``
competencies, one criterion per expectation (5,000 x 10 is 50,000 expectations, about 10 MiB of
YAML), then times, each in a new process as a person runs it:

* ``pmframework export LADDER -o OUT.csv``: loading and checking the ladder, writing the sheet;
* ``pmframework export LADDER -o OUT.xlsx``: the same, writing a workbook;
* ``pmframework import OUT.csv -o BACK.yaml``: reading the sheet, writing YAML, checking it.

Times are median CPU seconds (the process and its children) of ``--repeat`` runs: steadier than
wall-clock time on a busy machine. A command that fails is reported with its message.

Usage: python benchmarks/sheets.py [--competencies 5000] [--levels 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ladders import generate_ladder, ladder_yaml


def cpu_time(command: list[str]) -> tuple[float, str | None]:
    """CPU seconds of a command, and its error message when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent, None if done.returncode == 0 else (done.stderr or done.stdout).strip()[-300:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--competencies", type=int, default=5000)
    parser.add_argument("--levels", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pmframework = shutil.which("pmframework") or str(Path(sys.executable).parent / "pmframework")

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ladder = root / "ladder.yaml"
        data = generate_ladder(
            levels=args.levels, competencies=args.competencies, tracks=1, areas=50, criteria=1
        )
        ladder.write_text(ladder_yaml(data), encoding="utf-8")
        sheet, back = root / "ladder.csv", root / "back.yaml"
        commands = {
            "export": [pmframework, "export", str(ladder), "-o", str(sheet)],
            "export xlsx": [pmframework, "export", str(ladder), "-o", str(root / "ladder.xlsx")],
            "import": [pmframework, "import", str(sheet), "-o", str(back), "--force"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        errors: dict[str, str] = {}
        for _ in range(args.repeat):
            for name, command in commands.items():
                spent, error = cpu_time(command)
                times[name].append(spent)
                if error:
                    errors[name] = error
        size = ladder.stat().st_size / 1024 / 1024

    expectations = args.competencies * args.levels
    print(
        f"{args.competencies:,} competencies x {args.levels} levels ({expectations:,} "
        f"expectations, {size:.1f} MiB of YAML); median CPU seconds of {args.repeat} runs"
    )
    for name in commands:
        outcome = f"failed: {errors[name]}" if name in errors else "(target <= 3 s)"
        print(f"pmframework {name:<12}{statistics.median(times[name]):>8.2f}  {outcome}")


if __name__ == "__main__":
    main()
