"""``pmframework validate``, ``schema`` and ``rules`` as a person or a CI job calls them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, REPO, VALID, CliResult

from pmframework.check.core_rules import CORE_RULES
from pmframework.check.rules import RULES
from pmframework.load.document import load_document
from pmframework.resources import builtin_names

RunCli = Callable[..., CliResult]

# senior inherits a level that does not exist (PMF102 error at 11:59), so expects nothing of
# strategy (PMF201 warning at its id, 11:14).
BROKEN = VALID.replace("inherits: pm}", "inherits: pmm}")
BROKEN_FINDINGS = [
    (11, 14, "PMF201", "warning"),
    (11, 59, "PMF102", "error"),
]
# Only a warning: a placeholder in pm's title (PMF202 at 10:25).
UNFINISHED = VALID.replace("title: PM,", "title: PM TODO,")

FINDING_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<rule>PMF\d{3}) "
                          r"(?P<severity>error|warning) (?P<message>.+)$")  # fmt: skip


@pytest.fixture
def ladders(tmp_path: Path) -> Callable[..., Path]:
    """Write ``name=text`` ladders into tmp_path; returns the path of the last one."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def findings_of(stdout: str) -> list[tuple[str, int, int, str, str]]:
    """(file, line, column, rule, severity) of each finding line of text output."""
    *lines, _summary = stdout.splitlines()
    found = []
    for line in lines:
        match = FINDING_LINE.match(line)
        assert match, line
        found.append(
            (
                match["file"],
                int(match["line"]),
                int(match["column"]),
                match["rule"],
                match["severity"],
            )
        )
    return found


# --- exit codes -------------------------------------------------------------------------------


def test_valid_file_exits_0(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = ladders("valid.yaml", VALID)
    result = run_cli("validate", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "1 file valid\n", "")


@pytest.mark.parametrize("written", ["1.0", "1.00", "1e0"])
def test_a_version_written_as_a_decimal_is_that_version(
    run_cli: RunCli, ladders: Callable[..., Path], written: str
) -> None:
    # JSON Schema's `const: 1` accepts 1.0, so pmframework reads it as version 1, rules and all.
    assert VALID.startswith("schema_version: 1\n")
    valid = ladders("valid.yaml", VALID.replace("1\n", f"{written}\n", 1))
    broken = ladders("broken.yaml", BROKEN.replace("1\n", f"{written}\n", 1))
    assert run_cli("validate", str(valid)) == CliResult(0, "1 file valid\n", "")
    result = run_cli("validate", str(broken))
    assert result.exit_code == 1
    found = [FINDING_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
    assert [
        (int(m["line"]), int(m["column"]), m["rule"], m["severity"]) for m in found if m
    ] == BROKEN_FINDINGS


def test_errors_exit_1_and_say_where(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = ladders("broken.yaml", BROKEN)
    result = run_cli("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:11:14: PMF201 warning level 'senior' expects nothing of competency, even after "
        "inheritance: 'strategy'",
        f"{path}:11:59: PMF102 error 'pmm' is not a level of this ladder; did you mean 'pm'?",
        "1 error, 1 warning in 1 of 1 file",
    ]


def test_warnings_exit_0_unless_strict(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = str(ladders("unfinished.yaml", UNFINISHED))
    result = run_cli("validate", path)
    assert result.exit_code == 0
    assert findings_of(result.stdout) == [(path, 10, 25, "PMF202", "warning")]
    assert run_cli("validate", "--strict", path).exit_code == 1
    assert run_cli("validate", "--strict", str(ladders("valid.yaml", VALID))).exit_code == 0


def test_unreadable_input_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path / 'absent.yaml'}: PMF000 error no such file\n")


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["validate", "--bogus", "x.yaml"], "--bogus"),  # click's wording varies by version
        (["validate"], "Missing argument 'PATHS...'"),
        (["validate", "--format", "xml", "x.yaml"], "Invalid value for '--format'"),
        (["validate", "--select", "PMF999", "x.yaml"], "no rule 'PMF999'; rules are: PMF000,"),
        (["validate", "--ignore", "E501", "x.yaml"], "no rule 'E501'"),
        (["validate", "--ignore", "PMF001", "x.yaml"], "PMF001 cannot be ignored"),
        (["validate", "--ignore", "PMF000", "x.yaml"], "PMF000 cannot be ignored"),
        (["validate", "--ignore", "PMF0", "x.yaml"], "cannot be ignored"),
        (["schema", "--version", "99"], "no schema version 99; known: 1"),
        (["nonsense"], "No such command 'nonsense'"),
    ],
)
def test_usage_errors_exit_2(run_cli: RunCli, args: list[str], complaint: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert result.stdout == ""


# --- output formats ---------------------------------------------------------------------------


def test_json_format(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    broken = str(ladders("broken.yaml", BROKEN))
    valid = str(ladders("valid.yaml", VALID))
    result = run_cli("validate", "--format", "json", "--color", "always", valid, broken)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"format_version", "tool", "valid", "summary", "findings"}
    assert document["format_version"] == 1
    assert document["tool"].startswith("pmframework ")
    assert document["valid"] is False
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 1}
    assert [
        (f["file"], f["line"], f["column"], f["rule"], f["severity"]) for f in document["findings"]
    ] == [
        (broken, line, column, rule, severity) for line, column, rule, severity in BROKEN_FINDINGS
    ]
    finding = document["findings"][1]
    assert set(finding) == {
        "file", "line", "column", "rule", "severity", "message", "json_path",
    }  # fmt: skip
    assert finding["json_path"] == "$.tracks[0].levels[1].inherits"
    assert finding["message"] == "'pmm' is not a level of this ladder; did you mean 'pm'?"


