"""``pmframework diff`` with git: as the diff driver of ladder files, as a difftool, and
against a revision (``--rev REV LADDER`` and ``REV:path``), in a throw-away repository.

The git configuration used here is the one the README documents.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, CliResult

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

ACME = EXAMPLES / "valid" / "acme-small.yaml"
PMFRAMEWORK = f"{shlex.quote(sys.executable)} -m pmframework"
Run = Callable[..., CliResult]


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with acme.ladder.yaml committed, and pmframework as its diff driver."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    (root / ".gitattributes").write_text("*.ladder.yaml diff=pmframework\n")
    git(root, "config", "diff.pmframework.command", f"{PMFRAMEWORK} diff --git-external-diff")
    shutil.copy(ACME, root / "acme.ladder.yaml")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Acme ladder 1.10")
    return root


def change_one_word(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("across teams", "across groups"), encoding="utf-8")


def test_git_diff_shows_a_ladder_diff_and_goes_on(repo: Path) -> None:
    change_one_word(repo / "acme.ladder.yaml")
    (repo / "notes.txt").write_text("not a ladder\n")
    git(repo, "add", "notes.txt")
    shown = git(repo, "diff", "HEAD")
    assert shown.stdout.startswith(
        "--- a/acme.ladder.yaml (Acme: Product Management Career Ladder 1.10)\n"
        "+++ b/acme.ladder.yaml (Acme: Product Management Career Ladder 1.10)\n"
    )
    assert "    - criteria: Makes trade-offs across [-teams-]{+groups+} explicit.\n" in shown.stdout
    # The driver exits 0, so git goes on to the next file, diffed as usual.
    assert "+not a ladder\n" in shown.stdout
    assert git(repo, "diff", "--exit-code", check=False).returncode == 1


def test_a_file_that_is_not_a_valid_ladder_falls_back_to_a_text_diff(repo: Path) -> None:
    path = repo / "acme.ladder.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rank: 4", "rank: four", 1))
    shown = git(repo, "diff")
    assert shown.stdout.startswith(
        "pmframework: b/acme.ladder.yaml:95:15: PMF001 'four' is not of type 'number'; "
        "showing the text diff\n--- a/acme.ladder.yaml\n+++ b/acme.ladder.yaml\n"
    )
    assert "-        rank: 4\n+        rank: four\n" in shown.stdout


def test_a_new_and_a_renamed_ladder(repo: Path) -> None:
    shutil.copy(ACME, repo / "copy.ladder.yaml")
    git(repo, "add", "copy.ladder.yaml")
    assert git(repo, "diff", "--cached").stdout == (
        "new ladder b/copy.ladder.yaml: Acme: Product Management Career Ladder 1.10 "
        "(3 levels, 4 competencies)\n"
    )
    git(repo, "commit", "-q", "-m", "copy")
    git(repo, "mv", "copy.ladder.yaml", "moved.ladder.yaml")
    change_one_word(repo / "moved.ladder.yaml")
    shown = git(repo, "diff", "-M", "HEAD", "--", "copy.ladder.yaml", "moved.ladder.yaml")
    assert shown.stdout.startswith("--- a/copy.ladder.yaml (Acme")
    assert "+++ b/moved.ladder.yaml (Acme" in shown.stdout
    assert "[-teams-]{+groups+}" in shown.stdout


def test_git_difftool(repo: Path) -> None:
    git(repo, "config", "difftool.pmframework.cmd", f'{PMFRAMEWORK} diff -- "$LOCAL" "$REMOTE"')
    change_one_word(repo / "acme.ladder.yaml")
    shown = git(repo, "difftool", "-y", "--tool=pmframework", "acme.ladder.yaml")
    assert "Makes trade-offs across [-teams-]{+groups+} explicit." in shown.stdout


def test_rev_compares_the_file_with_a_revision(run_cli: Run, repo: Path) -> None:
    change_one_word(repo / "acme.ladder.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "pmframework", "diff", "--rev", "HEAD", "acme.ladder.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("--- HEAD:acme.ladder.yaml (Acme")
    assert "[-teams-]{+groups+}" in result.stdout
    # From anywhere, with a path to the file:
    elsewhere = run_cli("diff", "--rev", "HEAD", str(repo / "acme.ladder.yaml"))
    assert elsewhere.exit_code == 1
    assert "[-teams-]{+groups+}" in elsewhere.stdout
    at_head = run_cli("diff", "--rev", "HEAD", f"{repo / 'acme.ladder.yaml'}#senior-pm")
    assert at_head.stdout.splitlines()[3] == (
        "Senior Product Manager over Senior Product Manager: 1 reworded criterion"
    )


def test_a_side_given_as_rev_colon_path(repo: Path) -> None:
    change_one_word(repo / "acme.ladder.yaml")
    git(repo, "commit", "-q", "-am", "groups")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmframework",
            "diff",
            "HEAD~1:acme.ladder.yaml",
            "HEAD:./acme.ladder.yaml",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "--- HEAD~1:acme.ladder.yaml (Acme: Product Management Career Ladder 1.10)\n"
        "+++ HEAD:./acme.ladder.yaml (Acme"
    )


def test_rev_outside_a_repository_is_a_clear_error(run_cli: Run, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(ACME, outside / "acme.yaml")
    result = run_cli("diff", "--rev", "HEAD", str(outside / "acme.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmframework: error: {outside} is not in a git repository; REV:path and --rev read "
        "older versions of a ladder with git show\n"
    )


def test_a_path_missing_from_the_revision(run_cli: Run, repo: Path) -> None:
    shutil.copy(ACME, repo / "new.yaml")
    result = run_cli("diff", "--rev", "HEAD", str(repo / "new.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("pmframework: error: git show HEAD:./new.yaml: ")
    assert "new.yaml" in result.stderr


def test_an_unmerged_path(run_cli: Run) -> None:
    result = run_cli("diff", "--git-external-diff", "acme.ladder.yaml")
    assert (result.exit_code, result.stdout) == (0, "* Unmerged path acme.ladder.yaml\n")


def test_a_ladder_whose_name_starts_with_a_dash(repo: Path) -> None:
    git(repo, "mv", "--", "acme.ladder.yaml", "-x.ladder.yaml")
    git(repo, "commit", "-q", "-m", "renamed")
    change_one_word(repo / "-x.ladder.yaml")
    shown = git(repo, "diff")
    assert shown.stdout.startswith("--- a/-x.ladder.yaml (Acme")
    assert "[-teams-]{+groups+}" in shown.stdout


def test_driver_options_after_the_flag_and_a_dashed_path(run_cli: Run, tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    shutil.copy(ACME, changed)
    change_one_word(changed)
    old, new = "1" * 40, "2" * 40
    result = run_cli(
        "diff", "--git-external-diff", "--format", "markdown",
        "-h.ladder.yaml", str(ACME), old, "100644", str(changed), new, "100644",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("**pmframework diff**: 1 expectation changed\n")
    assert "a/-h.ladder.yaml" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--", "--output=stolen.txt:x", "acme.ladder.yaml"),
        ("--", "--output=stolen.txt:acme.ladder.yaml", "acme.ladder.yaml"),
        ("--rev", "--output=stolen.txt", "acme.ladder.yaml"),
    ],
)
def test_a_revision_is_never_an_option_of_git(
    run_cli: Run, repo: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    def files() -> set[Path]:
        return {p for p in repo.rglob("*") if ".git" not in p.relative_to(repo).parts}

    before = files()
    monkeypatch.chdir(repo)
    result = run_cli("diff", *args)
    assert result.exit_code == 2
    assert files() == before
