"""Matching the entries of two lists that have no ids (statements, steps): equal entries first,
then the most similar remaining ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pmframework.diff.textdiff import similarity

PAIR_SIMILARITY = 0.5
# Beyond this many candidate pairs in one list, statements are only matched when equal.
_MAX_PAIRS = 10_000


def pair_by_similarity(
    old: Sequence[str],
    new: Sequence[str],
    *,
    exact: Callable[[int, int], bool] | None = None,
    threshold: float = PAIR_SIMILARITY,
) -> list[tuple[int, int]]:
    """Index pairs (old, new): equal entries first, then the most similar remaining ones.

    Ties are broken by position, so the result is deterministic.
    """
    same = exact or (lambda i, j: old[i] == new[j])
    pairs: list[tuple[int, int]] = []
    free_new = list(range(len(new)))
    free_old = []
    for i in range(len(old)):
        j = next((j for j in free_new if same(i, j)), None)
        if j is None:
            free_old.append(i)
        else:
            free_new.remove(j)
            pairs.append((i, j))
    if free_old and free_new and len(free_old) * len(free_new) <= _MAX_PAIRS:
        scored = sorted(
            (-score, i, j)
            for i in free_old
            for j in free_new
            if (score := similarity(old[i], new[j])) >= threshold
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in scored:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((i, j))
    return sorted(pairs)
