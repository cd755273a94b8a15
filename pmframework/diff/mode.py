"""Choosing how to compare two ladders: as versions of one, or as two companies' ladders."""

from __future__ import annotations

from pmframework.diff.results import Mode
from pmframework.model.ladder import Ladder

# Two ladders are versions of one when at least this share of their ids is shared.
VERSION_SHARE = 0.5


def shared_id_share(a: Ladder, b: Ladder) -> float:
    """Level and competency ids both ladders use, as a share of all their ids (0–1)."""
    ids_a = {lv.id for lv in a.levels} | {c.id for c in a.competencies}
    ids_b = {lv.id for lv in b.levels} | {c.id for c in b.competencies}
    return len(ids_a & ids_b) / len(ids_a | ids_b)


def choose_mode(a: Ladder, b: Ladder, requested: str = "auto") -> tuple[Mode, str]:
    """``versions`` or ``companies``, and why, in words."""
    share = shared_id_share(a, b)
    shared = f"{share:.0%} of level and competency ids shared"
    if requested == "versions":
        return "versions", f"versions of one ladder (--mode versions; {shared})"
    if requested == "companies":
        return "companies", f"different ladders (--mode companies; {shared})"
    if a.framework.id == b.framework.id:
        return "versions", f"versions of one ladder: same framework id {a.framework.id!r}"
    if share >= VERSION_SHARE:
        return "versions", f"versions of one ladder: {shared}"
    return "companies", f"different ladders: {shared} (below {VERSION_SHARE:.0%})"
