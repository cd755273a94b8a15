"""The ladders the benchmarks generate are what they claim to be.

benchmarks/validate.py hands check-jsonschema the schema ``pmframework schema`` prints (the
latest version) and times it on the generated ladders; a ladder of another version makes every
file fail there, and the comparison meaningless. No time is measured here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from ladders import generate_ladder, ladder_yaml  # noqa: E402


def test_generated_ladders_follow_the_schema_pmframework_prints(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    files = []
    for seed in range(3):
        data = generate_ladder(levels=5, competencies=10, seed=seed, ladder_id=f"ladder-{seed}")
        path = tmp_path / f"ladder-{seed}.yaml"
        path.write_text(ladder_yaml(data), encoding="utf-8")
        files.append(str(path))
    schema = tmp_path / "ladder.schema.json"
    schema.write_text(run_cli("schema").stdout, encoding="utf-8")

    validated = run_cli("validate", "--strict", *files)
    assert validated.exit_code == 0, validated.stdout
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *files],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
