"""Which files ``validate`` takes for ladders, and the project configuration that says so."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import VALID, CliResult

from pmframework.check.discovery import is_json_schema
from pmframework.check.schema import schema_text
from pmframework.cli import options

RunCli = Callable[..., CliResult]

# Valid but with a warning (PMF201: senior expects nothing of strategy).
WARNS = VALID.replace(", inherits: pm}", "}")
NOT_A_LADDER = "name: notes\n"


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _checked(result: CliResult) -> str:
    return result.stdout.splitlines()[-1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_schema_beside_the_ladders_is_not_taken_for_a_ladder(
    run_cli: RunCli, project: Path
) -> None:
    _tree(project, {"ladders/product.yaml": VALID})
    (project / "ladders/ladder.schema.json").write_text(schema_text(1))
    folder = run_cli("validate", "ladders")
    named = run_cli("validate", "ladders/product.yaml", "ladders/ladder.schema.json")
    assert (folder.exit_code, _checked(folder)) == (0, "1 file valid")
    assert (named.exit_code, _checked(named)) == (0, "1 file valid")


@pytest.mark.parametrize(
    "text",
    [
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}',
        '{"$id": "https://example.com/x", "properties": {}}',
        "$schema: 'http://json-schema.org/draft-07/schema#'\ntype: object\n",
        "# a schema written in YAML\n'$id': https://example.com/x\nproperties: {}\n",
    ],
)
def test_json_schemas_are_recognised(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text)
    assert is_json_schema(path)


def test_a_ladder_with_a_schema_key_in_it_is_still_a_ladder(tmp_path: Path) -> None:
    path = tmp_path / "l.json"
    path.write_text(json.dumps({"schema_version": 1, "$schema": "./ladder.schema.json"}))
    assert not is_json_schema(path)
    written = tmp_path / "l.yaml"
    written.write_text("# yaml-language-server: $schema=ladder.schema.json\n$schema: x\n")
    assert not is_json_schema(written)


def test_hidden_vendored_and_virtual_environment_folders_are_never_walked(
    run_cli: RunCli, project: Path
) -> None:
    _tree(
        project,
        {
            "ladders/product.yaml": VALID,
            "node_modules/pkg/package.json": '{"name": "x"}',
            "vendor/x.yaml": NOT_A_LADDER,
            ".github/workflows/ci.yml": NOT_A_LADDER,
            "env/pyvenv.cfg": "home = /usr\n",
            "env/lib/site.yaml": NOT_A_LADDER,
        },
    )
    result = run_cli("validate", ".")
    assert (result.exit_code, _checked(result)) == (0, "1 file valid")


def test_gitignore_is_respected_when_walking_a_folder(run_cli: RunCli, project: Path) -> None:
    (project / ".git").mkdir()
    _tree(
        project,
        {
            ".gitignore": "build/\n",
            "ladders/product.yaml": VALID,
            "ladders/.gitignore": "scratch.yaml\n",
            "ladders/scratch.yaml": NOT_A_LADDER,
            "ladders/build/out.yaml": NOT_A_LADDER,
        },
    )
    result = run_cli("validate", "ladders")
    assert (result.exit_code, _checked(result)) == (0, "1 file valid")


def test_exclude_on_the_command_line(run_cli: RunCli, project: Path) -> None:
    _tree(project, {"ladders/product.yaml": VALID, "ladders/notes.yml": NOT_A_LADDER})
    assert run_cli("validate", "ladders").exit_code == 1
    result = run_cli("validate", "ladders", "--exclude", "notes.yml")
    assert (result.exit_code, _checked(result)) == (0, "1 file valid")
    # Named files are left out too: pre-commit names each changed file.
    named = run_cli("validate", "ladders/product.yaml", "ladders/notes.yml", "--exclude", "*.yml")
    assert (named.exit_code, _checked(named)) == (0, "1 file valid")


@pytest.mark.parametrize("config_file", [".pmframework.toml", "pyproject.toml"])
def test_project_configuration_found_from_a_subfolder(
    run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch, config_file: str
) -> None:
    table = "[tool.pmframework]\n" if config_file == "pyproject.toml" else ""
    settings = 'exclude = ["drafts/"]\nstrict = true\nignore = ["PMF108"]\n'
    _tree(
        project,
        {
            config_file: table + settings,
            "ladders/product.yaml": WARNS,
            "ladders/drafts/x.yaml": NOT_A_LADDER,
        },
    )
    monkeypatch.chdir(project / "ladders")
    result = run_cli("validate", ".", "-v")
    # strict from the configuration: the warning fails; drafts/ is excluded from the root.
    assert result.exit_code == 1
    assert "PMF201 warning" in result.stdout
    assert "1 warning in 1 of 1 file" in result.stdout
    assert f"configuration: {project / config_file}" in result.stderr


def test_include_names_the_ladder_files(run_cli: RunCli, project: Path) -> None:
    _tree(
        project,
        {
            ".pmframework.toml": 'include = ["*.ladder.yaml"]\n',
            "a.ladder.yaml": VALID,
            "other.yaml": NOT_A_LADDER,
        },
    )
    result = run_cli("validate", ".")
    assert (result.exit_code, _checked(result)) == (0, "1 file valid")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("strict = 1\n", "strict must be true or false"),
        ('exclude = "x"\n', "exclude must be a list of strings"),
        ("excludes = []\n", "unknown setting 'excludes'"),
        ("exclude = [\n", "cannot read configuration"),
    ],
)
def test_a_wrong_configuration_is_a_usage_error(
    run_cli: RunCli, project: Path, text: str, message: str
) -> None:
    _tree(project, {".pmframework.toml": text, "l.yaml": VALID})
    result = run_cli("validate", "l.yaml")
    assert result.exit_code == 2
    assert message in result.stderr
    assert ".pmframework.toml" in result.stderr


def test_an_empty_folder_is_an_error(run_cli: RunCli, project: Path) -> None:
    (project / "empty").mkdir()
    result = run_cli("validate", "empty")
    assert result.exit_code == 1
    assert "empty: PMF000 error holds no ladder file" in result.stdout


def test_a_quoted_glob_is_expanded(run_cli: RunCli, project: Path) -> None:
    _tree(project, {"ladders/l1.yaml": VALID, "ladders/l10.yaml": VALID, "ladders/x.yaml": ""})
    result = run_cli("validate", "ladders/l1*.yaml")
    assert (result.exit_code, _checked(result)) == (0, "2 files valid")
    nothing = run_cli("validate", "ladders/z*.yaml")
    assert nothing.exit_code == 1
    assert "ladders/z*.yaml: PMF000 error no file matches this pattern" in nothing.stdout


def test_quiet_prints_findings_only_and_verbose_says_more(run_cli: RunCli, project: Path) -> None:
    _tree(project, {"l.yaml": VALID, "w.yaml": WARNS})
    assert run_cli("validate", "-q", "l.yaml").stdout == ""
    assert run_cli("-q", "validate", "l.yaml").stdout == ""
    quiet = run_cli("validate", "--quiet", "w.yaml")
    assert [line.split()[1:3] for line in quiet.stdout.splitlines()] == [["PMF201", "warning"]]
    written = run_cli("init", "-q", "new.yaml", "--organization", "Z")
    assert (written.exit_code, written.stdout, written.stderr) == (0, "", "")
    verbose = run_cli("diff", "--verbose", "l.yaml", "w.yaml")
    assert "compared as versions" in verbose.stderr


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    work = [str(i) for i in range(options.PROGRESS_FROM)]
    assert list(options.progress("checking")(work)) == work
    assert "checking" in terminal.text
    monkeypatch.setattr(terminal, "isatty", lambda: False)
    terminal.text = ""
    assert list(options.progress("checking")(work)) == work
    assert terminal.text == ""
