"""How well, and how cheaply, ``pmframework diff`` aligns two different companies' ladders.

    python benchmarks/alignment.py              # quality on every gold pair, then cost
    python benchmarks/alignment.py --show       # also every disagreement with the gold set
    python benchmarks/alignment.py --no-cost    # quality only

**Quality.** ``benchmarks/alignment/gold/`` holds one file per pair of ladders: the built-ins,
and ladders written for this benchmark in the shape of public PM and engineering ladders
(``benchmarks/alignment/ladders/``). Each file lists the level and competency pairs an expert
draws (``pairs``), pairs that are defensible but not required (``also``: not counted against
the alignment when proposed, not missed when left out), and the items with no counterpart
(``none_a``, ``none_b``); every item of both ladders is in one of them, which the benchmark
checks. Precision is the share of proposed pairs that are expert pairs (``also`` pairs left
out of the count), recall the share of expert pairs proposed. Pairs marked ``held_out: true``
took no part in tuning the alignment and are reported apart.

**Cost.** Two generated ladders of 1,000 competencies each, aligned in a fresh process:
CPU seconds of ``compare_companies`` and the process's peak resident memory. ``numbered`` is
the ladder generator of the other benchmarks (names "Competency 17", random texts over 31
words); ``worded`` gives each competency a two-word name and a description drawn from a
vocabulary of ladder words, so that many pairs share words and candidates have to be pruned.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pmframework.check.engine import load_ladder
from pmframework.diff.align import CompanyComparison, compare_companies

HERE = Path(__file__).resolve().parent
GOLD = HERE / "alignment" / "gold"
SECTIONS = ("levels", "competencies")

Pair = tuple[str, str]


@dataclass
class Score:
    """Counts of agreements with the gold set, added up over ladder pairs."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative
        self.wrong.extend(other.wrong)

    def figures(self) -> tuple[float, float, float]:
        proposed = self.true_positive + self.false_positive
        expected = self.true_positive + self.false_negative
        precision = self.true_positive / proposed if proposed else 1.0
        recall = self.true_positive / expected if expected else 1.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)


def load_spec(spec: str) -> Any:
    path = spec if spec.startswith("builtin:") else str(HERE / "alignment" / spec)
    return load_ladder(path)


def _ids(ladder: Any, section: str) -> set[str]:
    items = ladder.levels if section == "levels" else ladder.competencies
    return {item.id for item in items}


def check_gold(name: str, gold: dict[str, Any], a: Any, b: Any) -> None:
    """Every item of both ladders is judged, and every id named exists."""
    for section in SECTIONS:
        if section not in gold:
            continue
        judged = gold[section]
        ids_a, ids_b = _ids(a, section), _ids(b, section)
        listed = judged["pairs"] + judged.get("also", [])
        seen_a = {x for x, _ in listed} | set(judged["none_a"])
        seen_b = {y for _, y in listed} | set(judged["none_b"])
        for ids, seen, side in ((ids_a, seen_a, "a"), (ids_b, seen_b, "b")):
            if seen - ids:
                raise SystemExit(f"{name}: {section} of {side} has no {sorted(seen - ids)}")
            if ids - seen:
                raise SystemExit(f"{name}: {section} of {side} not judged: {sorted(ids - seen)}")


def proposed(comparison: CompanyComparison, section: str) -> set[Pair]:
    matches = comparison.levels if section == "levels" else comparison.competencies
    return {(m.a, m.b) for m in matches if m.a is not None and m.b is not None}


def score(name: str, gold: dict[str, Any], found: set[Pair]) -> Score:
    expected = {tuple(p) for p in gold["pairs"]}
    allowed = expected | {tuple(p) for p in gold.get("also", [])}
    result = Score(len(found & expected), len(found - allowed), len(expected - found))
    result.wrong += [f"{name}: proposed {x} ↔ {y}" for x, y in sorted(found - allowed)]
    result.wrong += [f"{name}: missed {x} ↔ {y}" for x, y in sorted(expected - found)]
    return result


