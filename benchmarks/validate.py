"""How fast is `pmframework validate` next to check-jsonschema, the tool a user would otherwise run?

Generates 1,000 ladders of realistic size (2 tracks x 5 levels x 10 competencies, 100
expectations each), then, in one run, validates all of them in one process with

* ``pmframework validate DIR`` — JSON Schema, semantic rules and positions;
* ``check-jsonschema --schemafile <exported schema> FILES...`` — JSON Schema only;

and times ``pmframework --help`` against ``check-jsonschema --version`` (start-up cost, what a
pre-commit hook pays on every commit). Each command runs several times and the fastest run
counts; the machine is noisy, so the figures that matter are the ratios.

Usage: python benchmarks/validate.py [--ladders 1000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ladders import generate_ladder, ladder_yaml


def best_time(command: list[str], repeat: int, expect: int = 0) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != expect:
            tail = done.stdout[-2000:].decode(errors="replace")
            sys.exit(f"{' '.join(command[:3])} ... exited {done.returncode}:\n{tail}")
        best = min(best, elapsed)
    return best


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        sys.exit(f"{name} is not installed; run: pip install '.[test]'")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ladders", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    pmframework, check_jsonschema = tool("pmframework"), tool("check-jsonschema")

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "ladders"
        folder.mkdir()
        for i in range(args.ladders):
            data = generate_ladder(levels=5, competencies=10, seed=i, ladder_id=f"ladder-{i}")
            (folder / f"ladder-{i:04}.yaml").write_text(ladder_yaml(data), encoding="utf-8")
        schema_file = root / "ladder.schema.json"
        exported = subprocess.run([pmframework, "schema"], capture_output=True, check=True)
        schema_file.write_bytes(exported.stdout)
        files = sorted(str(p) for p in folder.iterdir())
        size = sum(Path(f).stat().st_size for f in files) / len(files) / 1024

        ours = best_time([pmframework, "validate", str(folder)], args.repeat)
        theirs = best_time(
            [check_jsonschema, "--schemafile", str(schema_file), *files], args.repeat
        )
        help_time = best_time([pmframework, "--help"], 5)
        version_time = best_time([check_jsonschema, "--version"], 5)

    runs = f"best of {args.repeat} run(s); start-up best of 5"
    print(f"{args.ladders} ladders of {size:.0f} KiB each, {runs}")
    print(f"{'command':<52}{'seconds':>9}")
    print(f"{'pmframework validate (schema + rules + positions)':<52}{ours:>9.2f}")
    print(f"{'check-jsonschema --schemafile (schema only)':<52}{theirs:>9.2f}")
    print(f"{'pmframework --help':<52}{help_time:>9.3f}")
    print(f"{'check-jsonschema --version':<52}{version_time:>9.3f}")
    print()
    print(f"validate ratio  pmframework / check-jsonschema = {ours / theirs:.2f}  (target <= 0.50)")
    print(
        f"start-up ratio  pmframework --help / check-jsonschema --version = "
        f"{help_time / version_time:.2f}  (target <= 1.00)"
    )


if __name__ == "__main__":
    main()
