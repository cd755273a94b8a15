"""`pmframework assess`: template, check, report and diff of a person's assessments.

Every command runs on every built-in; the rules are checked at the lines they point at; bad
input is one line with its exit code; outputs are written whole or not at all; and nothing a
person wrote as evidence appears in output they did not ask for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmframework.assess.checks import RULES, check_file
from pmframework.check.engine import load_ladder
from pmframework.resources import builtin_names
from tests.conftest import CliResult

Run = Callable[..., CliResult]
SECRET = "Confidential Dana launch of Q3 pricing"  # evidence no other output may show


def first_level(name: str) -> str:
    ladder = load_ladder(f"builtin:{name}")
    return min(ladder.tracks[0].levels, key=lambda level: level.rank).id


def fill(path: Path, out: Path, statuses: list[str | None], role: str = "self") -> dict[str, Any]:
    """The blank at ``path`` with statuses given in turn, evidence where they need it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["assessor"] = {"role": role}
    entries = data["criteria"] + data.get("promotion", [])
    for i, entry in enumerate(entries):
        status = statuses[i % len(statuses)]
        entry["status"] = status
        entry["evidence"] = (
            [{"text": f"{SECRET} #{i}", "link": f"https://example.com/{i}", "date": "2026-10-01"}]
            if status in ("met", "partly")
            else []
        )
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


@pytest.mark.parametrize("name", builtin_names())
def test_every_command_on_every_builtin(name: str, run_cli: Run, tmp_path: Path) -> None:
    level = first_level(name)
    spec = f"builtin:{name}#{level}"
    for suffix in ("yaml", "md", "csv", "xlsx"):
        done = run_cli("assess", "template", spec, "-o", str(tmp_path / f"blank.{suffix}"))
        assert done.exit_code == 0, done.stderr
    # A blank is valid, and the spreadsheets read back as the same assessment.
    for suffix in ("yaml", "csv", "xlsx"):
        done = run_cli("assess", "check", str(tmp_path / f"blank.{suffix}"))
        assert done.exit_code == 0, done.stdout
    blank = yaml.safe_load((tmp_path / "blank.yaml").read_text(encoding="utf-8"))
    assert blank["criteria"], "a blank lists the criteria of both levels"
    sheet = check_file(str(tmp_path / "blank.xlsx")).assessment
    text = check_file(str(tmp_path / "blank.yaml")).assessment
    assert sheet is not None and text is not None
    assert [e.key for e in sheet.entries] == [e.key for e in text.entries]
    checklist = (tmp_path / "blank.md").read_text(encoding="utf-8")
    assert checklist.count("- [ ] ") == len(text.entries)

    fill(tmp_path / "blank.yaml", tmp_path / "before.yaml", ["not-yet", "partly", None])
    fill(tmp_path / "blank.yaml", tmp_path / "after.yaml", ["met", "partly", "not-applicable"])
    for path in ("before.yaml", "after.yaml"):
        done = run_cli("assess", "check", str(tmp_path / path))
        assert done.exit_code == 0, done.stdout
        assert SECRET not in done.stdout + done.stderr
    for suffix in ("html", "md"):
        out = tmp_path / f"readiness.{suffix}"
        done = run_cli("assess", "report", str(tmp_path / "after.yaml"), "-o", str(out))
        assert done.exit_code == 0, done.stderr
        assert SECRET in out.read_text(encoding="utf-8")  # asked for: the evidence is cited
    done = run_cli("assess", "diff", str(tmp_path / "before.yaml"), str(tmp_path / "after.yaml"))
    assert done.exit_code == 1
    assert "not-yet → met" in done.stdout and "+ evidence" in done.stdout


def test_the_pdf_report_has_pages(run_cli: Run, tmp_path: Path) -> None:
    import pypdf

    run_cli("assess", "template", "builtin:product-management#pm", "-o", str(tmp_path / "b.yaml"))
    fill(tmp_path / "b.yaml", tmp_path / "a.yaml", ["met", "partly", "not-yet"])
    out = tmp_path / "readiness.pdf"
    done = run_cli("assess", "report", str(tmp_path / "a.yaml"), "-o", str(out))
    assert done.exit_code == 0, done.stderr
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) >= 2
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Product Manager → Senior Product Manager" in first
    assert f"Page 1 of {len(reader.pages)}" in first


