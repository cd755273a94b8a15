"""How fast is `pmframework validate` next to the parse floor and the best of its peers?

Generates 1,000 ladders of realistic size (2 tracks x 5 levels x 10 competencies, 100
expectations each) and a JSON copy of each, then, in one run, times each of these in its own
process over all the files:

* ``pmframework validate DIR`` — JSON Schema, semantic rules and positions;
* the parse floor: a Python process that only parses the same files with ``yaml.CSafeLoader``
  (libyaml), the least any YAML validator written in Python can spend;
* ``check-jsonschema --schemafile <exported schema> FILES...`` — JSON Schema only, with
  ruamel.yaml.clib installed (its compiled YAML parser: without it check-jsonschema is three
  times slower, and beating that would prove nothing);
* ``ajv validate`` (ajv-cli, Node.js) on the JSON copies, as the compiled reference: a schema
  compiled to JavaScript reading JSON. It is installed with npm into a cache folder when
  missing; without Node.js it is reported as skipped.

and times ``pmframework --help`` against ``check-jsonschema --version`` (start-up cost, what a
pre-commit hook pays on every commit). Each command runs ``--repeat`` times, alternating, and
the median CPU time (user + system of the process and its children) counts: the machine may be
busy, and CPU time holds steadier than wall-clock time. The figures that matter are the ratios.

Usage: python benchmarks/validate.py [--ladders 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ladders import generate_ladder, ladder_yaml

NPM_FOLDER = Path.home() / ".cache" / "pmframework-benchmarks" / "npm"
PARSE_FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)


def cpu_time(command: list[str], expect: int = 0) -> float:
    """CPU seconds (user + system) a command's process and its children spend."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != expect:
        tail = (done.stdout[-2000:] + done.stderr[-2000:]).decode(errors="replace")
        sys.exit(f"{' '.join(command[:3])} ... exited {done.returncode}:\n{tail}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """The median CPU time of each command, the commands run in turn ``repeat`` times, so that
    a busy spell of the machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(cpu_time(command))
    return {name: statistics.median(found) for name, found in times.items()}


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        sys.exit(f"{name} is not installed; run: pip install '.[test]'")
    return found


def check_jsonschema_is_compiled(check_jsonschema: str) -> None:
    """Refuse to compare against check-jsonschema without its compiled YAML parser."""
    python = Path(check_jsonschema).resolve().parent / "python"
    probe = [str(python), "-c", "import _ruamel_yaml"]
    if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
        sys.exit(
            "ruamel.yaml.clib is not installed next to check-jsonschema; without it the\n"
            "comparison flatters pmframework. Run: pip install ruamel.yaml.clib"
        )


def ajv_command() -> list[str] | None:
    """ajv-cli with ajv-formats, installed into a cache folder when missing; None without npm."""
    ajv = NPM_FOLDER / "node_modules" / ".bin" / "ajv"
    if not ajv.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            return None
        NPM_FOLDER.mkdir(parents=True, exist_ok=True)
        install = [npm, "install", "--silent", "--no-audit", "--no-fund", "ajv-cli", "ajv-formats"]
        if subprocess.run(install, cwd=NPM_FOLDER, check=False).returncode != 0:
            return None
    formats = NPM_FOLDER / "node_modules" / "ajv-formats"
    return [str(ajv), "validate", "--spec=draft2020", "--strict=false", "-c", str(formats)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ladders", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pmframework, check_jsonschema = tool("pmframework"), tool("check-jsonschema")
    check_jsonschema_is_compiled(check_jsonschema)
    if not hasattr(yaml, "CSafeLoader"):
        sys.exit("the parse floor needs PyYAML built with libyaml (yaml.CSafeLoader)")
    ajv = ajv_command()

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder, json_folder = root / "ladders", root / "json"
        folder.mkdir()
        json_folder.mkdir()
        for i in range(args.ladders):
            data = generate_ladder(levels=5, competencies=10, seed=i, ladder_id=f"ladder-{i}")
            (folder / f"ladder-{i:04}.yaml").write_text(ladder_yaml(data), encoding="utf-8")
            (json_folder / f"ladder-{i:04}.json").write_text(json.dumps(data), encoding="utf-8")
        schema_file = root / "ladder.schema.json"
        exported = subprocess.run([pmframework, "schema"], capture_output=True, check=True)
        schema_file.write_bytes(exported.stdout)
        files = sorted(str(p) for p in folder.iterdir())
        size = sum(Path(f).stat().st_size for f in files) / len(files) / 1024

        commands = {
            "pmframework validate": [pmframework, "validate", str(folder)],
            "parse floor": [sys.executable, "-c", PARSE_FLOOR, *files],
            "check-jsonschema": [check_jsonschema, "--schemafile", str(schema_file), *files],
        }
        if ajv is not None:
            # Globs are expanded by ajv itself, so the file list stays short.
            commands["ajv"] = [*ajv, "-s", str(schema_file), "-d", f"{json_folder}/*.json"]
        times = medians(commands, args.repeat)
        start_up = medians(
            {
                "pmframework --help": [pmframework, "--help"],
                "check-jsonschema --version": [check_jsonschema, "--version"],
            },
            5,
        )

    ours = times["pmframework validate"]
    print(
        f"{args.ladders} ladders of {size:.0f} KiB each; median CPU seconds of {args.repeat} runs"
    )
    print(f"{'command':<62}{'CPU s':>8}{'ours / it':>11}")
    rows = [
        ("pmframework validate (schema + rules + positions)", "pmframework validate"),
        ("parse floor: yaml.CSafeLoader, the same files", "parse floor"),
        ("check-jsonschema + ruamel.yaml.clib (schema only)", "check-jsonschema"),
        ("ajv on JSON copies (compiled reference, schema only)", "ajv"),
    ]
    for label, name in rows:
        if name in times:
            ratio = "" if name == "pmframework validate" else f"{ours / times[name]:>11.2f}"
            print(f"{label:<62}{times[name]:>8.2f}{ratio}")
        else:
            print(f"{label:<62}{'skipped: Node.js/npm not found':>19}")
    help_time, version_time = start_up["pmframework --help"], start_up["check-jsonschema --version"]
    print(f"{'pmframework --help':<62}{help_time:>8.3f}")
    print(f"{'check-jsonschema --version':<62}{version_time:>8.3f}")
    print()
    print(f"validate / parse floor      = {ours / times['parse floor']:.2f}  (target <= 2.5)")
    print(f"validate / check-jsonschema = {ours / times['check-jsonschema']:.2f}  (target <= 0.4)")
    if "ajv" in times:
        print(
            f"validate / ajv              = {ours / times['ajv']:.2f}  (no target: the reference)"
        )
    print(f"--help / --version          = {help_time / version_time:.2f}  (target <= 0.4)")
    if os.environ.get("CI") == "true" and "ajv" not in times:
        sys.exit("ajv was skipped")


if __name__ == "__main__":
    main()
