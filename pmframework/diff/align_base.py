"""What aligning two ladders finds, as values (matches with their evidence, bars that differ,
the comparison), and the ``--map`` file's shape. Scores are combined here too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

# The --map file and declared pairs: {section: {id in B: id(s) in A, or None for none}}.
MapValue = str | Sequence[str] | None
Crosswalk = Mapping[str, Mapping[str, MapValue]]


def map_targets(value: MapValue) -> tuple[str, ...]:
    """A ``--map`` value as a tuple of ids of A: ``()`` for no counterpart."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an alignment: its score (0–1), weight and what it saw."""

    name: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True, kw_only=True)
class Match:
    """A level or competency of A and its counterpart in B; either is None when it has none."""

    kind: Literal["level", "competency"]
    a: str | None
    b: str | None
    a_label: str | None
    b_label: str | None
    confidence: float
    signals: tuple[Signal, ...] = ()
    a_rank: float | None = None
    b_rank: float | None = None

    @property
    def evidence(self) -> str:
        """The signals in words, strongest contribution first."""
        ordered = sorted(self.signals, key=lambda s: (-s.score * s.weight, s.name))
        return "; ".join(s.detail for s in ordered)


@dataclass(frozen=True, kw_only=True)
class BarDifference:
    """Something one ladder expects at a lower level than the other does.

    ``kind`` is ``entry`` (where a competency starts to be expected; no texts) or ``criterion``
    (a criterion and its closest counterpart). ``b_position`` is the rank B's level counts
    at: its own, or that of the A level the ``--map`` file maps it to.
    """

    kind: Literal["entry", "criterion"]
    competency_a: str
    competency_b: str
    label: str
    a_level: str
    a_rank: float
    b_level: str
    b_rank: float
    b_position: float
    a_text: str | None = None
    b_text: str | None = None
    overlap: float = 1.0

    @property
    def lower(self) -> Literal["a", "b"]:
        """Which ladder expects it at the lower level."""
        return "a" if self.a_rank < self.b_position else "b"


@dataclass(frozen=True)
class CompanyComparison:
    levels: tuple[Match, ...]
    competencies: tuple[Match, ...]
    bars: tuple[BarDifference, ...]
    equal: bool = False

    def summary(self) -> str:
        if self.equal:
            return "no differences"
        pairs = [m for m in self.levels if m.a is not None and m.b is not None]
        matched = [m for m in self.competencies if m.a is not None and m.b is not None]
        levels_a = len({m.a for m in self.levels if m.a is not None})
        competencies_a = len({m.a for m in self.competencies if m.a is not None})
        bars = len(self.bars)
        return (
            f"{len({m.a for m in pairs})} of {levels_a} levels aligned, "
            f"{len(matched)} of {competencies_a} competencies aligned, "
            f"{bars} {'bar differs' if bars == 1 else 'bars differ'}"
        )


# --- scores ---------------------------------------------------------------------------------


def confidence_of(signals: Iterable[Signal]) -> float:
    signals = list(signals)
    weight = sum(s.weight for s in signals)
    return round(sum(s.score * s.weight for s in signals) / weight, 2) if weight else 0.0


def fixed_signals(detail: str) -> tuple[Signal, ...]:
    return (Signal("map", 1.0, 1.0, detail),)


@dataclass(frozen=True)
class Scored:
    confidence: float
    signals: tuple[Signal, ...]