def make_blank(run_cli: Run, tmp_path: Path, level: str = "pm") -> dict[str, Any]:
    path = tmp_path / f"blank-{level}.yaml"
    done = run_cli("assess", "template", f"builtin:product-management#{level}", "-o", str(path))
    assert done.exit_code == 0, done.stderr
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize(
    ("rule", "change", "needle"),
    [
        ("PMA101", lambda d: d.update(target_level="senior-pn"), "target_level:"),
        ("PMA102", lambda d: d.update(target_level="apm"), "target_level:"),
        (
            "PMA103",
            lambda d: next(e for e in d["criteria"] if "competency" in e).update(competency="x"),
            "competency: x",
        ),
        (
            "PMA104",
            lambda d: d["criteria"][0].update(criterion="Shows some critical thinking."),
            "criterion: Shows some",
        ),
        (
            "PMA105",
            lambda d: d["criteria"][1].update(status="met", evidence=[]),
            "status: met",
        ),
        ("PMA106", lambda d: d.update(ladder_version="0.9.0"), "ladder_version:"),
        ("PMA107", lambda d: d["criteria"].append(dict(d["criteria"][0])), None),
        ("PMA108", lambda d: d["criteria"].pop(), "criteria:"),
        ("PMA001", lambda d: d["criteria"][2].update(status="done"), "status: done"),
        ("PMA002", lambda d: d.update(ladder="missing.yaml"), "ladder: missing.yaml"),
    ],
)
def test_each_rule_points_at_its_line(
    rule: str, change: Callable[[dict[str, Any]], None], needle: str | None, run_cli: Run,
    tmp_path: Path,
) -> None:  # fmt: skip
    data = make_blank(run_cli, tmp_path)
    change(data)
    path = write(tmp_path, data)
    findings = check_file(str(path)).findings
    assert rule in {f.rule for f in findings}, findings
    found = next(f for f in findings if f.rule == rule)
    if needle is not None:
        assert found.line == line_of(path, needle)
    if rule == "PMA107":  # the copy is reported, pointing back at the first
        first = check_file(str(path)).document
        assert first is not None
        assert found.message.endswith(f"(see line {first.position(('criteria', 0))[0]})")
    done = run_cli("assess", "check", str(path))
    assert f"{path}:{found.line}:{found.column}: {rule}" in done.stdout
    assert RULES[rule][0] == found.severity
    errors = [f for f in findings if f.severity.value == "error"]
    assert done.exit_code == (1 if errors else 0)


def test_a_reworded_criterion_is_named_and_since_says_what_changed(
    run_cli: Run, tmp_path: Path
) -> None:
    """An assessment made for an older ladder: the criterion it quotes was reworded since, and
    --since OLD names the changes to its levels from the version diff."""
    from pmframework.resources import builtin_path

    old_text = tmp_path / "old.yaml"

    source = builtin_path("product-management")
    assert source is not None
    text = source.read_text(encoding="utf-8")
    old = text.replace("Thinks in bets.", "Thinks in bets, and says how sure they are.", 1)
    old = old.replace('version: "1.0.0"', 'version: "0.9.0"', 1)
    assert old != text
    old_text.write_text(old, encoding="utf-8")
    data = make_blank(run_cli, tmp_path)
    data["ladder_version"] = "0.9.0"
    for entry in data["criteria"]:
        if entry["criterion"] == "Thinks in bets.":
            entry["criterion"] = "Thinks in bets, and says how sure they are."
    path = write(tmp_path, data)
    done = run_cli("assess", "check", str(path))
    assert "PMA104" in done.stdout and "'Thinks in bets.'" in done.stdout
    assert "PMA106" in done.stdout and "pass --since" in done.stdout
    since = run_cli("assess", "check", str(path), "--since", str(old_text))
    assert "PMA106" in since.stdout and "expectation" in since.stdout
    assert "Senior Product Manager › Product sense and judgement changed" in since.stdout
    assert "'Thinks in bets, and says how sure they are.' → 'Thinks in bets.'" in since.stdout