def quality() -> dict[str, dict[str, Score]]:
    """Scores per group (tuning, held-out, all) and section (levels, competencies)."""
    totals = {g: {s: Score() for s in SECTIONS} for g in ("tuning", "held-out", "all")}
    for path in sorted(GOLD.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        a, b = load_spec(gold["a"]), load_spec(gold["b"])
        check_gold(path.stem, gold, a, b)
        comparison = compare_companies(a, b, {})
        group = "held-out" if gold.get("held_out") else "tuning"
        cells = []
        for section in SECTIONS:
            if section not in gold:
                cells.append("—")
                continue
            result = score(f"{path.stem} {section}", gold[section], proposed(comparison, section))
            totals[group][section].add(result)
            totals["all"][section].add(result)
            cells.append("P {:.2f} R {:.2f} F1 {:.2f}".format(*result.figures()))
        print(f"| {path.stem} | {group} | {cells[0]} | {cells[1]} |")
    return totals


# --- cost ---------------------------------------------------------------------------------------

_VOCABULARY_TEXT = (
    "customer user market discovery research insight data metric analytics outcome impact "
    "strategy vision roadmap direction priority judgement decision delivery execution launch "
    "release scope estimate quality craft code testing review design system architecture "
    "service platform reliability incident monitoring security privacy performance scale "
    "communication writing narrative presentation feedback influence alignment stakeholder "
    "partner negotiation conflict team people hiring recruiting mentoring coaching career "
    "growth learning culture values wellbeing inclusion budget pricing revenue growth "
    "experiment hypothesis risk compliance documentation onboarding support operations "
    "planning programme dependency portfolio process ownership initiative evangelism"
)
_VOCABULARY = tuple(_VOCABULARY_TEXT.split())


def worded_ladder(seed: int, competencies: int) -> dict[str, Any]:
    """A ladder whose competencies have two-word names and twelve-word descriptions."""
    from benchmarks.ladders import generate_ladder

    rng = random.Random(seed)
    data = generate_ladder(levels=3, competencies=competencies, tracks=1, criteria=1, seed=seed)
    for area in data["areas"]:
        for competency in area["competencies"]:
            words = rng.sample(_VOCABULARY, 2)
            competency["name"] = f"{words[0].capitalize()} and {words[1]}"
            competency["description"] = " ".join(rng.choice(_VOCABULARY) for _ in range(12))
    data["framework"]["id"] = f"worded-{seed}"
    return data


def numbered_ladder(seed: int, competencies: int) -> dict[str, Any]:
    from benchmarks.ladders import generate_ladder

    data = generate_ladder(levels=1, competencies=competencies, tracks=1, criteria=1, seed=seed)
    data["framework"]["id"] = f"numbered-{seed}"
    return data


_CHILD = """
import json, resource, sys, time
from pmframework.diff.align import compare_companies
from pmframework.check.engine import load_ladder
a, b = load_ladder(sys.argv[1]), load_ladder(sys.argv[2])
start = time.process_time()
result = compare_companies(a, b, {})
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu": cpu, "peak": peak, "summary": result.summary()}))
"""


def cost(competencies: int = 1000) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for shape, make in (("numbered", numbered_ladder), ("worded", worded_ladder)):
            paths = []
            for seed in (1, 2):
                path = Path(folder) / f"{shape}-{seed}.yaml"
                data = make(seed, competencies)
                path.write_text(yaml.safe_dump(data, sort_keys=False, width=200), "utf-8")
                paths.append(path)
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, *map(str, paths)],
                capture_output=True,
                text=True,
                check=True,
                cwd=HERE.parent,
            )
            row = json.loads(done.stdout)
            row["shape"], row["kilobytes"] = shape, paths[0].stat().st_size / 1000
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    parser.add_argument("--no-cost", action="store_true", help="skip the cost measure")
    options = parser.parse_args()
    print("| pair | group | levels | competencies |\n|---|---|---|---|")
    totals = quality()
    print("\n| group | levels P | R | F1 | competencies P | R | F1 |")
    print("|---|---|---|---|---|---|---|")
    for group, sections in totals.items():
        figures = [f"{v:.2f}" for s in SECTIONS for v in sections[s].figures()]
        print(f"| {group} | {' | '.join(figures)} |")
    if options.show:
        for section in SECTIONS:
            for line in totals["all"][section].wrong:
                print("  ", line)
    if not options.no_cost:
        print("\n| 1,000 competencies each | file | align (CPU) | peak memory | result |")
        print("|---|---|---|---|---|")
        for row in cost():
            print(
                f"| {row['shape']} | {row['kilobytes']:.0f} KB | {row['cpu']:.2f} s | "
                f"{row['peak']:.0f} MB | {row['summary']} |"
            )


if __name__ == "__main__":
    main()
