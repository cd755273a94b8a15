"""What an exported sheet says that its cells cannot, so that it imports back as the same ladder.

``pmframework export`` writes, above each sheet's header, one metadata row: ``pmframework
ladder`` in its first cell, then the ladder as JSON (the whole ladder as written, composed over
any base, at the newest schema version), cut into cells of at most CHUNK characters, since a
spreadsheet cell holds 32,767 at most. In a workbook the row is hidden; in a CSV file it is the
first line. Ids, ranks, tracks, scales, dimensions, sources and everything else without a
column come back from it; the cells say what the levels expect, and what they say wins (see
pmframework.sheets.restore). Delete the row to import the sheet as a new ladder.
"""

from __future__ import annotations

import json
from typing import Any

from pmframework.sheets.grid import METADATA_MARK, Grid

MARK = METADATA_MARK
CHUNK = 30_000


def metadata_cells(data: Any, track: str) -> tuple[str, ...]:
    """The metadata row of the sheet of one track."""
    text = json.dumps(
        {"track": track, "ladder": data}, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return (MARK, *(text[start : start + CHUNK] for start in range(0, len(text), CHUNK)))


def read_metadata(grid: Grid) -> dict[str, Any] | None:
    """The metadata row of a sheet pmframework exported (``track`` and ``ladder``), or None
    for any other sheet; an error at the row when it is damaged."""
    if grid.text(1, 1).strip() != MARK:
        return None
    text = "".join(grid.text(1, column) for column in grid.filled(1) if column > 1)
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("track"), str)
        or not isinstance(value.get("ladder"), dict)
    ):
        raise grid.error(
            1,
            1,
            "the row of pmframework metadata is damaged (row 1 must hold the ladder as JSON, as "
            "export wrote it); delete the row to import the sheet as a new ladder",
        )
    return value
