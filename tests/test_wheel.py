"""The wheel works without the checkout: it carries the schema, frameworks and templates.

One wheel is built and installed (with its dependencies from the package index, as a user
would) into one fresh virtual environment for the whole module; every command then runs from
a folder outside the checkout, with no PYTHONPATH, so nothing can come from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow

DATA = "pmframework/_data"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path  # the virtual environment's scripts folder
    outside: Path  # a working folder outside the checkout

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        return subprocess.run(
            [str(self.bin / program), *args],
            capture_output=True,
            text=True,
            cwd=self.outside,
            env=env,
            timeout=600,
        )


def _run(*command: str | Path, cwd: Path) -> None:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=cwd, timeout=900
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert REPO not in root.parents
    dist = root / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO, cwd=root)
    [wheel] = dist.glob("pmframework-*.whl")
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    scripts = environment / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=root)
    outside = root / "work"
    outside.mkdir()
    return Installed(wheel, scripts, outside)


def test_wheel_carries_the_data(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert f"{DATA}/schema/ladder/v1.schema.json" in names
    assert f"{DATA}/schema/ladder/v2.schema.json" in names
    assert f"{DATA}/schema/assessment/v1.schema.json" in names
    assert "pmframework/diff/thesaurus.yaml" in names  # the alignment's synonyms
    for kind in ("frameworks", "templates"):
        in_checkout = {
            path.relative_to(REPO / kind).as_posix()
            for path in (REPO / kind).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        prefix = f"{DATA}/{kind}/"
        in_wheel = {name.removeprefix(prefix) for name in names if name.startswith(prefix)}
        assert in_checkout, f"the checkout's {kind}/ is empty"
        assert in_checkout <= in_wheel, f"missing from the wheel: {in_checkout - in_wheel}"
    assert not any(name.startswith(("tests/", "schema/", "frameworks/")) for name in names)


def test_installed_package_is_the_wheel(installed: Installed) -> None:
    done = installed.run("python", "-c", "import pmframework; print(pmframework.__file__)")
    assert done.returncode == 0, done.stderr
    location = Path(done.stdout.strip()).resolve()
    assert REPO not in location.parents
    assert installed.bin.parent in location.parents


def test_installed_validates_every_builtin(installed: Installed) -> None:
    names = sorted(path.stem for path in (REPO / "frameworks").glob("*.yaml"))
    assert names, "frameworks/ holds no ladders"
    done = installed.run("pmframework", "validate", "--format", "json", "builtin:*")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout)["summary"]
    assert (summary["files"], summary["errors"]) == (len(names), 0)


def test_installed_schema_command(installed: Installed) -> None:
    done = installed.run("pmframework", "schema")
    assert done.returncode == 0, done.stderr
    jsonschema.Draft202012Validator.check_schema(json.loads(done.stdout))
    assert done.stdout == (REPO / "schema" / "ladder" / "v2.schema.json").read_text("utf-8")
    older = installed.run("pmframework", "schema", "--version", "1").stdout
    assert older == (REPO / "schema" / "ladder" / "v1.schema.json").read_text("utf-8")
    assert installed.run("pmframework", "schema", "--version", "99").returncode == 2


def test_installed_validates_a_copy_of_an_example(installed: Installed) -> None:
    copy = installed.outside / "ladder.yaml"
    shutil.copyfile(EXAMPLES / "valid" / "monzo-style.yaml", copy)
    done = installed.run("pmframework", "validate", "--strict", "ladder.yaml")
    assert (done.returncode, done.stdout) == (0, "1 file valid\n"), done.stderr
    broken = installed.outside / "broken.yaml"
    broken.write_text(copy.read_text("utf-8").replace("inherits: pm-2", "inherits: pm-3"), "utf-8")
    done = installed.run("pmframework", "validate", "broken.yaml")
    assert done.returncode == 1
    assert "broken.yaml:" in done.stdout and " PMF102 error 'pm-3' is not a level" in done.stdout


def test_installed_module_entry_point(installed: Installed) -> None:
    done = installed.run("python", "-m", "pmframework", "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("pmframework, version ")


def test_installed_assesses_from_a_spreadsheet(installed: Installed) -> None:
    """The assessment schema and the readiness templates come from the wheel."""
    done = installed.run("pmframework", "assess", "template", "builtin:udemy#pm", "-o", "me.csv")
    assert done.returncode == 0, done.stderr
    done = installed.run("pmframework", "assess", "check", "me.csv")
    assert (done.returncode, done.stdout) == (0, "1 file valid\n"), done.stderr
    done = installed.run("pmframework", "assess", "report", "me.csv", "-o", "readiness.html")
    assert done.returncode == 0, done.stderr
    assert "Senior Product Manager" in (installed.outside / "readiness.html").read_text("utf-8")
