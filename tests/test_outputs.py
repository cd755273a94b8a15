"""What ``-o`` does to the file it names (pmframework.files.write_output, used by render,
export, import and init): an input is never overwritten, a device or a pipe is written into,
a link is followed, a replaced file keeps its mode and its hard links, ``-`` is standard output.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, CliResult

ACME = EXAMPLES / "valid" / "acme-small.yaml"
RunCli = Callable[..., CliResult]
RENDER = ("render", str(ACME), "--format", "markdown", "-o")


def rendered(run_cli: RunCli, output: Path | str) -> CliResult:
    result = run_cli(*RENDER, str(output))
    assert result.exit_code == 0, result.stderr
    return result


def test_a_character_device_is_written_into_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # As root (CI often is) the bug replaced the device; use one of our own, not /dev/null.
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        device = Path(os.devnull)
    rendered(run_cli, device)
    assert stat.S_ISCHR(device.stat().st_mode)
    assert not list(tmp_path.glob(".null.*"))


def test_a_fifo_is_written_into_and_its_reader_gets_everything(
    run_cli: RunCli, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    rendered(run_cli, fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"# Product Management Career Ladder")


@pytest.mark.parametrize("stdout", ["pipe", "file"])
def test_a_link_to_standard_output_writes_to_it(tmp_path: Path, stdout: str) -> None:
    # /dev/stdout is such a link; one of our own, so that a regression cannot replace the
    # machine's /dev/stdout (as root it would).
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    redirected = tmp_path / "redirected.txt"
    with redirected.open("wb") as file:
        shown = subprocess.run(
            [sys.executable, "-m", "pmframework", *RENDER, str(link)],
            stdout=subprocess.PIPE if stdout == "pipe" else file,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=False,
        )
    assert shown.returncode == 0, shown.stderr
    written = shown.stdout if stdout == "pipe" else redirected.read_bytes()
    assert written.startswith(b"# Product Management Career Ladder")
    assert b"wrote" not in written
    assert shown.stderr == b"wrote " + str(link).encode() + b" (markdown)\n"
    assert link.is_symlink()


def test_a_symlink_is_followed_and_kept(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "ladder.md"
    target.write_text("old\n")
    link = tmp_path / "ladder.md"
    link.symlink_to(Path("real") / "ladder.md")
    rendered(run_cli, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# Product Management")


def test_a_dangling_symlink_creates_what_it_names(run_cli: RunCli, tmp_path: Path) -> None:
    link = tmp_path / "ladder.md"
    link.symlink_to("new.md")
    rendered(run_cli, link)
    assert link.is_symlink()
    assert (tmp_path / "new.md").read_text(encoding="utf-8").startswith("# Product Management")


def test_a_replaced_file_keeps_its_mode(run_cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "private.md"
    output.write_text("old\n")
    output.chmod(0o600)
    rendered(run_cli, output)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert output.read_text(encoding="utf-8").startswith("# Product Management")


def test_a_file_with_hard_links_is_rewritten_in_place(run_cli: RunCli, tmp_path: Path) -> None:
    output, other = tmp_path / "ladder.md", tmp_path / "published.md"
    output.write_text("old\n")
    os.link(output, other)
    rendered(run_cli, output)
    assert output.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8").startswith("# Product Management")


def test_a_new_file_is_written_whole(run_cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "ladder.md"
    rendered(run_cli, output)
    assert output.read_text(encoding="utf-8").startswith("# Product Management")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder.md"]


@pytest.mark.parametrize(
    "command",
    [
        ("render", "{ladder}", "-o", "{output}", "--format", "markdown"),
        ("export", "{ladder}", "-o", "{output}", "--format", "csv", "--track", "ic"),
        ("init", "{output}", "--from", "{ladder}", "--organization", "Acme", "--force"),
    ],
    ids=["render", "export", "init"],
)
@pytest.mark.parametrize("how", ["same name", "symlink", "hard link"])
def test_an_output_that_is_the_input_is_refused(
    run_cli: RunCli, tmp_path: Path, command: tuple[str, ...], how: str
) -> None:
    ladder = tmp_path / "ladder.yaml"
    shutil.copy(ACME, ladder)
    output = ladder
    if how == "symlink":
        output = tmp_path / "out.yaml"
        output.symlink_to(ladder)
    elif how == "hard link":
        output = tmp_path / "out.yaml"
        os.link(ladder, output)
    args = [arg.format(ladder=ladder, output=output) for arg in command]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmframework: error: {output}: is also the input {ladder}; "
        "write the output to another file\n"
    )
    assert ladder.read_bytes() == ACME.read_bytes()


def test_import_refuses_to_write_over_its_sheet(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "ladder.csv"
    sheet.write_text("Competency,Junior,Senior\nStrategy,Knows it.,Sets it.\n")
    before = sheet.read_bytes()
    result = run_cli("import", str(sheet), "-o", str(sheet), "--force")
    assert result.exit_code == 2
    assert "is also the input" in result.stderr
    assert sheet.read_bytes() == before


def test_dash_is_standard_output_for_render(run_cli: RunCli) -> None:
    result = rendered(run_cli, "-")
    assert result.stdout.startswith("# Product Management Career Ladder")
    assert result.stderr == "wrote - (markdown)\n"


def test_dash_is_standard_output_for_export_and_import(run_cli: RunCli, tmp_path: Path) -> None:
    exported = run_cli("export", str(ACME), "-o", "-", "--format", "csv", "--track", "ic")
    assert exported.exit_code == 0, exported.stderr
    # The row of metadata (the ladder, for import to give it back whole), then the header.
    assert exported.stdout.startswith("\ufeffpmframework ladder,")
    assert exported.stdout.splitlines()[1].startswith("Area,Competency,Description,")
    sheet = tmp_path / "ladder.csv"
    sheet.write_text(exported.stdout, encoding="utf-8")
    imported = run_cli("import", str(sheet), "-o", "-")
    assert imported.exit_code == 0, imported.stderr
    assert "schema_version: 2\n" in imported.stdout
    assert imported.stderr.startswith("wrote -: ")


def test_dash_takes_one_csv_track(run_cli: RunCli) -> None:
    result = run_cli("export", str(ACME), "-o", "-", "--format", "csv")
    assert result.exit_code == 2
    assert "choose one for standard output with --track" in result.stderr
    assert result.stdout == ""


# --- every command that writes: -, new folders, one overwrite policy ---------------------------

SHEET = REPO / "tests" / "fixtures" / "spreadsheets" / "pm-ladder.csv"


@pytest.mark.parametrize(
    "command",
    [
        ("render", str(ACME), "--format", "markdown"),
        ("export", str(ACME), "--format", "csv", "--track", "ic"),
        ("import", str(SHEET)),
        ("init", "--organization", "Z"),
        ("diff", str(ACME), "builtin:product-management", "--write-map"),
    ],
    ids=lambda command: command[0],
)
def test_dash_is_standard_output_for_every_command_that_writes(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    args = (*command, "-") if command[0] in {"init", "diff"} else (*command, "-o", "-")
    result = run_cli(*args)
    assert result.exit_code in {0, 1}, result.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "-", no schema beside it
    assert result.stdout.strip()


@pytest.mark.parametrize(
    ("command", "replaces"),
    [
        (("render", str(ACME), "-o", "out/ladder.md"), True),
        (("export", str(ACME), "-o", "out/ladder.csv"), True),
        (("import", str(SHEET), "-o", "out/ladder.yaml"), False),
        (("init", "out/ladder.yaml", "--organization", "Z"), False),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else str(value),
)
def test_new_folders_are_made_and_only_generated_outputs_are_replaced(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    replaces: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    first = run_cli(*command)
    assert first.exit_code == 0, first.stderr
    written = next(p for p in (tmp_path / "out").iterdir() if p.stem.startswith("ladder"))
    written.write_text("edited by hand\n")
    again = run_cli(*command)
    if replaces:
        assert again.exit_code == 0
        assert written.read_text() != "edited by hand\n"
    else:
        assert again.exit_code != 0
        assert "--force" in again.stderr
        assert written.read_text() == "edited by hand\n"
        assert run_cli(*command, "--force").exit_code == 0


@pytest.mark.parametrize("command", ["init", "import"])
def test_init_and_import_point_editors_at_the_schema_written_beside(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    args = (
        ("init", "ladders/product.yaml", "--organization", "Z")
        if command == "init"
        else ("import", str(SHEET), "-o", "ladders/product.yaml")
    )
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    ladder = (tmp_path / "ladders" / "product.yaml").read_text()
    assert ladder.startswith("# yaml-language-server: $schema=ladder.schema.json\n")
    schema = tmp_path / "ladders" / "ladder.schema.json"
    assert schema.read_text() == run_cli("schema").stdout
    assert "wrote ladders/ladder.schema.json" in result.stdout
    # The schema beside the ladder is not taken for one.
    assert run_cli("validate", "ladders").stdout.endswith("1 file valid\n")