def test_merged_report_shows_agreement_and_difference(run_cli: Run, tmp_path: Path) -> None:
    run_cli("assess", "template", "builtin:product-management#pm", "-o", str(tmp_path / "b.yaml"))
    fill(tmp_path / "b.yaml", tmp_path / "self.yaml", ["met"], role="self")
    fill(tmp_path / "b.yaml", tmp_path / "manager.yaml", ["met", "partly"], role="manager")
    out = tmp_path / "r.md"
    done = run_cli(
        "assess", "report", str(tmp_path / "self.yaml"), str(tmp_path / "manager.yaml"), "-o",
        str(out),
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    report = out.read_text(encoding="utf-8")
    assert "Assessed by self, manager" in report
    assert "**Assessors differ**" in report and "  - manager: **Partly**" in report
    assert "- **Met** — Shows great critical thinking." in report


def test_bad_inputs_are_one_line_with_their_exit_code(run_cli: Run, tmp_path: Path) -> None:
    cases = {
        "empty.yaml": b"",
        "binary.yaml": b"\xff\xfe\x00junk",
        "list.yaml": b"- a\n- b\n",
        "broken.yaml": b"assessment_version: 1\nladder: [\n",
        "latin1.yaml": "ladder: caf\xe9\n".encode("latin-1"),
        "ladder.yaml": b"schema_version: 1\nframework: {}\ntracks: []\n",
        "open.csv": b'ladder,"builtin:product-management\n',
        "noheader.csv": b"ladder,builtin:product-management\n",
        "notxlsx.xlsx": b"PK\x03\x04 not a zip",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        done = run_cli("assess", "check", str(path))
        assert done.exit_code == 1, (name, done.stdout)
        first = done.stdout.splitlines()[0]
        assert first.startswith(f"{path}") and "PMA000" in first, (name, first)
        assert "a ladder starts" not in first and "a ladder is" not in first
        assert "Traceback" not in done.stdout + done.stderr
        report = run_cli("assess", "report", str(path), "-o", str(tmp_path / "r.html"))
        assert report.exit_code == 1 and len(report.stderr.splitlines()) == 1, name
        assert report.stderr.startswith(f"pmframework: error: {path}")
        moved = run_cli("assess", "diff", str(path), str(path))
        assert moved.exit_code == 2 and len(moved.stderr.splitlines()) == 1, name
    usage = run_cli("assess", "template", "builtin:product-management")
    assert usage.exit_code == 2 and "LADDER#LEVEL" in usage.stderr
    unknown = run_cli("assess", "template", "builtin:product-management#senior-pn")
    assert unknown.exit_code == 1 and "did you mean 'senior-pm'" in unknown.stderr


def test_output_is_written_whole_or_not_at_all(run_cli: Run, tmp_path: Path) -> None:
    data = make_blank(run_cli, tmp_path)
    data["current_level"] = "nope"
    bad = write(tmp_path, data, "bad.yaml")
    out = tmp_path / "readiness.html"
    out.write_text("previous report", encoding="utf-8")
    done = run_cli("assess", "report", str(bad), "-o", str(out))
    assert done.exit_code == 1 and "PMA101" in done.stderr
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.yaml",
        "blank-pm.yaml",
        "readiness.html",
    ]
    # A template never replaces an assessment someone has filled in, unless told to.
    again = run_cli("assess", "template", "builtin:product-management#pm", "-o", str(bad))
    assert again.exit_code == 1 and "--force" in again.stderr
    same = run_cli("assess", "report", str(bad), "-o", str(bad))
    assert same.exit_code != 0 and yaml.safe_load(bad.read_text(encoding="utf-8")) == data


def test_personal_data_stays_out_of_findings(run_cli: Run, tmp_path: Path) -> None:
    """Findings name ids, statuses and places, never what a person wrote as evidence, even
    when that evidence is itself malformed."""
    data = make_blank(run_cli, tmp_path)
    data["person"] = "Dana Example"
    data["criteria"][0].update(
        status="met",
        evidence=[{"text": SECRET, "link": f"javascript:{SECRET}", "date": SECRET}],
    )
    data["criteria"][1].update(status="partly", evidence=[{"note": SECRET}])
    path = write(tmp_path, data)
    for output_format in ("text", "json", "github", "junit"):
        done = run_cli("assess", "check", str(path), "--format", output_format)
        assert done.exit_code == 1
        assert SECRET not in done.stdout and "Dana" not in done.stdout
    template = run_cli("assess", "template", "builtin:product-management#pm")
    assert "person" not in template.stdout


def test_json_progress(run_cli: Run, tmp_path: Path) -> None:
    run_cli("assess", "template", "builtin:udemy#pm", "-o", str(tmp_path / "b.yaml"))
    fill(tmp_path / "b.yaml", tmp_path / "a.yaml", ["not-yet"])
    fill(tmp_path / "b.yaml", tmp_path / "b2.yaml", ["partly"])
    done = run_cli("assess", "diff", str(tmp_path / "a.yaml"), str(tmp_path / "b2.yaml"),
                   "--format", "json")  # fmt: skip
    moved = json.loads(done.stdout)["moved"]
    assert moved and all(m["direction"] == "forward" for m in moved)
    same = run_cli("assess", "diff", str(tmp_path / "a.yaml"), str(tmp_path / "a.yaml"))
    assert same.exit_code == 0


def test_python_api() -> None:
    import pmframework

    assert {"load_assessment", "check_assessments", "readiness", "assessment_progress"} <= set(
        pmframework.__all__
    )
    report = pmframework.check_assessments(["builtin:product-management"])
    assert [f.rule for f in report.findings] == ["PMA000"]


def test_readme_lists_the_rules_and_formats() -> None:
    from pmframework.assess import PROGRESS_FORMATS, REPORT_FORMATS, TEMPLATE_FORMATS
    from pmframework.cli import main
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Assess\n", 1)[1].split("\n## ", 1)[0]
    rows = [f"| {rule} | {severity.value} | {text} |" for rule, (severity, text) in RULES.items()]
    assert [line for line in section.splitlines() if line.startswith("| PMA")] == rows
    group = main.commands["assess"]
    for command, registry in (
        ("template", TEMPLATE_FORMATS), ("report", REPORT_FORMATS), ("diff", PROGRESS_FORMATS),
    ):  # fmt: skip
        params = group.commands[command].params  # type: ignore[attr-defined]
        option = next(p for p in params if p.name == "output_format")
        assert list(option.type.choices) == list(registry)
        assert f"--format {'|'.join(registry)}" in section


def test_the_readiness_page_runs_nothing_and_fetches_nothing(run_cli: Run, tmp_path: Path) -> None:
    data = make_blank(run_cli, tmp_path)
    data["criteria"][0].update(
        status="met",
        evidence=[{"text": "<script>alert(1)</script>", "link": 'https://x.test/"><b>'}],
    )
    path = write(tmp_path, data)
    out = tmp_path / "r.html"
    assert run_cli("assess", "report", str(path), "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "default-src 'none'" in page and '"><b>' not in page


def test_a_json_assessment_points_at_its_lines(run_cli: Run, tmp_path: Path) -> None:
    data = make_blank(run_cli, tmp_path)
    data["criteria"][1]["status"] = "met"
    path = tmp_path / "me.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    done = run_cli("assess", "check", str(path))
    line = line_of(path, '"status": "met"')
    assert done.stdout.startswith(f"{path}:{line}:") and "PMA105" in done.stdout


def test_assessments_of_different_levels_are_not_merged(run_cli: Run, tmp_path: Path) -> None:
    data = make_blank(run_cli, tmp_path)
    first = write(tmp_path, data, "self.yaml")
    other = make_blank(run_cli, tmp_path, "senior-pm")
    second = write(tmp_path, other, "peer.yaml")
    out = tmp_path / "r.html"
    done = run_cli("assess", "report", str(first), str(second), "-o", str(out))
    assert done.exit_code == 2 and not out.exists()
    assert done.stderr.count("\n") == 1 and "merge assessments of the same levels" in done.stderr


def test_numbers_and_booleans_are_read_as_written(run_cli: Run, tmp_path: Path) -> None:
    """Every value but assessment_version is text: 1.10 is not 1.1, yes is not true."""
    data = make_blank(run_cli, tmp_path)
    text = yaml.safe_dump(data, sort_keys=False).replace(
        "ladder_version: 1.0.0", "ladder_version: 1.10"
    )
    text = text.replace("role: self", "role: self\n  name: yes", 1)
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    findings = check_file(str(path)).findings
    assert [(f.rule, f.message[:31]) for f in findings] == [
        ("PMA106", "made for version 1.10 of the la")
    ]