def test_json_format_of_a_valid_run(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    result = run_cli("validate", "--format", "json", str(ladders("valid.yaml", VALID)))
    document = json.loads(result.stdout)
    assert (document["valid"], document["findings"]) == (True, [])
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 0}


def test_json_valid_counts_errors_only(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    # As the README documents: --strict changes the exit code, not what "valid" means.
    path = str(ladders("unfinished.yaml", UNFINISHED))
    result = run_cli("validate", "--strict", "--format", "json", path)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is True
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 1}
    assert document["findings"][0]["line"] == 10


def test_json_finding_about_a_whole_file_has_line_0(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", "--format", "json", str(tmp_path / "absent.yaml"))
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["rule"]) == (0, 0, "PMF000")


def test_github_format(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = str(ladders("dir,with:odd/broken.yaml", BROKEN))
    result = run_cli("validate", "--format", "github", path)
    assert result.exit_code == 1
    escaped = path.replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines() == [
        f"::warning file={escaped},line=11,col=14,title=PMF201::level 'senior' expects nothing "
        "of competency, even after inheritance: 'strategy'",
        f"::error file={escaped},line=11,col=59,title=PMF102::'pmm' is not a level of this "
        "ladder; did you mean 'pm'?",
    ]
    command = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=PMF\d{3}::.+$")
    assert all(command.match(line) for line in result.stdout.splitlines())


def test_github_format_without_a_position(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", "--format", "github", str(tmp_path / "absent.yaml"))
    assert result.stdout == f"::error file={tmp_path}/absent.yaml,title=PMF000::no such file\n"


def test_junit_format(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    valid = str(ladders("valid.yaml", VALID))
    broken = str(ladders("broken.yaml", BROKEN))
    result = run_cli("validate", "--format", "junit", valid, broken)
    assert result.exit_code == 1
    assert result.stdout.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    suite = ElementTree.fromstring(result.stdout.split("\n", 1)[1])
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [valid, broken]
    assert cases[0].findall("failure") == []
    failures = cases[1].findall("failure")
    # The warning does not fail the test case, as it does not fail the run; it is still shown.
    assert [failure.get("type") for failure in failures] == ["PMF102 error"]
    assert failures[0].text == (
        f"{broken}:11:59: PMF102 error 'pmm' is not a level of this ladder; did you mean 'pm'?"
    )
    assert "PMF201 warning" in (cases[1].findtext("system-out") or "")


def test_junit_fails_a_test_case_on_a_warning_only_when_strict(
    run_cli: RunCli, ladders: Callable[..., Path]
) -> None:
    warns = str(ladders("warns.yaml", VALID.replace(", inherits: pm}", "}")))
    for strict, exit_code, failures in ((), 0, "0"), (("--strict",), 1, "1"):
        result = run_cli("validate", "--format", "junit", *strict, warns)
        suite = ElementTree.fromstring(result.stdout.split("\n", 1)[1])
        assert (result.exit_code, suite.get("failures")) == (exit_code, failures)
        assert len(suite.findall("testcase/failure")) == int(failures)


def test_sarif_format(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    broken = str(ladders("broken.yaml", BROKEN))
    result = run_cli("validate", "--format", "sarif", broken)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "pmframework"
    assert {"PMF000", "PMF102", "PMF201"} <= {rule["id"] for rule in rules}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning"}
    found = [
        (
            r["ruleId"],
            r["level"],
            rules[r["ruleIndex"]]["id"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    assert found == [
        ("PMF201", "warning", "PMF201", {"startLine": 11, "startColumn": 14}),
        ("PMF102", "error", "PMF102", {"startLine": 11, "startColumn": 59}),
    ]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == broken


def test_sarif_without_a_position_has_no_region(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", "--format", "sarif", str(tmp_path / "absent yaml"))
    (found,) = json.loads(result.stdout)["runs"][0]["results"]
    location = found["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": f"{tmp_path}/absent%20yaml"}}


def test_sarif_names_a_file_that_is_not_utf8_by_its_bytes(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/bad\xff.yaml"
    with open(name, "w", encoding="utf-8") as file:  # noqa: PTH123 (a bytes path)
        file.write(BROKEN)
    shown = subprocess.run(
        [sys.executable, "-m", "pmframework", "validate", "--format", "sarif", name],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8:strict"},
        check=False,
    )
    assert (shown.returncode, shown.stderr) == (1, b"")
    result = json.loads(shown.stdout)["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == f"{tmp_path}/bad%FF.yaml"


def test_text_findings_are_sorted_by_file_then_position(
    run_cli: RunCli, ladders: Callable[..., Path]
) -> None:
    b = str(ladders("b.yaml", BROKEN))
    a = str(ladders("a.yaml", BROKEN.replace("title: PM,", "title: PM TBD,")))
    result = run_cli("validate", b, a)
    assert [found[:4] for found in findings_of(result.stdout)] == [
        (a, 10, 25, "PMF202"),
        (a, 11, 14, "PMF201"),
        (a, 11, 59, "PMF102"),
        (b, 11, 14, "PMF201"),
        (b, 11, 59, "PMF102"),
    ]
    assert result.stdout.endswith("\n2 errors, 3 warnings in 2 of 2 files\n")


# --- inputs: folders, stdin, built-ins --------------------------------------------------------


def test_folders_are_walked_for_ladder_files(
    run_cli: RunCli, ladders: Callable[..., Path], tmp_path: Path
) -> None:
    ladders("one.yaml", VALID)
    ladders("two.yml", VALID)
    ladders("three.json", json.dumps({"schema_version": 1}))
    ladders("deeper/four.yaml", BROKEN)
    ladders("notes.txt", "not a ladder")
    ladders("README.md", "# not a ladder")
    ladders(".hidden/five.yaml", "not even YAML: [")
    result = run_cli("validate", "--format", "json", str(tmp_path))
    document = json.loads(result.stdout)
    assert document["summary"]["files"] == 4
    assert sorted({f["file"] for f in document["findings"]}) == [
        str(tmp_path / "deeper" / "four.yaml"),
        str(tmp_path / "three.json"),
    ]
    three = [f for f in document["findings"] if f["file"].endswith("three.json")]
    assert [(f["rule"], f["message"]) for f in three] == [
        ("PMF001", "missing required key 'framework'"),
        ("PMF001", "missing required key 'tracks'"),
    ]


def test_a_folder_without_ladders_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a ladder\n")
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path}: PMF000 error holds no ladder file (.yaml, .yml, .json)\n"
        "1 error, 0 warnings in 1 of 1 file\n"
    )


def test_an_unreadable_subfolder_is_an_error(
    run_cli: RunCli, ladders: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ladders("one.yaml", VALID)
    locked = ladders("locked/broken.yaml", BROKEN).parent
    if os.geteuid() == 0:
        # root reads any folder: make this one fail to list as it would for anyone else.
        real_scandir = os.scandir

        def scandir(path: Any = ".") -> Any:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        result = run_cli("validate", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{locked}: PMF000 error cannot read folder: Permission denied\n"
        "1 error, 0 warnings in 1 of 2 files\n"
    )


def test_junit_is_well_formed_whatever_the_file_name(
    run_cli: RunCli, ladders: Callable[..., Path]
) -> None:
    broken = str(ladders("bad\x01\x1b[31mname.yaml", BROKEN))
    result = run_cli("validate", "--format", "junit", broken)
    suite = ElementTree.fromstring(result.stdout.split("\n", 1)[1])
    shown = broken.replace("\x01", "\\x01").replace("\x1b", "\\x1b")
    assert [case.get("name") for case in suite.findall("testcase")] == [shown]
    assert "\x1b" not in run_cli("validate", broken).stdout


@pytest.mark.parametrize("output_format", ["text", "json", "junit", "github"])
def test_a_file_name_that_is_not_utf8_is_printed_as_bytes(
    tmp_path: Path, output_format: str
) -> None:
    name = os.fsencode(tmp_path) + b"/bad\xff.yaml"
    with open(name, "w", encoding="utf-8") as file:  # noqa: PTH123 (a bytes path)
        file.write(BROKEN)
    shown = subprocess.run(
        [sys.executable, "-m", "pmframework", "validate", "--format", output_format, name],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8:strict"},
        check=False,
    )
    assert (shown.returncode, shown.stderr) == (1, b"")
    assert f"{tmp_path}/bad\\xff.yaml".encode() in shown.stdout.replace(b"\\\\", b"\\")


def test_stdin_is_named_stdin(run_cli: RunCli) -> None:
    result = run_cli("validate", "-", input=BROKEN)
    assert result.exit_code == 1
    assert [found[:4] for found in findings_of(result.stdout)] == [
        ("<stdin>", 11, 14, "PMF201"),
        ("<stdin>", 11, 59, "PMF102"),
    ]
    assert run_cli("validate", "-", input=VALID.encode()).stdout == "1 file valid\n"


def test_every_builtin_framework_validates(run_cli: RunCli) -> None:
    names = builtin_names()
    assert names == sorted(path.stem for path in (REPO / "frameworks").glob("*.yaml"))
    result = run_cli("validate", "--format", "json", "builtin:*")
    assert result.exit_code == 0, result.stdout
    summary = json.loads(result.stdout)["summary"]
    assert (summary["files"], summary["errors"]) == (len(names), 0)


def test_builtin_by_name(run_cli: RunCli) -> None:
    name = builtin_names()[0]
    assert run_cli("validate", f"builtin:{name}").stdout == "1 file valid\n"
    result = run_cli("validate", "builtin:no-such-ladder")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "builtin:no-such-ladder: PMF000 error no built-in framework 'no-such-ladder'; known: "
    )


# --- choosing rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "rules"),
    [
        ([], ["PMF202", "PMF201", "PMF102"]),
        (["--select", "PMF102"], ["PMF102"]),
        (["--select", "PMF1"], ["PMF102"]),
        (["--select", "PMF2"], ["PMF202", "PMF201"]),
        (["--select", "PMF201", "--select", "PMF202"], ["PMF202", "PMF201"]),
        (["--ignore", "PMF2"], ["PMF102"]),
        (["--ignore", "PMF202"], ["PMF201", "PMF102"]),
        (["--select", "PMF2", "--ignore", "PMF201"], ["PMF202"]),
        (["--select", "PMF000"], []),
        (["--ignore", "PMF"], []),
    ],
)
def test_select_and_ignore(
    run_cli: RunCli, ladders: Callable[..., Path], options: list[str], rules: list[str]
) -> None:
    path = ladders("x.yaml", BROKEN.replace("title: PM,", "title: PM TBD,"))
    result = run_cli("validate", *options, str(path))
    assert [found[3] for found in findings_of(result.stdout)] == rules
    assert result.exit_code == (1 if "PMF102" in rules else 0)


def test_core_rules_run_whatever_is_selected(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = ladders("x.yaml", VALID.replace("kind: other", "kind: others"))
    result = run_cli("validate", "--select", "PMF2", str(path))
    assert result.exit_code == 1
    assert [found[1:4] for found in findings_of(result.stdout)] == [(8, 11, "PMF001")]


# --- colour -----------------------------------------------------------------------------------

ANSI = "\033["


def test_no_colour_unless_asked(run_cli: RunCli, ladders: Callable[..., Path]) -> None:
    path = str(ladders("broken.yaml", BROKEN))
    # CliRunner's output is not a terminal, so auto (the default) means no colour.
    assert ANSI not in run_cli("validate", path).stdout
    assert ANSI not in run_cli("validate", "--color", "auto", path).stdout
    assert ANSI not in run_cli("validate", "--color", "never", path).stdout


def test_color_always_colours_output_that_is_not_a_terminal(
    run_cli: RunCli, ladders: Callable[..., Path]
) -> None:
    path = str(ladders("broken.yaml", BROKEN))
    coloured = run_cli("validate", "--color", "always", path).stdout
    assert "\033[31merror\033[0m" in coloured and "\033[33mwarning\033[0m" in coloured
    assert re.sub(r"\033\[\d+m", "", coloured) == run_cli("validate", path).stdout


def on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Output of a command whose standard output is a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    primary, secondary = pty.openpty()
    try:
        subprocess.run(args, stdout=secondary, stderr=subprocess.DEVNULL, env=env, check=False)
    finally:
        os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the terminal's other side is closed and everything was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return b"".join(chunks).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_auto_colours_a_terminal_unless_no_color(ladders: Callable[..., Path]) -> None:
    path = str(ladders("broken.yaml", BROKEN))
    command = [sys.executable, "-m", "pmframework", "validate", path]
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = on_a_terminal(command, env)
    assert "'pmm' is not a level" in coloured
    assert ANSI in coloured
    plain = on_a_terminal(command, {**env, "NO_COLOR": "1"})
    assert "'pmm' is not a level" in plain
    assert ANSI not in plain
    assert ANSI in on_a_terminal([*command, "--color", "always"], {**env, "NO_COLOR": "1"})


# --- schema and rules commands ----------------------------------------------------------------


def test_schema_is_a_valid_2020_12_schema(run_cli: RunCli) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == (REPO / "schema" / "ladder" / "v2.schema.json").read_text("utf-8")
    assert run_cli("schema", "--version", "2").stdout == result.stdout
    older = run_cli("schema", "--version", "1").stdout
    assert older == (REPO / "schema" / "ladder" / "v1.schema.json").read_text("utf-8")
    jsonschema.Draft202012Validator.check_schema(json.loads(older))


def test_schema_accepts_the_valid_examples(run_cli: RunCli) -> None:
    # The schema alone, as an editor would apply it, agrees with pmframework's PMF001.
    for version, example in (
        ("1", EXAMPLES / "valid" / "acme-small.yaml"),
        ("2", EXAMPLES / "valid" / "v2" / "gitlab-style.yaml"),
    ):
        schema = json.loads(run_cli("schema", "--version", version).stdout)
        validator = jsonschema.Draft202012Validator(schema)
        assert run_cli("validate", str(example)).exit_code == 0
        assert list(validator.iter_errors(load_document(str(example)).data)) == []


def test_rules_markdown_lists_every_rule(run_cli: RunCli) -> None:
    result = run_cli("rules", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "| id | name | severity | what it checks |"
    ids = [line.split("|")[1].strip() for line in lines[2:]]
    assert ids == [*CORE_RULES, *RULES]
    for line in lines[2:]:
        rule_id, _name, severity = (cell.strip() for cell in line.split("|")[1:4])
        expected = RULES[rule_id].SEVERITY.value if rule_id in RULES else "error"
        assert severity == expected, line


def test_rules_text_lists_every_rule(run_cli: RunCli) -> None:
    result = run_cli("rules")
    assert [line.split()[0] for line in result.stdout.splitlines()] == [*CORE_RULES, *RULES]


@pytest.mark.parametrize("rule_id", ["PMF000", "PMF001", "PMF002", *RULES])
def test_rules_id_explains_a_rule_with_examples(run_cli: RunCli, rule_id: str) -> None:
    result = run_cli("rules", rule_id.lower())
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith(f"{rule_id} ")
    sections = re.split(r"^(Why it matters|Fails|Passes)$", page, flags=re.M)
    assert sections[1::2] == ["Why it matters", "Fails", "Passes"]
    assert all(part.strip() for part in sections)
    fails, passes = (textwrap.dedent(part).strip() for part in sections[4::2])
    assert fails != passes
    if rule_id != "PMF000":  # its failing example is YAML that does not parse, on purpose
        assert all(yaml.safe_load(example) is not None for example in (fails, passes))
    if rule_id in RULES:
        assert (RULES[rule_id].__doc__ or "").strip().splitlines()[-1] in page
        assert run_cli("rules", RULES[rule_id].NAME).stdout == page


def test_rules_with_an_unknown_id_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("rules", "PMF1020")
    assert result.exit_code == 2
    assert "no rule 'PMF1020'; did you mean 'PMF102'?" in result.stderr


def test_shell_completion_offers_the_registered_formats() -> None:
    from click.testing import CliRunner

    from pmframework.cli import main

    env = {
        "_PMFRAMEWORK_COMPLETE": "bash_complete",
        "COMP_WORDS": "pmframework validate --format ",
        "COMP_CWORD": "3",
    }
    result = CliRunner().invoke(main, [], prog_name="pmframework", env=env)
    offered = [line.split(",", 1)[1] for line in result.output.splitlines()]
    assert offered == ["text", "json", "github", "junit", "sarif"]
