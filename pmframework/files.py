"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pmframework.errors import LadderError, Location, PmframeworkError


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new one, never half.

    The content goes to a temporary file beside the target, which then replaces it in one
    rename; on any failure the temporary file is removed and the target is untouched.
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise PmframeworkError(f"{target}: cannot write: folder {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise PmframeworkError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o644 & ~_umask())
        Path(temporary).replace(target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise PmframeworkError(f"{target}: cannot write: {error.strerror or error}") from None
        raise


def refuse_to_replace(path: str | Path, *, force: bool) -> None:
    """For commands that create a file the user then edits (init, import): an existing file is
    kept unless ``force`` says to replace it."""
    if not force and Path(path).exists():
        raise LadderError(Location(str(path)), "already exists; pass --force to replace it")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
