"""What each semantic rule costs on a large ladder, apart from loading and checking the schema.

Generates a ladder of ``--competencies`` competencies at ten levels (one criterion each, each
level inheriting the one below: 50,000 statements by default), builds its model once, walks its
statements and citations once (the model's cost, which the first rule to ask would otherwise
pay), then runs every rule ``--repeat`` times and prints each one's median CPU time, with the
garbage collector tuned as the command line tunes it. The ladder passes every rule, so the
figures are what validate pays on a valid file.

Usage: python benchmarks/rules.py [--competencies 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ladders import generate_ladder, ladder_yaml

from pmframework.check.engine import check_loaded
from pmframework.check.rules import RULES
from pmframework.load.document import parse_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--competencies", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gc.set_threshold(100_000, 50, 100)  # as pmframework.cli sets it
    data = generate_ladder(
        levels=10, competencies=args.competencies, tracks=1, areas=50, criteria=1
    )
    document = parse_document("generated.yaml", ladder_yaml(data))
    findings, ladder = check_loaded(document, ())
    if ladder is None:
        sys.exit(f"the generated ladder does not follow the schema: {findings[:3]}")
    list(ladder.citations())
    ladder.inheritance.reach(ladder.levels[-1])
    total = 0.0
    print(f"{len(list(ladder.statements())):,} statements; median CPU seconds of each rule:")
    for rule_id, rule in RULES.items():
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            found = list(rule.check(ladder))
            times.append(time.process_time() - start)
        if found:
            sys.exit(f"{rule_id} finds {len(found)} problems in the generated ladder")
        total += statistics.median(times)
        print(f"  {rule_id} {rule.NAME:<28} {statistics.median(times):.3f}")
    print(f"  {'all rules':<35} {total:.3f}")


if __name__ == "__main__":
    main()
