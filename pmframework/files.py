"""Writing output files: whole or not at all, and never destroying what is not ours to replace.

``write_output`` is the one function every command that writes a file goes through:

* ``-`` is standard output, and so is a path to the file standard output goes to;
* an output that is one of the command's inputs is refused (``render l.yaml -o l.yaml`` would
  otherwise replace the ladder with its own rendering);
* a character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written into,
  never replaced by a regular file;
* a symbolic link is followed: the file it points to is replaced and the link stays;
* a regular file is replaced in one rename, keeping its permission bits (and, where allowed,
  its owner), so readers see the old file or the new one, never half;
* the folders of a new output are created;
* a regular file with more than one hard link is rewritten in place instead, so that every
  name still shows the same file; the content is complete in memory before the file is opened,
  but an I/O error midway (a full disk) can leave such a file partly written.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pmframework.errors import LadderError, Location, PmframeworkError, UsageError

STDOUT = "-"


def write_output(path: str | Path, content: str | bytes, *, inputs: Iterable[str] = ()) -> None:
    """Write ``content`` to ``path`` (``-`` for standard output) as the module docstring says;
    ``inputs`` are the files the content was made from, which ``path`` must not be."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if is_standard_output(path):
        # Also for /dev/stdout redirected to a file: opening it anew would write from the
        # start of that file, over what standard output wrote there before.
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise _cannot_write(target, error) from None
    if status is None:
        # A new file, or a link to one that does not exist yet: create what the link names.
        _replace(Path(os.path.realpath(target)) if target.is_symlink() else target, data, None)
        return
    _refuse_input(target, status, inputs)
    if stat.S_ISDIR(status.st_mode):
        raise PmframeworkError(f"{target}: cannot write: is a folder")
    real = Path(os.path.realpath(target))
    if (
        not stat.S_ISREG(status.st_mode)
        or status.st_nlink > 1
        or _is_system(target)
        or not _same_file(real, status)
    ):
        _write_into(target, data)
    else:
        _replace(real, data, status)


def is_standard_output(path: str | Path) -> bool:
    """Whether ``path`` is ``-`` or names the file standard output writes to."""
    if str(path) == STDOUT:
        return True
    try:
        return os.path.samestat(Path(path).stat(), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False  # no such file, or standard output is not a file (a test's capture)


def refuse_to_replace(path: str | Path, *, force: bool) -> None:
    """For commands that create a file the user then edits (init, import): an existing file is
    kept unless ``force`` says to replace it. Devices and pipes are not files one edits."""
    if not force and str(path) != STDOUT and Path(path).is_file():
        raise LadderError(Location(str(path)), "already exists; pass --force to replace it")


def _refuse_input(target: Path, status: os.stat_result, inputs: Iterable[str]) -> None:
    for spec in inputs:
        if spec == STDOUT or not stat.S_ISREG(status.st_mode):
            continue
        if _same_file(Path(spec), status):
            raise UsageError(
                f"{target}: is also the input {spec}; write the output to another file"
            )


def _same_file(path: Path, status: os.stat_result) -> bool:
    try:
        return os.path.samestat(path.stat(), status)
    except (OSError, ValueError):
        return False


def _is_system(path: Path) -> bool:
    """Whether ``path``, or a link on the way to its file, lies in /dev or /proc: such files
    (/dev/stdout → /proc/self/fd/1 → the shell's redirection) are written into, never
    replaced."""
    for _ in range(40):  # the kernel's limit on links followed
        if path.absolute().parts[1:2] in (("dev",), ("proc",)):
            return True
        if not path.is_symlink():
            return False
        path = path.parent / path.readlink()
    return False


def _write_into(target: Path, data: bytes) -> None:
    """Write into the file as it is: a device, a pipe, or a file whose links must be kept."""
    try:
        with target.open("wb") as stream:
            stream.write(data)
    except OSError as error:
        raise _cannot_write(target, error) from None


def _replace(target: Path, data: bytes, old: os.stat_result | None) -> None:
    """Write to a temporary file beside ``target``, then rename it over ``target`` in one step;
    on any failure the temporary file is removed and ``target`` is untouched."""
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        # `init ladders/product.yaml` in a new repository: the folders of an output are made.
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_write(target, error) from None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _cannot_write(target, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if old is not None:
            # Keep the owner where allowed (as root, replacing someone's file); chown first,
            # as it may clear the set-id bits that chmod then restores.
            with contextlib.suppress(OSError):
                os.chown(temporary, old.st_uid, old.st_gid)
        Path(temporary).chmod(stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask())
        Path(temporary).replace(target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from None
        raise


def _cannot_write(target: Path, error: OSError) -> PmframeworkError:
    return PmframeworkError(f"{target}: cannot write: {error.strerror or error}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
